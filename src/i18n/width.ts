/**
 * Terminal columns: an East Asian wide or full-width character (Chinese, Japanese, Korean, full-width
 * punctuation, most emoji) takes two cells, everything else one; ANSI colour codes take none. Tables
 * and code frames pad by this width so columns stay aligned when a cell holds Chinese.
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text.replace(ANSI, '')) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b || (cp >= 0xfe00 && cp <= 0xfe0f))
      continue;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

const ANSI = /\u001b\[[0-9;]*m/g;

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** `text` padded with spaces to `width` terminal columns (unchanged when already as wide). */
export function padEndDisplay(text: string, width: number): string {
  const w = displayWidth(text);
  return w >= width ? text : text + ' '.repeat(width - w);
}

/** `text` padded on the left to `width` terminal columns. */
export function padStartDisplay(text: string, width: number): string {
  const w = displayWidth(text);
  return w >= width ? text : ' '.repeat(width - w) + text;
}

/**
 * Wraps text to `width` terminal columns: at spaces, and between two wide characters (Chinese has
 * no spaces between words), so a Chinese sentence wraps where an English one would.
 */
export function wrapDisplay(text: string, width: number): string {
  return text
    .split(/\r\n|\n/)
    .map((line) => wrapLine(line, width))
    .join('\n');
}

/** Chinese line-breaking rules: closing punctuation never starts a line, opening never ends one. */
const NO_BREAK_BEFORE = '）。，、；：」』！？》】';
const NO_BREAK_AFTER = '（「『《【';

function wrapLine(line: string, width: number): string {
  const out: string[] = [];
  let cur = '';
  let w = 0;
  /** Index in `cur` after which a break is allowed, and whether the break eats a space there. */
  let breakAt = -1;
  let breakSpace = false;
  for (const ch of line) {
    const cw = displayWidth(ch);
    if (w + cw > width && cur !== '') {
      if (ch === ' ') {
        out.push(cur.trimEnd());
        cur = '';
        w = 0;
        breakAt = -1;
        continue;
      }
      const here =
        isWide(ch.codePointAt(0)!) &&
        !NO_BREAK_BEFORE.includes(ch) &&
        !NO_BREAK_AFTER.includes(cur.slice(-1));
      if (here || breakAt < 0) {
        out.push(cur.trimEnd());
        cur = '';
      } else {
        out.push(cur.slice(0, breakAt).trimEnd());
        cur = cur.slice(breakAt + (breakSpace ? 1 : 0));
      }
      w = displayWidth(cur);
      breakAt = -1;
    }
    if (ch === ' ') {
      breakAt = cur.length;
      breakSpace = true;
    } else if (
      isWide(ch.codePointAt(0)!) &&
      cur !== '' &&
      !NO_BREAK_BEFORE.includes(ch) &&
      !NO_BREAK_AFTER.includes(cur.slice(-1))
    ) {
      breakAt = cur.length;
      breakSpace = false;
    }
    cur += ch;
    w += cw;
  }
  out.push(cur);
  return out.join('\n');
}
