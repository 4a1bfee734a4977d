import type { Command } from 'commander';
import type { CommandContext } from './index.js';

export function registerStatus(program: Command, ctx: CommandContext): void {
  program
    .command('status')
    .description(
      'Show what livectl created for a campaign: room, goods and their audit, codes, reminders, last apply; with --all, one line per campaign of the state store.',
    )
    .argument('[campaign]', 'the campaign file (not with --all)')
    .option(
      '--all',
      'every campaign in the state store, one line each: serial, last apply, next due reminder, failed and retrying rows, problems',
    )
    .option(
      '--state <path>',
      'state store (default: $LIVECTL_STATE, else .livectl/state.db beside the campaign, or here with --all)',
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
      '\nExamples:\n  livectl status campaigns/goddess-day.yaml\n  livectl status campaigns/goddess-day.yaml --refresh --format json\n  livectl status --all --state /var/lib/livectl/state.db\n\n' +
        'Without --refresh, status reads only the state store (no network). --refresh needs LIVECTL_APP_SECRET.\n' +
        '--all takes no campaign file and reads the store only; problems: failed rows, an apply that failed,\n' +
        'goods rejected by the audit, a lock held past its expiry.\n' +
        'Exit codes: 0 shown, 1 invalid campaign or a failed refresh, 2 usage error (e.g. --all with a campaign file).\n',
    )
    .action(async (campaign: string | undefined, flags: Record<string, string | boolean | undefined>) => {
      const { runStatus } = await import('../run-status.js');
      ctx.setExitCode(await runStatus(campaign, flags, ctx.deps));
    });
}
