/**
 * Text from a campaign file is shown in terminals, CI logs and editors. Control characters (ESC
 * starts a terminal command, BEL rings, BS erases), bidi controls (they reorder what is shown, so a
 * line can read differently from what it is) and invisible characters are never printed raw:
 * renderers show them as `\x1b`, `\u202e`.
 * Invariant: the output contains no C0/C1 control character (except newline where allowed), no bidi
 * control and no zero-width character.
 */

/** C0 and C1 controls (newline, tab and CR included), DEL, bidi embeddings/overrides/isolates and marks. */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;
const UNSAFE_KEEP_NEWLINE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

const hex = (ch: string): string => {
  const cp = ch.codePointAt(0)!;
  return cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
};

/** One line of display text: every unsafe character (newline too) becomes a visible escape. */
export function escapeText(s: string): string {
  return s.replace(UNSAFE, hex);
}

/** Like escapeText, but keeps newlines (for multi-line text such as hints). */
export function escapeTextKeepNewlines(s: string): string {
  return s.replace(UNSAFE_KEEP_NEWLINE, hex);
}

/** JSON text with the characters JSON.stringify leaves raw (C1, bidi, zero-width) as \uXXXX escapes. */
export function escapeJson(json: string): string {
  return json.replace(
    /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g,
    (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
}

/** Every string in a plain data value passed through escapeText (keys too). */
export function escapeDeep<T>(value: T): T {
  if (typeof value === 'string') return escapeText(value) as T;
  if (Array.isArray(value)) return value.map(escapeDeep) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // defineProperty: a key named __proto__ stays a key instead of replacing the prototype.
      Object.defineProperty(out, escapeText(k), {
        value: escapeDeep(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out as T;
  }
  return value;
}

/**
 * A value quoted for a message: escaped and cut to `max` characters with an ellipsis, so a 1 MB
 * name gives a one-line diagnostic.
 */
export function quoteValue(s: string, max = 80): string {
  return `"${escapeText(cut(s, max)).replace(/"/g, '\\"')}"`;
}

/**
 * A message fit to show: every quoted value longer than `max` characters cut with an ellipsis, and
 * the whole message at most 500 characters (unquoted values, e.g. a JSON dump, are cut there).
 */
export function clipMessage(s: string, max = 80, total = 500): string {
  const clipped =
    s.length <= max ? s : s.replace(/"([^"\n]{81,})"/g, (_, inner: string) => `"${cut(inner, max)}"`);
  return cut(clipped, total);
}

function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const chars = Array.from(s);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

/** A path segment fit to show (keys can be as long as values). */
export const clipSegment = <T extends string | number>(seg: T): T =>
  (typeof seg === 'string' ? cut(seg, 80) : seg) as T;
