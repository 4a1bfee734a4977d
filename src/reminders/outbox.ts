import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign } from '../campaign/schema.js';
import { formatLocal, isValidTimeZone } from '../campaign/time.js';
import { currentLang, t } from '../i18n/catalog.js';
import { dispatchReasonZh } from '../i18n/dispatch-zh-reasons.js';
import type { StateStore } from '../state/port.js';
import type { OutboxEntry, OutboxStatus, StateSnapshot, UpsertResult } from '../state/types.js';
import { loadScheduleInputs, roomStateFromSnapshot } from './inputs.js';
import { reconcileSchedule } from './reconcile.js';
import { scheduleReminders } from './schedule.js';
import type { OutboxRowSpec } from './types.js';

/**
 * The outbox as apply and status use it: write a campaign's schedule, and summarise it.
 */

/**
 * Writes a campaign's reminder rows (from scheduleReminders) to the store's outbox: new rows are
 * inserted, pending ones updated, rows of waves that left the campaign cancelled; sent rows are never
 * touched (editing a wave that went out does not send it again). Idempotent.
 */
export async function writeOutbox(
  store: StateStore,
  campaign: string,
  rows: readonly OutboxRowSpec[],
  now: Date = new Date(),
): Promise<UpsertResult> {
  await store.ensureCampaign(campaign);
  return store.outbox().upsert(campaign, rows, now, reconcileSchedule);
}

export interface SyncRemindersOptions {
  store: StateStore;
  campaign: Campaign;
  times: CampaignTimes;
  /** The campaign file's folder (message files, audiences and the share image resolve against it). */
  campaignDir: string;
  now: Date;
  /** The campaign's state (room id, codes, posters); default: read from the store. */
  snapshot?: StateSnapshot;
  /** Where shipped templates live (tests). */
  templatesDir?: string;
}

/**
 * Apply's one call: reads the message texts and audience files, schedules against the room's ids in
 * the state, and writes the outbox.
 */
export async function syncReminders(
  o: SyncRemindersOptions,
): Promise<{ rows: OutboxRowSpec[]; result: UpsertResult }> {
  const name = o.campaign.metadata.name;
  const inputs = await loadScheduleInputs(
    o.campaign,
    o.campaignDir,
    o.templatesDir ? { templatesDir: o.templatesDir } : {},
  );
  const snapshot = o.snapshot ?? (await o.store.snapshot(name));
  const rows = scheduleReminders(o.campaign, o.times, roomStateFromSnapshot(snapshot), inputs);
  return { rows, result: await writeOutbox(o.store, name, rows, o.now) };
}

export interface OutboxLine {
  wave: string;
  channel: string;
  slice: string;
  dueAt: string;
  attempts: number;
  reason?: string;
  remoteId?: string;
  sentAt?: string;
  nextAttemptAt?: string;
}

export interface OutboxSummary {
  campaign: string;
  counts: Record<OutboxStatus, number>;
  /** The next row to go out (by due time, or backoff for a row being retried). */
  nextDue?: OutboxLine;
  /** Rows waiting for another try, with the last error. */
  retrying: OutboxLine[];
  sent: OutboxLine[];
  skipped: OutboxLine[];
  failed: OutboxLine[];
}

const line = (e: OutboxEntry): OutboxLine => ({
  wave: e.wave,
  channel: e.channel,
  slice: e.slice,
  dueAt: e.dueAt,
  attempts: e.attempts,
  ...(e.lastError ? { reason: e.lastError } : {}),
  ...(e.remoteId ? { remoteId: e.remoteId } : {}),
  ...(e.sentAt ? { sentAt: e.sentAt } : {}),
  ...(e.nextAttemptAt ? { nextAttemptAt: e.nextAttemptAt } : {}),
});

/** What `livectl status` shows of a campaign's outbox: counts, the next due, and every outcome with its reason. */
export async function outboxSummary(store: StateStore, campaign: string): Promise<OutboxSummary> {
  const outbox = store.outbox();
  const rows = await outbox.list({ campaign });
  const next = await outbox.nextDue(campaign);
  return {
    campaign,
    counts: await outbox.counts(campaign),
    ...(next ? { nextDue: line(next) } : {}),
    retrying: rows.filter((r) => r.status === 'pending' && r.attempts > 0 && r.lastError).map(line),
    sent: rows.filter((r) => r.status === 'sent').map(line),
    skipped: rows.filter((r) => r.status === 'skipped').map(line),
    failed: rows.filter((r) => r.status === 'failed').map(line),
  };
}

/**
 * The status lines (plain text; the caller indents and styles), in the chosen language. Times in the
 * campaign's zone; the reasons recorded in English are said in Chinese where a phrase is known.
 */
export function renderOutboxSummary(s: OutboxSummary, timezone: string): string[] {
  const tz = isValidTimeZone(timezone) ? timezone : 'UTC';
  const w = t().dispatch.outbox;
  const say = (reason: string | undefined) =>
    currentLang() === 'zh-CN' ? dispatchReasonZh(reason ?? '') : (reason ?? '');
  const at = (iso: string) => formatLocal(new Date(iso), tz);
  const what = (l: OutboxLine) => `${l.wave} ${l.channel}${l.slice ? ` ${l.slice}` : ''}`;
  const out = [w.counts(s.counts)];
  if (s.nextDue) {
    const when =
      s.nextDue.nextAttemptAt && s.nextDue.nextAttemptAt > s.nextDue.dueAt
        ? s.nextDue.nextAttemptAt
        : s.nextDue.dueAt;
    out.push(w.next({ at: at(when), what: what(s.nextDue) }));
  }
  if (s.sent.length) {
    const last = [...s.sent].sort((a, b) => (a.sentAt ?? '').localeCompare(b.sentAt ?? '')).at(-1)!;
    out.push(
      w.lastSent({
        at: last.sentAt ? at(last.sentAt) : '?',
        what: what(last),
        ...(last.sentAt && last.sentAt > last.dueAt ? { due: at(last.dueAt) } : {}),
      }),
    );
  }
  for (const l of s.retrying)
    out.push(
      w.retrying({
        what: what(l),
        attempt: l.attempts,
        ...(l.nextAttemptAt ? { next: at(l.nextAttemptAt) } : {}),
        reason: say(l.reason),
      }),
    );
  for (const l of s.skipped) out.push(w.skipped({ what: what(l), due: at(l.dueAt), reason: say(l.reason) }));
  for (const l of s.failed) out.push(w.failed({ what: what(l), due: at(l.dueAt), reason: say(l.reason) }));
  return out;
}
