import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatLocal, isValidTimeZone, parseDuration } from '../campaign/time.js';
import type { TextStyle } from '../diagnostics/render-text.js';
import { UsageError, UserError } from '../errors.js';
import type { Deps } from '../platform/deps.js';
import { redactSecrets } from '../platform/redact.js';
import type { DispatchSummary, RowOutcome } from '../reminders/dispatch.js';
import { resolveStateLocation, type StateLocationInput } from '../state/location.js';
import type { OutboxEntry } from '../state/types.js';
import { resolveClock, resolveFormat } from './options.js';
import { clientsFactory, ownerId } from './reminder-session.js';
import { styleFor } from './style.js';

export interface DispatchFlags {
  now?: string;
  limit?: string;
  lease?: string;
  campaign?: string;
  state?: string;
  format?: string;
}

export function parseLimit(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`--limit expects a positive whole number, got "${value}"`);
  }
  return Number(value);
}

/** `--lease 5m`: at least 1 s, at most a day. */
export function parseLease(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms === undefined || ms < 1000 || ms > 86_400_000) {
    throw new UsageError(`--lease expects a duration from 1s to 1d such as 5m or 30s, got "${value}"`);
  }
  return ms;
}

/**
 * The state store dispatch and the daemon work on, which must exist: they never create one. From
 * cron in the wrong folder an empty new store (or "nothing to dispatch", exit 0) would fail silently
 * every minute, so a missing store is exit 1 naming the path looked at and how to point elsewhere.
 */
export function requireStore(input: StateLocationInput): string {
  const where = resolveStateLocation(input);
  if (existsSync(where.path)) return where.path;
  const because =
    where.from === 'flag'
      ? 'given by --state'
      : where.from === 'env'
        ? 'given by LIVECTL_STATE'
        : `the default: ${path.join('.livectl', 'state.db')} in the working directory, ${path.resolve(input.cwd)}`;
  throw new UserError(`no state store at ${where.path} (${because})`, {
    hint:
      '`livectl apply` writes the store beside the campaign file (e.g. campaigns/.livectl/state.db) unless ' +
      '--state or LIVECTL_STATE says otherwise. Point dispatch at the same file: --state <path>, or set ' +
      'LIVECTL_STATE (in the crontab too).',
  });
}

/**
 * `livectl dispatch`: wiring only — open the store, send what is due (dispatchDue), show the
 * summary. Exit 1 when a row failed (so cron mail and CI notice) or there is no store, 0 otherwise
 * (retries pending are not failures yet).
 */
export async function runDispatch(flags: DispatchFlags, deps: Deps): Promise<number> {
  const format = resolveFormat(flags.format, ['text', 'json'] as const);
  const { now, clock } = resolveClock(flags.now, deps);
  const limit = parseLimit(flags.limit, 1_000);
  const leaseMs = parseLease(flags.lease);
  const file = requireStore({ flag: flags.state, env: deps.env, cwd: deps.cwd });
  const owner = ownerId('dispatch');
  const { openSqliteStore } = await import('../state/sqlite-store.js');
  const { dispatchDue } = await import('../reminders/dispatch.js');
  const store = await openSqliteStore(file, { clock });
  try {
    const summary = await dispatchDue({
      store,
      clients: await clientsFactory(deps, store, clock),
      now,
      limit,
      owner,
      env: deps.env,
      // Leases run on the real clock even with --now: a rehearsal "as if it were 10:01 on the day"
      // must not take over rows that a dispatcher running now holds.
      clock: deps.clock,
      ...(leaseMs !== undefined ? { leaseMs } : {}),
      ...(flags.campaign ? { campaign: flags.campaign } : {}),
    });
    const redact = (s: string) => redactSecrets(s, deps.env);
    if (format === 'json') deps.stdout.write(`${redact(JSON.stringify({ ...summary, statePath: file }))}\n`);
    else
      deps.stdout.write(
        redact(
          renderDispatchText(
            summary,
            styleFor(deps.stdout),
            displayZone(summary.rows, await store.outbox().list({ limit: 500 })),
          ),
        ),
      );
    return summary.failed > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

const GLYPH: Record<RowOutcome['outcome'], string> = {
  sent: '✓',
  skipped: '–',
  failed: '✗',
  retry: '↻',
  'lost-lease': '·',
};

/**
 * The zone a dispatch summary shows its times in: the campaigns' (the zone most of this run's rows,
 * else most of the `listed` outbox rows, are in); UTC when no row tells.
 */
export function displayZone(rows: readonly RowOutcome[], listed?: readonly OutboxEntry[]): string {
  const count = new Map<string, number>();
  const add = (tz: unknown) => {
    if (typeof tz === 'string' && isValidTimeZone(tz)) count.set(tz, (count.get(tz) ?? 0) + 1);
  };
  for (const r of rows) add(r.timezone);
  if (count.size === 0 && listed) for (const e of listed) add(e.payload.timezone);
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
