import type { Command } from 'commander';
import type { CommandContext } from './index.js';

export function registerSchema(program: Command, ctx: CommandContext): void {
  program
    .command('schema')
    .description('Print the JSON Schema of campaign files (for editors and CI).')
    .addHelpText('after', '\nExample:\n  livectl schema > schema/campaign.schema.json\n')
    .action(async () => {
      const { campaignJsonSchema } = await import('../../campaign/json-schema.js');
      ctx.deps.stdout.write(`${JSON.stringify(campaignJsonSchema(), null, 2)}\n`);
      ctx.setExitCode(0);
    });
}
