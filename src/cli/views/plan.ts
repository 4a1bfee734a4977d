import path from 'node:path';
import { formatLocal } from '../../campaign/time.js';
import { summarize } from '../../diagnostics/diagnostic.js';
import { escapeDeep, escapeJson } from '../../diagnostics/escape.js';
import { plainStyle, renderReportText, type TextStyle } from '../../diagnostics/render-text.js';
import { currentLang, t } from '../../i18n/catalog.js';
import { reasonZh, taskZh } from '../../i18n/plan-zh.js';
import { dateNoticeZh } from '../../i18n/plan-zh-rare.js';
import { displayWidth, padEndDisplay } from '../../i18n/width.js';
import { hasPendingChanges } from '../../plan/planner.js';
import type { Action, Change, Plan } from '../../plan/types.js';
import type { Deps } from '../../platform/deps.js';
import type { PlanOutcome, PlanPosters } from '../../usecases/plan.js';
import type { ValidatedFile } from '../../validate/validate-files.js';
import { styleFor } from '../style.js';

/**
 * Views of a Plan: pure strings, colour through TextStyle (the CLI passes chalk's; plainStyle here).
 *
 * Glyphs (ASCII, so they survive any terminal, log or CI page):
 *   +   create            ~   update            -   delete
 *   -/+ replace (delete, then create again: approved goods whose name, page or image changed)
 *   *   wait: blocked on the platform (goods in audit, audit submissions beyond today's quota, a later date)
 *   !   human: needs a person before apply can do it
 * Unchanged resources (noop) are counted, not listed: `--format json` has every change.
 */
export const GLYPHS: Record<Action, string> = {
  create: '+',
  update: '~',
  delete: '-',
  noop: '=',
  wait: '*',
  human: '!',
};

/** `--format json`: the Plan itself, one document. */
export function renderPlanJson(plan: Plan): string {
  return `${escapeJson(JSON.stringify(plan, null, 2))}\n`;
}

interface Row {
  glyph: string;
  action: Action;
  address: string;
  reason: string;
}

/**
 * The human view: header, changes with reasons, the summary line, the timeline, the tasks.
 * `applyHint: false` drops the closing "Run `livectl apply`" line (apply itself shows the plan).
 */
export function renderPlanText(
  input: Plan,
  style: TextStyle = plainStyle,
  opts: { applyHint?: boolean } = {},
): string {
  // Names, ids, file names and texts come from the campaign: escaped before colour is added, so no
  // raw ESC sequence or bidi control reaches the terminal.
  const plan = escapeDeep(input);
  const tz = plan.campaign.timezone;
  const w = t().plan;
  const zh = currentLang() === 'zh-CN';
  const say = (s: string) => (zh ? reasonZh(s) : s);
  const task = (s: string) => (zh ? taskZh(s) : s);
  const out: string[] = [];
  out.push(
    style.bold(w.header({ name: plan.campaign.name })) +
      style.dim(
        w.headerDetail({
          file: plan.campaign.file,
          serial: plan.stateSerial,
          at: formatLocal(new Date(plan.createdAt), tz),
          tz,
        }),
      ),
    '',
  );

  const rows = rowsOf(plan.changes, say);
  const noop = plan.summary.noop;
  if (rows.length === 0) {
    out.push(w.nothing);
  } else {
    const width = Math.min(36, Math.max(...rows.map((r) => displayWidth(r.address))));
    for (const r of rows) {
      const glyph = colour(style, r.action, r.glyph.padStart(3));
      out.push(`${glyph} ${colour(style, r.action, padEndDisplay(r.address, width))}  ${r.reason}`);
    }
  }
  if (noop > 0 && rows.length > 0) out.push(style.dim(w.unchanged({ n: noop })));
  out.push('', style.bold(w.summary(plan.summary)));
  if (rows.length > 0) out.push(style.dim(`  ${w.legend}`));

  if (plan.timeline.length > 0) {
    out.push('', style.bold(w.timeline({ tz })));
    const width = Math.max(...plan.timeline.map((e) => displayWidth(e.label)));
    for (const e of plan.timeline) {
      const extra = [
        e.trigger ? w.when({ trigger: e.trigger }) : '',
        e.channels?.length ? e.channels.join(', ') : '',
      ]
        .filter(Boolean)
        .join('  ');
      const label = extra ? padEndDisplay(e.label, Math.min(width, 60)) : e.label;
      out.push(`  ${e.local}  ${label}${extra ? `  ${style.dim(extra)}` : ''}`.trimEnd());
    }
  }

  if (plan.tasks.length > 0) {
    out.push('', style.bold(w.forPeople({ n: plan.tasks.length })));
    for (const x of plan.tasks) {
      const due = x.due ? style.dim(w.by({ due: formatLocal(new Date(x.due), tz) })) : '';
      out.push(`  [ ] ${task(x.who)}${zh ? '：' : ': '}${task(x.what)}${due}`);
    }
  }
  if (plan.dateNotice) {
    // Instead of "run apply": apply would refuse these dates (one line, the last thing on screen).
    out.push('', style.warning(zh ? dateNoticeZh(plan.dateNotice.message) : plan.dateNotice.message));
  } else if (
    opts.applyHint !== false &&
    hasPendingChanges(plan) &&
    rows.some((r) => r.action !== 'wait' && r.action !== 'human')
  ) {
    out.push('', style.dim(w.runApply));
  }
  return `${out.join('\n')}\n`;
}

/** Non-noop changes as rows; a replacement's delete + create pair becomes one `-/+` row. */
function rowsOf(changes: readonly Change[], say: (reason: string) => string): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i];
    if (c === undefined || c.action === 'noop') continue;
    const next = changes[i + 1];
    // A pair whose create waits (quota) stays two rows, so the wait shows.
    if (
      c.replace &&
      c.action === 'delete' &&
      next?.replace &&
      next.address === c.address &&
      next.action === 'create'
    ) {
      rows.push({ glyph: '-/+', action: 'delete', address: c.address, reason: say(next.reason) });
      i++;
      continue;
    }
    rows.push({
      glyph: GLYPHS[c.action],
      action: c.action,
      address: shortAddress(c),
      reason: reasonOf(c, say),
    });
  }
  return rows;
}

/** `media/<64 hex>` → `media/<12 hex>` on screen (the file is named in the reason). */
function shortAddress(c: Change): string {
  return c.address.startsWith('media/') ? c.address.slice(0, 'media/'.length + 12) : c.address;
}

function reasonOf(c: Change, say: (reason: string) => string): string {
  const file = c.address.startsWith('media/') ? (c.after?.file ?? c.before?.file) : undefined;
  return typeof file === 'string' ? `${file}: ${say(c.reason)}` : say(c.reason);
}

function colour(style: TextStyle, action: Action, s: string): string {
  switch (action) {
    case 'create':
      return style.accent(s);
    case 'update':
      return style.warning(s);
    case 'delete':
      return style.error(s);
    case 'human':
      return style.bold(s);
    default:
      return style.dim(s);
  }
}

/** The campaign's warnings (the playbook's advice), in text mode on stderr so stdout stays the plan. */
export function renderPlanWarnings(report: ValidatedFile, format: string, deps: Pick<Deps, 'stderr'>): void {
  if (format !== 'text' || report.diagnostics.length === 0) return;
  deps.stderr.write(`${renderReportText([report], summarize([report]), styleFor(deps.stderr))}\n`);
}

/** `livectl plan`'s output: the plan as text or JSON, the date notice, and where a saved plan went. */
export function renderPlanOutcome(
  outcome: Extract<PlanOutcome, { ok: true }>,
  opts: { format: string; out?: string },
  deps: Pick<Deps, 'stdout' | 'stderr'>,
): void {
  const { plan } = outcome;
  if (opts.format === 'json') {
    deps.stdout.write(renderPlanJson(plan));
    if (plan.dateNotice) {
      const m = plan.dateNotice.message;
      deps.stderr.write(`${currentLang() === 'zh-CN' ? dateNoticeZh(m) : m}\n`);
    }
    return;
  }
  deps.stdout.write(renderPlanText(plan, styleFor(deps.stdout)));
  if (opts.out !== undefined) {
    deps.stdout.write(t().plan.saved({ out: opts.out }));
  }
}

/**
 * Where a plan's posters went, kept off the plan itself: in text mode one line after it; in JSON
 * mode on stderr. Warnings (an unreadable real code, a poster's text) always on stderr.
 */
export function renderPlanPosters(
  posters: PlanPosters,
  format: string,
  deps: Pick<Deps, 'stdout' | 'stderr' | 'cwd'>,
): void {
  const { result, outDir } = posters;
  const rel = path.relative(deps.cwd, result.contactSheet) || result.contactSheet;
  const real = result.files.filter((f) => f.code === 'mini-program').length;
  const w = t().plan;
  const how =
    real === 0
      ? w.postersPreview
      : real === result.files.length
        ? w.postersReal
        : w.postersMixed({ real, preview: result.files.length - real });
  const line = w.posters({ n: result.files.length, how, sheet: rel });
  if (format === 'json') deps.stderr.write(line);
  else deps.stdout.write(`\n${line}`);
  if (posters.unreadable) {
    const to = path.relative(deps.cwd, outDir) || outDir;
    deps.stderr.write(
      currentLang() === 'zh-CN'
        ? `警告：apply 画海报时用的分享码无法读取：预览图写到了 ${to}，apply 生成的海报保持不变\n`
        : `warning: a share code that apply drew posters with cannot be read: the previews went to ${to}, apply's posters are left as they are\n`,
    );
  }
  for (const w of result.warnings) {
    deps.stderr.write(`warning: poster ${w.poster}${w.field ? ` ${w.field}` : ''}: ${w.message}\n`);
  }
}
