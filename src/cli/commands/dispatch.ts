import type { Command } from 'commander';
import type { CommandContext } from './index.js';

export function registerDispatch(program: Command, ctx: CommandContext): void {
  program
    .command('dispatch')
    .description(
      'Send the reminders that are due, once each (safe to run every minute from cron, even overlapping).',
    )
    .option('--now <iso>', 'the clock, e.g. 2027-03-07T12:00:00+08:00 (default: now)')
    .option('--limit <n>', 'send at most this many rows in this run', '1000')
    .option('--campaign <name>', "only this campaign's reminders (metadata.name)")
    .option(
      '--lease <duration>',
      'how long a claimed row stays with this run before another dispatcher may take it over (renewed while it is sent; real time, not --now)',
      '5m',
    )
    .option('--state <path>', 'state store (default: $LIVECTL_STATE, else .livectl/state.db here)')
    .option('--format <format>', 'text | json', 'text')
    .addHelpText(
      'after',
      '\nExamples:\n  livectl dispatch\n  livectl dispatch --campaign goddess-day-2027 --format json\n' +
        '  # crontab: * * * * * cd /srv/campaigns && npx livectl dispatch >> dispatch.log 2>&1\n\n' +
        "Secrets come from the environment: LIVECTL_APP_SECRET, LIVECTL_WECOM_SECRET, LIVECTL_OA_SECRET, and each robot channel's keyEnv;\n" +
        'per account LIVECTL_APP_SECRET_<APPID>, LIVECTL_WECOM_SECRET_<CORPID>, LIVECTL_OA_SECRET_<APPID>,\n' +
        'or the file named by LIVECTL_CREDENTIALS (mode 0600).\n' +
        'Exit codes: 0 nothing failed (rows waiting to retry are not failures), 1 a reminder failed, 2 usage error.\n',
    )
    .action(async (flags: Record<string, string | undefined>) => {
      const { runDispatch } = await import('../run-dispatch.js');
      ctx.setExitCode(await runDispatch(flags, ctx.deps));
    });
}
