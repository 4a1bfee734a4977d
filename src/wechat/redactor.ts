import { redactSecrets } from '../platform/redact.js';

/**
 * Knows every secret and access token this process has handled, and masks them in any text or
 * structure before it leaves the client (errors, request-log events). Tokens are added as the broker
 * obtains them, so a token that appears somewhere unexpected (an errmsg echoing the URL) is still masked.
 */
export class Redactor {
  private readonly values = new Set<string>();

  add(secret: string | undefined): void {
    // Very short values would mask innocent text; real secrets and tokens are long.
    if (secret && secret.length >= 6) this.values.add(secret);
  }

  text(input: string): string {
    let out = input;
    for (const v of this.values) if (out.includes(v)) out = out.split(v).join('***');
    return redactSecrets(out);
  }

  /** Deep copy with every string redacted; keys whose name looks secret are masked outright. */
  value<T>(input: T): T {
    return this.walk(input) as T;
  }

  private walk(v: unknown): unknown {
    if (typeof v === 'string') return this.text(v);
    if (Array.isArray(v)) return v.map((x) => this.walk(x));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        out[k] = SECRET_KEY.test(k) && typeof x === 'string' ? '***' : this.walk(x);
      }
      return out;
    }
    return v;
  }
}

const SECRET_KEY = /^(access_?token|accessToken|secret|corpsecret|appsecret|key|txSecret)$/i;

/** Query parameters with credentials masked, for the request log. */
export function redactQuery(
  query: Record<string, string | number | boolean | undefined>,
  redactor: Redactor,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    out[k] = SECRET_KEY.test(k) ? '***' : redactor.text(String(v));
  }
  return out;
}
