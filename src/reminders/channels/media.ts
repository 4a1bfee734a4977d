import path from 'node:path';
import type { FileInput } from '../../wechat/index.js';
import type { SendContext } from './types.js';

/** Reads a local image as an upload, with a name WeChat can guess the type from. */
export async function fileInput(ctx: SendContext, file: string): Promise<FileInput> {
  return { bytes: await ctx.readFile(file), filename: path.basename(file) };
}

/** Runs an upload once per dispatch run for the same (account, kind, file). */
export function uploadOnce<T>(
  ctx: SendContext,
  account: string,
  kind: string,
  file: string,
  up: () => Promise<T>,
) {
  return ctx.memo(`${account}|${kind}|${file}`, up);
}

/** Cuts a string to at most `max` UTF-8 bytes, on a character boundary, with "…" when cut. */
export function fitBytes(text: string, max: number): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(`${out}${ch}…`, 'utf8') > max) break;
    out += ch;
  }
  return `${out}…`;
}

export function isErrcode(err: unknown, ...codes: number[]): boolean {
  const e = err as { name?: string; kind?: string; errcode?: number | null };
  return e?.name === 'WeChatApiError' && e.kind === 'platform' && codes.includes(e.errcode ?? Number.NaN);
}
