import { closeSync, ftruncateSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { copyExamples } from '../support/examples.js';

/**
 * Hostile and broken files: each gives a located error and exit 1, never a stack trace, and never
 * stops the other files from being checked.
 */
const NOW = '2026-11-26T12:00:00+08:00';
let dir: string;

const cases: Record<string, { write: (file: string) => void; code: string; line: number; column: number }> = {
  'empty.yaml': { write: (f) => writeFileSync(f, ''), code: 'E_EMPTY_FILE', line: 1, column: 1 },
  'comments-only.yaml': {
    write: (f) => writeFileSync(f, '# nothing here\n---\n'),
    code: 'E_EMPTY_FILE',
    line: 1,
    column: 1,
  },
  'binary.yaml': {
    write: (f) =>
      writeFileSync(f, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
    code: 'E_NOT_TEXT',
    line: 1,
    column: 1,
  },
  'gbk.yaml': {
    // "name: 直播" encoded in GBK on line 2. D6 B1 happens to be valid UTF-8 (U+05B1), so the first
    // invalid byte is B2, the 8th character of the line.
    write: (f) =>
      writeFileSync(
        f,
        Buffer.concat([
          Buffer.from('apiVersion: livectl/v1\nname: '),
          Buffer.from([0xd6, 0xb1, 0xb2, 0xa5]),
          Buffer.from('\n'),
        ]),
      ),
    code: 'E_ENCODING',
    line: 2,
    column: 8,
  },
  'huge.yaml': {
    write: (f) => {
      const fd = openSync(f, 'w');
      ftruncateSync(fd, 50 * 1024 * 1024);
      closeSync(fd);
    },
    code: 'E_FILE_TOO_LARGE',
    line: 0,
    column: 0,
  },
  'alias-bomb.yaml': {
    write: (f) => {
      const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 0; i < 9; i++) {
        const prev = String.fromCharCode(97 + i);
        const next = String.fromCharCode(98 + i);
        lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
      }
      writeFileSync(f, `${lines.join('\n')}\n`);
    },
    code: 'E_YAML_ALIAS_BOMB',
    line: 1,
    column: 1,
  },
  'deep-flow.yaml': {
    write: (f) => writeFileSync(f, `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`),
    code: 'E_YAML_TOO_DEEP',
    line: 1,
    column: 1,
  },
  'deep-block.yaml': {
    // Block sequences nested 10,000 deep on one line ("- - - … x").
    write: (f) => writeFileSync(f, `${'- '.repeat(10_000)}x\n`),
    code: 'E_YAML_TOO_DEEP',
    line: 1,
    column: 1,
  },
  'duplicate-keys.yaml': {
    write: (f) => writeFileSync(f, 'apiVersion: livectl/v1\nkind: Campaign\nkind: Campaign\n'),
    code: 'E_YAML_DUPLICATE_KEY',
    line: 3,
    column: 1,
  },
  'tabs.yaml': {
    write: (f) => writeFileSync(f, 'apiVersion: livectl/v1\nroom:\n\tname: x\n'),
    code: 'E_YAML_TAB_AS_INDENT',
    line: 3,
    column: 1,
  },
  'a-list.yaml': { write: (f) => writeFileSync(f, '- 1\n- 2\n'), code: 'E_TYPE', line: 1, column: 1 },
  'syntax.yaml': {
    write: (f) => writeFileSync(f, 'room: {name: "unclosed\n'),
    code: 'E_YAML_MISSING_CHAR',
    line: 2,
    column: 1,
  },
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'livectl-bad-'));
  for (const [name, c] of Object.entries(cases)) c.write(path.join(dir, name));
  copyExamples(path.join(dir, 'good'));
});

describe('validate on broken and hostile files', () => {
  it('reports every bad file with a located error and still checks the good one', async () => {
    const names = Object.keys(cases);
    const r = await runCli(['validate', ...names, 'good/minimal.yaml', '--format', 'json', '--now', NOW], {
      cwd: dir,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc.formatVersion).toBe(1);
    for (const name of names) {
      const f = doc.files.find((x: { file: string }) => x.file === name);
      const c = cases[name]!;
      const d = f.diagnostics.find((x: { code: string }) => x.code === c.code);
      expect(d, `${name} should report ${c.code}, got ${JSON.stringify(f.diagnostics)}`).toBeDefined();
      expect({ line: d.line, column: d.column }).toEqual({ line: c.line, column: c.column });
      expect(d.severity).toBe('error');
    }
    const good = doc.files.find((x: { file: string }) => x.file === 'good/minimal.yaml');
    expect(good.diagnostics).toEqual([]);
    expect(doc.summary.invalidFiles).toBe(names.length);
  });

  it('prints no stack trace in text mode', async () => {
    const r = await runCli(['validate', ...Object.keys(cases), '--now', NOW], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    expect(r.stdout).toContain('tabs.yaml:3:1 error[E_YAML_TAB_AS_INDENT]');
  });

  it('reports a missing file and a folder given as a file', async () => {
    const r = await runCli(['validate', 'nope.yaml', '--format', 'json', '--now', NOW], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).files[0].diagnostics[0].code).toBe('E_FILE_NOT_FOUND');
  });
});
