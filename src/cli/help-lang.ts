import type { EventEmitter } from 'node:events';
import type { Command, Help } from 'commander';
import { t } from '../i18n/catalog.js';
import type { CommandHelp } from '../i18n/help-zh.js';
import { displayWidth, wrapDisplay } from '../i18n/width.js';

/** `--lang` on the program and on every command, so each command's `--help` names it. */
export function addLangOption(program: Command): void {
  for (const cmd of [program, ...program.commands]) cmd.option('--lang <lang>', t().commander.lang);
}

/**
 * The help of the program and its commands in the chosen language: descriptions, arguments,
 * options, the text after them, and commander's own words (titles, "(default: …)", help, version).
 * What the catalog lacks keeps its English text.
 */
export function localizeHelp(
  program: Command,
  texts: { program: { description: string; after: string }; commands: Record<string, CommandHelp> },
): void {
  const c = t().commander;
  const titles: Record<string, string> = {
    'Usage:': c.usage,
    'Options:': c.options,
    'Commands:': c.commands,
    'Arguments:': c.arguments,
    'Global Options:': c.globalOptions,
  };
  const defaults = (s: string) => s.replace(/ ?\(default: ([^)]*)\)/g, `${c.default}$1）`);
  const configure = (cmd: Command) =>
    cmd.configureHelp({
      styleTitle: (s: string) => titles[s] ?? s,
      displayWidth: (s: string) => displayWidth(s),
      boxWrap: (s: string, width: number) => (width < 40 ? s : wrapDisplay(s, width)),
      optionDescription(this: Help, o) {
        return defaults(Object.getPrototypeOf(this).optionDescription.call(this, o));
      },
      argumentDescription(this: Help, a) {
        return defaults(Object.getPrototypeOf(this).argumentDescription.call(this, a));
      },
    } as Partial<Help>);
  const apply = (cmd: Command, h: CommandHelp | undefined) => {
    configure(cmd);
    cmd.helpOption('-h, --help', c.help);
    if (!h) return;
    cmd.description(h.description);
    for (const a of cmd.registeredArguments) {
      const d = h.args?.[a.name()];
      if (d !== undefined) a.description = d;
    }
    for (const o of cmd.options) {
      const d = h.options?.[o.long ?? o.short ?? ''];
      if (d !== undefined) o.description = d;
    }
    if (h.after !== undefined) {
      (cmd as unknown as EventEmitter).removeAllListeners('afterHelp');
      cmd.addHelpText('after', h.after);
    }
  };
  apply(program, { description: texts.program.description, after: texts.program.after });
  for (const o of program.options) if (o.long === '--version') o.description = c.version;
  program.helpCommand('help [command]', texts.commands.help?.description ?? c.help);
  for (const cmd of program.commands) apply(cmd, texts.commands[cmd.name()]);
}

/** commander's parse errors ("error: unknown option '--x'", "(Did you mean --now?)") in Chinese. */
export function commanderMessageZh(s: string): string {
  return s
    .replace(/^error: /gm, '错误：')
    .replace(/unknown option '([^']*)'/, "未知选项 '$1'")
    .replace(/unknown command '([^']*)'/, "未知命令 '$1'")
    .replace(/missing required argument '([^']*)'/, "缺少必需的参数 '$1'")
    .replace(/option '([^']*)' argument missing/, "选项 '$1' 缺少取值")
    .replace(
      /too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./,
      (_m, cmd: string | undefined, want: string, got: string) =>
        `${cmd ? `'${cmd}' 的` : ''}参数过多：需要 ${want} 个，收到 ${got} 个。`,
    )
    .replace(/\(Did you mean (.*)\?\)/, '（你是不是想用 $1？）');
}
