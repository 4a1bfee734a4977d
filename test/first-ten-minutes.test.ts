import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../src/platform/deps.js';
import { openSqliteStore } from '../src/state/sqlite-store.js';
import { runCli } from './support/cli.js';
import { CAMPAIGNS, copyExamples, EXAMPLE_ENTRIES } from './support/examples.js';

/** A newcomer's first ten minutes (issue 12): the README's set-up commands, in order, keep working. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOW = '2026-11-26T12:00:00+08:00';

function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourcesUnder(p));
    else if (/\.(ts|js|mjs)$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('tests copy only what they need from campaigns/', () => {
  it('no test copies the whole campaigns/ folder (it may hold out/ and .livectl/ from the README)', () => {
    // cpSync(<campaigns>, …) where the source is the folder itself, however it is spelled.
    const whole =
      /cpSync\(\s*(?:new URL\(\s*['"][./]*campaigns\/?['"][^)]*\)|path\.join\([^()]*['"]campaigns\/?['"]\s*\)|CAMPAIGNS)\s*,/;
    const offenders = [...sourcesUnder(path.join(ROOT, 'test')), ...sourcesUnder(path.join(ROOT, 'src'))]
      .filter((f) => whole.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it('after `livectl plan campaigns/goddess-day.yaml` and the tour, a copy has the examples only', async () => {
    // A reader's campaigns/: the examples, the posters of the README's first command, a state store.
    const reader = copyExamples(mkdtempSync(path.join(tmpdir(), 'livectl-reader-')));
    const planned = await runCli(['plan', 'goddess-day.yaml', '--now', NOW], { cwd: reader });
    expect(planned.code).toBe(0);
    expect(existsSync(path.join(reader, 'out', 'goddess-day-2027', 'index.html'))).toBe(true);
    const store = await openSqliteStore(path.join(reader, '.livectl', 'state.db'), {
      clock: fixedClock(new Date(NOW)),
    });
    await store.ensureCampaign('goddess-day-2027');
    await store.close();

    const copy = copyExamples(mkdtempSync(path.join(tmpdir(), 'livectl-copy-')), undefined, reader);
    expect(readdirSync(copy).sort()).toEqual([...EXAMPLE_ENTRIES].sort());
    expect(readdirSync(path.join(copy, 'assets')).sort()).toEqual(
      readdirSync(path.join(CAMPAIGNS, 'assets')).sort(),
    );
    // The copy plans from scratch: no state came along, and --no-posters leaves no out/.
    const r = await runCli(['plan', 'goddess-day.yaml', '--no-posters', '--now', NOW, '--format', 'json'], {
      cwd: copy,
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.noop).toBe(0);
    expect(existsSync(path.join(copy, 'out'))).toBe(false);
    expect(existsSync(path.join(copy, '.livectl'))).toBe(false);
  });
});
