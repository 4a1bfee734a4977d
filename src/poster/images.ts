import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { Image } from '@napi-rs/canvas';
import { sniffImage } from '../campaign/image-info.js';
import type { CanvasModule } from './canvas.js';
import { PosterError } from './errors.js';

/** Images a poster may draw: large enough for any real photo, small enough to decode fast. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Decoded size limit: a small file may claim a huge canvas (a decompression bomb). */
export const MAX_IMAGE_PIXELS = 40_000_000;
const FORMATS = new Set(['png', 'jpeg', 'gif', 'webp']);

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

/**
 * Loads the campaign's images for posters, each once per run. Every problem is a PosterError naming
 * the campaign field (`products[1].image`): missing, outside the campaign's folder, too big, not an
 * image, an unsupported format, or undecodable. Nothing here crashes on a hostile file.
 */
export class ImageStore {
  private readonly cache = new Map<string, Promise<Image>>();

  constructor(
    private readonly canvas: CanvasModule,
    private readonly campaignDir: string,
  ) {}

  load(ref: string, field: string): Promise<Image> {
    const resolved = path.resolve(this.campaignDir, ref);
    let p = this.cache.get(resolved);
    if (!p) {
      p = this.read(ref, resolved, field);
      this.cache.set(resolved, p);
    }
    return p;
  }

  private async read(ref: string, resolved: string, field: string): Promise<Image> {
    if (path.isAbsolute(ref) || !inside(path.resolve(this.campaignDir), resolved)) {
      throw new PosterError(
        field,
        `"${ref}" is outside the campaign's folder`,
        'Keep images beside the campaign file.',
      );
    }
    let size: number;
    try {
      const st = await stat(resolved);
      if (!st.isFile()) throw new PosterError(field, `"${ref}" is not a file`);
      size = st.size;
    } catch (e) {
      if (e instanceof PosterError) throw e;
      throw new PosterError(field, `image "${ref}" does not exist`, `Expected it at ${resolved}.`);
    }
    const root = await realpath(this.campaignDir).catch(() => path.resolve(this.campaignDir));
    const real = await realpath(resolved).catch(() => resolved);
    if (!inside(root, real)) throw new PosterError(field, `"${ref}" links outside the campaign's folder`);
    if (size > MAX_IMAGE_BYTES) {
      throw new PosterError(
        field,
        `image "${ref}" is ${mb(size)}; a poster image may be at most ${mb(MAX_IMAGE_BYTES)}`,
        'Export it smaller (a 1080×1920 JPEG is well under 1 MB).',
      );
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(resolved);
    } catch (e) {
      throw new PosterError(
        field,
        `image "${ref}" cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    return this.decode(bytes, field, `image "${ref}"`);
  }

  /** Decodes bytes that should be an image (a campaign file, or a mini-program code from the platform). */
  async decode(bytes: Uint8Array, field: string, what: string): Promise<Image> {
    const info = sniffImage(bytes.subarray(0, Math.min(bytes.length, 256 * 1024)));
    if (info.format === 'unknown') {
      throw new PosterError(field, `${what} is not an image (not PNG, JPEG, GIF or WebP)`);
    }
    if (!FORMATS.has(info.format)) {
      throw new PosterError(
        field,
        `${what} is ${info.format.toUpperCase()}, which posters do not support`,
        'Use PNG or JPEG.',
      );
    }
    if (
      info.width !== undefined &&
      info.height !== undefined &&
      info.width * info.height > MAX_IMAGE_PIXELS
    ) {
      throw new PosterError(
        field,
        `${what} is ${info.width}×${info.height} pixels; at most ${MAX_IMAGE_PIXELS / 1e6} megapixels`,
        'Resize it (1080×1920 is plenty for a poster).',
      );
    }
    // Skia draws a cut-short or corrupted file as far as it goes (a poster with half a product): refuse.
    const integrity = checkIntegrity(bytes, info.format);
    if (integrity === 'incomplete') {
      throw new PosterError(
        field,
        `${what} is incomplete (the file is cut short)`,
        'Export or download it again.',
      );
    }
    if (integrity === 'damaged') {
      throw new PosterError(
        field,
        `${what} is damaged (a PNG checksum does not match)`,
        'Export or download it again.',
      );
    }
    try {
      const img = await this.canvas.loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      if (!img.width || !img.height) throw new Error('empty image');
      if (img.width * img.height > MAX_IMAGE_PIXELS) throw new Error('too many pixels');
      return img;
    } catch {
      throw new PosterError(
        field,
        `${what} could not be decoded (damaged, or not really ${info.format.toUpperCase()})`,
      );
    }
  }
}

/**
 * Whether an image file is whole: PNG chunks up to IEND with matching CRCs, JPEG ending with EOI,
 * GIF with its trailer, WebP as long as its RIFF header says.
 */
export function checkIntegrity(b: Uint8Array, format: string): 'ok' | 'incomplete' | 'damaged' {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (format === 'png') {
    let at = 8;
    while (at + 12 <= b.length) {
      const len = dv.getUint32(at);
      if (at + 12 + len > b.length) return 'incomplete';
      const body = b.subarray(at + 4, at + 8 + len); // type + data
      if (crc32(body) >>> 0 !== dv.getUint32(at + 8 + len)) return 'damaged';
      const type = String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!);
      at += 12 + len;
      if (type === 'IEND') return 'ok';
    }
    return 'incomplete';
  }
  if (format === 'jpeg') {
    let end = b.length;
    while (end > 2 && b[end - 1] === 0) end--; // some writers pad with zeros
    return b[end - 2] === 0xff && b[end - 1] === 0xd9 ? 'ok' : 'incomplete';
  }
  if (format === 'gif') return b[b.length - 1] === 0x3b ? 'ok' : 'incomplete';
  if (format === 'webp') return b.length >= 12 && dv.getUint32(4, true) + 8 <= b.length ? 'ok' : 'incomplete';
  return 'ok';
}
