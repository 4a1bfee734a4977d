import { error, type Finding } from '../diagnostics/diagnostic.js';
import { quoteValue } from '../diagnostics/escape.js';

/**
 * Characters no campaign text may hold, in any value or key: control characters (ESC, BEL, BS, NUL
 * written as "\0" …; tab and newline are allowed in values), DEL and C1 controls, and bidi
 * embeddings, overrides and isolates (U+202A–202E, U+2066–2069), which make text read differently
 * from what it is. And text made only of invisible characters: a name nobody can see or type.
 *   E_CONTROL_CHAR    a control or bidi character, pointing at the value (or the key)
 *   E_INVISIBLE_TEXT  a value made only of zero-width characters
 */
const CONTROL_IN_VALUE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const CONTROL_IN_KEY = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u180e\u00ad]/;
const ONLY_INVISIBLE = /^[\s\u200b-\u200d\u2060\ufeff\u180e\u00ad]+$/;

const NAMES: Record<number, string> = {
  0: 'NUL',
  7: 'BEL',
  8: 'BS',
  9: 'TAB',
  10: 'LF',
  13: 'CR',
  27: 'ESC',
  127: 'DEL',
  8234: 'LEFT-TO-RIGHT EMBEDDING',
  8235: 'RIGHT-TO-LEFT EMBEDDING',
  8236: 'POP DIRECTIONAL FORMATTING',
  8237: 'LEFT-TO-RIGHT OVERRIDE',
  8238: 'RIGHT-TO-LEFT OVERRIDE',
  8294: 'LEFT-TO-RIGHT ISOLATE',
  8295: 'RIGHT-TO-LEFT ISOLATE',
  8296: 'FIRST STRONG ISOLATE',
  8297: 'POP DIRECTIONAL ISOLATE',
};

function describe(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const u = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const kind = cp >= 0x202a ? 'a bidi control' : 'a control character';
  return `${kind} ${u}${NAMES[cp] ? ` (${NAMES[cp]})` : ''}`;
}

const label = (path: readonly (string | number)[]): string => {
  const last = path[path.length - 1];
  return typeof last === 'number' ? `item ${last}` : quoteValue(String(last ?? 'the file'), 40);
};

/** Findings for every unsafe key and value under `value` (the file's plain data, before the schema). */
export function unsafeTextFindings(value: unknown): Finding[] {
  const out: Finding[] = [];
  const walk = (v: unknown, path: (string | number)[], depth: number): void => {
    if (out.length >= 50 || depth > 64) return;
    if (typeof v === 'string') {
      const bad = CONTROL_IN_VALUE.exec(v);
      if (bad) {
        out.push(
          error(
            'E_CONTROL_CHAR',
            path,
            `${label(path)} contains ${describe(bad[0])} at character ${Array.from(v.slice(0, bad.index)).length + 1}`,
            'Remove it: control and bidi characters are never shown as written (an editor may hide them; retype the text).',
          ),
        );
      } else if (ZERO_WIDTH.test(v) && ONLY_INVISIBLE.test(v)) {
        out.push(
          error(
            'E_INVISIBLE_TEXT',
            path,
            `${label(path)} is made only of invisible (zero-width) characters`,
            'Write visible text.',
          ),
        );
      }
      return;
    }
    if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return;
    if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) walk(item, [...path, i], depth + 1);
      return;
    }
    for (const [k, child] of Object.entries(v)) {
      const bad = CONTROL_IN_KEY.exec(k);
      if (bad) {
        out.push({
          ...error(
            'E_CONTROL_CHAR',
            [...path, k],
            `key ${quoteValue(k, 40)} contains ${describe(bad[0])}`,
            'Remove it: keys are plain names.',
          ),
          target: 'key',
        });
        continue;
      }
      walk(child, [...path, k], depth + 1);
    }
  };
  walk(value, [], 0);
  return out;
}
