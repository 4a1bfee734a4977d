/**
 * 64-bit ids. WeChat answers with audit ids, goods ids, msg ids and publish ids that can pass 2^53
 * (peers.md: WxJava's Integer `auditId` overflowed; publish ids like 2247483655 already pass 2^31).
 * `JSON.parse` would silently round them, so we parse with a pre-pass that quotes every integer
 * literal JSON cannot hold exactly, and the clients turn known id fields into strings whatever the
 * platform sent. On the way out, ids go back on the wire as JSON numbers without passing through a
 * JS number (`wireInt`), because the live API declares them as numbers.
 */

/** An id as livectl keeps it: decimal digits in a string. */
export type Id = string;

/**
 * Parses JSON text; integer literals outside the safe range become strings holding their digits.
 * Floats and safe integers are left alone. String contents are never touched.
 */
export function parseJsonSafe(text: string): unknown {
  return JSON.parse(quoteUnsafeIntegers(text));
}

const SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER).length; // 16

/** Rewrites the text so that unsafe integer literals are JSON strings. Linear, allocation-light. */
export function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Skip a string literal, honouring backslash escapes.
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i += 2;
        else if (d === 0x22) {
          i++;
          break;
        } else i++;
      }
      continue;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      if (c === 0x2d) i++;
      while (i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
      const ch = i < n ? text[i] : '';
      const isInteger = ch !== '.' && ch !== 'e' && ch !== 'E';
      if (!isInteger) {
        while (i < n && /[0-9.eE+-]/.test(text[i] as string)) i++;
        continue;
      }
      const literal = text.slice(start, i);
      const digits = literal.startsWith('-') ? literal.length - 1 : literal.length;
      if (digits >= SAFE_DIGITS && !Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(last, start)}"${literal}"`;
        last = i;
      }
      continue;
    }
    i++;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Accepts an id the platform sent as a number or a string; undefined/null stay undefined. */
export function toId(value: unknown): Id | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      // Already rounded by someone else; we keep what we have rather than inventing digits.
      return value.toFixed(0);
    }
    return String(value);
  }
  return String(value);
}

const SENTINEL = '\u0000wireint:';
const SENTINEL_RE = /"\\u0000wireint:(-?\d+)"/g;

/** A JSON integer emitted verbatim from its digits; see `stringifyWire`. */
export class WireInt {
  readonly digits: string;
  constructor(id: Id | number) {
    const digits = typeof id === 'number' ? id.toFixed(0) : id.trim();
    if (!/^-?\d+$/.test(digits)) throw new TypeError(`not an integer id: ${JSON.stringify(id)}`);
    this.digits = digits;
  }
  toJSON(): string {
    return SENTINEL + this.digits;
  }
}

/** Marks an id to be sent as a JSON number (the live API wants `goodsId: 123`, not `"123"`). */
export function wireInt(id: Id | number): WireInt {
  return new WireInt(id);
}

/** JSON.stringify that emits `WireInt`s as bare integer literals, exactly. */
export function stringifyWire(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes('wireint:') ? text.replace(SENTINEL_RE, '$1') : text;
}

/** Id fields (after camelCasing) that must be strings in our types. */
export const ID_KEYS: ReadonlySet<string> = new Set([
  'goodsId',
  'auditId',
  'msgId',
  'msgid',
  'msgDataId',
  'publishId',
  'messageId',
  'articleId',
  'menuid',
  'menuId',
]);
