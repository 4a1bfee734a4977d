import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jsQRModule from 'jsqr';
import { parseCampaignBytes } from '../../src/campaign/load.js';
import { resolveTimes } from '../../src/campaign/resolve.js';
import type { Campaign } from '../../src/campaign/schema.js';
import { loadCanvas } from '../../src/poster/canvas.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CAMPAIGNS = path.join(ROOT, 'campaigns');

/** An example campaign, parsed (not validated: the example files are validated by their own tests). */
export function example(file: string): {
  campaign: Campaign;
  times: ReturnType<typeof resolveTimes>;
  dir: string;
} {
  const parsed = parseCampaignBytes(readFileSync(path.join(CAMPAIGNS, file)));
  if (!parsed.campaign) throw new Error(`${file} does not parse: ${JSON.stringify(parsed.diagnostics)}`);
  return { campaign: parsed.campaign, times: resolveTimes(parsed.campaign), dir: CAMPAIGNS };
}

export function tempDir(prefix = 'livectl-posters-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

// jsqr is CommonJS with `exports.default`: under NodeNext the function is the default's default.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

/** Decodes a PNG (with the renderer) and reads the QR code in it (with jsQR), as a phone would. */
export async function readQr(png: Buffer | string): Promise<string | undefined> {
  const { loadImage, createCanvas } = await loadCanvas();
  const img = await loadImage(typeof png === 'string' ? readFileSync(png) : png);
  const cv = createCanvas(img.width, img.height);
  const ctx = cv.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const { data } = ctx.getImageData(0, 0, img.width, img.height);
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), img.width, img.height)
    ?.data;
}

/** Width and height from a PNG's IHDR. */
export function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}
