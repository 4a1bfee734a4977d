import { fileURLToPath } from 'node:url';
import { requireBundle } from '../platform/compile-cache.js';

/**
 * What bin/livectl.js imports: the CLI bundle (dist/bundle/livectl.cjs, built from ./entry.ts),
 * loaded with the V8 code cache (src/platform/compile-cache.ts). This file runs from dist/cli/.
 */
const bundle = requireBundle<typeof import('./entry.js')>(
  fileURLToPath(new URL('../bundle/livectl.cjs', import.meta.url)),
);

export const main: typeof bundle.main = bundle.main;
export const nodeDeps: typeof bundle.nodeDeps = bundle.nodeDeps;
