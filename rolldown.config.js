import { fileURLToPath } from 'node:url';

// Bundles the CLI into dist/bundle (one file per lazily imported command) so `livectl` starts fast:
// Node 20 spends most of a short command's time resolving and compiling hundreds of small modules
// (zod alone is over a hundred). Native and browser packages stay external.
//
// CommonJS, because Node 20 can keep V8's compiled code only for scripts, not for ES modules:
// dist/cli/launch.js loads the bundle through src/platform/compile-cache.ts. The bundle then must
// not contain `import()`, which a vm.Script cannot run without an experimental flag; the few left
// (Node built-ins and the external CommonJS packages) become `require` here, wrapped like Node's
// import() of CommonJS: the exports as named bindings and as `default`.
const dynamicImportToRequire = {
  name: 'dynamic-import-to-require',
  renderChunk(code, chunk) {
    const out = code.replace(
      /\bimport\((`[^`$\\]+`|"[^"\\]+"|'[^'\\]+')\)/g,
      (_, spec) => `Promise.resolve().then(()=>{const m=require(${spec});return{...m,default:m}})`,
    );
    const left = /[^.\w$]import\(/.exec(out);
    if (left)
      throw new Error(
        `${chunk.fileName}: import() left in the bundle: ${out.slice(left.index, left.index + 60)}`,
      );
    return { code: out, map: null };
  },
};

// Test code never reaches the bundle: src/ imports nothing from test/ and no *.test.ts (the
// architecture test checks the imports; this stops a build that would still pull one in).
const testDir = fileURLToPath(new URL('./test/', import.meta.url));
const noTestCode = {
  name: 'no-test-code',
  load: {
    filter: { id: /\.[cm]?[jt]s$/ },
    handler(id) {
      if (id.startsWith(testDir) || id.endsWith('.test.ts'))
        throw new Error(`test code in the bundle: ${id}`);
      return null;
    },
  },
};

export default {
  // validate-worker: `validate` spreads many files over worker threads (src/validate/validate-files.ts).
  input: { livectl: 'src/cli/entry.ts', 'validate-worker': 'src/validate/validate-worker.ts' },
  platform: 'node',
  external: [/^@napi-rs\//, 'better-sqlite3', 'playwright-core', /\.node$/],
  plugins: [noTestCode, dynamicImportToRequire],
  output: {
    dir: 'dist/bundle',
    cleanDir: true,
    format: 'cjs',
    minify: true,
    sourcemap: true,
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
  },
};
