import { deflateSync } from 'node:zlib';
import { pngFile } from '../platform/png.js';

/**
 * A tiny PNG encoder for the mini-program code endpoints: a square greyscale image of the requested
 * width with a deterministic pattern derived from the request, so a poster renderer gets real pixels of
 * the right size and two different scenes give two different images.
 */
export function codePng(width: number, seed: string, transparent: boolean): Buffer {
  const cells = 21;
  const cell = Math.max(1, Math.floor(width / cells));
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.codePointAt(0)!, 16777619) >>> 0;
  const bits: boolean[] = [];
  for (let i = 0; i < cells * cells; i++) {
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
    bits.push((h & 1) === 1);
  }
  const channels = transparent ? 2 : 1; // grey, or grey + alpha
  const row = 1 + width * channels;
  const raw = Buffer.alloc(row * width);
  for (let y = 0; y < width; y++) {
    raw[y * row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const cx = Math.min(cells - 1, Math.floor(x / cell));
      const cy = Math.min(cells - 1, Math.floor(y / cell));
      const dark = bits[cy * cells + cx]!;
      const o = y * row + 1 + x * channels;
      raw[o] = dark ? 0 : 255;
      if (transparent) raw[o + 1] = dark ? 255 : 0;
    }
  }
  return pngFile(width, width, transparent ? 4 : 0, deflateSync(raw));
}
