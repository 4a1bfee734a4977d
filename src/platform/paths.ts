import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (where templates/ and schema/ live), from dist/platform or src/platform alike. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TEMPLATES_DIR = path.join(PACKAGE_ROOT, 'templates');
