import { Command, CommanderError } from 'commander';
import { UsageError, UserError } from '../errors.js';
import { currentLang, setLang, t } from '../i18n/catalog.js';
import { langFromArgv, parseLang, resolveLang } from '../i18n/lang.js';
import type { Deps } from '../platform/deps.js';
import { registerCommands } from './commands/index.js';
import { addLangOption, commanderMessageZh, localizeHelp } from './help-lang.js';

/**
 * The whole program: parse argv, run one command, return the exit code. Never calls process.exit;
 * bin/livectl.js sets process.exitCode from the result.
 *   0 ok · 1 invalid campaign or failed operation · 2 usage error (or, with plan --detailed-exitcode, changes pending)
 */
export async function main(argv: readonly string[], deps: Deps): Promise<number> {
  let exitCode = 0;
  const format = formatFromArgv(argv);
  const langFlag = langFromArgv(argv);
  const lang = resolveLang(langFlag, deps.env);
  setLang(lang);
  if (langFlag !== undefined && parseLang(langFlag) === undefined) {
    await reportFailure(new UsageError(t().usage.badLang({ value: langFlag })), format, deps);
    return 2;
  }
  const program = new Command('livectl')
    .description('Run a WeChat mini-program live-commerce campaign from one YAML file.')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // Chinese titles end in a full-width colon, which needs no space after it.
      writeOut: (s) => deps.stdout.write(lang === 'zh-CN' ? s.replace(/^用法： /, '用法：') : s),
      writeErr: (s) => deps.stderr.write(s),
      // With --format json a usage error is the JSON failure document on stdout instead (below).
      outputError: (s, write) => {
        if (format !== 'json') write(lang === 'zh-CN' ? commanderMessageZh(s) : s);
      },
    });

  registerCommands(program, {
    deps,
    setExitCode: (code) => {
      exitCode = code;
    },
  });
  addLangOption(program);
  if (lang === 'zh-CN') {
    const { HELP_ZH, PROGRAM_ZH } = await import('../i18n/help-zh.js');
    localizeHelp(program, { program: PROGRAM_ZH, commands: HELP_ZH });
  }

  try {
    await program.parseAsync(argv as string[], { from: 'node' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end with exit code 0; every other parse failure is a usage error.
      if (
        err.code === 'commander.helpDisplayed' ||
        err.code === 'commander.version' ||
        err.code === 'commander.help'
      ) {
        return 0;
      }
      if (format === 'json') await reportFailure(usageErrorOf(err), format, deps);
      return 2;
    }
    await reportFailure(err, format, deps);
    return err instanceof UserError ? err.exitCode : 1;
  }
}

/** The `--format` the user asked for, read from raw argv so failures before parsing finish are still JSON. */
function formatFromArgv(argv: readonly string[]): string {
  const i = argv.findIndex((a) => a === '--format' || a.startsWith('--format='));
  if (i < 0) return 'text';
  const a = argv[i]!;
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : (argv[i + 1] ?? 'text');
}

/** commander's "error: unknown option '--bogus'\n(Did you mean --now?)" as a UsageError with a hint. */
function usageErrorOf(err: CommanderError): UsageError {
  const [first = '', ...rest] = localizedCommander(err.message)
    .replace(/^(error: |错误：)/, '')
    .split('\n');
  const suggestion = rest
    .join(' ')
    .replace(/^\((.*)\)$/, '$1')
    .replace(/^（(.*)）$/, '$1')
    .trim();
  return new UsageError(first, suggestion || t().usage.seeHelp);
}

function localizedCommander(message: string): string {
  return currentLang() === 'zh-CN' ? commanderMessageZh(message) : message;
}

const VERSION = '0.1.0';

/**
 * Prints a failure (report-failure.ts), loaded when one happens: its Chinese phrases and the errcode
 * hints they read stay out of every run that succeeds, `--help` included.
 */
async function reportFailure(err: unknown, format: string, deps: Deps): Promise<void> {
  const view = await import('./report-failure.js');
  view.reportFailure(err, format, deps);
}
