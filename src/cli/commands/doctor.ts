import type { Command } from 'commander';
import type { CommandContext } from './index.js';

export function registerDoctor(program: Command, ctx: CommandContext): void {
  program
    .command('doctor')
    .description(
      'Check this machine and the accounts: Node, secrets, tokens, the live permission, the state store, calendar, font, clock.',
    )
    .argument('[campaign]', 'the campaign file whose accounts to check')
    .option('--format <format>', 'text | json', 'text')
    .option(
      '--state <path>',
      'state store (default: $LIVECTL_STATE, else .livectl/state.db beside the campaign)',
    )
    .option('--now <iso>', 'the clock, e.g. 2027-03-01T10:00:00+08:00 (default: now; skips the clock check)')
    .addHelpText(
      'after',
      '\nExamples:\n  livectl doctor campaigns/goddess-day.yaml\n  livectl doctor campaigns/goddess-day.yaml --format json\n\n' +
        'It calls WeChat only to get tokens and to read one room (getliveinfo); nothing is created or sent.\n' +
        'Exit codes: 0 every check passed (warnings allowed), 1 a check failed, 2 usage error.\n',
    )
    .action(async (campaign: string | undefined, flags: Record<string, string | undefined>) => {
      const { runDoctor } = await import('../run-doctor.js');
      ctx.setExitCode(await runDoctor(campaign, flags, ctx.deps));
    });
}
