import type { Database, Statement } from 'better-sqlite3';
import { UserError } from '../errors.js';
import type { StateStore } from './port.js';
import { explainStoreError } from './sqlite-errors.js';
import type { OutboxKey, OutboxRow, OutboxStatus } from './types.js';

/**
 * The reminder outbox on the SQLite store (table `reminder_outbox`, migrations 2 and 3).
 *
 * Row life: pending → claimed (a lease: owner + expiry) → attempting (attempt_started_at set just
 * before the send) → sent | skipped | failed, or back to pending with a backoff (next_attempt_at).
 * pending → cancelled when its wave leaves the campaign. Invariants:
 *  - every state change is one IMMEDIATE transaction, and every change a dispatcher makes is
 *    conditional on still holding the lease (owner and status 'claimed'), so two dispatchers never
 *    both act on a row; a crashed dispatcher's rows come back when the lease expires;
 *  - a row whose attempt_started_at is set has an unknown outcome: the dispatcher checks the
 *    platform before sending it again;
 *  - a sent row is never reset or resent: writing the schedule again leaves it alone;
 *  - the idempotency key is unique in the store, so writing the same schedule twice is a no-op.
 *
 * It uses its own connection to the store's file (WAL lets several connections and processes share
 * it); times are ISO-8601 UTC with milliseconds, so text order is time order.
 */

/** An outbox row with the columns of migration 3. */
export interface OutboxEntry extends OutboxRow {
  payload: Record<string, unknown>;
  /** Set while an attempt is in flight, and after one whose outcome is unknown. */
  attemptStartedAt?: string;
  /** Channel progress and results, kept across attempts. */
  details: Record<string, unknown>;
  sentAt?: string;
}

/** What the schedule hands the outbox (src/reminders OutboxRowSpec is one, with a typed payload). */
export interface OutboxWrite extends OutboxKey {
  payload: object;
}

export interface UpsertResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Skipped, failed or cancelled rows made pending again because their schedule changed. */
  reopened: number;
  /** Pending rows whose wave or channel left the campaign. */
  cancelled: number;
}

export interface ClaimOptions {
  /** What is due: rows due (and past any backoff) at this instant (`dispatch --now`). */
  now: Date;
  /**
   * The running clock for leases (default `now`): whose lease has lapsed, and until when the new
   * claim holds. Leases are about processes, not the campaign's time, so a `dispatch --now` far
   * ahead must not take over rows a running dispatcher holds.
   */
  leaseNow?: Date;
  owner: string;
  limit: number;
  leaseMs: number;
  campaign?: string;
}

interface Row {
  id: number;
  campaign: string;
  wave: string;
  channel: string;
  slice: string;
  due_at: string;
  grace_ms: number;
  status: OutboxStatus;
  idempotency_key: string;
  payload: string | null;
  attempts: number;
  next_attempt_at: string | null;
  lease_owner: string | null;
  lease_expires_at: string | null;
  remote_id: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  attempt_started_at: string | null;
  details: string | null;
  sent_at: string | null;
}

function toEntry(r: Row): OutboxEntry {
  return {
    id: r.id,
    campaign: r.campaign,
    wave: r.wave,
    channel: r.channel,
    slice: r.slice,
    dueAt: r.due_at,
    graceMs: r.grace_ms,
    status: r.status,
    idempotencyKey: r.idempotency_key,
    payload: r.payload ? (JSON.parse(r.payload) as Record<string, unknown>) : {},
    attempts: r.attempts,
    ...(r.next_attempt_at ? { nextAttemptAt: r.next_attempt_at } : {}),
    ...(r.lease_owner ? { leaseOwner: r.lease_owner } : {}),
    ...(r.lease_expires_at ? { leaseExpiresAt: r.lease_expires_at } : {}),
    ...(r.remote_id !== null ? { remoteId: r.remote_id } : {}),
    ...(r.last_error !== null ? { lastError: r.last_error } : {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(r.attempt_started_at ? { attemptStartedAt: r.attempt_started_at } : {}),
    details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : {},
    ...(r.sent_at ? { sentAt: r.sent_at } : {}),
  };
}

const iso = (d: Date) => d.toISOString();
/** When a lease taken or renewed at `from` (the real clock) runs out. */
const leaseUntil = (from: Date, leaseMs: number) => iso(new Date(from.getTime() + leaseMs));
const ALL =
  'id, campaign, wave, channel, slice, due_at, grace_ms, status, idempotency_key, payload, attempts, next_attempt_at, lease_owner, lease_expires_at, remote_id, last_error, created_at, updated_at, attempt_started_at, details, sent_at';

export class SqliteOutbox {
  private readonly sql: Record<string, Statement>;

  constructor(
    private readonly db: Database,
    readonly path: string,
    private readonly ownsDb: boolean,
  ) {
    const s = (q: string) => db.prepare(q);
    this.sql = {
      byKey: s(`SELECT ${ALL} FROM reminder_outbox WHERE idempotency_key = ?`),
      insert: s(
        `INSERT INTO reminder_outbox (campaign, wave, channel, slice, due_at, grace_ms, status, idempotency_key, payload, attempts, created_at, updated_at)
         VALUES (@campaign, @wave, @channel, @slice, @due_at, @grace_ms, 'pending', @key, @payload, 0, @now, @now)`,
      ),
      updatePending: s(
        `UPDATE reminder_outbox SET wave = @wave, channel = @channel, slice = @slice, due_at = @due_at, grace_ms = @grace_ms,
           payload = @payload, details = CASE WHEN @reset_details = 1 THEN NULL ELSE details END, updated_at = @now
         WHERE id = @id AND status = 'pending'`,
      ),
      reopen: s(
        `UPDATE reminder_outbox SET status = 'pending', due_at = @due_at, grace_ms = @grace_ms, payload = @payload,
           attempts = 0, next_attempt_at = NULL, last_error = NULL, details = NULL, attempt_started_at = NULL,
           lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
         WHERE id = @id AND status IN ('skipped', 'failed', 'cancelled')`,
      ),
      pendingOf: s(`SELECT ${ALL} FROM reminder_outbox WHERE campaign = ? AND status = 'pending'`),
      sentSwitch: s(
        `SELECT 1 FROM reminder_outbox WHERE campaign = ? AND wave = ? AND channel = ? AND slice = 'menu-switch' AND status = 'sent'`,
      ),
      cancel: s(
        `UPDATE reminder_outbox SET status = 'cancelled', last_error = @reason, updated_at = @now WHERE id = @id AND status = 'pending'`,
      ),
      claim: s(
        `UPDATE reminder_outbox SET status = 'claimed', lease_owner = @owner, lease_expires_at = @expires, updated_at = @now
         WHERE id IN (
           SELECT id FROM reminder_outbox
           WHERE ((status = 'pending' AND due_at <= @now AND (next_attempt_at IS NULL OR next_attempt_at <= @now))
               OR (status = 'claimed' AND lease_expires_at <= @leaseNow))
             AND (@campaign IS NULL OR campaign = @campaign)
           ORDER BY due_at, id LIMIT @limit)
         RETURNING ${ALL}`,
      ),
      begin: s(
        `UPDATE reminder_outbox SET attempt_started_at = @now, attempts = attempts + 1, lease_expires_at = @expires, updated_at = @now
         WHERE id = @id AND status = 'claimed' AND lease_owner = @owner`,
      ),
      checkpoint: s(
        `UPDATE reminder_outbox SET details = json_patch(COALESCE(details, '{}'), @details), lease_expires_at = @expires, updated_at = @now
         WHERE id = @id AND status = 'claimed' AND lease_owner = @owner`,
      ),
      sent: s(
        `UPDATE reminder_outbox SET status = 'sent', remote_id = @remote_id, details = json_patch(COALESCE(details, '{}'), @details),
           sent_at = @now, attempt_started_at = NULL, last_error = NULL, next_attempt_at = NULL, lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
         WHERE id = @id AND status = 'claimed' AND lease_owner = @owner`,
      ),
      finish: s(
        `UPDATE reminder_outbox SET status = @status, last_error = @reason, details = json_patch(COALESCE(details, '{}'), @details),
           next_attempt_at = NULL, lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
         WHERE id = @id AND status = 'claimed' AND lease_owner = @owner`,
      ),
      retry: s(
        `UPDATE reminder_outbox SET status = 'pending', last_error = @reason, next_attempt_at = @next,
           attempt_started_at = CASE WHEN @unknown = 1 THEN attempt_started_at ELSE NULL END,
           details = json_patch(COALESCE(details, '{}'), @details),
           lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
         WHERE id = @id AND status = 'claimed' AND lease_owner = @owner`,
      ),
      release: s(
        `UPDATE reminder_outbox SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
         WHERE status = 'claimed' AND lease_owner = @owner`,
      ),
      counts: s(
        `SELECT status, COUNT(*) AS n FROM reminder_outbox WHERE (@campaign IS NULL OR campaign = @campaign) GROUP BY status`,
      ),
      list: s(
        `SELECT ${ALL} FROM reminder_outbox WHERE (@campaign IS NULL OR campaign = @campaign) AND (@status IS NULL OR status = @status)
         ORDER BY due_at, id LIMIT @limit`,
      ),
      nextDue: s(
        `SELECT ${ALL} FROM reminder_outbox WHERE (@campaign IS NULL OR campaign = @campaign) AND status IN ('pending', 'claimed')
         ORDER BY COALESCE(MAX(due_at, next_attempt_at), due_at), id LIMIT 1`,
      ),
      campaignExists: s('SELECT 1 FROM campaigns WHERE name = ?'),
      findPayload: s(
        `SELECT payload FROM reminder_outbox WHERE campaign = ? AND json_extract(payload, '$.type') = ? ORDER BY id LIMIT 1`,
      ),
      // Only rows with something to do: a reminder due, or a check not done for a while. Keyset
      // pages (sent_at, id) so a caller reads them all, however many.
      followable: s(
        `SELECT ${ALL} FROM reminder_outbox
         WHERE status = 'sent' AND remote_id IS NOT NULL AND json_extract(payload, '$.type') = 'wecom-groups'
           AND sent_at >= @since AND COALESCE(json_extract(details, '$.followUp.confirmed'), 0) = 0
           AND (@campaign IS NULL OR campaign = @campaign)
           AND ((sent_at <= @remind_sent_before
                 AND COALESCE(json_extract(details, '$.followUp.lastRemindAt'), '') <= @remind_last_before
                 AND COALESCE(json_extract(details, '$.followUp.reminders'), 0) < @max_reminders)
                OR COALESCE(json_extract(details, '$.followUp.checkedAt'), sent_at) <= @checked_before)
           AND (sent_at > @after_sent_at OR (sent_at = @after_sent_at AND id > @after_id))
         ORDER BY sent_at, id LIMIT @limit`,
      ),
      noteFollowUp: s(
        `UPDATE reminder_outbox SET details = json_patch(COALESCE(details, '{}'), @details), updated_at = @now
         WHERE id = @id AND status = 'sent'
           AND COALESCE(json_extract(details, '$.followUp.lastRemindAt'), '') = @prev`,
      ),
      reschedule: s(
        `UPDATE reminder_outbox SET due_at = @due_at, next_attempt_at = NULL, updated_at = @now
         WHERE campaign = @campaign AND slice = @slice AND status = 'pending'`,
      ),
    };
  }

  /**
   * Writes a campaign's schedule: inserts new rows; updates pending ones (time, grace, payload; their
   * progress is kept unless the payload changed while no attempt is in doubt); makes skipped, failed
   * or cancelled rows pending again when their due time changed (a wave moved later); cancels pending
   * rows no longer in the schedule. Sent and in-flight rows are never touched. The campaign must
   * exist in the store (StateStore.ensureCampaign).
   */
  upsert(campaign: string, rows: readonly OutboxWrite[], now: Date): UpsertResult {
    return this.write(() => {
      if (!this.sql.campaignExists!.get(campaign)) {
        throw new UserError(`campaign ${campaign} is not in the state store`, {
          hint: 'Reminders are written by `livectl apply` once the campaign exists.',
        });
      }
      const out: UpsertResult = { inserted: 0, updated: 0, unchanged: 0, reopened: 0, cancelled: 0 };
      const keys = new Set<string>();
      const t = iso(now);
      for (const r of rows) {
        if (r.campaign !== campaign) throw new RangeError(`row of ${r.campaign} written for ${campaign}`);
        keys.add(r.idempotencyKey);
        const payload = JSON.stringify(r.payload);
        const old = this.sql.byKey!.get(r.idempotencyKey) as Row | undefined;
        if (!old) {
          this.sql.insert!.run({
            campaign,
            wave: r.wave,
            channel: r.channel,
            slice: r.slice,
            due_at: r.dueAt,
            grace_ms: r.graceMs,
            key: r.idempotencyKey,
            payload,
            now: t,
          });
          out.inserted++;
          continue;
        }
        const same =
          old.due_at === r.dueAt &&
          old.grace_ms === r.graceMs &&
          old.payload === payload &&
          old.wave === r.wave &&
          old.channel === r.channel &&
          old.slice === r.slice;
        if (old.status === 'pending' && !same) {
          const resetDetails = old.payload !== payload && old.attempt_started_at === null ? 1 : 0;
          this.sql.updatePending!.run({
            id: old.id,
            wave: r.wave,
            channel: r.channel,
            slice: r.slice,
            due_at: r.dueAt,
            grace_ms: r.graceMs,
            payload,
            reset_details: resetDetails,
            now: t,
          });
          out.updated++;
        } else if (
          old.status === 'cancelled' ||
          ((old.status === 'skipped' || old.status === 'failed') && old.due_at !== r.dueAt)
        ) {
          this.sql.reopen!.run({ id: old.id, due_at: r.dueAt, grace_ms: r.graceMs, payload, now: t });
          out.reopened++;
        } else out.unchanged++;
      }
      for (const p of this.sql.pendingOf!.all(campaign) as Row[]) {
        if (keys.has(p.idempotency_key)) continue;
        // The restore must follow a switch that happened, even when the menu left the campaign.
        if (p.slice === 'menu-restore' && this.sql.sentSwitch!.get(campaign, p.wave, p.channel)) continue;
        this.sql.cancel!.run({
          id: p.id,
          reason: `wave ${p.wave} or channel ${p.channel} is no longer in the campaign`,
          now: t,
        });
        out.cancelled++;
      }
      return out;
    });
  }

  /**
   * Claims up to `limit` rows that are due (and past any backoff), or whose lease expired (a crashed
   * or stuck dispatcher), oldest first, for `owner` until leaseNow + leaseMs. One statement: two
   * dispatchers never claim the same row.
   */
  claim(o: ClaimOptions): OutboxEntry[] {
    return this.write(() =>
      (
        this.sql.claim!.all({
          owner: o.owner,
          now: iso(o.now),
          leaseNow: iso(o.leaseNow ?? o.now),
          expires: leaseUntil(o.leaseNow ?? o.now, o.leaseMs),
          campaign: o.campaign ?? null,
          limit: o.limit,
        }) as Row[]
      )
        .map(toEntry)
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id - b.id),
    );
  }

  /**
   * Records that a send is about to start (attempts + 1, at `now`; lease renewed from `leaseNow`, the
   * real clock, default `now`). False when the lease was lost.
   */
  begin(id: number, owner: string, now: Date, leaseMs: number, leaseNow: Date = now): boolean {
    return this.write(
      () =>
        this.sql.begin!.run({
          id,
          owner,
          now: iso(now),
          expires: leaseUntil(leaseNow, leaseMs),
        }).changes === 1,
    );
  }

  /** Merges progress into the row's details and renews the lease (from `leaseNow`). False when the lease was lost. */
  checkpoint(
    id: number,
    owner: string,
    details: Record<string, unknown>,
    now: Date,
    leaseMs: number,
    leaseNow: Date = now,
  ): boolean {
    return this.write(
      () =>
        this.sql.checkpoint!.run({
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
  ): boolean {
    return this.write(
      () =>
        this.sql.sent!.run({
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
  ): boolean {
    return this.finish(id, owner, 'skipped', reason, now, details);
  }

  markFailed(
    id: number,
    owner: string,
    reason: string,
    now: Date,
    details: Record<string, unknown> = {},
  ): boolean {
    return this.finish(id, owner, 'failed', reason, now, details);
  }

  /**
   * Back to pending, not before `nextAttemptAt`. `unknown`: the attempt may have taken effect (the
   * answer was lost), so its attempt_started_at stays and the next dispatcher looks first.
   */
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
  ): boolean {
    return this.write(
      () =>
        this.sql.retry!.run({
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

  /**
   * Runs several outbox writes as one transaction — one commit, one fsync — each nested write being a
   * savepoint (one that throws rolls back alone). Dispatchers use it to group the writes of rows sent
   * at the same time; each row's write is still committed before the caller moves on.
   */
  group<T>(work: () => T): T {
    return this.write(work);
  }

  /** Whether a transaction is open on this connection (SQLite rolls one back by itself on an I/O error). */
  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  /** The payload of one of a campaign's rows of a channel type (e.g. its robot, for alerts). */
  findPayload(campaign: string, type: string): Record<string, unknown> | undefined {
    const r = this.read(
      () => this.sql.findPayload!.get(campaign, type) as { payload: string | null } | undefined,
    );
    return r?.payload ? (JSON.parse(r.payload) as Record<string, unknown>) : undefined;
  }

  /** Moves a campaign's pending rows of one slice (e.g. `menu-restore`) to `dueAt`. */
  reschedule(campaign: string, slice: string, dueAt: Date): number {
    return this.write(
      () => this.sql.reschedule!.run({ campaign, slice, due_at: iso(dueAt), now: iso(dueAt) }).changes,
    );
  }

  /** Gives back every row `owner` holds (a dispatcher stopping); rows mid-send keep their doubt marker. */
  release(owner: string, now: Date): number {
    return this.write(() => this.sql.release!.run({ owner, now: iso(now) }).changes);
  }

  counts(campaign?: string): Record<OutboxStatus, number> {
    const out: Record<OutboxStatus, number> = {
      pending: 0,
      claimed: 0,
      sent: 0,
      skipped: 0,
      failed: 0,
      cancelled: 0,
    };
    for (const r of this.read(
      () => this.sql.counts!.all({ campaign: campaign ?? null }) as { status: OutboxStatus; n: number }[],
    ))
      out[r.status] = r.n;
    return out;
  }

  list(q: { campaign?: string; status?: OutboxStatus; limit?: number } = {}): OutboxEntry[] {
    return this.read(() =>
      (
        this.sql.list!.all({
          campaign: q.campaign ?? null,
          status: q.status ?? null,
          limit: q.limit ?? -1,
        }) as Row[]
      ).map(toEntry),
    );
  }

  /**
   * WeCom group sends that went out since `since` whose members have not all confirmed yet: dispatch
   * checks them and nudges the members (remind_groupmsg_send, at most 3 a task in 24 h).
   */
  followable(q: {
    since: Date;
    /** A reminder is due: sent before this, last reminded before `lastRemindBefore` (or never), fewer than `maxReminders`. */
    remind: { sentBefore: Date; lastRemindBefore: Date; maxReminders: number };
    /** Or not checked since this (a row never checked counts as checked when it was sent). */
    checkedBefore: Date;
    campaign?: string;
    /** The last row of the previous page (keyset paging). */
    after?: { sentAt: string; id: number };
    limit?: number;
  }): OutboxEntry[] {
    return this.read(() =>
      (
        this.sql.followable!.all({
          since: iso(q.since),
          campaign: q.campaign ?? null,
          remind_sent_before: iso(q.remind.sentBefore),
          remind_last_before: iso(q.remind.lastRemindBefore),
          max_reminders: q.remind.maxReminders,
          checked_before: iso(q.checkedBefore),
          after_sent_at: q.after?.sentAt ?? '',
          after_id: q.after?.id ?? 0,
          limit: q.limit ?? 50,
        }) as Row[]
      ).map(toEntry),
    );
  }

  /**
   * Records a follow-up on a sent row. Compare-and-set on the last reminder time, so two dispatchers
   * never both spend one of a task's three daily reminders: false when another got there first.
   */
  noteFollowUp(
    id: number,
    prevLastRemindAt: string | undefined,
    followUp: Record<string, unknown>,
    now: Date,
  ): boolean {
    return this.write(
      () =>
        this.sql.noteFollowUp!.run({
          id,
          prev: prevLastRemindAt ?? '',
          details: JSON.stringify({ followUp }),
          now: iso(now),
        }).changes === 1,
    );
  }

  /** The next row to go out (pending or in flight), by when it can go (due time or backoff). */
  nextDue(campaign?: string): OutboxEntry | undefined {
    const r = this.read(() => this.sql.nextDue!.get({ campaign: campaign ?? null }) as Row | undefined);
    return r ? toEntry(r) : undefined;
  }

  close(): void {
    if (this.ownsDb && this.db.open) this.db.close();
  }

  private finish(
    id: number,
    owner: string,
    status: 'skipped' | 'failed',
    reason: string,
    now: Date,
    details: Record<string, unknown>,
  ): boolean {
    return this.write(
      () =>
        this.sql.finish!.run({ id, owner, status, reason, details: JSON.stringify(details), now: iso(now) })
          .changes === 1,
    );
  }

  private read<T>(work: () => T): T {
    try {
      return work();
    } catch (err) {
      throw explainStoreError(err, this.path, BUSY_TIMEOUT_MS);
    }
  }

  private write<T>(work: () => T): T {
    return this.read(() => this.db.transaction(work).immediate());
  }
}

const BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens the outbox of the store at `file` on a connection of its own. The store must have been
 * opened (and so migrated) first: this refuses a file whose schema lacks the outbox columns.
 */
export async function openOutbox(file: string, opts: { busyTimeoutMs?: number } = {}): Promise<SqliteOutbox> {
  if (file === ':memory:') {
    throw new RangeError('the outbox needs a store file (an in-memory store has no second connection)');
  }
  const { default: BetterSqlite3 } = await import('better-sqlite3');
  const timeout = opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(file, { timeout, fileMustExist: true });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const cols = (db.prepare('PRAGMA table_info(reminder_outbox)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    if (!cols.includes('attempt_started_at')) {
      throw new UserError(`the state store ${file} has no reminder outbox of this livectl version`, {
        hint: 'Open it once with this livectl (any command that reads the state migrates it).',
      });
    }
    return new SqliteOutbox(db, file, true);
  } catch (err) {
    db?.close();
    if (err instanceof UserError) throw err;
    throw explainStoreError(err, file, timeout);
  }
}

/** The outbox of an open store (its file). */
export function outboxOf(store: StateStore): Promise<SqliteOutbox> {
  const file = (store as { path?: unknown }).path;
  if (typeof file !== 'string') {
    throw new UserError('this state store has no reminder outbox', { hint: 'Use the SQLite state store.' });
  }
  return openOutbox(file);
}
