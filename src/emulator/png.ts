import { deflateSync } from 'node:zlib';

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
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(width, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = transparent ? 4 : 0; // colour type: grey+alpha or grey
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
