import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { validateYaml, withCode } from '../support/validate.js';
import { at, edit as editText, NOW } from './harness.js';

/** The platform: channels fixture: breaks no platform rule; tests change one thing in it. */
export const CHANNELS_DIR = fileURLToPath(new URL('../fixtures/platform/channels/', import.meta.url));
export const CHANNELS = readFileSync(path.join(CHANNELS_DIR, 'campaign.yaml'), 'utf8');

/** `text` (default: the channels fixture) with `from`, which must occur once, replaced by `to`. */
export const edit = (from: string, to: string, text = CHANNELS): string => editText(from, to, text);

/** Validates the YAML beside a fresh copy of the channels fixture's folder. */
export async function run(yaml: string): Promise<Diagnostic[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'livectl-channels-'));
  cpSync(CHANNELS_DIR, dir, { recursive: true });
  return validateYaml(yaml, NOW, dir);
}

/** Asserts exactly these findings of `code`, by path and the text they point at. */
export async function expectHits(
  yaml: string,
  code: string,
  hits: readonly { path: (string | number)[]; needle: string; offset?: number }[],
): Promise<void> {
  expect(withCode(await run(yaml), code)).toEqual(
    hits.map((h) => ({ path: h.path, ...at(yaml, h.needle, h.offset ?? 0) })),
  );
}

export async function expectNone(yaml: string, code: string): Promise<void> {
  expect(withCode(await run(yaml), code)).toEqual([]);
}
