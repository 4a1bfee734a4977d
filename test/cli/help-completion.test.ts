import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const COMMANDS = [
  'init',
  'validate',
  'schema',
  'plan',
  'apply',
  'status',
  'destroy',
  'emulator',
  'posters',
  'dispatch',
  'daemon',
  'doctor',
  'console',
  'completion',
];

describe('help', () => {
  it('livectl --help lists every command and shows examples', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    expect(r.stdout).toMatch(/Examples:\n {2}livectl init/);
  });

  it.each(COMMANDS)('livectl %s --help shows an example', async (c) => {
    const r = await runCli([c, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples?:\n {2}(livectl|source) /);
  });

  it.each(COMMANDS.filter((c) => c.length > 4))('a mistyped %s suggests the right command', async (c) => {
    const typo = c.slice(0, 2) + c.slice(3); // one letter dropped
    const r = await runCli([typo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`(Did you mean ${c}?)`);
  });
});

describe('livectl completion', () => {
  it('refuses an unknown shell with a usage error', async () => {
    const r = await runCli(['completion', 'fish']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bash, zsh');
  });

  it('bash: commands, each command flags and --format values, through compgen in a real bash', async () => {
    const script = (await runCli(['completion', 'bash'])).stdout;
    const dir = mkdtempSync(path.join(tmpdir(), 'livectl-completion-'));
    try {
      const file = path.join(dir, 'livectl.bash');
      writeFileSync(file, script);
      // COMP_WORDS/COMP_CWORD as bash sets them when Tab is pressed after the words given.
      const complete = (...words: string[]) =>
        execFileSync(
          'bash',
          [
            '-c',
            `source "$0"; complete -p livectl; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _livectl; printf '%s\\n' "\${COMPREPLY[@]}"`,
            file,
          ],
          { encoding: 'utf8' },
        )
          .trim()
          .split('\n');
      const [registration, ...top] = complete('livectl', '');
      expect(registration).toBe('complete -o default -F _livectl livectl');
      expect(top).toEqual(expect.arrayContaining(COMMANDS));
      expect(complete('livectl', 'do').slice(1)).toEqual(['doctor']);
      expect(complete('livectl', 'validate', '--').slice(1)).toEqual(
        expect.arrayContaining(['--format', '--now', '--strict', '--help']),
      );
      expect(complete('livectl', 'init', '--an').slice(1).sort()).toEqual([
        '--anchor-name',
        '--anchor-wechat',
      ]);
      expect(complete('livectl', 'validate', '--format', '').slice(1)).toEqual([
        'text',
        'json',
        'github',
        'junit',
      ]);
      expect(complete('livectl', 'doctor', '--format', 'j').slice(1)).toEqual(['json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('zsh: a #compdef script naming every command and its flags', async () => {
    const r = await runCli(['completion', 'zsh']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('#compdef livectl\n')).toBe(true);
    for (const c of COMMANDS) expect(r.stdout).toContain(`    ${c})`);
    expect(r.stdout).toContain("'--format[text | json | github | junit]:value:(text json github junit)'");
    expect(r.stdout).toContain("{--yes,-y}'[take the defaults");
  });
});
