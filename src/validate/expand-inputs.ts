import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { byCodeUnit } from '../platform/compare.js';

/**
 * `validate` takes files, folders and globs. Folders are searched for *.yaml / *.yml (hidden folders and
 * node_modules skipped); globs support `*`, `**`, `?` and `{a,b}`. Explicit files are kept even if
 * missing so they are reported as such. Order is stable (sorted per input, duplicates dropped).
 */
export async function expandInputs(
  inputs: readonly string[],
  cwd: string,
): Promise<{ files: string[]; unmatched: string[] }> {
  const seen = new Set<string>();
  const files: string[] = [];
  const unmatched: string[] = [];
  const add = (f: string) => {
    const key = path.resolve(cwd, f);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(f);
    }
  };
  for (const input of inputs) {
    if (isGlob(input)) {
      const found = await expandGlob(input, cwd);
      if (found.length === 0) unmatched.push(input);
      found.forEach(add);
      continue;
    }
    const st = await stat(path.resolve(cwd, input)).catch(() => undefined);
    if (st?.isDirectory()) {
      const found = await walkYaml(path.resolve(cwd, input));
      if (found.length === 0) unmatched.push(input);
      found.map((f) => relativeTo(cwd, f)).forEach(add);
    } else add(input);
  }
  return { files, unmatched };
}

const YAML_FILE = /\.ya?ml$/i;

function relativeTo(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  return rel.startsWith('..') ? abs : rel;
}

async function walkYaml(dir: string, depth = 0): Promise<string[]> {
  if (depth > 20) return [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries.sort((a, b) => byCodeUnit(a.name, b.name))) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walkYaml(full, depth + 1)));
    else if (e.isFile() && YAML_FILE.test(e.name)) out.push(full);
  }
  return out;
}

function isGlob(s: string): boolean {
  return /[*?{[]/.test(s);
}

/** Converts one glob to a regular expression over `/`-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) re += '\\{';
      else {
        re += `(?:${glob
          .slice(i + 1, close)
          .split(',')
          .map((p) => p.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
          .join('|')})`;
        i = close;
      }
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const norm = pattern.split(path.sep).join('/');
  const parts = norm.split('/');
  const firstGlob = parts.findIndex(isGlob);
  const baseRel = parts.slice(0, firstGlob).join('/') || '.';
  const base = path.resolve(cwd, baseRel);
  const rest = globToRegExp(parts.slice(firstGlob).join('/'));
  const all = await walkAll(base);
  return all
    .filter((abs) => rest.test(path.relative(base, abs).split(path.sep).join('/')))
    .map((abs) => relativeTo(cwd, abs));
}

async function walkAll(dir: string, depth = 0): Promise<string[]> {
  if (depth > 20) return [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries.sort((a, b) => byCodeUnit(a.name, b.name))) {
    if (e.name === 'node_modules' || e.name === '.git') continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walkAll(full, depth + 1)));
    else if (e.isFile()) out.push(full);
  }
  return out;
}
