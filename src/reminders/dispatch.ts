import { fixedClock } from '../platform/deps.js';
import type { OutboxEntry } from '../state/types.js';
import { alertFailures } from './alerts.js';
import {
  DISPATCH_DEFAULTS,
  type DispatchOptions,
  type DispatchSummary,
  type RowOutcome,
} from './dispatch-types.js';
import { followUpGroupSends } from './follow-ups.js';
import { accountOf, RowWorker } from './row.js';
import type { ReminderPayload } from './types.js';

export {
  DISPATCH_DEFAULTS,
  type DispatchOptions,
  type DispatchSummary,
  type FollowUpCounts,
  type Outcome,
  type RowOutcome,
} from './dispatch-types.js';
export { FOLLOW_UP } from './follow-ups.js';
export { backoffMs, REPLAY_RETRY_MS } from './row.js';

/**
 * `dispatchDue`: sends the reminders that are due, exactly once where the platform lets us check.
 *
 * For each row it claims (in batches, under a lease):
 * 1. an earlier attempt with an unknown outcome (a crash, a timeout, a lost answer — the row still
 *    carries attempt_started_at) is first looked up on the platform; found → marked sent, never resent;
 * 2. past its grace window → skipped with the reason (or failed, when earlier attempts failed);
 * 3. otherwise the attempt is recorded (attempt_started_at, attempts + 1) *before* the request, then
 *    sent, and the outcome recorded: sent (with the platform's id) | skipped | failed | retry later.
 * Errors: permanent → failed at once; retryable → retried with an exponential backoff until
 * `maxAttempts`, then failed; a lost answer keeps the doubt marker so step 1 runs next time.
 * Every write is guarded by the lease, so overlapping dispatchers (cron every minute, a daemon, a
 * person running it by hand) never act on one row together. The store commits the writes of rows in
 * flight together (group commit); each resolves once durable.
 */
export async function dispatchDue(o: DispatchOptions): Promise<DispatchSummary> {
  const outbox = o.store.outbox();
  const limit = o.limit ?? DISPATCH_DEFAULTS.limit;
  const leaseMs = o.leaseMs ?? DISPATCH_DEFAULTS.leaseMs;
  const batchSize = o.batchSize ?? DISPATCH_DEFAULTS.batchSize;
  const concurrency = Math.max(1, o.concurrency ?? DISPATCH_DEFAULTS.concurrency);
  const clock = o.clock ?? fixedClock(o.now);
  const memo = new Map<string, Promise<unknown>>();
  const summary: DispatchSummary = {
    formatVersion: 1,
    now: o.now.toISOString(),
    owner: o.owner,
    claimed: 0,
    sent: 0,
    skipped: 0,
    failed: 0,
    retrying: 0,
    recovered: 0,
    lostLease: 0,
    rows: [],
  };
  const record = (r: RowOutcome) => {
    summary.rows.push(r);
    if (r.outcome === 'sent') summary.sent++;
    else if (r.outcome === 'skipped') summary.skipped++;
    else if (r.outcome === 'failed') summary.failed++;
    else if (r.outcome === 'retry') summary.retrying++;
    else summary.lostLease++;
    if (r.recovered) summary.recovered++;
    o.onRow?.(r);
  };
  const halted = new Map<string, string>();
  const worker = new RowWorker(o, outbox, clock, leaseMs, memo, halted);

  // Lanes take rows from a shared queue; when it runs dry one lane claims the next batch while the
  // others wait for it, so a slow row never holds a whole batch back.
  const queue: OutboxEntry[] = [];
  let exhausted = false;
  let claiming: Promise<void> | undefined;
  const refill = async (): Promise<void> => {
    if (summary.claimed >= limit || o.shouldStop?.()) {
      exhausted = true;
      return;
    }
    const batch = await outbox.claim({
      now: o.now,
      leaseNow: clock.now(),
      owner: o.owner,
      limit: Math.min(batchSize, limit - summary.claimed),
      leaseMs,
      ...(o.campaign ? { campaign: o.campaign } : {}),
    });
    if (batch.length === 0) exhausted = true;
    summary.claimed += batch.length;
    queue.push(...batch);
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const entry = queue.shift();
        if (!entry) {
          if (exhausted) return;
          claiming ??= refill().finally(() => {
            claiming = undefined;
          });
          await claiming;
          continue;
        }
        // A stop asked mid-run, or the row's account is held back: rows not started yet go back at
        // once (below), not after the lease, and without spending an attempt.
        if (o.shouldStop?.()) continue;
        if (halted.has(accountOf(entry.payload as unknown as ReminderPayload))) continue;
        record(await worker.process(entry));
      }
    }),
  );
  if (o.shouldStop?.() || halted.size > 0) {
    const released = await outbox.release(o.owner, clock.now());
    if (released > 0) summary.released = released;
  }
  if (halted.size > 0) summary.heldBack = [...halted].map(([account, reason]) => ({ account, reason }));
  if (o.alertFailures !== false && summary.failed > 0)
    summary.alerts = await alertFailures(o, outbox, summary);
  // Follow-ups call WeCom too: not while a WeCom account is held back.
  if (!o.shouldStop?.() && ![...halted.keys()].some((k) => k.startsWith('wecom '))) {
    const f = await followUpGroupSends(o, outbox);
    if (f.checked > 0) summary.followUps = f;
  }
  return summary;
}
