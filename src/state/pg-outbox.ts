import { UserError } from '../errors.js';
import { CasBatcher } from './pg-outbox-batch.js';
import type { PgRunner } from './pg-store.js';
import type { OutboxStore } from './port.js';
import { type OutboxDbRow, toEntry } from './sqlite-outbox-statements.js';
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
 * The reminder outbox on PostgreSQL: the same statements as the SQLite outbox
 * (sqlite-outbox-statements.ts), for several hosts dispatching from one table. Claiming is one
 * statement: `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED LIMIT n) RETURNING …`, so
 * dispatchers on different hosts each take different due rows without waiting for each other.
 * Every later change of a row in flight is compare-and-set on the lease (status 'claimed' and
 * lease_owner), row by row. Group commit (pg-outbox-batch.ts): the changes asked for while the
 * previous group is being written go together into one statement — one round trip, one commit for
 * the rows in flight — each still conditional on its own row's lease; a change's promise resolves
 * once that statement committed. Writing a schedule is one transaction holding the campaign's row lock.
 */

const iso = (d: Date) => d.toISOString();
/** Rows a schedule write adds or reopens from which it refreshes the table's statistics. */
const ANALYZE_AFTER = 500;
const leaseUntil = (from: Date, leaseMs: number) => iso(new Date(from.getTime() + leaseMs));

const ALL =
  'id, campaign, wave, channel, slice, due_at, grace_ms, status, idempotency_key, payload, attempts, next_attempt_at, lease_owner, lease_expires_at, remote_id, last_error, created_at, updated_at, attempt_started_at, details::text AS details, sent_at';

/** `details` merged with a JSON patch (RFC 7386, as SQLite's json_patch). */
const patch = (param: string) => `livectl_merge_patch(COALESCE(details, '{}'::jsonb), ${param}::jsonb)`;

export class PgOutboxStore implements OutboxStore {
  /** The lease-guarded changes of rows in flight, written in groups. */
  private readonly cas: CasBatcher;

  constructor(private readonly db: PgRunner) {
    this.cas = new CasBatcher(db);
  }

  async upsert(
    campaign: string,
    rows: readonly OutboxWrite[],
    now: Date,
    reconcile: ReconcileSchedule,
  ): Promise<UpsertResult> {
    const result = await this.write(campaign, rows, now, reconcile);
    // Many new rows: refresh the planner's statistics now rather than when autovacuum gets to it, so
    // the claims that follow read the due rows from the index instead of sorting all of them. Only an
    // optimisation: the schedule is written whether or not it runs.
    if (result.inserted + result.reopened >= ANALYZE_AFTER)
      await this.db.query('ANALYZE reminder_outbox').catch(() => {});
    return result;
  }

  private write(
    campaign: string,
    rows: readonly OutboxWrite[],
    now: Date,
    reconcile: ReconcileSchedule,
  ): Promise<UpsertResult> {
    return this.db.tx(async (c) => {
      // The campaign's row lock: two hosts writing its schedule at once take turns.
      const exists = await c.query('SELECT 1 FROM campaigns WHERE name = $1 FOR UPDATE', [campaign]);
      if (exists.rowCount === 0) {
        throw new UserError(`campaign ${campaign} is not in the state store`, {
          hint: 'Reminders are written by `livectl apply` once the campaign exists.',
        });
      }
      for (const r of rows)
        if (r.campaign !== campaign) throw new RangeError(`row of ${r.campaign} written for ${campaign}`);
      const have = await c.query<OutboxDbRow>(
        `SELECT ${ALL} FROM reminder_outbox WHERE campaign = $1 ORDER BY id`,
        [campaign],
      );
      const existing: ScheduledRow[] = have.rows.map((r) => ({
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
      for (const r of d.insert)
        await c.query(
          `INSERT INTO reminder_outbox (campaign, wave, channel, slice, due_at, grace_ms, status, idempotency_key, payload, attempts, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, 0, $9, $9)`,
          [
            campaign,
            r.wave,
            r.channel,
            r.slice,
            r.dueAt,
            r.graceMs,
            r.idempotencyKey,
            JSON.stringify(r.payload),
            t,
          ],
        );
      for (const u of d.update)
        await c.query(
          `UPDATE reminder_outbox SET wave = $2, channel = $3, slice = $4, due_at = $5, grace_ms = $6, payload = $7,
             details = CASE WHEN $8 THEN NULL ELSE details END, updated_at = $9
           WHERE id = $1 AND status = 'pending'`,
          [
            u.id,
            u.row.wave,
            u.row.channel,
            u.row.slice,
            u.row.dueAt,
            u.row.graceMs,
            JSON.stringify(u.row.payload),
            u.resetDetails === true,
            t,
          ],
        );
      for (const u of d.reopen)
        await c.query(
          `UPDATE reminder_outbox SET status = 'pending', due_at = $2, grace_ms = $3, payload = $4,
             attempts = 0, next_attempt_at = NULL, last_error = NULL, details = NULL, attempt_started_at = NULL,
             lease_owner = NULL, lease_expires_at = NULL, updated_at = $5
           WHERE id = $1 AND status IN ('skipped', 'failed', 'cancelled')`,
          [u.id, u.row.dueAt, u.row.graceMs, JSON.stringify(u.row.payload), t],
        );
      for (const x of d.cancel)
        await c.query(
          `UPDATE reminder_outbox SET status = 'cancelled', last_error = $2, updated_at = $3 WHERE id = $1 AND status = 'pending'`,
          [x.id, x.reason, t],
        );
      return {
        inserted: d.insert.length,
        updated: d.update.length,
        unchanged: d.unchanged,
        reopened: d.reopen.length,
        cancelled: d.cancel.length,
      };
    });
  }

  async claim(o: ClaimOptions): Promise<OutboxEntry[]> {
    const leaseNow = o.leaseNow ?? o.now;
    // Each kind of claimable row (due, or claimed under a lapsed lease) is read in (due_at, id) order
    // from its own index, so a claim reads about `limit` rows whatever the backlog.
    const r = await this.db.query<OutboxDbRow>(
      `WITH due AS (
         SELECT id, due_at FROM reminder_outbox
         WHERE status = 'pending' AND due_at <= $2 AND (next_attempt_at IS NULL OR next_attempt_at <= $2)
           AND ($5::text IS NULL OR campaign = $5)
         ORDER BY due_at, id LIMIT $6
         FOR UPDATE SKIP LOCKED),
       lapsed AS (
         SELECT id, due_at FROM reminder_outbox
         WHERE status = 'claimed' AND lease_expires_at <= $3 AND ($5::text IS NULL OR campaign = $5)
         ORDER BY due_at, id LIMIT $6
         FOR UPDATE SKIP LOCKED)
       UPDATE reminder_outbox SET status = 'claimed', lease_owner = $1, lease_expires_at = $4, updated_at = $2
       WHERE id IN (SELECT id FROM (SELECT * FROM due UNION ALL SELECT * FROM lapsed) d ORDER BY due_at, id LIMIT $6)
       RETURNING ${ALL}`,
      [o.owner, iso(o.now), iso(leaseNow), leaseUntil(leaseNow, o.leaseMs), o.campaign ?? null, o.limit],
      'livectl_outbox_claim',
    );
    return r.rows.map(toEntry).sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id - b.id));
  }

  begin(id: number, owner: string, now: Date, leaseMs: number, leaseNow: Date = now): Promise<boolean> {
    return this.cas.write('begin', id, owner, iso(now), [leaseUntil(leaseNow, leaseMs)]);
  }

  checkpoint(
    id: number,
    owner: string,
    details: Record<string, unknown>,
    now: Date,
    leaseMs: number,
    leaseNow: Date = now,
  ): Promise<boolean> {
    return this.cas.write('checkpoint', id, owner, iso(now), [
      leaseUntil(leaseNow, leaseMs),
      JSON.stringify(details),
    ]);
  }

  markSent(
    id: number,
    owner: string,
    r: { remoteId?: string; details?: Record<string, unknown>; now: Date },
  ): Promise<boolean> {
    return this.cas.write('sent', id, owner, iso(r.now), [
      r.remoteId ?? null,
      JSON.stringify(r.details ?? {}),
    ]);
  }

  markSkipped(id: number, owner: string, reason: string, now: Date, details: Record<string, unknown> = {}) {
    return this.cas.write('finish', id, owner, iso(now), ['skipped', reason, JSON.stringify(details)]);
  }

  markFailed(id: number, owner: string, reason: string, now: Date, details: Record<string, unknown> = {}) {
    return this.cas.write('finish', id, owner, iso(now), ['failed', reason, JSON.stringify(details)]);
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
    return this.cas.write('retry', id, owner, iso(r.now), [
      r.reason,
      iso(r.nextAttemptAt),
      r.unknown,
      JSON.stringify(r.details ?? {}),
    ]);
  }

  async release(owner: string, now: Date): Promise<number> {
    const r = await this.db.query(
      `UPDATE reminder_outbox SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL, updated_at = $2
       WHERE status = 'claimed' AND lease_owner = $1`,
      [owner, iso(now)],
    );
    return r.rowCount;
  }

  async reschedule(campaign: string, slice: string, dueAt: Date): Promise<number> {
    const r = await this.db.query(
      `UPDATE reminder_outbox SET due_at = $3, next_attempt_at = NULL, updated_at = $3
       WHERE campaign = $1 AND slice = $2 AND status = 'pending'`,
      [campaign, slice, iso(dueAt)],
    );
    return r.rowCount;
  }

  async findPayload(campaign: string, type: string): Promise<Record<string, unknown> | undefined> {
    const r = await this.db.query<{ payload: string | null }>(
      `SELECT payload FROM reminder_outbox WHERE campaign = $1 AND payload::jsonb ->> 'type' = $2 ORDER BY id LIMIT 1`,
      [campaign, type],
    );
    const p = r.rows[0]?.payload;
    return p ? (JSON.parse(p) as Record<string, unknown>) : undefined;
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
    const r = await this.db.query<{ status: OutboxStatus; n: number }>(
      'SELECT status, COUNT(*) AS n FROM reminder_outbox WHERE ($1::text IS NULL OR campaign = $1) GROUP BY status',
      [campaign ?? null],
    );
    for (const row of r.rows) out[row.status] = row.n;
    return out;
  }

  async list(q: { campaign?: string; status?: OutboxStatus; limit?: number } = {}): Promise<OutboxEntry[]> {
    const r = await this.db.query<OutboxDbRow>(
      `SELECT ${ALL} FROM reminder_outbox WHERE ($1::text IS NULL OR campaign = $1) AND ($2::text IS NULL OR status = $2)
       ORDER BY due_at, id LIMIT $3`,
      [q.campaign ?? null, q.status ?? null, q.limit !== undefined && q.limit >= 0 ? q.limit : null],
    );
    return r.rows.map(toEntry);
  }

  async nextDue(campaign?: string): Promise<OutboxEntry | undefined> {
    const r = await this.db.query<OutboxDbRow>(
      `SELECT ${ALL} FROM reminder_outbox WHERE ($1::text IS NULL OR campaign = $1) AND status IN ('pending', 'claimed')
       ORDER BY GREATEST(due_at, next_attempt_at), id LIMIT 1`,
      [campaign ?? null],
    );
    return r.rows[0] ? toEntry(r.rows[0]) : undefined;
  }

  async followable(q: FollowableQuery): Promise<OutboxEntry[]> {
    const r = await this.db.query<OutboxDbRow>(
      `SELECT ${ALL} FROM reminder_outbox
       WHERE status = 'sent' AND remote_id IS NOT NULL AND payload::jsonb ->> 'type' = 'wecom-groups'
         AND sent_at >= $1 AND COALESCE((details #>> '{followUp,confirmed}')::boolean, false) = false
         AND ($2::text IS NULL OR campaign = $2)
         AND ((sent_at <= $3
               AND COALESCE(details #>> '{followUp,lastRemindAt}', '') COLLATE "C" <= $4
               AND COALESCE((details #>> '{followUp,reminders}')::numeric, 0) < $5)
              OR COALESCE(details #>> '{followUp,checkedAt}', sent_at) COLLATE "C" <= $6)
         AND (sent_at > $7 OR (sent_at = $7 AND id > $8))
       ORDER BY sent_at, id LIMIT $9`,
      [
        iso(q.since),
        q.campaign ?? null,
        iso(q.remind.sentBefore),
        iso(q.remind.lastRemindBefore),
        q.remind.maxReminders,
        iso(q.checkedBefore),
        q.after?.sentAt ?? '',
        q.after?.id ?? 0,
        q.limit ?? 50,
      ],
    );
    return r.rows.map(toEntry);
  }

  async noteFollowUp(
    id: number,
    prevLastRemindAt: string | undefined,
    followUp: Record<string, unknown>,
    now: Date,
  ): Promise<boolean> {
    const r = await this.db.query(
      `UPDATE reminder_outbox SET details = ${patch('$3')}, updated_at = $4
       WHERE id = $1 AND status = 'sent' AND COALESCE(details #>> '{followUp,lastRemindAt}', '') = $2`,
      [id, prevLastRemindAt ?? '', JSON.stringify({ followUp }), iso(now)],
    );
    return r.rowCount === 1;
  }
}
