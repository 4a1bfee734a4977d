import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CAMPAIGNS = fileURLToPath(new URL('../../campaigns', import.meta.url));

/**
 * What a test may take from campaigns/: the example files and their images. Never the whole folder:
 * a reader's own runs leave posters in campaigns/out/ (the README's first command) and a state store
 * in campaigns/.livectl/ (the tour's apply), and a test that copied those would see a plan that is
 * already applied, or posters it did not draw.
 */
export const EXAMPLE_ENTRIES = [
  'goddess-day.yaml',
  'goddess-day-channels.yaml',
  'minimal.yaml',
  'assets',
] as const;

/** Copies `entries` (files or folders) of `from` (default: campaigns/) into `dest`; returns `dest`. */
export function copyExamples(
  dest: string,
  entries: readonly string[] = EXAMPLE_ENTRIES,
  from: string = CAMPAIGNS,
): string {
  mkdirSync(dest, { recursive: true });
  for (const e of entries) cpSync(path.join(from, e), path.join(dest, e), { recursive: true });
  return dest;
}
