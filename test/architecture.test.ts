/**
 * The house rules of the code, checked on the sources with plain fs and regular expressions:
 *  - no file in src/ is over 500 lines, except the data tables named below;
 *  - no value-import cycles among the modules of src/ (type-only imports are erased, lazy `import()`
 *    loads later: neither makes a cycle at load time);
 *  - the pure folders import no I/O module and never read the clock;
 *  - nothing outside test code imports test code (so neither tsc's build nor the bundle holds any).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

const MAX_LINES = 500;
/** Data tables, longer than MAX_LINES on purpose: one entry per line, read top to bottom. */
const LONG_DATA_TABLES = ['src/wechat/error-hints.ts'];

/** Folders and files that are pure: no network, no files, no database, no terminal. */
const PURE = [
  /^src\/campaign\//,
  /^src\/plan\//,
  /^src\/diagnostics\//,
  /^src\/reminders\/schedule[^/]*\.ts$/,
  /^src\/reminders\/cues\.ts$/,
  /^src\/reminders\/grace\.ts$/,
];
/** Modules that do I/O (or talk to the terminal). */
const IO_MODULE =
  /^(?:node:)?(?:fs|fs\/promises|child_process|net|http|https|http2|dgram|readline)$|^(?:axios|better-sqlite3|chalk|ora)$|^@inquirer\//;

interface Import {
  /** The specifier as written. */
  spec: string;
  /** The file it names, relative to the repository (relative specifiers only). */
  target?: string;
  /** Only types: erased at compile time. */
  typeOnly: boolean;
  /** `import('…')`: loaded when called, not when the importer loads. */
  lazy: boolean;
}

const STATIC =
  /^[ \t]*(import|export)[ \t]+(type[ \t]+)?((?:[\w$]+[ \t]*,[ \t]*)?(?:\{[^}]*\}|\*(?:[ \t]+as[ \t]+[\w$]+)?)|[\w$]+)[ \t]+from[ \t]+['"]([^'"]+)['"]/gm;
const BARE = /^[ \t]*import[ \t]+['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function walk(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return walk(rel);
    return /\.(?:ts|mts|js|mjs)$/.test(e.name) ? [rel] : [];
  });
}

/** Whether a `{ … }` clause names only types (`{ type A, type B }`). */
function onlyTypes(clause: string): boolean {
  const m = /^\{([^}]*)\}$/.exec(clause.trim());
  if (!m?.[1]) return false;
  const names = m[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return names.length > 0 && names.every((n) => n.startsWith('type '));
}

function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  return joined.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts');
}

function importsOf(file: string, text: string): Import[] {
  const out: Import[] = [];
  for (const m of text.matchAll(STATIC)) {
    const [, , typeWord, clause = '', spec = ''] = m;
    out.push({
      spec,
      target: resolve(file, spec),
      typeOnly: Boolean(typeWord) || onlyTypes(clause),
      lazy: false,
    });
  }
  for (const m of text.matchAll(BARE)) {
    const spec = m[1] ?? '';
    out.push({ spec, target: resolve(file, spec), typeOnly: false, lazy: false });
  }
  for (const m of text.matchAll(DYNAMIC)) {
    const spec = m[1] ?? '';
    out.push({ spec, target: resolve(file, spec), typeOnly: false, lazy: true });
  }
  return out;
}

const isTest = (file: string) => /\.test\.ts$/.test(file);
const lines = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

const sources = walk('src').map((file) => {
  const text = readFileSync(path.join(root, file), 'utf8');
  return { file, text, lines: lines(text), imports: importsOf(file, text) };
});
const code = sources.filter((s) => !isTest(s.file));
const known = new Set(code.map((s) => s.file));

/** The value-import graph of src/ (test files left out: nothing imports them). */
function valueGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const s of code) {
    const targets = s.imports
      .filter((i) => !i.typeOnly && !i.lazy && i.target !== undefined && known.has(i.target))
      .map((i) => i.target as string);
    graph.set(s.file, [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components with more than one module, or a module importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w === undefined) break;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

describe('the house rules', () => {
  it(`no file in src/ is over ${MAX_LINES} lines, except the data tables`, () => {
    const long = sources
      .filter((s) => s.lines > MAX_LINES)
      .filter((s) => !LONG_DATA_TABLES.includes(s.file))
      .map((s) => `${s.file}: ${s.lines} lines`);
    expect(long).toEqual([]);
  });

  it('no value-import cycles among the modules of src/', () => {
    expect(cycles(valueGraph()).map((c) => c.join(' ↔ '))).toEqual([]);
  });

  it('the pure folders import no I/O module', () => {
    const impure = code
      .filter((s) => PURE.some((p) => p.test(s.file)))
      .flatMap((s) =>
        s.imports.filter((i) => IO_MODULE.test(i.spec)).map((i) => `${s.file} imports ${i.spec}`),
      );
    expect(impure).toEqual([]);
  });

  it('the pure folders never read the clock (time comes in as `now`)', () => {
    const clock = /\bDate\.now\(\)|\bnew Date\(\)|\bperformance\.now\(\)/;
    const reading = code
      .filter((s) => PURE.some((p) => p.test(s.file)) && clock.test(s.text))
      .map((s) => s.file);
    expect(reading).toEqual([]);
  });

  it('src/ (apart from its tests) imports nothing from test/ and no test file', () => {
    const wrong = code.flatMap((s) =>
      s.imports
        .filter((i) => i.target !== undefined && (i.target.startsWith('test/') || isTest(i.target)))
        .map((i) => `${s.file} imports ${i.spec}`),
    );
    expect(wrong).toEqual([]);
  });

  it('reads the imports it checks (the parser sees every form used in src/)', () => {
    const all = sources.flatMap((s) => s.imports);
    expect(all.filter((i) => i.typeOnly).length).toBeGreaterThan(10);
    expect(all.filter((i) => i.lazy).length).toBeGreaterThan(0);
    const unresolved = all.filter(
      (i) =>
        i.target?.startsWith('src/') &&
        !known.has(i.target) &&
        !isTest(i.target) &&
        !/\.json$/.test(i.target),
    );
    expect(unresolved).toEqual([]);
    const sample = importsOf(
      'src/a/b.ts',
      [
        "import type { A } from './types.js';",
        "import { type B, type C } from '../c.js';",
        "import { type D, e } from './e.js';",
        'import {',
        '  f,',
        '  type G,',
        "} from './f.js';",
        "export { h } from './h.js';",
        "export type { I } from './i.js';",
        "import './side.js';",
        "const j = await import('./j.js');",
        "import { readFileSync } from 'node:fs';",
      ].join('\n'),
    );
    expect(sample.map((i) => [i.target ?? i.spec, i.typeOnly, i.lazy])).toEqual([
      ['src/a/types.ts', true, false],
      ['src/c.ts', true, false],
      ['src/a/e.ts', false, false],
      ['src/a/f.ts', false, false],
      ['src/a/h.ts', false, false],
      ['src/a/i.ts', true, false],
      ['node:fs', false, false],
      ['src/a/side.ts', false, false],
      ['src/a/j.ts', false, true],
    ]);
  });
});
