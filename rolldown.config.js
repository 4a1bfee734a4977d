// Bundles the CLI into dist/bundle (one file per lazily imported command) so `livectl` starts fast:
// Node 20 spends most of a short command's time resolving and compiling hundreds of small modules
// (zod alone is over a hundred). Native and browser packages stay external.
export default {
  // validate-worker: `validate` spreads many files over worker threads (src/validate/validate-files.ts).
  input: { livectl: 'src/cli/entry.ts', 'validate-worker': 'src/validate/validate-worker.ts' },
  platform: 'node',
  external: [/^@napi-rs\//, 'better-sqlite3', 'playwright-core', /\.node$/],
  output: {
    dir: 'dist/bundle',
    format: 'esm',
    minify: true,
    sourcemap: true,
    chunkFileNames: '[name]-[hash].js',
  },
};
