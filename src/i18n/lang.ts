/**
 * The language of the CLI's texts for people: `en` (the default) or `zh-CN`. Machine output never
 * depends on it (codes, JSON keys, exit codes, the structure of --format json|github|junit).
 */
export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

/** `zh-CN`, `zh_CN`, `zh`, `zh-Hans`… → zh-CN; `en`, `en-US`, `C`… → en; anything else undefined. */
export function parseLang(value: string | undefined): Lang | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (v === '') return undefined;
  if (v.startsWith('zh')) return 'zh-CN';
  if (v.startsWith('en') || v === 'c' || v === 'posix' || v.startsWith('c.')) return 'en';
  return undefined;
}

/**
 * The language people expect: `--lang` first, then LIVECTL_LANG, then the locale (the first of
 * LC_ALL, LC_MESSAGES, LANG that is set: starting with `zh` → Chinese), else English.
 */
export function resolveLang(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Lang {
  const given = parseLang(flag) ?? parseLang(env.LIVECTL_LANG);
  if (given) return given;
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return locale?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The `--lang` value in raw argv (`--lang zh-CN` or `--lang=zh-CN`), read before commander parses. */
export function langFromArgv(argv: readonly string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i < 0) return undefined;
  const a = argv[i]!;
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
}
