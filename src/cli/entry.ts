/** The bundle's entry (dist/bundle/livectl.cjs, loaded by ./launch.ts): what bin/livectl.js needs, nothing else. */

export { nodeDeps } from '../platform/node-deps.js';
export { main } from './main.js';
