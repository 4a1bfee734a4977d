import { type Id, toId } from './ids.js';

/**
 * Shared wire helpers of the 视频号助手 and 微信小店 clients. On the wire every id is a uint64 in a
 * string, every coupon and notice time is Unix seconds (sometimes sent as a numeric string), and
 * field names are snake_case; our types are camelCase, ids strings and instants ISO-8601.
 */

// biome-ignore lint/suspicious/noExplicitAny: answers are untrusted JSON; each reader checks its fields.
export type Wire = Record<string, any>;

/** An ISO-8601 instant (or a Date) as Unix seconds. Throws on an unreadable instant: a caller bug. */
export function toUnixSeconds(at: string | Date): number {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(ms)) throw new TypeError(`not an instant: ${String(at)}`);
  return Math.floor(ms / 1000);
}

/** Unix seconds sent as a number or a numeric string → ISO-8601; undefined when absent or 0. */
export function isoFromSeconds(v: unknown): string | undefined {
  const n = secondsOf(v);
  return n === undefined || n === 0 ? undefined : new Date(n * 1000).toISOString();
}

/** Unix seconds sent as a number or a numeric string; undefined when absent or unreadable. */
export function secondsOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.floor(v);
  if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

/** A number the platform may send as a string; `fallback` when absent or unreadable. */
export function num(v: unknown, fallback = 0): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return fallback;
}

/** A number the platform may send as a string; undefined when absent. */
export function optNum(v: unknown): number | undefined {
  return v === undefined || v === null || v === '' ? undefined : num(v, Number.NaN);
}

export function str(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : String(v);
}

export function id(v: unknown): Id {
  return toId(v) ?? '';
}

export function obj(v: unknown): Wire {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Wire) : {};
}

export function arr(v: unknown): Wire[] {
  return Array.isArray(v) ? (v as Wire[]) : [];
}

/** Drops undefined fields (optional parameters are absent on the wire rather than null). */
export function defined(o: Wire): Wire {
  const out: Wire = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

/** A product id is a non-zero uint64 in a string; "0" was seen for asynchronous writes. */
export function isRealId(v: Id | undefined): v is Id {
  return v !== undefined && /^\d+$/.test(v) && !/^0+$/.test(v);
}

/** `yyyymmdd` as the dashboard wants it (a number), from a number, a string or a Date (China time). */
export function dsOf(ds: number | string | Date): number {
  if (ds instanceof Date) {
    const d = new Date(ds.getTime() + 8 * 3600_000);
    return Number(d.toISOString().slice(0, 10).replaceAll('-', ''));
  }
  const n = Number(String(ds).replaceAll('-', ''));
  if (!Number.isInteger(n)) throw new TypeError(`not a yyyymmdd date: ${String(ds)}`);
  return n;
}
