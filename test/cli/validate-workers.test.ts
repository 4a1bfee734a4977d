import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const NOW = '2026-11-26T12:00:00+08:00';

/**
 * The built CLI spreads many files over worker threads; the result must be exactly what one thread
 * gives (tests run the sources in one thread), cross-file limits included.
 */
describe('validate over many files', () => {
  it('gives the same report from worker threads as from one thread', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'livectl-workers-'));
    cpSync(path.join(root, 'campaigns', 'assets'), path.join(dir, 'assets'), { recursive: true });
    const base = readFileSync(path.join(root, 'campaigns', 'minimal.yaml'), 'utf8');
    for (let i = 0; i < 80; i++) {
      let text = base.replace('name: spring-tea', `name: tea-${i}`);
      // 55 rooms of one mini program start the same day: the cross-file limit (50) must show.
      if (i % 16 === 5) text = text.replace('  duration: 1h30m', '  duraton: 1h30m');
      writeFileSync(path.join(dir, `c-${String(i).padStart(3, '0')}.yaml`), text);
    }
    const spawned = spawnSync(
      process.execPath,
      [path.join(root, 'bin', 'livectl.js'), 'validate', '.', '--format', 'json', '--now', NOW],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    const inProcess = await runCli(['validate', '.', '--format', 'json', '--now', NOW], { cwd: dir });
    expect(spawned.status).toBe(1);
    const doc = JSON.parse(spawned.stdout);
    const one = JSON.parse(inProcess.stdout);
    // The built CLI really used worker threads: one thread per core, at most 4, and 80 files make 3
    // at most, this one included (a single core gets none). The sources have no built worker and
    // run in one thread.
    const cores = availableParallelism();
    expect(doc.summary.workers).toBe(cores >= 2 ? Math.min(3, cores) - 1 : 0);
    expect(one.summary.workers).toBe(0);
    expect({ ...doc, summary: { ...doc.summary, workers: 0 } }).toEqual(one);
    const codes = doc.files.flatMap((f: { diagnostics: { code: string }[] }) =>
      f.diagnostics.map((d) => d.code),
    );
    expect(codes.filter((c: string) => c === 'E_UNKNOWN_KEY')).toHaveLength(5);
    expect(codes).toContain('E_ROOMS_PER_DAY');
  });
});
