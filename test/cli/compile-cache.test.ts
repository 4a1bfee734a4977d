import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/**
 * The V8 code cache that loads the CLI bundle (src/platform/compile-cache.ts), exercised in child
 * processes on a small bundle of its own, and on the real one through bin/livectl.js.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const cacheModule = pathToFileURL(path.join(root, 'dist', 'platform', 'compile-cache.js')).href;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'livectl-cc-'));
  mkdirSync(path.join(dir, 'bundle'));
  writeFileSync(
    path.join(dir, 'bundle', 'main.cjs'),
    `"use strict";
const b = require('./b.cjs');
const outside = require('../outside.cjs');
module.exports = { value: b.twice(21), outside, dir: __dirname, file: __filename, resolved: require.resolve('./b.cjs') };`,
  );
  writeFileSync(
    path.join(dir, 'bundle', 'b.cjs'),
    'exports.twice = (x) => x * 2;\nexports.fail = () => { throw new Error("boom from b"); };\n',
  );
  writeFileSync(path.join(dir, 'outside.cjs'), 'module.exports = "not in the bundle folder";\n');
  writeFileSync(
    path.join(dir, 'run.mjs'),
    `import { compileCacheStats, requireBundle } from ${JSON.stringify(cacheModule)};
const m = requireBundle(${JSON.stringify(path.join(dir, 'bundle', 'main.cjs'))});
if (process.argv[2] === 'fail') require_b_fail();
function require_b_fail() {
  try { requireBundle(${JSON.stringify(path.join(dir, 'bundle', 'b.cjs'))}).fail(); }
  catch (e) { console.log(JSON.stringify({ stack: e.stack })); }
}
process.on('exit', () => console.log(JSON.stringify({ m, stats: compileCacheStats })));`,
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(env: Record<string, string> = {}, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(dir, 'run.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines.at(-1)!) as {
    m: { value: number; outside: string; dir: string; file: string; resolved: string };
    stats: { hits: number; misses: number; rejected: number; written: number };
  };
}

const cacheFiles = () => {
  const base = path.join(dir, 'bundle', '.v8-cache');
  return existsSync(base) ? readdirSync(base).flatMap((v) => readdirSync(path.join(base, v))) : [];
};

describe('compile cache', () => {
  it('writes a cache for each bundle file on the first run and uses it on the next', () => {
    const first = run();
    expect(first.m).toEqual({
      value: 42,
      outside: 'not in the bundle folder',
      dir: path.join(dir, 'bundle'),
      file: path.join(dir, 'bundle', 'main.cjs'),
      resolved: path.join(dir, 'bundle', 'b.cjs'),
    });
    expect(first.stats).toEqual({ hits: 0, misses: 2, rejected: 0, written: 2 });
    // Only the bundle folder's files are cached, under the Node version and architecture.
    expect(cacheFiles().sort()).toEqual(['b.cjs.bin', 'main.cjs.bin']);
    expect(readdirSync(path.join(dir, 'bundle', '.v8-cache'))).toEqual([
      `${process.version}-${process.arch}`,
    ]);

    const second = run();
    expect(second.m).toEqual(first.m);
    expect(second.stats).toEqual({ hits: 2, misses: 0, rejected: 0, written: 0 });
  });

  it('recompiles and rewrites a damaged cache file', () => {
    run();
    const bin = path.join(dir, 'bundle', '.v8-cache', `${process.version}-${process.arch}`, 'b.cjs.bin');
    writeFileSync(bin, 'not a code cache');
    const again = run();
    expect(again.m.value).toBe(42);
    expect(again.stats).toEqual({ hits: 1, misses: 0, rejected: 1, written: 1 });
    expect(run().stats).toEqual({ hits: 2, misses: 0, rejected: 0, written: 0 });
  });

  it('runs the new code of a chunk edited to the same length (the cache is keyed by its content)', () => {
    expect(run().m.value).toBe(42);
    const b = path.join(dir, 'bundle', 'b.cjs');
    const edited = readFileSync(b, 'utf8').replace('x * 2', 'x * 3');
    // V8 checks only a cached script's source length: this edit alone would pass its check.
    expect(edited.length).toBe(readFileSync(b, 'utf8').length);
    writeFileSync(b, edited);
    const again = run();
    expect(again.m.value).toBe(63);
    expect(again.stats).toEqual({ hits: 1, misses: 0, rejected: 1, written: 1 });
    const third = run();
    expect(third.m.value).toBe(63);
    expect(third.stats).toEqual({ hits: 2, misses: 0, rejected: 0, written: 0 });
  });

  it('runs without a cache where it cannot write one, and not at all when turned off', () => {
    writeFileSync(path.join(dir, 'bundle', '.v8-cache'), 'a file where the cache folder would go');
    const blocked = run();
    expect(blocked.m.value).toBe(42);
    expect(blocked.stats).toMatchObject({ misses: 2, written: 0 });

    rmSync(path.join(dir, 'bundle', '.v8-cache'));
    const off = run({ LIVECTL_COMPILE_CACHE: '0' });
    expect(off.m.value).toBe(42);
    expect(off.stats).toEqual({ hits: 0, misses: 0, rejected: 0, written: 0 });
    expect(existsSync(path.join(dir, 'bundle', '.v8-cache'))).toBe(false);
  });

  it('keeps file names in stack traces of cached code', () => {
    run();
    const r = spawnSync(process.execPath, [path.join(dir, 'run.mjs'), 'fail'], { encoding: 'utf8' });
    const { stack } = JSON.parse(r.stdout.trim().split('\n')[0]!) as { stack: string };
    expect(stack).toContain('boom from b');
    expect(stack).toContain(path.join(dir, 'bundle', 'b.cjs'));
  });

  it('serves the real CLI bundle from the cache once it has run', () => {
    const help = () =>
      spawnSync(process.execPath, [path.join(root, 'bin', 'livectl.js'), '--help'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, LIVECTL_COMPILE_CACHE: 'debug' },
      });
    help();
    const r = help();
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('validate');
    const stats = JSON.parse(/compile cache: (\{.*\})/.exec(r.stderr)![1]!);
    expect(stats.hits).toBeGreaterThan(0);
    expect(stats.misses).toBe(0);
  });
});
