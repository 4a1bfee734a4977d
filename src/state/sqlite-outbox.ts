import type { Database } from 'better-sqlite3';
import { UserError } from '../errors.js';
import type { OutboxStore } from './port.js';
import { explainStoreError } from './sqlite-errors.js';
import { type OutboxStatements, prepareOutboxStatements, toEntry } from './sqlite-outbox-statements.js';
import type {
  ClaimOptions,
  FollowableQuery,
  OutboxEntry,
  OutboxStatus,
  OutboxWrite,
  ReconcileSchedule,
  ScheduledRow,
  UpsertResult,
} from './types.js';

/**
 * The reminder outbox on the SQLite store (table `reminder_outbox`, migrations 2 and 3), on the
 * store's connection. See OutboxStore (port.ts) for the row life and the guarantees.
 *
 * Every state change is one IMMEDIATE transaction, conditional on the lease where a dispatcher makes
 * it. Group commit: writes asked for at the same moment (a send starting here, an outcome there, from
 * rows in flight together) go into one transaction — one commit, one fsync for several rows — each
 * a savepoint of its own (one that throws rolls back alone). A write's promise resolves only once
 * its transaction committed. Times are ISO-8601 UTC with milliseconds, so text order is time order.
 */

const iso = (d: Date) => d.toISOString();
/** When a lease taken or renewed at `from` (the real clock) runs out. */
const leaseUntil = (from: Date, leaseMs: number) => iso(new Date(from.getTime() + leaseMs));

type Queued = { work: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void };

export class SqliteOutboxStore implements OutboxStore {
  private readonly sql: OutboxStatements;
  private queue: Queued[] = [];
  private scheduled = false;

  constructor(
    private readonly db: Database,
    private readonly path: string,
    private readonly busyTimeoutMs: number,
  ) {
    this.sql = prepareOutboxStatements(db);
  }

  async upsert(
    campaign: string,
    rows: readonly OutboxWrite[],
    now: Date,
    reconcile: ReconcileSchedule,
  ): Promise<UpsertResult> {
    return this.writeNow(() => {
      if (!this.sql.campaignExists.get(campaign)) {
        throw new UserError(`campaign ${campaign} is not in the state store`, {
          hint: 'Reminders are written by `livectl apply` once the campaign exists.',
        });
      }
      for (const r of rows)
        if (r.campaign !== campaign) throw new RangeError(`row of ${r.campaign} written for ${campaign}`);
      const existing: ScheduledRow[] = this.sql.ofCampaign.all(campaign).map((r) => ({
        id: r.id,
        campaign: r.campaign,
        wave: r.wave,
        channel: r.channel,
        slice: r.slice,
        dueAt: r.due_at,
        graceMs: r.grace_ms,
        idempotencyKey: r.idempotency_key,
        status: r.status,
        payloadJson: r.payload ?? '',
        inDoubt: r.attempt_started_at !== null,
      }));
      const d = reconcile(existing, rows);
      const t = iso(now);
      const fields = (r: OutboxWrite) => ({
        wave: r.wave,
        channel: r.channel,
        slice: r.slice,
        due_at: r.dueAt,
        grace_ms: r.graceMs,
        payload: JSON.stringify(r.payload),
      });
      for (const r of d.insert)
        this.sql.insert.run({ ...fields(r), campaign, key: r.idempotencyKey, now: t });
      for (const u of d.update)
        this.sql.updatePending.run({
          ...fields(u.row),
          id: u.id,
          reset_details: u.resetDetails ? 1 : 0,
          now: t,
        });
      for (const u of d.reopen) {
        const f = fields(u.row);
        this.sql.reopen.run({ id: u.id, due_at: f.due_at, grace_ms: f.grace_ms, payload: f.payload, now: t });
      }
      for (const c of d.cancel) this.sql.cancel.run({ id: c.id, reason: c.reason, now: t });
      return {
        inserted: d.insert.length,
        updated: d.update.length,
        unchanged: d.unchanged,
        reopened: d.reopen.length,
        cancelled: d.cancel.length,
      };
    });
  }

  claim(o: ClaimOptions): Promise<OutboxEntry[]> {
    return this.enqueue(() =>
      this.sql.claim
        .all({
          owner: o.owner,
          now: iso(o.now),
          leaseNow: iso(o.leaseNow ?? o.now),
          expires: leaseUntil(o.leaseNow ?? o.now, o.leaseMs),
          campaign: o.campaign ?? null,
          limit: o.limit,
        })
        .map(toEntry)
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id - b.id),
    );
  }

  begin(id: number, owner: string, now: Date, leaseMs: number, leaseNow: Date = now): Promise<boolean> {
    return this.enqueue(
      () =>
        this.sql.begin.run({ id, owner, now: iso(now), expires: leaseUntil(leaseNow, leaseMs) }).changes ===
        1,
    );
  }

  checkpoint(
    id: number,
    owner: string,
    details: Record<string, unknown>,
    now: Date,
    leaseMs: number,
    leaseNow: Date = now,
  ): Promise<boolean> {
    return this.enqueue(
      () =>
        this.sql.checkpoint.run({
          id,
          owner,
          details: JSON.stringify(details),
          now: iso(now),
          expires: leaseUntil(leaseNow, leaseMs),
        }).changes === 1,
    );
  }

  markSent(
    id: number,
    owner: string,
    r: { remoteId?: string; details?: Record<string, unknown>; now: Date },
  ): Promise<boolean> {
    return this.enqueue(
      () =>
        this.sql.sent.run({
          id,
          owner,
          remote_id: r.remoteId ?? null,
          details: JSON.stringify(r.details ?? {}),
          now: iso(r.now),
        }).changes === 1,
    );
  }

  markSkipped(
    id: number,
    owner: string,
    reason: string,
    now: Date,
    details: Record<string, unknown> = {},
  ): Promise<boolean> {
    return this.finish(id, owner, 'skipped', reason, now, details);
  }

  markFailed(
    id: number,
    owner: string,
    reason: string,
    now: Date,
    details: Record<string, unknown> = {},
  ): Promise<boolean> {
    return this.finish(id, owner, 'failed', reason, now, details);
  }

  retry(
    id: number,
    owner: string,
    r: {
      reason: string;
      nextAttemptAt: Date;
      unknown: boolean;
      now: Date;
      details?: Record<string, unknown>;
    },
  ): Promise<boolean> {
    return this.enqueue(
      () =>
        this.sql.retry.run({
          id,
          owner,
          reason: r.reason,
          next: iso(r.nextAttemptAt),
          unknown: r.unknown ? 1 : 0,
          details: JSON.stringify(r.details ?? {}),
          now: iso(r.now),
        }).changes === 1,
    );
  }

  release(owner: string, now: Date): Promise<number> {
    return this.enqueue(() => this.sql.release.run({ owner, now: iso(now) }).changes);
  }

  reschedule(campaign: string, slice: string, dueAt: Date): Promise<number> {
    return this.enqueue(
      () => this.sql.reschedule.run({ campaign, slice, due_at: iso(dueAt), now: iso(dueAt) }).changes,
    );
  }

  async findPayload(campaign: string, type: string): Promise<Record<string, unknown> | undefined> {
    const r = this.read(() => this.sql.findPayload.get(campaign, type));
    return r?.payload ? (JSON.parse(r.payload) as Record<string, unknown>) : undefined;
  }

  async counts(campaign?: string): Promise<Record<OutboxStatus, number>> {
    const out: Record<OutboxStatus, number> = {
      pending: 0,
      claimed: 0,
      sent: 0,
      skipped: 0,
      failed: 0,
      cancelled: 0,
    };
    for (const r of this.read(() => this.sql.counts.all({ campaign: campaign ?? null }))) out[r.status] = r.n;
    return out;
  }

  async list(q: { campaign?: string; status?: OutboxStatus; limit?: number } = {}): Promise<OutboxEntry[]> {
    return this.read(() =>
      this.sql.list
        .all({ campaign: q.campaign ?? null, status: q.status ?? null, limit: q.limit ?? -1 })
        .map(toEntry),
    );
  }

  async nextDue(campaign?: string): Promise<OutboxEntry | undefined> {
    const r = this.read(() => this.sql.nextDue.get({ campaign: campaign ?? null }));
    return r ? toEntry(r) : undefined;
  }

  async followable(q: FollowableQuery): Promise<OutboxEntry[]> {
    return this.read(() =>
      this.sql.followable
        .all({
          since: iso(q.since),
          campaign: q.campaign ?? null,
          remind_sent_before: iso(q.remind.sentBefore),
          remind_last_before: iso(q.remind.lastRemindBefore),
          max_reminders: q.remind.maxReminders,
          checked_before: iso(q.checkedBefore),
          after_sent_at: q.after?.sentAt ?? '',
          after_id: q.after?.id ?? 0,
          limit: q.limit ?? 50,
        })
        .map(toEntry),
    );
  }

  noteFollowUp(
    id: number,
    prevLastRemindAt: string | undefined,
    followUp: Record<string, unknown>,
    now: Date,
  ): Promise<boolean> {
    return this.enqueue(
      () =>
        this.sql.noteFollowUp.run({
          id,
          prev: prevLastRemindAt ?? '',
          details: JSON.stringify({ followUp }),
          now: iso(now),
        }).changes === 1,
    );
  }

  private finish(
    id: number,
    owner: string,
    status: 'skipped' | 'failed',
    reason: string,
    now: Date,
    details: Record<string, unknown>,
  ): Promise<boolean> {
    return this.enqueue(
      () =>
        this.sql.finish.run({ id, owner, status, reason, details: JSON.stringify(details), now: iso(now) })
          .changes === 1,
    );
  }

  /** Queues a write for the next group commit; resolves once that transaction committed. */
  private enqueue<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const q = this.queue;
    this.queue = [];
    this.scheduled = false;
    const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.transaction(() => {
        for (const item of q) {
          try {
            results.push({ ok: true, value: this.transaction(item.work) });
          } catch (error) {
            results.push({ ok: false, error });
            // SQLite rolled the whole transaction back (an I/O error, a damaged or full store):
            // nothing of the group was written, and committing would only fail with a bare SQLite error.
            if (!this.db.inTransaction) throw error;
          }
        }
      });
    } catch (error) {
      for (const item of q) item.reject(error);
      return;
    }
    q.forEach((item, i) => {
      const r = results[i]!;
      if (r.ok) item.resolve(r.value);
      else item.reject(r.error);
    });
  }

  private async writeNow<T>(work: () => T): Promise<T> {
    return this.transaction(work);
  }

  /** An IMMEDIATE transaction (a savepoint inside one), SQLite failures turned into UserErrors. */
  private transaction<T>(work: () => T): T {
    return this.read(() => this.db.transaction(work).immediate());
  }

  private read<T>(work: () => T): T {
    try {
      return work();
    } catch (err) {
      throw explainStoreError(err, this.path, this.busyTimeoutMs);
    }
  }
}
