import type { Command } from 'commander';
import type { EmulatorFlags } from '../../emulator/run.js';
import type { CommandContext } from './index.js';

export function registerEmulator(program: Command, ctx: CommandContext): void {
  program
    .command('emulator')
    .description(
      'Run a local WeChat / WeCom / Official Account emulator on 127.0.0.1 (offline demos and tests).',
    )
    .option('--port <n>', 'TCP port (0 picks a free one)', '0')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--apps <list>', 'accepted credentials, appid:secret,... (default: any id with any secret)')
    .option(
      '--now <iso>',
      'start the emulator clock at this instant and hold it (set it later via /__emulator/clock)',
    )
    .option('--audit <mode>', 'goods audit: auto (approve after a delay) | manual (admin API)', 'auto')
    .option('--data <file>', 'keep the emulator state in this JSON file across restarts')
    .option('--strict-duration', 'refuse broadcasts over 12 h instead of 24 h')
    .option(
      '--wechatpay-merchant <mchid:pem>',
      'WeChat Pay merchant whose request signatures /v3/ verifies: mchId and the path of its API public key PEM (comma-separated for several)',
    )
    .addHelpText(
      'after',
      '\nExample:\n  livectl emulator --port 8930 --apps wx0123456789abcdef:dev-secret\n  # in another shell, paste the export lines it prints, then:\n  livectl apply campaign.yaml --yes\n',
    )
    .action(async (flags: EmulatorFlags) => {
      const { runEmulator } = await import('../../emulator/run.js');
      ctx.setExitCode(await runEmulator(flags, ctx.deps));
    });
}
