import { answerWithoutId } from './errors.js';
import type { Transport } from './http.js';
import type { TokenBroker } from './token-broker.js';
import { camelizeAnswer } from './wire-shape.js';

/**
 * Multipart uploads (field `media`, with filename and content type, as every upload API wants).
 * Temporary media ids live 3 days: callers record `createdAt` and re-upload when stale.
 */

export interface FileInput {
  bytes: Uint8Array;
  /** Shown to recipients for WeCom files; WeChat also uses the extension to guess the type. */
  filename: string;
  contentType?: string;
}

export type TempMediaType = 'image' | 'voice' | 'video' | 'thumb' | 'file';

export interface TempMedia {
  type: string;
  mediaId: string;
  /** Unix seconds (WeCom's doc example sends a string; we always return a number). */
  createdAt: number;
}

const MIME: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  mp4: 'video/mp4',
  amr: 'audio/amr',
  mp3: 'audio/mpeg',
  pdf: 'application/pdf',
};

export function guessContentType(filename: string): string {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  return MIME[ext] ?? 'application/octet-stream';
}

/** Builds the form freshly on each try (a retried request needs an unread body). */
export function mediaForm(file: FileInput, extra: Record<string, string> = {}): () => FormData {
  return () => {
    const form = new FormData();
    const blob = new Blob([file.bytes], { type: file.contentType ?? guessContentType(file.filename) });
    form.append('media', blob, file.filename);
    for (const [k, v] of Object.entries(extra)) form.append(k, v);
    return form;
  };
}

export function toTempMedia(body: Record<string, unknown>): TempMedia {
  const a = camelizeAnswer(body) as Record<string, unknown>;
  return {
    type: String(a.type ?? ''),
    mediaId: String(a.mediaId ?? ''),
    createdAt: Number(a.createdAt ?? 0),
  };
}

/** POST /cgi-bin/media/upload (same path on api.weixin.qq.com and qyapi.weixin.qq.com). */
export async function uploadTempMedia(
  transport: Transport,
  auth: TokenBroker,
  type: TempMediaType,
  file: FileInput,
): Promise<TempMedia> {
  const body = await transport.json({
    path: '/cgi-bin/media/upload',
    method: 'POST',
    query: { type },
    form: mediaForm(file),
    auth,
    // A repeated upload only costs a second media id; nothing is sent to anyone.
    idempotent: true,
  });
  const media = toTempMedia(body);
  const raw = body.media_id ?? body.mediaId;
  if (typeof raw !== 'string' || raw.trim() === '')
    throw answerWithoutId('/cgi-bin/media/upload', 'media_id', raw);
  return media;
}
