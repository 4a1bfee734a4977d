import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { validateFiles } from '../../src/validate/validate-files.js';

/** Validates one file for real (files probed on disk) and returns its diagnostics. */
export async function validateFile(file: string, now: Date): Promise<Diagnostic[]> {
  const r = await validateFiles([file], { now });
  return r.files[0]!.diagnostics;
}

/** Writes YAML text beside the given assets folder's files and validates it. */
export async function validateYaml(
  yaml: string,
  now: Date,
  dir = mkdtempSync(path.join(tmpdir(), 'livectl-')),
) {
  const file = path.join(dir, 'campaign.yaml');
  writeFileSync(file, yaml);
  return validateFile(file, now);
}

/** Only the diagnostics with this code, reduced to what tests assert on. */
export function withCode(list: readonly Diagnostic[], code: string) {
  return list.filter((d) => d.code === code).map((d) => ({ path: d.path, line: d.line, column: d.column }));
}
