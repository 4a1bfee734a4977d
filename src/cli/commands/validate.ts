import type { Command } from 'commander';
import type { CommandContext } from './index.js';

const FORMATS = ['text', 'json', 'github', 'junit'] as const;

interface ValidateFlags {
  format?: string;
  now?: string;
  strict?: boolean;
  cache?: boolean;
  cacheLocation?: string;
}

export function registerValidate(program: Command, ctx: CommandContext): void {
  program
    .command('validate')
    .description('Check campaign files against the platform rules (errors) and the playbook (warnings).')
    .argument('<paths...>', 'campaign files, folders (searched for *.yaml) or globs')
    .option('--format <format>', 'text | json | github | junit', 'text')
    .option('--now <iso>', 'the clock for time rules, e.g. 2027-03-01T10:00:00+08:00 (default: now)')
    .option('--strict', 'warnings fail too (exit 1)')
    .option('--cache', 'reuse results of files unchanged since the last run with the same --now')
    .option('--cache-location <file>', 'where --cache keeps results', '.livectl/validate-cache')
    .addHelpText(
      'after',
      '\nExamples:\n  livectl validate campaigns/goddess-day.yaml\n  livectl validate campaigns/ --format github --strict\n  livectl validate "campaigns/**/*.yaml" --format junit > report.xml\n\nExit codes: 0 no errors, 1 errors (or warnings with --strict), 2 usage error.\n',
    )
    .action(async (paths: string[], flags: ValidateFlags) => {
      const { runValidate } = await import('../run-validate.js');
      ctx.setExitCode(await runValidate(paths, flags, ctx.deps));
    });
}

export { FORMATS as VALIDATE_FORMATS };
