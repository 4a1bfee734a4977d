import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../src/emulator/index.js';
import { emulatorOptions } from '../src/emulator/run.js';
import { copyExamples } from './support/examples.js';

/**
 * Every README block fenced as ```sh runnable runs here, as written, in bash with `set -euo
 * pipefail`: in a fresh copy of campaigns/, with `livectl` on the PATH (bin/livectl.js, the built
 * bundle). No LIVECTL_STATE: the state stores land where the README says (beside the campaign, or
 * in the working directory), inside the temporary copy, so a tour that relies on a store the reader
 * would not have fails here. ```sh runnable emulator blocks also get a fresh emulator, started
 * as `livectl emulator --audit auto` starts it (its fixtures too), with LIVECTL_WECHAT_API /
 * LIVECTL_WECOM_API set as the tour tells the reader to.
 *
 * The clock is injected, never today's: LIVECTL_NOW (honoured wherever --now is) and the emulator's
 * clock are both README_NOW, a date before the bundled campaign's, so the blocks pass on any day.
 */
const README_NOW = '2026-11-26T12:00:00+08:00';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The README and its Chinese version; the Chinese blocks run with a Chinese locale. */
const READMES = [
  { file: 'README.md', env: {} },
  { file: 'README.zh-CN.md', env: { LANG: 'zh_CN.UTF-8' } },
] as const;
const run = promisify(execFile);

interface Block {
  file: string;
  env: Readonly<Record<string, string>>;
  line: number;
  emulator: boolean;
  code: string;
}

function runnableBlocks(file: string, env: Block['env']): Block[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const out: Block[] = [];
  const re = /^```sh runnable( emulator)?\n([\s\S]*?)^```$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({
      file,
      env,
      line: text.slice(0, m.index).split('\n').length,
      emulator: Boolean(m[1]),
      code: m[2]!,
    });
  }
  return out;
}

const blocks = READMES.flatMap((r) => runnableBlocks(r.file, r.env));

describe('README runnable blocks', () => {
  it('has some', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    expect(blocks.some((b) => b.emulator)).toBe(true);
  });

  it('runs the same tour commands in the Chinese README as in the English one (comments aside)', () => {
    const commands = (file: string) =>
      blocks.filter((b) => b.file === file).map((b) => b.code.replace(/ +#.*$/gm, '').trimEnd());
    // The Chinese README has the first screen and the guided tour: the English blocks up to there.
    const zh = commands('README.zh-CN.md');
    expect(zh.length).toBeGreaterThanOrEqual(2);
    expect(zh).toEqual(commands('README.md').slice(0, zh.length));
  });

  it.each(blocks.map((b) => [b.file, b.line, b] as const))(
    'the block at %s:%i runs',
    async (_file, _line, block) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'livectl-readme-'));
      const emu = block.emulator
        ? await startEmulator(
            emulatorOptions({ port: '0', audit: 'auto' }, { cwd: dir, env: { LIVECTL_NOW: README_NOW } }),
          )
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
          ...block.env,
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
            `${block.file}:${block.line} failed\n${e.message}\n--- stdout ---\n${e.stdout}\n--- stderr ---\n${e.stderr}`,
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
