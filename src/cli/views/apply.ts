import type { ApplyEvent } from '../../apply/events.js';
import type { TextStyle } from '../../diagnostics/render-text.js';
import { applyEventZh, applySummaryZh } from '../../i18n/apply-zh.js';
import { currentLang, t } from '../../i18n/catalog.js';
import type { Plan } from '../../plan/types.js';
import type { Output } from '../../platform/deps.js';
import { styleFor } from '../style.js';
import { renderPlanText } from './plan.js';

/**
 * Views of the executor's events (style.md §9): the same events drive an ora spinner on a TTY, plain
 * lines in CI, and NDJSON with `--format json` (one `{formatVersion: 1, …}` object a line).
 * `redact` masks anything secret-shaped that might have slipped into a message.
 */
export interface ApplyView {
  /** Anything before the run (the plan, a note). Text views print it; JSON prints it as an event. */
  note(text: string, json?: Record<string, unknown>): void;
  event(e: ApplyEvent): void;
  close(): void;
}

export const EVENTS_FORMAT_VERSION = 1;

export function jsonView(out: Output, redact: (s: string) => string): ApplyView {
  const line = (o: Record<string, unknown>) =>
    out.write(`${redact(JSON.stringify({ formatVersion: EVENTS_FORMAT_VERSION, ...o }))}\n`);
  return {
    note: (_text, json) => {
      if (json) line(json);
    },
    event: (e) => line(e as unknown as Record<string, unknown>),
    close: () => {},
  };
}

const GLYPH: Record<string, string> = {
  create: '+',
  update: '~',
  delete: '-',
  wait: '*',
  human: '!',
  noop: '=',
};

/** One line per finished change, for CI logs and pipes. Consecutive identical skips fold into one line. */
export function linesView(out: Output, style: TextStyle, redact: (s: string) => string): ApplyView {
  const w = (s: string) => out.write(redact(s));
  let fold: { first: string; count: number; message: string } | undefined;
  const flush = () => {
    if (!fold) return;
    const more = fold.count > 1 ? t().apply.andMore({ n: fold.count - 1 }) : '';
    w(style.dim(t().apply.skipped({ address: `${fold.first}${more}`, message: say(fold.message) })) + '\n');
    fold = undefined;
  };
  return {
    note: (text) => {
      flush();
      w(text.endsWith('\n') ? text : `${text}\n`);
    },
    event: (e) => {
      if (e.type === 'change-start') return;
      if (e.type === 'change-skipped' && fold?.message === e.message) {
        fold.count++;
        return;
      }
      flush();
      const text = renderEventText(e, style);
      if (e.type === 'change-skipped') fold = { first: e.address, count: 1, message: e.message };
      else if (text) w(text);
    },
    close: flush,
  };
}

/** The text of one event (empty for events the line view leaves out). */
export function renderEventText(e: ApplyEvent, style: TextStyle): string {
  const a = t().apply;
  switch (e.type) {
    case 'change-start':
      return '';
    case 'change-done': {
      const g = GLYPH[e.action] ?? '+';
      return `${style.accent(g.padStart(3))} ${shortAddress(e.address)}  ${say(e.message)}${e.adopted ? style.dim(a.noSecondCreate) : ''}\n`;
    }
    case 'change-failed':
      return (
        `${style.error('  x')} ${e.address}  ${style.error(e.message)}\n` +
        (e.hint ? `      ${style.dim(`${a.hint}${e.hint}`)}\n` : '')
      );
    case 'change-skipped':
      return style.dim(a.skipped({ address: e.address, message: say(e.message) })) + '\n';
    case 'audit':
      return `${style.dim('  ·')} ${e.address}  ${a.audit} ${e.previous ?? '?'} → ${e.status}${e.reason ? style.dim(` (${e.reason})`) : ''}\n`;
    case 'human':
      return (
        `${style.bold('  !')} ${e.address}  ${style.bold(say(e.message))}\n` +
        (e.url ? `      ${e.url}\n` : '') +
        (e.qr ? `${indent(e.qr, 6)}\n` : '')
      );
    case 'summary':
      return `\n${e.outcome === 'complete' ? style.bold(summary(e.message)) : style.error(summary(e.message))}\n${style.dim(
        a.requests({ n: e.requests, seconds: (e.durationMs / 1000).toFixed(1) }),
      )}\n`;
  }
}

/** An event's message in the chosen language (the JSON events keep the English one). */
function say(message: string): string {
  return currentLang() === 'zh-CN' ? applyEventZh(message) : message;
}

function summary(message: string): string {
  return currentLang() === 'zh-CN' ? applySummaryZh(message) : message;
}

/** `media/<64 hex>` → `media/<12 hex>` (the message names the file). */
function shortAddress(a: string): string {
  return a.startsWith('media/') ? a.slice(0, 'media/'.length + 12) : a;
}

function indent(block: string, n: number): string {
  const pad = ' '.repeat(n);
  return block
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}

/** A spinner for the change in flight; finished changes persist as lines (TTY only). */
export async function spinnerView(
  stream: NodeJS.WriteStream,
  style: TextStyle,
  redact: (s: string) => string,
): Promise<ApplyView> {
  const { default: ora } = await import('ora');
  const spinner = ora({ stream, discardStdin: false });
  const lines = linesView({ write: (s) => stream.write(s), isTTY: true, color: true }, style, redact);
  return {
    note: (text) => {
      spinner.stop();
      lines.note(text);
    },
    event: (e) => {
      if (e.type === 'change-start') {
        spinner.start(redact(`${e.address}  ${say(e.message)}`));
        return;
      }
      spinner.stop();
      lines.event(e);
    },
    close: () => {
      spinner.stop();
      lines.close();
    },
  };
}

/**
 * The view of an apply (or destroy) run: NDJSON with --format json; the spinner on the real terminal;
 * anything else (CI, pipes, tests) gets plain lines. A terminal that reports no width (some
 * pseudo-terminals) gets lines too: ora divides by the width.
 */
export async function applyView(
  format: string,
  out: Output,
  redact: (s: string) => string,
  style: TextStyle,
): Promise<ApplyView> {
  if (format === 'json') return jsonView(out, redact);
  if (out.isTTY && process.stdout.isTTY && (process.stdout.columns ?? 0) > 0) {
    return spinnerView(process.stdout, style, redact);
  }
  return linesView(out, style, redact);
}

/** The plan apply is about to carry out: text (without plan's "run apply" hint), or one NDJSON event. */
export function renderApplyPlan(plan: Plan, format: string, out: Output): void {
  if (format === 'json')
    out.write(`${JSON.stringify({ formatVersion: EVENTS_FORMAT_VERSION, type: 'plan', plan })}\n`);
  else out.write(renderPlanText(plan, styleFor(out), { applyHint: false }));
}

export function renderNothingToApply(format: string, out: Output): void {
  if (format === 'text') out.write(t().apply.nothing);
  else
    out.write(
      `${JSON.stringify({ formatVersion: EVENTS_FORMAT_VERSION, type: 'summary', outcome: 'complete', message: 'Nothing to apply.' })}\n`,
    );
}
