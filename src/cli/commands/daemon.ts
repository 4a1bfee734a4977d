import type { Command } from 'commander';
import type { CommandContext } from './index.js';

export function registerDaemon(program: Command, ctx: CommandContext): void {
  program
    .command('daemon')
    .description(
      'Run dispatch and the goods-audit reconcile every minute until stopped (one daemon per state store).',
    )
    .option('--state <path>', 'state store (default: $LIVECTL_STATE, else .livectl/state.db here)')
    .option('--campaign <name>', "only this campaign's reminders (metadata.name)")
    .option('--limit <n>', 'send at most this many rows per minute', '1000')
    .option('--timezone <zone>', "the cron schedule's IANA zone (default: the campaigns')")
    .option('--format <format>', 'text | json (NDJSON, one event per line)', 'text')
    .addHelpText(
      'after',
      '\nExamples:\n  livectl daemon\n  livectl daemon --state /srv/livectl/state.db --format json\n\n' +
        'SIGTERM or Ctrl-C: no new sends start, the ones in flight finish and are recorded, then it exits 0.\n' +
        'Exit codes: 0 stopped by a signal, 1 another daemon holds the store or the store cannot be opened, 2 usage error.\n',
    )
    .action(async (flags: Record<string, string | undefined>) => {
      const { runDaemon } = await import('../run-daemon.js');
      ctx.setExitCode(await runDaemon(flags, ctx.deps));
    });
}
