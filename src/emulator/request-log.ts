import type { Reply } from './route.js';

/** Query and body keys whose values never appear in the request log. */
const SECRET_KEYS = new Set(['access_token', 'secret', 'corpsecret', 'appsecret', 'key']);
const MAX_ENTRIES = 5000;

export interface LoggedRequest {
  seq: number;
  /** Emulator time of the request, ISO-8601. */
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  status?: number;
  errcode?: number;
}

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.has(k) ? '[redacted]' : redact(v);
    return out;
  }
  return value;
}

/** The request log behind `GET /__emulator/requests`: bounded, secrets redacted on the way in. */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  start(
    atMs: number,
    method: string,
    path: string,
    query: URLSearchParams,
    contentType: string | undefined,
    raw: Buffer,
  ): LoggedRequest {
    const q: Record<string, string> = {};
    for (const [k, v] of query) q[k] = SECRET_KEYS.has(k) ? '[redacted]' : v;
    let body: unknown;
    if (raw.length > 0) {
      if (contentType?.startsWith('multipart/')) body = { multipart: true, bytes: raw.length };
      else {
        try {
          body = redact(JSON.parse(raw.toString('utf8')));
        } catch {
          body = { unparsed: true, bytes: raw.length };
        }
      }
    }
    const e: LoggedRequest = {
      seq: ++this.seq,
      at: new Date(atMs).toISOString(),
      method,
      path,
      query: q,
      body,
    };
    this.entries.push(e);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
    return e;
  }

  finish(e: LoggedRequest, status: number, reply: Reply): void {
    e.status = status;
    const code = (reply as { errcode?: unknown }).errcode;
    e.errcode = typeof code === 'number' ? code : 0;
  }

  list(): LoggedRequest[] {
    return this.entries.slice();
  }

  clear(): void {
    this.entries = [];
  }
}
