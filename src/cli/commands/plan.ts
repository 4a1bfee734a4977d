import type { Command } from 'commander';
import type { CommandContext } from './index.js';

interface PlanCommandFlags {
  state?: string;
  now?: string;
  format?: string;
  out?: string;
  detailedExitcode?: boolean;
  postersDir?: string;
  posters?: boolean;
}

export function registerPlan(program: Command, ctx: CommandContext): void {
  program
    .command('plan')
    .description(
      'Show what apply would do — each change with its reason, the campaign timeline and the tasks for people. Reads the campaign and the state; never the network.',
    )
    .argument('<campaign>', 'the campaign file')
    .option(
      '--state <path>',
      'the state store (default: $LIVECTL_STATE, else .livectl/state.db beside the campaign)',
    )
    .option('--now <iso>', 'the clock, e.g. 2027-03-01T10:00:00+08:00 (default: now)')
    .option('--format <format>', 'text | json', 'text')
    .option('--out <file>', 'also save the plan as JSON, for `livectl apply <file>`')
    .option('--detailed-exitcode', 'exit 0 when there is nothing to do, 2 when changes are pending')
    .option('--posters-dir <dir>', 'where to write the posters (default: out/<campaign> beside the campaign)')
    .option('--no-posters', 'do not render the posters and the contact sheet')
    .addHelpText(
      'after',
      '\nExamples:\n  livectl plan campaigns/goddess-day.yaml\n  livectl plan campaigns/goddess-day.yaml --out plan.json && livectl apply plan.json\n  livectl plan campaigns/goddess-day.yaml --format json --detailed-exitcode\n\nGlyphs: + create  ~ update  - delete  -/+ replace  * waiting (audit, quota or date)  ! needs a person\nExit codes: 0 ok, 1 invalid campaign or failure, 2 usage error; with --detailed-exitcode 0 nothing to do, 2 changes pending.\n',
    )
    .action(async (campaign: string, flags: PlanCommandFlags) => {
      const { runPlan } = await import('../run-plan.js');
      ctx.setExitCode(await runPlan(campaign, flags, ctx.deps));
    });
}
