import { formatLocal, isValidTimeZone } from '../../campaign/time.js';
import type { TextStyle } from '../../diagnostics/render-text.js';
import { currentLang, t } from '../../i18n/catalog.js';
import { dispatchReasonZh } from '../../i18n/dispatch-zh-reasons.js';
import type { DispatchSummary, RowOutcome } from '../../reminders/dispatch.js';

/** The text views of a dispatch run (`livectl dispatch`, and the daemon's log lines). */

const GLYPH: Record<RowOutcome['outcome'], string> = {
  sent: '✓',
  skipped: '–',
  failed: '✗',
  retry: '↻',
  'lost-lease': '·',
};

/**
 * The zone a dispatch summary shows its times in: the campaigns' (the zone most of this run's rows,
 * else most rows of the outbox — `outboxZones`, their payloads' zones — are in); UTC when the
 * outbox has no row to tell.
 */
export function displayZone(rows: readonly RowOutcome[], outboxZones?: () => readonly unknown[]): string {
  const count = new Map<string, number>();
  const add = (tz: unknown) => {
    if (typeof tz === 'string' && isValidTimeZone(tz)) count.set(tz, (count.get(tz) ?? 0) + 1);
  };
  for (const r of rows) add(r.timezone);
  if (count.size === 0 && outboxZones) for (const tz of outboxZones()) add(tz);
  return [...count.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'UTC';
}

/** `2027-03-05 10:01 Asia/Shanghai`: an ISO instant as a person reads it. */
export function localTime(iso: string, tz: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${formatLocal(d, tz)} ${tz}`;
}

/** One row; its times in its campaign's zone (`shown`: the zone the summary already names, left out). */
export function renderDispatchLine(r: RowOutcome, style?: TextStyle, shown?: string): string {
  const what = `${r.campaign} ${r.wave} ${r.channel}${r.slice ? ` ${r.slice}` : ''}`;
  const tz = r.timezone && isValidTimeZone(r.timezone) ? r.timezone : (shown ?? 'UTC');
  const at = (iso: string) => (tz === shown ? formatLocal(new Date(iso), tz) : localTime(iso, tz));
  const w = t().dispatch.row;
  const reason = reasonText(r.reason ?? '');
  let tail: string;
  switch (r.outcome) {
    case 'sent':
      tail = `${w.sent(r.remoteId ? { remoteId: r.remoteId } : {})}${r.recovered ? w.recovered : ''}`;
      break;
    case 'retry':
      tail = w.retry({ at: r.nextAttemptAt ? at(r.nextAttemptAt) : w.later, attempt: r.attempts, reason });
      break;
    case 'lost-lease':
      tail = w.lostLease;
      break;
    case 'skipped':
      tail = w.skipped({ reason });
      break;
    default:
      tail = w.failed({ reason });
  }
  const glyph = GLYPH[r.outcome];
  const g = !style
    ? glyph
    : r.outcome === 'failed'
      ? style.error(glyph)
      : r.outcome === 'sent'
        ? style.accent(glyph)
        : style.dim(glyph);
  return `  ${g} ${what}  ${tail}`;
}

/** A dispatch reason in the chosen language (the outbox and the JSON keep the English one). */
export function reasonText(reason: string): string {
  return currentLang() === 'zh-CN' ? dispatchReasonZh(reason) : reason;
}

/** The text summary; times in `tz` (default: the zone of the rows, see displayZone). */
export function renderDispatchText(s: DispatchSummary, style?: TextStyle, tz = displayZone(s.rows)): string {
  const w = t().dispatch.summary;
  if (s.claimed === 0) return `${w.nothingDue({ at: localTime(s.now, tz) })}\n${followUpLine(s)}`;
  const lines = s.rows.map((r) => renderDispatchLine(r, style, tz));
  const parts = [
    w.sent({ n: s.sent }),
    w.skipped({ n: s.skipped }),
    w.failed({ n: s.failed }),
    w.toRetry({ n: s.retrying }),
  ];
  if (s.recovered) parts.push(w.recovered({ n: s.recovered }));
  if (s.lostLease) parts.push(w.takenOver({ n: s.lostLease }));
  const held = (s.heldBack ?? []).map(
    (h) => `${w.heldBack({ account: h.account, reason: reasonText(h.reason) })}\n`,
  );
  if (s.released) parts.push(w.released({ n: s.released }));
  const head = w.dispatched({ n: s.claimed, at: localTime(s.now, tz), parts: parts.join(' · ') });
  return `${lines.join('\n')}\n${head}\n${held.join('')}${followUpLine(s)}`;
}

function followUpLine(s: DispatchSummary): string {
  const f = s.followUps;
  if (!f) return '';
  return `${t().dispatch.summary.followUps({ checked: f.checked, confirmed: f.confirmed, reminded: f.reminded, errors: f.errors ?? 0 })}\n`;
}
