import { ID_KEYS, toId } from './ids.js';

/**
 * Answers come in mixed casing (getgoodswarehouse is snake_case, getapproved camelCase, WeCom all
 * snake_case). Our types are camelCase, so answers are camelCased generically — a field the platform
 * adds later still arrives, just camelCased — and id fields become strings whatever the platform sent.
 * Subtrees named in `keep` stay exactly as sent (a menu we read is written back verbatim).
 */
export function camelizeAnswer(value: unknown, keep: ReadonlySet<string> = NONE): unknown {
  if (Array.isArray(value)) return value.map((v) => camelizeAnswer(v, keep));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const name = toCamel(key);
    if (keep.has(key)) out[name] = v;
    else if (ID_KEYS.has(name) && (typeof v === 'number' || typeof v === 'string')) out[name] = toId(v);
    else out[name] = camelizeAnswer(v, keep);
  }
  return out;
}

const NONE: ReadonlySet<string> = new Set();

export function toCamel(key: string): string {
  return key.includes('_') ? key.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : key;
}

/** Drops undefined fields so optional parameters are simply absent on the wire. */
export function compact<T extends Record<string, unknown>>(obj: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out as T;
}
