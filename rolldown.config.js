// Bundles the CLI into dist/bundle (one file per lazily imported command) so `livectl` starts fast:
// Node 20 spends most of a short command's time resolving and compiling hundreds of small modules
// (zod alone is over a hundred). Native and browser packages stay external.
export default {
  input: { livectl: 'src/cli/entry.ts' },
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
