import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
    // At the first alias that takes the expansion past the limit: *d in "e: &e [*d, …]".
    line: 5,
    column: 8,
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

const BIN = fileURLToPath(new URL('../../bin/livectl.js', import.meta.url));

/**
 * The built CLI in a child process, killed after 20 s: a FIFO blocks a synchronous open in the
 * process itself, so only a separate process lets the test fail instead of hanging.
 */
function spawnCli(args: string[], cwd: string) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 20_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { ...r, ms: Date.now() - started };
}

describe.runIf(process.platform !== 'win32')('special files: refused before a byte is read', () => {
  let special: string;
  beforeAll(() => {
    special = mkdtempSync(path.join(tmpdir(), 'livectl-special-'));
    spawnSync('mkfifo', [path.join(special, 'fifo.yaml')]);
    symlinkSync('/dev/zero', path.join(special, 'zero.yaml'));
  });

  for (const command of ['validate', 'plan']) {
    for (const [name, kind] of [
      ['fifo.yaml', 'named pipe'],
      ['zero.yaml', 'character device'],
    ] as const) {
      it(`${command} ${name}: E_NOT_A_FILE quickly, no hang, no memory growth`, () => {
        const r = spawnCli([command, name, '--now', NOW, '--format', 'json'], special);
        expect(r.error, `${command} ${name} did not finish (${r.ms} ms)`).toBeUndefined();
        expect(r.status).toBe(1);
        const doc = JSON.parse(r.stdout);
        const d = doc.files[0].diagnostics[0];
        expect(d.code).toBe('E_NOT_A_FILE');
        expect(d.message).toContain(kind);
        expect(r.ms).toBeLessThan(10_000);
      }, 30_000);
    }
  }
});

/** Variants of campaigns/minimal.yaml, written beside its assets (good/) so only the change counts. */
describe('hostile text in a campaign', () => {
  const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
  let minimal: string;
  const write = (name: string, text: string | Buffer) => {
    writeFileSync(path.join(dir, 'good', name), text);
    return `good/${name}`;
  };
  const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
  const validateJson = async (file: string) => {
    const r = await runCli(['validate', file, '--format', 'json', '--now', NOW], { cwd: dir });
    return {
      code: r.code,
      diagnostics: JSON.parse(r.stdout).files[0].diagnostics as Record<string, unknown>[],
    };
  };
  beforeAll(async () => {
    const { readFileSync } = await import('node:fs');
    minimal = readFileSync(path.join(dir, 'good/minimal.yaml'), 'utf8');
  });

  it('plan and validate: ESC and bidi in names are located errors and never printed raw', async () => {
    const text = minimal
      .replace('name: 春茶上新直播', 'name: "春茶\\e[2J\\e]0;pwned\\a上新直播"')
      .replace('name: 明前龙井250克', 'name: "明前\u202e龙井250克"');
    const file = write('esc.yaml', text);
    for (const command of ['plan', 'validate']) {
      const r = await runCli([command, file, '--now', NOW], { cwd: dir });
      expect(r.code).toBe(1);
      const out = r.stdout + r.stderr;
      expect(out).not.toMatch(RAW);
      expect(out).toContain(`${file}:${lineOf(text, 'pwned')}:9 error[E_CONTROL_CHAR]`);
      expect(out).toContain('明前\\u202e龙井'); // the code frame, escaped
      expect(out).toContain('error[E_CONTROL_CHAR] "name" contains a bidi control U+202E');
    }
  });

  it('a spring-forward local time is an error at its line; a fall-back one a warning', async () => {
    const ny = minimal.replace('  name: spring-tea', '  name: spring-tea\n  timezone: America/New_York');
    const gap = ny.replace('start: 2027-04-10T19:30', 'start: 2027-03-14T02:30');
    const r = await validateJson(write('gap.yaml', gap));
    expect(r.code).toBe(1);
    expect(r.diagnostics.find((d) => d.code === 'E_TIME_NONEXISTENT')).toMatchObject({
      severity: 'error',
      path: ['room', 'start'],
      line: lineOf(gap, 'start: 2027-03-14T02:30'),
    });
    const wave = ny
      .replace('start: 2027-04-10T19:30', 'start: 2027-03-15T19:30')
      .replace('at: -1d@12:00', 'at: -1d@02:15');
    const w = await validateJson(write('gap-wave.yaml', wave));
    expect(w.diagnostics.find((d) => d.code === 'E_TIME_NONEXISTENT')).toMatchObject({
      path: ['waves', 1, 'at'],
      line: lineOf(wave, '-1d@02:15'),
    });
    const twice = ny.replace('start: 2027-04-10T19:30', 'start: 2027-11-07T01:30');
    const o = await validateJson(write('overlap.yaml', twice));
    const warn = o.diagnostics.find((d) => d.code === 'W_TIME_AMBIGUOUS');
    expect(warn).toMatchObject({ severity: 'warning', path: ['room', 'start'] });
    expect(String(warn?.message)).toContain('2027-11-07T05:30Z');
  });

  it('a 1 MB room name gives a short diagnostic with a narrow code frame', async () => {
    const text = minimal.replace('name: 春茶上新直播', `name: ${'a'.repeat(1024 * 1024)}`);
    const file = write('long-name.yaml', text);
    const r = await runCli(['validate', file, '--now', NOW], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error[E_ROOM_NAME_WIDTH]');
    expect(r.stdout.length).toBeLessThan(8000); // seven diagnostics; on main it was over 7 MB
    expect(r.stdout.split('\n').every((l) => l.length < 600)).toBe(true);
    expect(r.stdout).toContain('…');
  });

  it('UTF-16 is named; CR-only line ends are read', async () => {
    const bom = await validateJson(
      write('utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(minimal, 'utf16le')])),
    );
    expect(bom.diagnostics[0]).toMatchObject({ code: 'E_ENCODING' });
    expect(String(bom.diagnostics[0]!.message)).toContain('UTF-16');
    const cr = await validateJson(write('cr.yaml', minimal.replace(/\n/g, '\r')));
    expect(cr).toEqual({ code: 0, diagnostics: [] });
  });

  it('150 uses of one scalar anchor are fine', async () => {
    const text = minimal.replace(
      'metadata:\n  name: spring-tea',
      `metadata:\n  name: &n spring-tea\n  labels: {${Array.from({ length: 150 }, (_, i) => `k${i}: *n`).join(', ')}}`,
    );
    expect(await validateJson(write('aliases.yaml', text))).toEqual({ code: 0, diagnostics: [] });
  });

  it('says what was found: infinity, NaN, binary; checks __proto__ keys', async () => {
    const inf = await validateJson(write('inf.yaml', minimal.replace('amount: 168', 'amount: 1e309')));
    expect(String(inf.diagnostics.find((d) => d.code === 'E_TYPE')?.message)).toMatch(
      /must be a number, not infinity/,
    );
    const nan = await validateJson(write('nan.yaml', minimal.replace('amount: 168', 'amount: .nan')));
    expect(String(nan.diagnostics.find((d) => d.code === 'E_TYPE')?.message)).toMatch(/not NaN/);
    const bin = await validateJson(
      write('bin.yaml', minimal.replace('name: 春茶上新直播', 'name: !!binary aGVsbG8=')),
    );
    expect(String(bin.diagnostics.find((d) => d.code === 'E_TYPE')?.message)).toMatch(
      /must be text, not binary data/,
    );
    const proto = minimal.replace(
      '  name: spring-tea',
      '  name: spring-tea\n  labels: { __proto__: { a: 1 } }',
    );
    const p = await validateJson(write('proto.yaml', proto));
    expect(p.code).toBe(1);
    expect(p.diagnostics.find((d) => d.code === 'E_TYPE')).toMatchObject({
      path: ['metadata', 'labels', '__proto__'],
      line: lineOf(proto, '__proto__'),
    });
  });
});
