import type { Command } from 'commander';
import type { CommandContext } from './index.js';

export function registerApply(program: Command, ctx: CommandContext): void {
  program
    .command('apply')
    .description(
      'Make the platform match the campaign: shows the plan, asks, then creates and updates (safe to re-run).',
    )
    .argument('<campaign>', 'a campaign file, or a plan saved with `livectl plan --out plan.json`')
    .option(
      '--state <path>',
      'state store (default: $LIVECTL_STATE, else .livectl/state.db beside the campaign)',
    )
    .option('--now <iso>', 'the clock, e.g. 2027-03-01T10:00:00+08:00 (default: now)')
    .option('--yes', 'do not ask for confirmation (required when not on a terminal)')
    .option('--format <format>', 'text | json (NDJSON events, one per line)', 'text')
    .option(
      '--out <dir>',
      'where share codes (and posters) go (default: out/<campaign name>/ beside the campaign)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  livectl apply campaigns/goddess-day.yaml\n  livectl plan campaigns/goddess-day.yaml --out plan.json && livectl apply plan.json --yes\n  livectl apply campaigns/goddess-day.yaml --yes --format json | jq .type\n\n' +
        'Secrets come from the environment: LIVECTL_APP_SECRET, or per account LIVECTL_APP_SECRET_<APPID>, or the file named by\n' +
        'LIVECTL_CREDENTIALS (mode 0600); LIVECTL_WECHAT_API to use the emulator.\n' +
        'Re-running is safe: what exists is not created again. A failed or interrupted apply resumes when run again.\n' +
        'Exit codes: 0 applied, 1 invalid campaign or a change failed (apply again to resume), 2 usage error (e.g. no --yes in CI).\n',
    )
    .action(async (campaign: string, flags: Record<string, string | boolean | undefined>) => {
      const { runApply } = await import('../run-apply.js');
      ctx.setExitCode(await runApply(campaign, flags, ctx.deps));
    });
}
