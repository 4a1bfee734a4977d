import { type Document, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { Diagnostic, DiagnosticArgs, DiagnosticPath, Finding } from './diagnostic.js';
import { clipMessage, clipSegment } from './escape.js';

/** A byte range in the source text, [start, end). */
export type Range = readonly [number, number];

interface Hit {
  /** The value node's range, when the whole path exists. */
  value?: Range;
  /** The key's range of the last segment that matched a map key. */
  key?: Range;
  /** Range of the deepest node reached: used when the path runs out (a missing field). */
  nearest?: Range;
  /** How many segments matched. */
  depth: number;
}

function rangeOf(node: Node | null | undefined): Range | undefined {
  const r = node?.range;
  return r ? [r[0], r[1]] : undefined;
}

function keyEquals(key: unknown, seg: string | number): boolean {
  const v = isScalar(key) ? key.value : key;
  return v === seg || String(v) === String(seg);
}

/** Walks a path through the YAML AST: map keys by value, sequence items by index. */
function walk(doc: Document, path: DiagnosticPath): Hit {
  let node: unknown = doc.contents;
  let key: Range | undefined;
  let nearest = rangeOf(node as Node);
  let depth = 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyEquals(p.key, seg));
      if (!pair) return { key, nearest, depth };
      key = rangeOf(pair.key as Node);
      node = pair.value;
      // `name:` with no value has no value node; point at its key.
      nearest = rangeOf(node as Node) ?? key;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) return { key, nearest, depth };
      node = item;
      key = undefined;
      nearest = rangeOf(node as Node) ?? nearest;
    } else {
      return { key, nearest, depth };
    }
    depth++;
  }
  return { value: rangeOf(node as Node) ?? key, key, nearest, depth };
}

/**
 * Turns findings into located diagnostics. The path is resolved through the YAML document; when it
 * does not exist (a missing field) the nearest existing parent is used, so every finding has a place.
 * `target: 'key'` points at the key rather than the value (unknown keys, duplicate entries).
 */
export function locate(
  findings: readonly Finding[],
  doc: Document | undefined,
  lc: LineCounter,
): Diagnostic[] {
  return findings.map((f) => {
    const { target, ...found } = f;
    // Values are cut once the place is known: a 1 MB name makes a one-line diagnostic.
    const rest = {
      ...found,
      message: clipMessage(found.message),
      path: found.path.map(clipSegment),
      ...(found.hint !== undefined ? { hint: clipMessage(found.hint, 80, 2000) } : {}),
      ...(found.args !== undefined ? { args: clipArgs(found.args) } : {}),
    };
    if (!doc) return { ...rest, line: 0, column: 0, endLine: 0, endColumn: 0 };
    const hit = walk(doc, f.path);
    const range = (target === 'key' ? (hit.key ?? hit.value) : hit.value) ?? hit.nearest;
    return { ...rest, ...positions(range, lc) };
  });
}

function clipArgs(args: DiagnosticArgs): DiagnosticArgs {
  const out: Record<string, string | number | undefined> = {};
  for (const [k, v] of Object.entries(args)) out[k] = typeof v === 'string' ? clipMessage(v, 80, 80) : v;
  return out;
}

/** 1-based line/column of a range's start and end (the end may be on a later line). */
export function positions(
  range: Range | undefined,
  lc: LineCounter,
): Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'> {
  if (!range) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  const start = lc.linePos(range[0]);
  const end = lc.linePos(Math.max(range[0], range[1]));
  return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}
