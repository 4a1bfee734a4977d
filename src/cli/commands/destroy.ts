import type { Command } from 'commander';
import type { CommandContext } from './index.js';

export function registerDestroy(program: Command, ctx: CommandContext): void {
  program
    .command('destroy')
    .description(
      'Delete what livectl created for a campaign on WeChat (a started room is kept), then forget it.',
    )
    .argument('<campaign>', 'the campaign file')
    .option(
      '--state <path>',
      'state store (default: $LIVECTL_STATE, else .livectl/state.db beside the campaign)',
    )
    .option('--yes', 'do not ask for confirmation (required when not on a terminal)')
    .option('--now <iso>', 'the clock, e.g. 2027-03-01T10:00:00+08:00 (default: now)')
    .option('--format <format>', 'text | json (NDJSON events)', 'text')
    .addHelpText(
      'after',
      '\nExamples:\n  livectl destroy campaigns/goddess-day.yaml\n  livectl destroy campaigns/goddess-day.yaml --yes --format json\n\nDeletes the room (unless its broadcast has started), the goods (withdrawing an audit in progress) and\n' +
        'their place in the room; forgets codes and media ids. Needs LIVECTL_APP_SECRET.\n' +
        'Exit codes: 0 destroyed (or nothing to destroy), 1 something could not be deleted, 2 usage error.\n',
    )
    .action(async (campaign: string, flags: Record<string, string | boolean | undefined>) => {
      const { runDestroy } = await import('../run-destroy.js');
      ctx.setExitCode(await runDestroy(campaign, flags, ctx.deps));
    });
}
