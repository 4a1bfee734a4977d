import type { Command } from 'commander';
import type { CommandContext } from './index.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerInit(program: Command, ctx: CommandContext): void {
  program
    .command('init')
    .description(
      'Write a new campaign file that follows the playbook, by asking a few questions (or from flags).',
    )
    .argument('[file]', 'the campaign file to write', 'campaign.yaml')
    .option('--name <text>', 'room name shown to viewers, e.g. 女神节直播专场')
    .option('--id <id>', 'campaign id (metadata.name; default: from the name, else live-<date>)')
    .option('--start <datetime>', 'start, local time, e.g. 2027-03-08T20:00')
    .option('--duration <duration>', 'e.g. 2h, 1h30m (default 2h)')
    .option('--timezone <zone>', 'IANA time zone (default Asia/Shanghai)')
    .option('--anchor-name <text>', "anchor's name shown in the room")
    .option('--anchor-wechat <id>', "anchor's WeChat ID (real-name verified)")
    .option(
      '--product <spec>',
      'a product "name:price:page[:image]"; price 129 | 299-499 | 199>129 (repeatable)',
      collect,
    )
    .option('--coupon <spec>', 'warm-up coupon threshold:amount[:quantity], e.g. 199:50:1000, or none')
    .option(
      '--channels <list>',
      'comma-separated: wecom-groups, wecom-moments, official-account, subscribe-message, robot',
    )
    .option('--app-id <appid>', 'mini program AppID')
    .option('--corp-id <corpid>', 'WeCom CorpID')
    .option('--agent-id <n>', 'WeCom app AgentId')
    .option('--senders <list>', 'WeCom member userids who send, comma-separated')
    .option('--oa-app-id <appid>', 'Official Account AppID')
    .option('-y, --yes', 'take the defaults for every question not answered by a flag')
    .option('--force', 'replace the file if it exists')
    .option('--now <iso>', 'the clock for the default start and its checks (default: now)')
    .addHelpText(
      'after',
      '\nExamples:\n  livectl init                                  # the wizard, in a terminal\n' +
        '  livectl init spring.yaml --yes --name 春茶上新直播专场 --start 2027-03-20T19:30 \\\n' +
        '      --anchor-name 茶师小林 --anchor-wechat tea_lin01 --product "明前龙井250克:168:pages/goods/detail?id=12" \\\n' +
        '      --channels wecom-groups,wecom-moments,robot\n\n' +
        'Without a terminal, give --name, --start, --anchor-name, --anchor-wechat and --product, or --yes.\n' +
        'Exit codes: 0 written, 1 the file exists (use --force) or did not validate, 2 usage error, 130 cancelled.\n',
    )
    .action(async (file: string, flags: Record<string, unknown>) => {
      const { runInit } = await import('../run-init.js');
      ctx.setExitCode(await runInit(file, flags, ctx.deps));
    });
}
