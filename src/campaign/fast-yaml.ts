import { Document, LineCounter, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

/**
 * A fast reader for the plain YAML that campaign files are written in: block mappings and
 * sequences, one-line flow collections, plain and one-line quoted scalars, comments. It builds the
 * same value as `yaml` (core schema, YAML 1.2) and the same nodes with the same ranges that
 * diagnostics are located by, several times faster.
 *
 * It is an accelerator, never a second YAML dialect: whatever it is not sure of — anchors, aliases,
 * tags, block scalars, multi-line scalars or flow collections, directives, document markers, tabs,
 * duplicate or unusual keys, escapes other than the common ones, anything that would be a YAML error
 * or warning — makes it give up (undefined), and the caller parses with `yaml`. A differential test
 * (src/campaign/fast-yaml.test.ts) holds both to the same values and ranges over every fixture,
 * example, generated bench file and hostile sample.
 */
export interface FastParsed {
  doc: Document;
  lineCounter: LineCounter;
  value: Record<string, unknown>;
}

/** Thrown (never escapes) when the text leaves the supported subset. */
const BAIL: unique symbol = Symbol('bail');

interface Built {
  node: Scalar | YAMLMap | YAMLSeq;
  value: unknown;
  /** Where yaml's node ends with its trailing spaces, comment and line break (range[2]). */
  end: number;
}

const KEY = /^[A-Za-z_$][A-Za-z0-9_$-]{0,127}$/;
const NOT_STRING_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
/** Characters that cannot start a plain scalar here (indicators, or ones yaml treats specially). */
const BAD_START = new Set(['&', '*', '!', '|', '>', '%', '@', '`', '?', ':', ',', ']', '}', '#', '"', "'"]);
/** Anywhere in the text: tabs, carriage returns, a BOM, document markers or directives. */
const UNSUPPORTED = /[\t\r\uFEFF\u0085\u2028\u2029]|^(?:---|\.\.\.)(?:[ \n]|$)|^%/m;

/** `lineCounter` (optional) is filled with the text's line starts when the text is read. */
export function parseFastYaml(text: string, lineCounter = new LineCounter()): FastParsed | undefined {
  if (UNSUPPORTED.test(text)) return undefined;
  try {
    const p = new FastParser(text);
    const built = p.document();
    const doc = new Document();
    doc.contents = built.node;
    const lc = lineCounter;
    lc.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
    return { doc, lineCounter: lc, value: built.value as Record<string, unknown> };
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

function bail(): never {
  throw BAIL;
}

/** Resolves a plain scalar as yaml's core schema does (null, bool, int, float, else string). */
export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Only these can start a non-string: digits, sign, dot, ~, n/N, t/T, f/F.
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (c === 116 || c === 84 || c === 102 || c === 70) {
    if (s === 'true' || s === 'True' || s === 'TRUE') return true;
    if (s === 'false' || s === 'False' || s === 'FALSE') return false;
    return s;
  }
  if (!(c === 43 || c === 45 || c === 46 || (c >= 48 && c <= 57))) return s;
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) {
    return s.slice(-3).toLowerCase() === 'nan'
      ? Number.NaN
      : s[0] === '-'
        ? Number.NEGATIVE_INFINITY
        : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

function scalar(value: unknown, start: number, end: number, after: number): Scalar {
  const s = new Scalar(value);
  s.range = [start, end, after];
  return s;
}

class FastParser {
  private i = 0;
  private lineStart = 0;

  constructor(private readonly s: string) {}

  document(): Built {
    this.skipBlankLines();
    if (this.i >= this.s.length || this.column() !== 0) bail();
    const root = this.blockMap(0);
    this.skipBlankLines();
    if (this.i < this.s.length) bail();
    return root;
  }

  private column(): number {
    return this.i - this.lineStart;
  }

  /** From a line start: past empty, blank and comment-only lines, to the first content character. */
  private skipBlankLines(): void {
    const s = this.s;
    for (;;) {
      let j = this.i;
      while (s.charCodeAt(j) === 32) j++;
      if (j >= s.length) {
        this.i = j;
        return;
      }
      const c = s.charCodeAt(j);
      // An indented comment line can stretch the range of the node before it: left to yaml.
      if (c === 35 && j > this.i) bail();
      if (c === 10 || c === 35) {
        const nl = s.indexOf('\n', j);
        if (nl < 0) {
          this.i = s.length;
          return;
        }
        this.i = nl + 1;
        this.lineStart = this.i;
        continue;
      }
      this.i = j;
      return;
    }
  }

  /** After a value on a line: spaces, an optional comment, the line break. Returns the offset after it. */
  private endOfLine(): number {
    const s = this.s;
    let j = this.i;
    while (s.charCodeAt(j) === 32) j++;
    if (j < s.length && s.charCodeAt(j) === 35) {
      if (j === this.i) bail(); // a comment needs a space before it
      const nl = s.indexOf('\n', j);
      j = nl < 0 ? s.length : nl;
    }
    if (j < s.length) {
      if (s.charCodeAt(j) !== 10) bail();
      j++;
      this.lineStart = j;
    }
    this.i = j;
    return j;
  }

  /** A key at the current position, up to its `:` (which must be followed by a space or a line end). */
  private key(): Scalar {
    const s = this.s;
    const start = this.i;
    let j = start;
    for (; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 58 || c === 32 || c === 10 || c === 44 || c === 123 || c === 125 || c === 91 || c === 93)
        break;
    }
    const k = s.slice(start, j);
    if (s.charCodeAt(j) !== 58 || !KEY.test(k) || NOT_STRING_KEY.test(k) || k === '__proto__') bail();
    this.i = j + 1;
    return scalar(k, start, j, j);
  }

  private blockMap(indent: number): Built {
    const s = this.s;
    const map = new YAMLMap();
    const value: Record<string, unknown> = {};
    const start = this.i;
    let end = start;
    for (;;) {
      const k = this.key();
      const name = k.value as string;
      if (Object.hasOwn(value, name)) bail();
      const c = s.charCodeAt(this.i);
      let v: Built;
      if (this.i >= s.length || c === 10 || (c === 32 && this.restIsComment())) {
        let empty = this.i; // where yaml puts an empty value: after the spaces
        while (s.charCodeAt(empty) === 32) empty++;
        const commented = s.charCodeAt(empty) === 35;
        this.endOfLine(); // from before the spaces, which a comment needs
        this.skipBlankLines();
        const col = this.column();
        if (this.i < s.length && col > indent) v = this.blockNode(col);
        else if (this.i < s.length && col === indent && this.atDash()) v = this.blockSeq(indent);
        // `key:   # note` with no value: yaml's ranges then reach over the comment; left to yaml.
        else if (commented) bail();
        else v = { node: scalar(null, empty, empty, empty), value: null, end: empty };
      } else {
        if (c !== 32) bail();
        while (s.charCodeAt(this.i) === 32) this.i++;
        v = this.inlineValue();
        v.end = this.endOfLine();
        (v.node.range as [number, number, number])[2] = v.end;
        this.skipBlankLines();
        if (this.i < s.length && this.column() > indent) bail(); // a continued scalar or an error
      }
      map.items.push(new Pair(k, v.node));
      value[name] = v.value;
      end = v.end;
      if (this.i >= s.length) break;
      const col = this.column();
      if (col < indent) break;
      if (col > indent || this.atDash()) bail();
    }
    map.range = [start, end, end];
    return { node: map, value, end };
  }

  private restIsComment(): boolean {
    let j = this.i;
    while (this.s.charCodeAt(j) === 32) j++;
    return j >= this.s.length || this.s.charCodeAt(j) === 35 || this.s.charCodeAt(j) === 10;
  }

  private atDash(): boolean {
    const n = this.s.charCodeAt(this.i + 1);
    return this.s.charCodeAt(this.i) === 45 && (n === 32 || n === 10 || Number.isNaN(n));
  }

  private blockNode(indent: number): Built {
    return this.atDash() ? this.blockSeq(indent) : this.blockMap(indent);
  }

  private blockSeq(indent: number): Built {
    const s = this.s;
    const seq = new YAMLSeq();
    const value: unknown[] = [];
    const start = this.i;
    let end = start;
    for (;;) {
      this.i++; // the dash
      let v: Built;
      if (this.i >= s.length || s.charCodeAt(this.i) === 10 || this.restIsComment()) {
        while (s.charCodeAt(this.i) === 32) this.i++;
        if (this.i < s.length && s.charCodeAt(this.i) !== 10) bail();
        this.endOfLine();
        this.skipBlankLines();
        const col = this.column();
        if (this.i >= s.length || col <= indent) bail(); // an empty item
        v = this.blockNode(col);
      } else {
        while (s.charCodeAt(this.i) === 32) this.i++;
        const col = this.column();
        const c = s[this.i]!;
        if (this.atDash()) bail();
        if (c === '{' || c === '[' || c === '"' || c === "'" || !this.looksLikeKey()) {
          v = this.inlineValue();
          v.end = this.endOfLine();
          (v.node.range as [number, number, number])[2] = v.end;
          this.skipBlankLines();
          if (this.i < s.length && this.column() > indent) bail();
        } else {
          v = this.blockMap(col);
        }
      }
      seq.items.push(v.node);
      value.push(v.value);
      end = v.end;
      if (this.i >= s.length) break;
      const col = this.column();
      if (col < indent || (col === indent && !this.atDash())) break;
      if (col > indent) bail();
    }
    seq.range = [start, end, end];
    return { node: seq, value, end };
  }

  /** Whether the rest of the line starts with `key:` followed by a space or the line end. */
  private looksLikeKey(): boolean {
    const s = this.s;
    for (let j = this.i; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 58) {
        const n = s.charCodeAt(j + 1);
        return n === 32 || n === 10 || Number.isNaN(n);
      }
      if (c === 10) return false;
    }
    return false;
  }

  /** A value that starts and ends on this line: a flow collection, a quoted or a plain scalar. */
  private inlineValue(): Built {
    const c = this.s[this.i]!;
    if (c === '{' || c === '[') return this.flow();
    if (c === '"' || c === "'") return this.quoted();
    return this.plain(false);
  }

  private plain(inFlow: boolean): Built {
    const s = this.s;
    const start = this.i;
    const c0 = s[start]!;
    if (BAD_START.has(c0) || c0 === '{' || c0 === '[') bail();
    if (c0 === '-') {
      const n = s.charCodeAt(start + 1);
      if (n === 32 || n === 10 || Number.isNaN(n) || n === 44 || n === 93 || n === 125) bail();
    }
    let j = start;
    let last = start; // end of the last non-space character
    for (; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 10) break;
      if (c === 35 && s.charCodeAt(j - 1) === 32) break;
      if (c === 58) {
        const n = s.charCodeAt(j + 1);
        if (n === 32 || n === 10 || Number.isNaN(n) || (inFlow && (n === 44 || n === 93 || n === 125)))
          bail(); // a key where a value was expected, or a mapping inside a flow sequence
      }
      if (inFlow && (c === 44 || c === 93 || c === 125)) break;
      if (c === 123 || c === 125 || c === 91 || c === 93) bail();
      if (c !== 32) last = j + 1;
    }
    const value = resolvePlain(s.slice(start, last));
    this.i = last;
    return { node: scalar(value, start, last, last), value, end: last };
  }

  private quoted(): Built {
    const s = this.s;
    const start = this.i;
    const q = s.charCodeAt(start);
    const single = q === 39;
    let out = '';
    let j = start + 1;
    let seg = j;
    for (;;) {
      if (j >= s.length) bail();
      const c = s.charCodeAt(j);
      if (c === 10) bail();
      if (c === q) {
        if (single && s.charCodeAt(j + 1) === 39) {
          out += s.slice(seg, j + 1);
          j += 2;
          seg = j;
          continue;
        }
        out += s.slice(seg, j);
        break;
      }
      if (!single && c === 92) {
        const e = SIMPLE_ESCAPES[s[j + 1] ?? ''];
        if (e === undefined) bail();
        out += s.slice(seg, j) + e;
        j += 2;
        seg = j;
        continue;
      }
      j++;
    }
    const end = j + 1;
    this.i = end;
    const n = s.charCodeAt(end);
    if (!(Number.isNaN(n) || n === 32 || n === 10 || n === 44 || n === 93 || n === 125)) bail();
    return { node: scalar(out, start, end, end), value: out, end };
  }

  private flow(): Built {
    const s = this.s;
    const start = this.i;
    const isMap = s[start] === '{';
    const close = isMap ? '}' : ']';
    const map = isMap ? new YAMLMap() : undefined;
    const seq = isMap ? undefined : new YAMLSeq();
    const obj: Record<string, unknown> = {};
    const arr: unknown[] = [];
    this.i++;
    this.spaces();
    if (s[this.i] === close) {
      this.i++;
    } else {
      for (;;) {
        if (isMap) {
          const k = this.key();
          const name = k.value as string;
          if (Object.hasOwn(obj, name) || s.charCodeAt(this.i) !== 32) bail();
          this.spaces();
          const v = this.flowNode();
          map!.items.push(new Pair(k, v.node));
          obj[name] = v.value;
        } else {
          const v = this.flowNode();
          seq!.items.push(v.node);
          arr.push(v.value);
        }
        this.spaces();
        const c = s[this.i];
        if (c === ',') {
          this.i++;
          this.spaces();
          if (s[this.i] === close || s[this.i] === ',') bail();
          continue;
        }
        if (c === close) {
          this.i++;
          break;
        }
        bail();
      }
    }
    const end = this.i;
    const node = map ?? seq!;
    node.flow = true;
    node.range = [start, end, end];
    return { node, value: isMap ? obj : arr, end };
  }

  private spaces(): void {
    while (this.s.charCodeAt(this.i) === 32) this.i++;
  }

  private flowNode(): Built {
    const c = this.s[this.i];
    if (c === '{' || c === '[') return this.flow();
    if (c === '"' || c === "'") return this.quoted();
    if (c === undefined || c === '\n') bail();
    return this.plain(true);
  }
}
