import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { parseFastYaml } from './fast-yaml.js';

/**
 * The differential check behind the fast reader: for one text, does `parseFastYaml` either give up
 * or agree with `yaml` (as load.ts calls it) on the value, on every node's kind and on every range
 * that diagnostics are located by? Returns the disagreements (empty when they agree). Pure; used by
 * the differential tests and the bench.
 */
export function fastYamlDisagreements(text: string): string[] {
  const fast = parseFastYaml(text);
  if (!fast) return [];
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, strict: true });
  if (doc.errors.length > 0 || doc.warnings.length > 0) {
    return [`fast reader accepted a text yaml reports: ${[...doc.errors, ...doc.warnings][0]!.code}`];
  }
  const out: string[] = [];
  let expected: unknown;
  try {
    expected = doc.toJS({ maxAliasCount: -1 });
  } catch (e) {
    return [`yaml could not convert it (${(e as Error).message}) but the fast reader did`];
  }
  sameValue(expected, fast.value, '$', out);
  sameNode(doc.contents as Node, fast.doc.contents as Node, '$', out);
  if (out.length === 0) {
    for (let off = 0; off <= text.length; off += Math.max(1, Math.floor(text.length / 50))) {
      const a = lc.linePos(off);
      const b = fast.lineCounter.linePos(off);
      if (a.line !== b.line || a.col !== b.col) {
        out.push(`line/col at ${off}: ${a.line}:${a.col} vs ${b.line}:${b.col}`);
        break;
      }
    }
  }
  return out;
}

function sameValue(a: unknown, b: unknown, where: string, out: string[]): void {
  if (out.length > 5) return;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) {
      out.push(`${where}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      return;
    }
    a.forEach((x, i) => {
      sameValue(x, b[i], `${where}[${i}]`, out);
    });
    return;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.join('\u0000') !== kb.join('\u0000') || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
      out.push(`${where}: keys ${ka.join(',')} vs ${kb.join(',')}`);
      return;
    }
    for (const k of ka) sameValue((a as never)[k], (b as never)[k], `${where}.${k}`, out);
    return;
  }
  if (!Object.is(a, b)) out.push(`${where}: ${String(a)} (${typeof a}) vs ${String(b)} (${typeof b})`);
}

function kind(n: unknown): string {
  return isMap(n) ? 'map' : isSeq(n) ? 'seq' : isScalar(n) ? 'scalar' : isPair(n) ? 'pair' : String(n);
}

function sameNode(
  a: Node | null | undefined,
  b: Node | null | undefined,
  where: string,
  out: string[],
): void {
  if (out.length > 5) return;
  if (kind(a) !== kind(b)) {
    out.push(`${where}: ${kind(a)} vs ${kind(b)}`);
    return;
  }
  if (!a || !b) return;
  const ra = a.range;
  const rb = b.range;
  if (ra?.[0] !== rb?.[0] || ra?.[1] !== rb?.[1]) {
    out.push(`${where}: range ${JSON.stringify(ra)} vs ${JSON.stringify(rb)}`);
    return;
  }
  if (isScalar(a) && isScalar(b) && !Object.is(a.value, b.value)) {
    out.push(`${where}: scalar ${String(a.value)} vs ${String(b.value)}`);
  }
  if ((isMap(a) && isMap(b)) || (isSeq(a) && isSeq(b))) {
    const ia = a.items as unknown[];
    const ib = b.items as unknown[];
    if (ia.length !== ib.length) {
      out.push(`${where}: ${ia.length} items vs ${ib.length}`);
      return;
    }
    ia.forEach((x, i) => {
      if (isPair(x)) {
        const y = ib[i];
        if (!isPair(y)) {
          out.push(`${where}[${i}]: pair vs ${kind(y)}`);
          return;
        }
        sameNode(x.key as Node, y.key as Node, `${where}.key${i}`, out);
        sameNode(
          x.value as Node,
          y.value as Node,
          `${where}.${String((x.key as { value?: unknown })?.value)}`,
          out,
        );
      } else sameNode(x as Node, ib[i] as Node, `${where}[${i}]`, out);
    });
  }
}
