import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Which dependencies a built `livectl <args>` loads. The CLI is bundled (dist/bundle), so packages
 * are recognised by a marker in the code of every file the process loads. Needs `npm run build` first.
 */
const MARKERS: Record<string, RegExp> = {
  commander: /CommanderError/,
  chalk: /chalkStderr|supportsColor/,
  yaml: /YAMLParseError|YAMLWarning/,
  zod: /ZodError|\$ZodType/,
  axios: /AxiosError/,
  ora: /spinners|isSpinning/,
  '@inquirer/prompts': /@inquirer\/core|inquirer/,
  'node-cron': /node-cron|ScheduledTask/,
  'better-sqlite3': /better-sqlite3/,
};

function packagesLoaded(args: string[]): string[] {
  const r = spawnSync(
    process.execPath,
    ['--import', './test/support/trace-imports.mjs', 'bin/livectl.js', ...args],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  const found = new Set<string>();
  for (const m of r.stderr.matchAll(/^\[import\] (\S+)$/gm)) {
    const url = m[1]!;
    if (!url.startsWith('file:')) continue;
    if (url.includes('/node_modules/better-sqlite3/')) found.add('better-sqlite3');
    if (url.includes('/test/support/')) continue;
    const code = readFileSync(fileURLToPath(url), 'utf8');
    for (const [name, marker] of Object.entries(MARKERS)) if (marker.test(code)) found.add(name);
  }
  return [...found].sort();
}

describe('startup stays light', () => {
  it('`livectl --help` loads commander and chalk at most', () => {
    const pkgs = packagesLoaded(['--help']);
    expect(pkgs).toContain('commander');
    for (const p of pkgs) expect(['commander', 'chalk']).toContain(p);
  });

  it('`livectl validate` loads the YAML and schema packages, and nothing for the network or prompts', () => {
    const pkgs = packagesLoaded(['validate', 'campaigns/minimal.yaml', '--now', '2026-11-26T12:00:00+08:00']);
    expect(pkgs).toEqual(expect.arrayContaining(['yaml', 'zod']));
    for (const heavy of ['axios', 'ora', '@inquirer/prompts', 'node-cron', 'better-sqlite3']) {
      expect(pkgs).not.toContain(heavy);
    }
  });
});
