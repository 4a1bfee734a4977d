import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixedClock } from '../../../src/platform/deps.js';
import type { ResourceRecord } from '../../../src/state/types.js';

/** A fresh temp folder per test; `cleanup()` removes it. */
export function tempDir(): { dir: string; file: (name?: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'livectl-state-'));
  return {
    dir,
    file: (name = 'state.db') => path.join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const T0 = new Date('2027-03-01T02:00:00.000Z');
export const clock = fixedClock(T0);

/** A resource with sensible defaults. */
export function aResource(
  overrides: Partial<ResourceRecord> & Pick<ResourceRecord, 'address'>,
): ResourceRecord {
  const kind = (overrides.kind ?? overrides.address.split('/')[0]) as ResourceRecord['kind'];
  return {
    kind,
    attributes: {},
    createdAt: T0.toISOString(),
    updatedAt: T0.toISOString(),
    ...overrides,
  };
}
