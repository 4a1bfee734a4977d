import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../src/platform/deps.js';
import { openSqliteStore } from '../src/state/sqlite-store.js';
import { CHROMIUM_MISSING, requireChromium } from './support/chromium.js';
import { runCli } from './support/cli.js';
import { CAMPAIGNS, copyExamples, EXAMPLE_ENTRIES } from './support/examples.js';

/** A newcomer's first ten minutes: the README's set-up commands, in order, keep working. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOW = '2026-11-26T12:00:00+08:00';
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
/** The README's first fenced block: the set-up commands. */
const SETUP = /^```sh\n([\s\S]*?)^```$/m.exec(README)?.[1] ?? '';

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

describe('the set-up block', () => {
  it('says npm test needs Chromium, and the browser test fails with that very sentence', () => {
    expect(SETUP).toContain('npm test');
    expect(SETUP).toContain(CHROMIUM_MISSING);
    expect(CHROMIUM_MISSING).toBe(
      'npm test needs Chromium at /usr/bin/chromium (Debian: apt-get install chromium).',
    );
    const missing = path.join(tmpdir(), 'livectl-no-such-dir', 'chromium');
    expect(() => requireChromium(missing)).toThrow(
      `npm test needs Chromium at ${missing} (Debian: apt-get install chromium).`,
    );
  });

  it('says npm test needs PostgreSQL, and the server script fails with that very sentence', () => {
    const sentence = "npm test also needs PostgreSQL's server binaries (Debian: apt-get install postgresql)";
    expect(SETUP).toContain(sentence);
    const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'test-postgres.sh'), 'start', tmpdir()], {
      env: { PATH: process.env.PATH, PG_BIN: path.join(tmpdir(), 'livectl-no-such-dir') },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(sentence);
  });

  it("gives PATH advice that works: the README's alias line, in a fresh profile, runs livectl", () => {
    expect(README).not.toMatch(/node_modules\/\.bin` on your PATH/);
    const line = /^echo "alias livectl=.*$/m.exec(README)?.[0];
    expect(line).toBeDefined();
    const home = mkdtempSync(path.join(tmpdir(), 'livectl-home-'));
    const out = execFileSync(
      'bash',
      ['-c', `shopt -s expand_aliases\n${line}\ncd "$HOME"\nsource ~/.bashrc\nlivectl --version`],
      { cwd: ROOT, env: { PATH: process.env.PATH, HOME: home }, encoding: 'utf8' },
    );
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(out.trim()).toBe(pkg.version);
  });
});

describe('npm ci stays quiet', () => {
  it('prepare builds without a line per chunk: the bundle step prints nothing when it succeeds', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.prepare).toBe('npm run --silent build');
    expect(pkg.scripts.build).toBe('tsc -p tsconfig.build.json && node scripts/bundle.js');
    const out = mkdtempSync(path.join(tmpdir(), 'livectl-bundle-'));
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle.js'), out], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
    expect(readdirSync(out)).toContain('livectl.cjs');
  });
});

describe("the project's docs stand alone", () => {
  const docs = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).map((f) => path.join('docs', f))];

  it('every relative link in README.md and docs/ points at a file inside the repository', () => {
    const bad: string[] = [];
    for (const doc of docs) {
      const text = readFileSync(path.join(ROOT, doc), 'utf8');
      for (const m of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)|`(\.\.\/[^`\s]+\.md)`/g)) {
        const target = m[1] ?? m[2]!;
        if (/^[a-z]+:/.test(target)) continue; // https:, mailto:
        const abs = path.resolve(ROOT, path.dirname(doc), target);
        if (path.relative(ROOT, abs).startsWith('..') || !existsSync(abs)) bad.push(`${doc}: ${target}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('docs/architecture.md describes every folder of src/', () => {
    const arch = readFileSync(path.join(ROOT, 'docs', 'architecture.md'), 'utf8');
    const folders = readdirSync(path.join(ROOT, 'src'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `src/${e.name}/`);
    expect(folders.filter((f) => !arch.includes(`\`${f}\``))).toEqual([]);
  });
});
