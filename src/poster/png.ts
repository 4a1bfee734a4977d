import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import { pngFile } from '../platform/png.js';

const deflateAsync = promisify(deflate);

/**
 * A PNG encoder for rendered posters. Skia's encoder tries every row filter and takes 90–150 ms for a
 * 750×1334 poster; posters are opaque, smooth images, so one filter (Sub) and zlib level 4 give a
 * smaller file in about a third of the time. Deterministic: the same pixels give the same bytes
 * (for one zlib version, i.e. one Node release).
 *
 * `rgba` is straight (not premultiplied) RGBA, 4 bytes a pixel, row after row. `known.opaque` spares
 * the scan of every alpha byte when the caller knows (a poster on an opaque background stays opaque).
 */
export async function encodePng(
  rgba: Uint8Array,
  width: number,
  height: number,
  known?: { opaque: boolean },
): Promise<Buffer> {
  let opaque = known?.opaque ?? true;
  if (!known) {
    for (let i = 3; i < rgba.length; i += 4) {
      if (rgba[i] !== 255) {
        opaque = false;
        break;
      }
    }
  }
  const channels = opaque ? 3 : 4;
  const stride = width * channels;
  const filtered = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const out = y * (stride + 1);
    const row = y * width * 4;
    filtered[out] = 1; // Sub: each byte minus the same channel of the pixel to its left
    let o = out + 1;
    let pr = 0;
    let pg = 0;
    let pb = 0;
    let pa = 0;
    for (let x = 0; x < width; x++) {
      const i = row + x * 4;
      const r = rgba[i]!;
      const g = rgba[i + 1]!;
      const b = rgba[i + 2]!;
      filtered[o++] = (r - pr) & 255;
      filtered[o++] = (g - pg) & 255;
      filtered[o++] = (b - pb) & 255;
      pr = r;
      pg = g;
      pb = b;
      if (!opaque) {
        const a = rgba[i + 3]!;
        filtered[o++] = (a - pa) & 255;
        pa = a;
      }
    }
  }
  // Compression runs on the thread pool, so the next poster is drawn meanwhile.
  return pngFile(width, height, opaque ? 2 : 6, await deflateAsync(filtered, { level: 4 }));
}
