/**
 * The English texts of the CLI (the source catalog; catalog.ts). Plurals and word order live in the
 * functions, so each language writes whole sentences.
 */
const s = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const en = {
  failure: {
    error: 'error: ',
    hint: 'hint: ',
    internal: 'internal error: ',
    bug: 'This is a bug in livectl. Please report it with the command you ran.',
  },
  usage: {
    seeHelp: 'See `livectl --help`, or `livectl <command> --help`.',
    badLang: (p: { value: string }) => `--lang must be zh-CN or en; got "${p.value}"`,
    badFormat: (p: { allowed: string; value: string }) =>
      `--format must be one of ${p.allowed}; got "${p.value}"`,
    badNow: (p: { what: string; value: string }) =>
      `${p.what} expects an ISO-8601 instant such as 2027-03-01T10:00:00+08:00, got "${p.value}"`,
    badNowHint: 'Give a date, or a date and time with Z or a UTC offset.',
    invalidNow: (p: { what: string; value: string }) => `${p.what} is not a valid date: "${p.value}"`,
    noFiles: (p: { inputs: string }) => `no campaign files found in ${p.inputs}`,
    noFilesHint:
      'Give campaign files (*.yaml), folders that contain them, or a glob such as "campaigns/**/*.yaml".',
  },
  validate: {
    counts: (p: { files: number; errors: number; warnings: number }) =>
      `${s(p.files, 'file')} checked: ${s(p.errors, 'error')}, ${s(p.warnings, 'warning')}`,
    allClean: ' — all clean',
    at: 'at',
    hint: 'hint:',
    /** Between the label and the text: none after a full-width colon. */
    labelGap: ' ',
  },
  plan: {
    header: (p: { name: string }) => `Plan for ${p.name}`,
    headerDetail: (p: { file: string; serial: number; at: string; tz: string }) =>
      ` (${p.file}, state serial ${p.serial}, at ${p.at} ${p.tz})`,
    nothing: '  Nothing to change: the platform matches the campaign.',
    unchanged: (p: { n: number }) => `    (${p.n} unchanged; --format json lists every change)`,
    legend: '+ create  ~ update  - delete  -/+ replace  * waiting (audit, quota or date)  ! needs a person',
    timeline: (p: { tz: string }) => `Timeline (${p.tz})`,
    when: (p: { trigger: string }) => `when ${p.trigger}`,
    forPeople: (p: { n: number }) => `For people (${p.n})`,
    by: (p: { due: string }) => ` (by ${p.due})`,
    runApply: 'Run `livectl apply` to make these changes.',
    saved: (p: { out: string }) =>
      `\nSaved the plan to ${p.out}: \`livectl apply ${p.out}\` applies exactly this.\n`,
    summary: (p: { create: number; update: number; delete: number; wait: number; human: number }) =>
      `Plan: ${p.create} to create, ${p.update} to update, ${p.delete} to delete, ${p.wait} waiting on audit, ${p.human} for a person.`,
    postersPreview: 'preview codes',
    postersReal: 'the real codes from apply',
    postersMixed: (p: { real: number; preview: number }) =>
      `${p.real} with the real code from apply, ${p.preview} with a preview code`,
    posters: (p: { n: number; how: string; sheet: string }) =>
      `Posters: ${p.n} written (${p.how}); open ${p.sheet} to see the whole campaign.\n`,
  },
  doctor: {
    fix: 'fix:',
    gap: ' ',
    problems: (p: { n: number }) => `${s(p.n, 'problem')} to fix`,
    allGood: 'All good',
    tally: (p: { ok: number; warn: number; skip: number }) =>
      ` (${p.ok} ok, ${s(p.warn, 'warning')}, ${p.skip} skipped)`,
  },
  commander: {
    usage: 'Usage:',
    options: 'Options:',
    commands: 'Commands:',
    arguments: 'Arguments:',
    globalOptions: 'Global Options:',
    help: 'display help for command',
    version: 'output the version number',
    lang: 'language of the texts: zh-CN | en (default: $LIVECTL_LANG, else the locale)',
    default: '(default: ',
  },
};
