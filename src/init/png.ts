import { deflateSync } from 'node:zlib';

/**
 * A tiny PNG encoder (RGB, no dependencies) for the placeholder images `livectl init` writes, so a new
 * campaign validates and renders posters before the merchant has real pictures. Same as scripts/png.js.
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export type Rgb = readonly [number, number, number];

/** `pixel(x, y) → [r, g, b]`; returns PNG bytes. */
export function makePng(width: number, height: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    sig,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A vertical two-colour gradient (compresses to a few KB: within every room image's byte limit). */
export function gradientPng(width: number, height: number, from: Rgb, to: Rgb): Buffer {
  return makePng(width, height, (_x, y) => {
    const t = y / Math.max(1, height - 1);
    return [0, 1, 2].map((i) => Math.round(from[i]! + (to[i]! - from[i]!) * t)) as unknown as Rgb;
  });
}

/** A coloured disc on white: a goods placeholder (300×300, the platform's limit for goods images). */
export function discPng(size: number, color: Rgb): Buffer {
  const r2 = (size / 2.4) ** 2;
  return makePng(size, size, (x, y) =>
    (x - size / 2) ** 2 + (y - size / 2) ** 2 < r2 ? color : [255, 255, 255],
  );
}
