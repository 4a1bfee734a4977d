import { crc32, deflateSync } from 'node:zlib';

/**
 * PNG without dependencies, one place for the container (signature, IHDR, IDAT, IEND, CRCs) that the
 * poster encoder, the emulator's code images and `livectl init`'s placeholders all write.
 */
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** 0 grey, 2 RGB, 4 grey + alpha, 6 RGBA (8 bits a channel). */
export type PngColorType = 0 | 2 | 4 | 6;

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0);
  return Buffer.concat([head, data, crc]);
}

/** A whole PNG file around already filtered and deflated image data. */
export function pngFile(width: number, height: number, colorType: PngColorType, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = colorType;
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

export type Rgb = readonly [number, number, number];

/** `pixel(x, y) → [r, g, b]`; returns PNG bytes (filter None, zlib level 9: small files). */
export function makePng(width: number, height: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      const o = y * stride + 1 + x * 3;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
    }
  }
  return pngFile(width, height, 2, deflateSync(raw, { level: 9 }));
}

/** A vertical two-colour gradient (compresses to a few KB: within every room image's byte limit). */
export function gradientPng(width: number, height: number, from: Rgb, to: Rgb): Buffer {
  return makePng(width, height, (_x, y) => {
    const t = y / Math.max(1, height - 1);
    const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
    return [mix(from[0], to[0]), mix(from[1], to[1]), mix(from[2], to[2])];
  });
}

/** A coloured disc on white: a goods placeholder (300×300 is the platform's limit for goods images). */
export function discPng(size: number, color: Rgb): Buffer {
  const r2 = (size / 2.4) ** 2;
  return makePng(size, size, (x, y) =>
    (x - size / 2) ** 2 + (y - size / 2) ** 2 < r2 ? color : [255, 255, 255],
  );
}
