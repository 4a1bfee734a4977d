import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { validateYaml, withCode } from '../support/validate.js';

/** The clock of every platform-rule test (the examples must be clean at this time). */
export const NOW = new Date('2026-11-26T12:00:00+08:00');

export const BASE_DIR = fileURLToPath(new URL('../fixtures/platform/base/', import.meta.url));
/** A campaign that breaks no platform rule; tests change one thing in it. */
export const BASE = readFileSync(path.join(BASE_DIR, 'campaign.yaml'), 'utf8');

/** `text` with `from` replaced by `to`; `from` must occur exactly once, so a stale edit fails loudly. */
export function edit(from: string, to: string, text = BASE): string {
  const first = text.indexOf(from);
  if (first < 0 || text.indexOf(from, first + 1) >= 0) {
    throw new Error(`fixture edit: "${from}" must occur exactly once`);
  }
  return text.slice(0, first) + to + text.slice(first + from.length);
}

/** A fresh copy of the base folder (images, audience, message file) for one test. */
export function freshDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'livectl-platform-'));
  cpSync(BASE_DIR, dir, { recursive: true });
  return dir;
}

/** Validates the YAML beside a fresh copy of the base folder; `prepare` may add files first. */
export async function run(yaml: string, prepare?: (dir: string) => void): Promise<Diagnostic[]> {
  const dir = freshDir();
  prepare?.(dir);
  return validateYaml(yaml, NOW, dir);
}

/** 1-based line and column of the (only) occurrence of `needle` in `text`, plus `offset` characters. */
export function at(text: string, needle: string, offset = 0): { line: number; column: number } {
  const i = text.indexOf(needle);
  if (i < 0 || text.indexOf(needle, i + 1) >= 0) throw new Error(`"${needle}" must occur exactly once`);
  const before = text.slice(0, i + offset);
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

export const errorsOf = (list: readonly Diagnostic[]) =>
  list
    .filter((d) => d.severity === 'error')
    .map((d) => ({ code: d.code, path: d.path, line: d.line, message: d.message }));

/** Where a finding is expected: its model path, and the text it should point at in the YAML. */
export interface Hit {
  path: (string | number)[];
  /** Text that occurs once in the YAML; the finding points at its start (plus offset). */
  needle: string;
  offset?: number;
}

/** A file validated for real; asserts exactly these findings of `code`, by path, line and column. */
export async function expectHits(
  yaml: string,
  code: string,
  hits: readonly Hit[],
  prepare?: (dir: string) => void,
): Promise<void> {
  const list = await run(yaml, prepare);
  expect(withCode(list, code)).toEqual(
    hits.map((h) => ({ path: h.path, ...at(yaml, h.needle, h.offset ?? 0) })),
  );
}

/** A file validated for real; asserts no finding of `code`. */
export async function expectNone(yaml: string, code: string, prepare?: (dir: string) => void): Promise<void> {
  expect(withCode(await run(yaml, prepare), code)).toEqual([]);
}
