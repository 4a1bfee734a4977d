import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Bare packages a built `livectl <args>` imports (builtins excluded). Needs `npm run build` first. */
function packagesImported(args: string[]): string[] {
  const r = spawnSync(
    process.execPath,
    ['--import', './test/support/trace-imports.mjs', 'bin/livectl.js', ...args],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  const names = new Set<string>();
  for (const m of r.stderr.matchAll(/^\[import\] (.+)$/gm)) {
    const spec = m[1]!;
    if (builtinModules.includes(spec)) continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
  }
  return [...names].sort();
}

describe('startup stays light', () => {
  it('`livectl --help` loads commander and chalk at most', () => {
    const pkgs = packagesImported(['--help']);
    expect(pkgs).toContain('commander');
    for (const p of pkgs) expect(['commander', 'chalk']).toContain(p);
  });

  it('`livectl validate` loads the YAML and schema packages only when it runs', () => {
    const pkgs = packagesImported([
      'validate',
      'campaigns/minimal.yaml',
      '--now',
      '2026-11-26T12:00:00+08:00',
    ]);
    expect(pkgs).toEqual(expect.arrayContaining(['yaml', 'zod']));
    for (const heavy of ['axios', 'ora', '@inquirer/prompts', 'node-cron']) expect(pkgs).not.toContain(heavy);
  });
});
