import type { Command } from 'commander';
import type { CommandContext } from './index.js';

export function registerStatus(program: Command, ctx: CommandContext): void {
  program
    .command('status')
    .description(
      'Show what livectl created for a campaign: room, goods and their audit, codes, reminders, last apply.',
    )
    .argument('<campaign>', 'the campaign file')
    .option(
      '--state <path>',
      'state store (default: $LIVECTL_STATE, else .livectl/state.db beside the campaign)',
    )
    .option(
      '--refresh',
      "ask WeChat now: the room's live status, push address, goods audit (approved goods go into the room)",
    )
    .option('--show-push-url', "print a push room's RTMP address with its stream secret (masked otherwise)")
    .option('--now <iso>', 'the clock, e.g. 2027-03-01T10:00:00+08:00 (default: now)')
    .option('--format <format>', 'text | json', 'text')
    .addHelpText(
      'after',
      '\nExamples:\n  livectl status campaigns/goddess-day.yaml\n  livectl status campaigns/goddess-day.yaml --refresh --format json\n\n' +
        'Without --refresh, status reads only the state store (no network). --refresh needs LIVECTL_APP_SECRET.\n' +
        'Exit codes: 0 shown, 1 invalid campaign or a failed refresh, 2 usage error.\n',
    )
    .action(async (campaign: string, flags: Record<string, string | boolean | undefined>) => {
      const { runStatus } = await import('../run-status.js');
      ctx.setExitCode(await runStatus(campaign, flags, ctx.deps));
    });
}
