import type vmTypes from 'node:vm';

// Node's built-ins as CommonJS objects: an ES `import` of one builds its ES module facade, which
// reads every export — node:fs's `ReadStream` getter alone loads the streams (~2.5 ms of `--help`).
const { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = process.getBuiltinModule('node:fs');
const Module = process.getBuiltinModule('node:module');
const path = process.getBuiltinModule('node:path');
const vm = process.getBuiltinModule('node:vm');

/**
 * V8 code cache for the CLI bundle (dist/bundle/*.cjs), what Node 22's `module.enableCompileCache()`
 * does, for Node 20. A short command such as `livectl validate one.yaml` spends a third of its
 * time compiling JavaScript — the bundle's sources and then each function on its first call; with
 * the cache V8 reads the compiled code back instead (measured: ~40 ms of ~270 ms).
 *
 * How: chunks of the bundle are compiled as vm.Script with `cachedData` from
 * `<bundle>/.v8-cache/<node version>-<arch>/<chunk>.bin`. When the process ends, every chunk that
 * had no usable cache writes one, taken after running, so it holds the functions that ran too.
 * Writes are atomic (temp file + rename), so concurrent runs never read a torn file; a read-only
 * install just runs without a cache. `LIVECTL_COMPILE_CACHE=0` turns it off,
 * `LIVECTL_COMPILE_CACHE=debug` prints hits and misses on stderr at exit.
 *
 * A cache file starts with the chunk's own source (its UTF-8 length in 4 bytes, then the bytes),
 * then V8's data. V8 checks only the source's *length* (and its own version and flags): an edited
 * chunk of the same length would run the old code. So a cache is used only when the source it was
 * made for is byte for byte the source being compiled; else it counts as rejected and is rewritten.
 * The comparison is a memcmp (~0.1 ms for a 120 KB chunk) and needs no module: a sha256 took
 * node:crypto's ~4.5 ms load and OpenSSL's start-up, zlib's crc32 node:zlib's and node:stream's
 * ~2.5 ms — start-up is what `--help` is measured by.
 *
 * Only files inside the bundle folder go through here; everything else loads as Node loads it.
 */

type Compile = (this: NodeModule, content: string, filename: string) => unknown;
interface ModuleInternals {
  prototype: { _compile: Compile; require(id: string): unknown };
  wrap(code: string): string;
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
  _extensions: unknown;
  _cache: unknown;
}

const installed = new Set<string>();
/** Scripts compiled without a usable cache, and where their cache goes (written by flushCompileCache). */
const pending: { script: vmTypes.Script; file: string; key: Buffer }[] = [];
/** The start of a chunk's cache file: its source's length in bytes, then the source. */
function keyOf(content: string): Buffer {
  const source = Buffer.from(content, 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(source.length);
  return Buffer.concat([head, source]);
}
/** What this process did, for tests and `LIVECTL_COMPILE_CACHE=debug`. */
export const compileCacheStats = { hits: 0, misses: 0, rejected: 0, written: 0 };

export function installCompileCache(bundleDir: string, env: NodeJS.ProcessEnv = process.env): void {
  const dir = path.resolve(bundleDir);
  if (installed.has(dir) || env.LIVECTL_COMPILE_CACHE === '0') return;
  installed.add(dir);
  const cacheDir = path.join(dir, '.v8-cache', `${process.version}-${process.arch}`);
  const M = Module as unknown as ModuleInternals;
  const original = M.prototype._compile;

  M.prototype._compile = function compile(this: NodeModule, content: string, filename: string) {
    if (path.dirname(filename) !== dir || !filename.endsWith('.cjs'))
      return original.call(this, content, filename);
    const file = path.join(cacheDir, `${path.basename(filename)}.bin`);
    const key = keyOf(content);
    let stored: Buffer | undefined;
    try {
      stored = readFileSync(file);
    } catch {
      stored = undefined;
    }
    // Made for this very source, or not used at all (another source of the same length included).
    const fresh = stored !== undefined && key.equals(stored.subarray(0, key.length));
    const cachedData = fresh ? stored!.subarray(key.length) : undefined;
    const script = new vm.Script(M.wrap(content), { filename, ...(cachedData ? { cachedData } : {}) });
    const usable = cachedData !== undefined && !script.cachedDataRejected;
    if (!stored) compileCacheStats.misses++;
    else if (!usable) compileCacheStats.rejected++;
    else compileCacheStats.hits++;
    if (!usable) pending.push({ script, file, key });
    const fn = script.runInThisContext() as (...args: unknown[]) => unknown;
    const require = ((id: string) => M.prototype.require.call(this, id)) as NodeJS.Require;
    require.resolve = ((request: string, options?: unknown) =>
      M._resolveFilename(request, this, false, options)) as NodeJS.RequireResolve;
    require.main = process.mainModule;
    require.extensions = M._extensions as NodeJS.RequireExtensions;
    require.cache = M._cache as NodeJS.Dict<NodeModule>;
    return fn.call(this.exports, this.exports, require, this, filename, dir);
  };

  process.once('exit', () => {
    flushCompileCache();
    if (env.LIVECTL_COMPILE_CACHE === 'debug')
      process.stderr.write(`compile cache: ${JSON.stringify(compileCacheStats)}\n`);
  });
}

/**
 * Writes the cache of every chunk compiled without one. Runs when the process (or worker thread)
 * exits; a `validate` worker also calls it as soon as its work is posted, so the cache is written
 * even when the thread is ended without running its exit handlers. A second call writes nothing.
 */
export function flushCompileCache(): void {
  for (const { script, file, key } of pending.splice(0)) {
    // Unique per process and thread (worker threads share the pid) without loading node:worker_threads.
    const tmp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(tmp, Buffer.concat([key, script.createCachedData()]));
      renameSync(tmp, file);
      compileCacheStats.written++;
    } catch {
      // A read-only install or a full disk: the next run compiles again, nothing else changes.
      try {
        rmSync(tmp, { force: true });
      } catch {
        // The folder itself is missing or not a folder: there is no temp file to remove.
      }
    }
  }
}

/** Loads a file of the bundle (dist/bundle/x.cjs) with the code cache installed for its folder. */
export function requireBundle<T>(file: string): T {
  installCompileCache(path.dirname(file));
  return Module.createRequire(file)(file) as T;
}
