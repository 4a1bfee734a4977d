import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root (where templates/ and schema/ live). The code runs from src/ (tests), dist/
 * (tsc output) and dist/bundle/ (the CLI bundle), so walk up to the folder holding templates/.
 */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'templates')) && existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}

export const PACKAGE_ROOT = findRoot();
export const TEMPLATES_DIR = path.join(PACKAGE_ROOT, 'templates');
