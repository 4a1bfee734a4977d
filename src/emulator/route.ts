import type { EmulatorCore } from './core.js';
import type { FormPart } from './multipart.js';
import type { TokenRecord } from './state.js';

/** One parsed request as a handler sees it. */
export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body (an object) for JSON POST routes; `{}` otherwise. */
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are untrusted JSON; handlers check each field.
  body: Record<string, any>;
  /** Multipart parts for upload routes. */
  parts: FormPart[];
  /** The caller's token, for authenticated routes. */
  token?: TokenRecord;
  /** appid / corpid of the caller ('' for unauthenticated routes). */
  appid: string;
  /** Base URL of this emulator, for URLs it hands out (qrcode_url, cdnUrl, …). */
  baseUrl: string;
  core: EmulatorCore;
}

export type Reply = Record<string, unknown> | { binary: Buffer; contentType: string };

export interface Route {
  method: 'GET' | 'POST';
  /** Path as the platform publishes it; `/qyapi` is prefixed for WeCom routes by the server. */
  path: string;
  /** Which token the route takes: mini program/OA, WeCom, or none (token endpoints, robot key). */
  realm: 'mp' | 'wecom' | 'none';
  /** How the POST body is read (`multipart-or-json`: by its content type, for uploads that take either). */
  body?: 'json' | 'multipart' | 'optional-json' | 'multipart-or-json';
  handle(call: Call): Reply;
}

export function isBinary(r: Reply): r is { binary: Buffer; contentType: string } {
  return Buffer.isBuffer((r as { binary?: unknown }).binary);
}

export const ok = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  errcode: 0,
  errmsg: 'ok',
  ...extra,
});
