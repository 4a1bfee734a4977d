// The project's PNG helpers for scripts, fixtures and benches (src/platform/png.ts; needs `npm run build`).
export { discPng, gradientPng, makePng } from '../dist/platform/png.js';
