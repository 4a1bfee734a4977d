import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../src/emulator/index.js';
import { copyExamples } from './support/examples.js';

/**
 * Every README block fenced as ```sh runnable runs here, as written, in bash with `set -euo
 * pipefail`: in a fresh copy of campaigns/, with `livectl` on the PATH (bin/livectl.js, the built
 * bundle). No LIVECTL_STATE: the state stores land where the README says (beside the campaign, or
 * in the working directory), inside the temporary copy, so a tour that relies on a store the reader
 * would not have fails here. ```sh runnable emulator blocks also get a fresh emulator,
 * with LIVECTL_WECHAT_API / LIVECTL_WECOM_API set as the tour tells the reader to.
 *
 * The clock is injected, never today's: LIVECTL_NOW (honoured wherever --now is) and the emulator's
 * clock are both README_NOW, a date before the bundled campaign's, so the blocks pass on any day.
 */
const README_NOW = '2026-11-26T12:00:00+08:00';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const run = promisify(execFile);

interface Block {
  line: number;
  emulator: boolean;
  code: string;
}

function runnableBlocks(text: string): Block[] {
  const out: Block[] = [];
  const re = /^```sh runnable( emulator)?\n([\s\S]*?)^```$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ line: text.slice(0, m.index).split('\n').length, emulator: Boolean(m[1]), code: m[2]! });
  }
  return out;
}

const blocks = runnableBlocks(readme);

describe('README runnable blocks', () => {
  it('has some', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    expect(blocks.some((b) => b.emulator)).toBe(true);
  });

  it.each(blocks.map((b) => [b.line, b] as const))(
    'the block at README.md:%i runs',
    async (_line, block) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'livectl-readme-'));
      const emu = block.emulator
        ? await startEmulator({ audit: 'auto', now: new Date(README_NOW) })
        : undefined;
      try {
        copyExamples(path.join(dir, 'campaigns'));
        const bin = path.join(dir, '.bin');
        mkdirSync(bin);
        writeFileSync(
          path.join(bin, 'livectl'),
          `#!/bin/sh\nexec "${process.execPath}" "${path.join(ROOT, 'bin', 'livectl.js')}" "$@"\n`,
          { mode: 0o755 },
        );
        const env: NodeJS.ProcessEnv = {
          PATH: `${bin}:${process.env.PATH}`,
          HOME: dir,
          NO_COLOR: '1',
          LIVECTL_NOW: README_NOW,
          ...(emu ? { LIVECTL_WECHAT_API: emu.wechatBase, LIVECTL_WECOM_API: emu.wecomBase } : {}),
        };
        try {
          const r = await run('bash', ['-c', `set -euo pipefail\n${block.code}`], {
            cwd: dir,
            env,
            timeout: 120_000,
          });
          // A dispatch that finds no store exits 0 but sends nothing: the reader's tour would be broken.
          expect(r.stdout).not.toContain('No state store');
        } catch (err) {
          const e = err as { stdout?: string; stderr?: string; message: string };
          throw new Error(
            `README.md:${block.line} failed\n${e.message}\n--- stdout ---\n${e.stdout}\n--- stderr ---\n${e.stderr}`,
          );
        }
      } finally {
        await emu?.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    150_000,
  );
});
