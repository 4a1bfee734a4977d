import type { Command } from 'commander';
import type { CommandContext } from './index.js';

export function registerConsole(program: Command, ctx: CommandContext): void {
  program
    .command('console')
    .description(
      "The assistant's local web page: run sheet with live countdowns, push a card, shelf on/off, mark rounds drawn.",
    )
    .argument('<campaign>', 'the campaign file')
    .option('--port <n>', 'TCP port on 127.0.0.1 (default: a free one)')
    .option(
      '--state <path>',
      'state store (default: $LIVECTL_STATE, else .livectl/state.db beside the campaign)',
    )
    .option('--now <iso>', 'hold the clock at this instant, e.g. 2027-03-08T20:20:00+08:00 (default: now)')
    .addHelpText(
      'after',
      '\nExamples:\n  livectl console campaigns/goddess-day.yaml\n  livectl console campaigns/goddess-day.yaml --port 8931\n\n' +
        'Prints the page URL (with its access token) on the first line; serves on 127.0.0.1 until Ctrl-C.\n' +
        'Needs LIVECTL_APP_SECRET (the buttons call WeChat). Exit codes: 0 stopped, 1 invalid campaign, 2 usage error.\n',
    )
    .action(async (campaign: string, flags: Record<string, string | undefined>) => {
      const { runConsole } = await import('../run-console.js');
      ctx.setExitCode(await runConsole(campaign, flags, ctx.deps));
    });
}
