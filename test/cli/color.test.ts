import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colorEnabled } from '../../src/platform/node-deps.js';

/** When text output carries ANSI colour: NO_COLOR, FORCE_COLOR and whether the stream is a terminal. */
const root = fileURLToPath(new URL('../..', import.meta.url));
const NOW = '2026-11-26T12:00:00+08:00';
const ESC = '\u001b[';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'livectl-color-'));
  const text = readFileSync(path.join(root, 'campaigns', 'minimal.yaml'), 'utf8');
  writeFileSync(path.join(dir, 'typo.yaml'), text.replace('  duration: 1h30m', '  duraton: 1h30m'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The built CLI in a pipe (not a terminal), with only the colour variables given here. */
function validateInPipe(colorEnv: Record<string, string>) {
  const { NO_COLOR: _n, FORCE_COLOR: _f, TERM: _t, ...env } = process.env;
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'bin', 'livectl.js'), 'validate', 'typo.yaml', '--now', NOW],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...env, ...colorEnv },
    },
  );
  expect(r.status).toBe(1);
  expect(r.stdout).toContain('error[E_UNKNOWN_KEY]');
  return r.stdout;
}

describe('colour', () => {
  it('is off in a pipe, and with FORCE_COLOR=0 or NO_COLOR even when forced', () => {
    expect(validateInPipe({})).not.toContain(ESC);
    expect(validateInPipe({ FORCE_COLOR: '0' })).not.toContain(ESC);
    expect(validateInPipe({ FORCE_COLOR: 'false' })).not.toContain(ESC);
    expect(validateInPipe({ NO_COLOR: '1', FORCE_COLOR: '1' })).not.toContain(ESC);
  });

  it('is on in a pipe when FORCE_COLOR asks for it', () => {
    expect(validateInPipe({ FORCE_COLOR: '1' })).toContain(ESC);
  });

  it('follows the terminal otherwise', () => {
    expect(colorEnabled(true, {})).toBe(true);
    expect(colorEnabled(true, { TERM: 'dumb' })).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: '' })).toBe(true); // no-color.org: only a non-empty value counts
    expect(colorEnabled(true, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorEnabled(false, {})).toBe(false);
    expect(colorEnabled(false, { FORCE_COLOR: '' })).toBe(true);
    expect(colorEnabled(false, { FORCE_COLOR: '3' })).toBe(true);
  });
});
