import { formatLocal, isValidTimeZone } from '../../campaign/time.js';
import type { TextStyle } from '../../diagnostics/render-text.js';
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
  let tail: string;
  switch (r.outcome) {
    case 'sent':
      tail = `sent${r.remoteId ? ` (${r.remoteId})` : ''}${r.recovered ? ', found on the platform after a lost answer' : ''}`;
      break;
    case 'retry':
      tail = `try again ${r.nextAttemptAt ? at(r.nextAttemptAt) : 'later'} (attempt ${r.attempts}): ${r.reason ?? ''}`;
      break;
    case 'lost-lease':
      tail = 'taken over by another dispatcher';
      break;
    default:
      tail = `${r.outcome}: ${r.reason ?? ''}`;
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

/** The text summary; times in `tz` (default: the zone of the rows, see displayZone). */
export function renderDispatchText(s: DispatchSummary, style?: TextStyle, tz = displayZone(s.rows)): string {
  if (s.claimed === 0) return `Nothing due at ${localTime(s.now, tz)}.\n${followUpLine(s)}`;
  const lines = s.rows.map((r) => renderDispatchLine(r, style, tz));
  const parts = [`${s.sent} sent`, `${s.skipped} skipped`, `${s.failed} failed`, `${s.retrying} to retry`];
  if (s.recovered) parts.push(`${s.recovered} found after a lost answer`);
  if (s.lostLease) parts.push(`${s.lostLease} taken over`);
  const held = (s.heldBack ?? []).map(
    (h) => `Held back ${h.account} for this run: ${h.reason}; its unstarted rows go out on a later run\n`,
  );
  if (s.released) parts.push(`${s.released} given back unstarted`);
  return `${lines.join('\n')}\nDispatched ${s.claimed} at ${localTime(s.now, tz)}: ${parts.join(' · ')}\n${held.join('')}${followUpLine(s)}`;
}

function followUpLine(s: DispatchSummary): string {
  const f = s.followUps;
  if (!f) return '';
  return `Group sends followed up: ${f.checked} checked · ${f.confirmed} confirmed by every member · ${f.reminded} members reminded${f.errors ? ` · ${f.errors} could not be checked` : ''}\n`;
}
