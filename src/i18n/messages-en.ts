import { consoleEn } from './console-en.js';
import { contactSheetEn } from './contact-sheet-en.js';
/**
 * The English texts of the CLI (the source catalog; catalog.ts). Plurals and word order live in the
 * functions, so each language writes whole sentences.
 */
import { destroyEn } from './destroy-en.js';
import { dispatchEn } from './dispatch-en.js';
import { initEn } from './init-en.js';
import { postersEn } from './posters-en.js';
import { statusMoreEn } from './status-more-en.js';

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
    cannotWrite: (code: string) => `livectl: cannot write its output: ${code}`,
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
  status: {
    header: (p: { name: string }) => `Status of ${p.name}`,
    headerDetail: (p: { state: string; serial?: number }) =>
      ` (state ${p.state}${p.serial === undefined ? '' : `, serial ${p.serial}`})`,
    nothingYet: '  Nothing applied yet: the state store has no record of this campaign.',
    runApply: '  Run `livectl apply` to create it.',
    room: 'Room',
    goods: 'Goods',
    codes: 'Codes',
    reminders: 'Reminders',
    runSheet: 'Run sheet',
    lastApply: 'Last apply',
    notCreated: 'not created',
    none: 'none',
    live: {
      101: 'live',
      102: 'not started',
      103: 'ended',
      104: 'banned',
      105: 'paused',
      106: 'abnormal',
      107: 'expired',
    } as Record<number, string>,
    unknownLive: 'a live status livectl does not know',
    asOf: (p: { at: string }) => `, as of ${p.at}`,
    rawLive: (p: { code: number }) => ` (WeChat live_status ${p.code})`,
    notAsked: 'live status not asked (--refresh)',
    gone: 'no longer on the platform',
    goodsCounts: (p: { n: number; approved: number; pending: number; rejected: number; inRoom: number }) =>
      `${p.n} · ${p.approved} approved · ${p.pending} in audit · ${p.rejected} rejected · ${p.inRoom} in the room`,
    audit: {
      pending: 'in audit',
      approved: 'approved',
      rejected: 'rejected',
      unaudited: 'not in audit',
    } as Record<string, string>,
    waiting: (p: { days: number; since?: string }) =>
      ` for ${p.days} working day${p.days === 1 ? '' : 's'}${p.since ? ` (since ${p.since})` : ''}`,
    inRoom: 'in the room',
    removed: 'removed from the campaign',
    outbox: (p: {
      pending: number;
      claimed: number;
      sent: number;
      skipped: number;
      failed: number;
      cancelled: number;
    }) =>
      `outbox: ${p.pending} pending · ${p.claimed} claimed · ${p.sent} sent · ${p.skipped} skipped · ${p.failed} failed · ${p.cancelled} cancelled`,
    marked: 'marked in livectl console',
  },
  apply: {
    noSecondCreate: ' (no second create)',
    hint: 'hint: ',
    skipped: (p: { address: string; message: string }) => `  · ${p.address}: skipped, ${p.message}`,
    andMore: (p: { n: number }) => ` and ${p.n} more`,
    audit: 'audit',
    requests: (p: { n: number; seconds: string }) => `  ${p.n} requests in ${p.seconds} s`,
    nothing: '\nNothing to apply.\n',
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
  init: initEn,
  dispatch: dispatchEn,
  destroy: destroyEn,
  posters: postersEn,
  statusMore: statusMoreEn,
  console: consoleEn,
  contactSheet: contactSheetEn,
};
