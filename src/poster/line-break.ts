/**
 * Line breaking for poster text, Chinese and mixed. Pure: the caller passes a `measure` function
 * (the renderer's, or a fake in tests).
 *
 * Rules (a practical subset of UAX #14 and the Chinese/Japanese kinsoku rules):
 * - a line may break between any two CJK characters;
 * - Latin words and numbers stay whole (`Rose`, `199`, `20:00–22:00`), breaking only at spaces and
 *   after a dash or slash inside them; a word wider than the line is split by characters;
 * - a number keeps the character after it (`10片`, `3天`);
 * - closing punctuation (，。、）！？…%) never starts a line: it sticks to what precedes it;
 * - opening punctuation and currency signs (（《“¥) never end a line: they stick to what follows.
 */

export type Measure = (text: string) => number;

export interface BreakOptions {
  maxWidth: number;
  /** At most this many lines; the last one is cut and ends with an ellipsis. */
  maxLines?: number;
  ellipsis?: string;
}

export interface BrokenText {
  lines: string[];
  /** True when text was cut to fit maxLines (the last line ends with the ellipsis). */
  truncated: boolean;
  /** The text that did not fit (empty when nothing was cut). */
  dropped: string;
}

/** Never start a line. */
const CLOSING = new Set([...'，。、．：；！？）》」』】〕〉〗’”…‥％‰℃·・ー〜～,.:;!?)]}%']);
/** Never end a line. */
const OPENING = new Set([...'（《「『【〔〈〖‘“([{¥￥$£€#@']);
/** A line may break after these inside a word (not before). */
const BREAK_AFTER = new Set([...'-–—/']);

export function isCjk(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) || // radicals, CJK symbols and punctuation, kana, ideographs
    (cp >= 0xac00 && cp <= 0xd7af) || // Hangul
    (cp >= 0xf900 && cp <= 0xfaff) || // compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // compatibility forms
    (cp >= 0xff00 && cp <= 0xffef) || // full-width forms
    (cp >= 0x20000 && cp <= 0x3ffff) // extension planes
  );
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u3000' || ch === '\u00a0';
}

interface Atom {
  text: string;
  /** A space: a break opportunity that disappears at the edges of a line. */
  space: boolean;
}

/** Splits one paragraph into unbreakable atoms. */
export function atomize(paragraph: string): Atom[] {
  const atoms: Atom[] = [];
  let cur = '';
  /** cur holds a CJK character (or opening punctuation + one): the next character starts a new atom unless it is closing punctuation. */
  let curIsCjk = false;
  /** cur ends with opening punctuation: glue the next character to it. */
  let glue = false;
  const flush = () => {
    if (cur) atoms.push({ text: cur, space: false });
    cur = '';
    curIsCjk = false;
    glue = false;
  };
  for (const ch of paragraph) {
    if (isSpace(ch)) {
      flush();
      if (atoms.length && !atoms[atoms.length - 1]!.space) atoms.push({ text: ' ', space: true });
      continue;
    }
    if (CLOSING.has(ch)) {
      if (cur) cur += ch;
      else if (atoms.length && !atoms[atoms.length - 1]!.space) atoms[atoms.length - 1]!.text += ch;
      else cur = ch;
      glue = false;
      continue;
    }
    if (OPENING.has(ch)) {
      if (!glue) flush();
      cur += ch;
      glue = true;
      continue;
    }
    const cp = ch.codePointAt(0)!;
    if (isCjk(cp)) {
      // A number keeps its unit: 10片, 3天, 199元 (no break between digits and the next character).
      if (!glue && !(cur && !curIsCjk && /[0-9]$/.test(cur))) flush();
      cur += ch;
      curIsCjk = true;
      glue = false;
      continue;
    }
    // Latin letters, digits and other symbols build words.
    if (curIsCjk) flush();
    cur += ch;
    glue = false;
    if (BREAK_AFTER.has(ch) && [...cur].length > 1) flush();
  }
  flush();
  while (atoms.length && atoms[atoms.length - 1]!.space) atoms.pop();
  return atoms;
}

/** Breaks text into lines no wider than maxWidth. `\n` forces a break. */
export function breakLines(text: string, measure: Measure, opts: BreakOptions): BrokenText {
  // Widths are measured per atom (cached) and added up: shaping each candidate line again would be
  // quadratic, and it is most of a first poster's text time. Chinese has no kerning across atoms;
  // Latin words are whole atoms, and a space is measured on its own.
  const cache = new Map<string, number>();
  const width = (s: string) => {
    let w = cache.get(s);
    if (w === undefined) {
      w = measure(s);
      cache.set(s, w);
    }
    return w;
  };
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    const atoms = atomize(paragraph);
    if (atoms.length === 0) {
      lines.push('');
      continue;
    }
    let line = '';
    let lineWidth = 0;
    let pendingSpace = false;
    for (const atom of atoms) {
      if (atom.space) {
        pendingSpace = line !== '';
        continue;
      }
      const add = (pendingSpace ? width(' ') : 0) + width(atom.text);
      if (lineWidth + add <= opts.maxWidth) {
        line += (pendingSpace ? ' ' : '') + atom.text;
        lineWidth += add;
        pendingSpace = false;
        continue;
      }
      pendingSpace = false;
      if (line) lines.push(line);
      line = '';
      lineWidth = 0;
      // The atom alone: fits, or is split by characters (a long word or a number wider than the line).
      if (width(atom.text) <= opts.maxWidth) {
        line = atom.text;
        lineWidth = width(atom.text);
        continue;
      }
      for (const ch of atom.text) {
        if (line && lineWidth + width(ch) > opts.maxWidth) {
          lines.push(line);
          line = '';
          lineWidth = 0;
        }
        line += ch;
        lineWidth += width(ch);
      }
    }
    lines.push(line);
  }
  // Drop trailing empty lines from trailing newlines.
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return truncate(lines, measure, opts);
}

function truncate(lines: string[], measure: Measure, opts: BreakOptions): BrokenText {
  const max = opts.maxLines;
  if (max === undefined || lines.length <= max) return { lines, truncated: false, dropped: '' };
  const ellipsis = opts.ellipsis ?? '…';
  const kept = lines.slice(0, max);
  const dropped = lines.slice(max).join('');
  let last = kept[max - 1]!;
  let cut = '';
  const chars = [...last];
  // Remove characters until the ellipsis fits; never leave opening punctuation or a space before it.
  while (chars.length && measure(chars.join('') + ellipsis) > opts.maxWidth) cut = chars.pop()! + cut;
  while (chars.length && (OPENING.has(chars[chars.length - 1]!) || isSpace(chars[chars.length - 1]!)))
    cut = chars.pop()! + cut;
  last = chars.join('');
  kept[max - 1] = last + ellipsis;
  return { lines: kept, truncated: true, dropped: cut + dropped };
}
