import type { TokenStore } from './tokens.js';
import type {
  Address,
  AuditEvent,
  CampaignRecord,
  ClaimOptions,
  FollowableQuery,
  LockRecord,
  OutboxEntry,
  OutboxStatus,
  OutboxWrite,
  PendingCreate,
  ReconcileSchedule,
  ResourceRecord,
  StateSnapshot,
  UpsertResult,
} from './types.js';

/**
 * The StateStore port. The SQLite implementation (default, one file per operator) lives in
 * src/state/sqlite-store.ts; the PostgreSQL one, for several hosts dispatching together, in
 * src/state/pg-store.ts. Commands open either through openStateStore (open.ts).
 */
export interface StateStore {
  /** The campaign's record and resources (empty when the campaign is not in the store yet). */
  snapshot(campaign: string): Promise<StateSnapshot>;
  /** Creates the campaign record (new lineage, serial 0) if absent; returns it. */
  ensureCampaign(campaign: string): Promise<CampaignRecord>;
  /**
   * Inserts or replaces one resource; bumps the serial; returns the new serial. A pending create of
   * the same address goes in the same transaction (the resource replaces it).
   */
  putResource(campaign: string, resource: ResourceRecord): Promise<number>;
  /** Removes one resource; bumps the serial; returns the new serial. */
  deleteResource(campaign: string, address: Address): Promise<number>;
  /**
   * Records (or replaces) the pending create of `pending.address`, before the create call is sent
   * (see PendingCreate). Creates the campaign record if absent; does not bump the serial.
   */
  recordPendingCreate(campaign: string, pending: PendingCreate): Promise<void>;
  /** The campaign's pending creates, by address. */
  pendingCreates(campaign: string): Promise<PendingCreate[]>;
  /** Drops a pending create (the platform refused the call: nothing was created). */
  dropPendingCreate(campaign: string, address: Address): Promise<void>;
  /** Appends to a goods item's audit history (and sets its auditStatus); bumps the serial. */
  recordAudit(campaign: string, event: AuditEvent): Promise<number>;
  /** Records how an apply ended. */
  recordApply(
    campaign: string,
    outcome: NonNullable<CampaignRecord['lastApply']>,
    appliedHash?: string,
  ): Promise<void>;
  /** Removes a campaign and everything of it (after destroy). */
  forgetCampaign(campaign: string): Promise<void>;
  /** Every campaign in the store. */
  listCampaigns(): Promise<CampaignRecord[]>;
  /** Every lock held, expired or not, by name (`status --all` names those a crashed holder left). */
  listLocks(): Promise<LockRecord[]>;
  /**
   * An exclusive lock per name (e.g. `apply:<campaign>`, `daemon`), held until released or until it
   * expires (a crashed holder does not block forever). Resolves true when acquired.
   */
  acquireLock(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean>;
  releaseLock(name: string, owner: string): Promise<void>;
  /** The token broker's shared cache (every process of the operator uses the same tokens). */
  readonly tokens: TokenStore;
  /** The reminder outbox in the same store (closed with it). */
  outbox(): OutboxStore;
  close(): Promise<void>;
}

/**
 * The reminder outbox.
 *
 * Row life: pending → claimed (a lease: owner + expiry) → attempting (attemptStartedAt set just
 * before the send) → sent | skipped | failed, or back to pending with a backoff (nextAttemptAt).
 * pending → cancelled when its wave leaves the campaign. What an implementation guarantees:
 *  - every state change is atomic, and every change a dispatcher makes is conditional on still
 *    holding the lease (owner and status 'claimed'): the methods taking an owner resolve false when
 *    the lease was lost, so two dispatchers never both act on a row; a crashed dispatcher's rows
 *    come back when the lease expires;
 *  - a write's promise resolves only once it is durable (committed): "attempting" is recorded
 *    before the send starts and "sent" before the row counts as done. An implementation may commit
 *    the writes of several rows together (group commit);
 *  - a row whose attemptStartedAt is set has an unknown outcome: the dispatcher checks the platform
 *    before sending it again;
 *  - a sent row is never reset or resent: writing the schedule again leaves it alone;
 *  - the idempotency key is unique in the store, so writing the same schedule twice is a no-op.
 * Times are ISO-8601 UTC with milliseconds.
 */
export interface OutboxStore {
  /**
   * Writes a campaign's schedule: reads the campaign's rows, asks `reconcile` (the schedule policy,
   * src/reminders/reconcile.ts) what to insert, update, reopen and cancel, and applies that — all in
   * one transaction. Sent and in-flight rows are never touched. The campaign must exist in the store
   * (StateStore.ensureCampaign).
   */
  upsert(
    campaign: string,
    rows: readonly OutboxWrite[],
    now: Date,
    reconcile: ReconcileSchedule,
  ): Promise<UpsertResult>;
  /**
   * Claims up to `limit` rows that are due (and past any backoff), or whose lease expired (a crashed
   * or stuck dispatcher), oldest first, for `owner` until leaseNow + leaseMs. Atomic: two
   * dispatchers never claim the same row.
   */
  claim(o: ClaimOptions): Promise<OutboxEntry[]>;
  /**
   * Records that a send is about to start (attempts + 1, at `now`; lease renewed from `leaseNow`, the
   * real clock, default `now`). False when the lease was lost.
   */
  begin(id: number, owner: string, now: Date, leaseMs: number, leaseNow?: Date): Promise<boolean>;
  /** Merges progress into the row's details and renews the lease (from `leaseNow`). False when the lease was lost. */
  checkpoint(
    id: number,
    owner: string,
    details: Record<string, unknown>,
    now: Date,
    leaseMs: number,
    leaseNow?: Date,
  ): Promise<boolean>;
  markSent(
    id: number,
    owner: string,
    r: { remoteId?: string; details?: Record<string, unknown>; now: Date },
  ): Promise<boolean>;
  markSkipped(
    id: number,
    owner: string,
    reason: string,
    now: Date,
    details?: Record<string, unknown>,
  ): Promise<boolean>;
  markFailed(
    id: number,
    owner: string,
    reason: string,
    now: Date,
    details?: Record<string, unknown>,
  ): Promise<boolean>;
  /**
   * Back to pending, not before `nextAttemptAt`. `unknown`: the attempt may have taken effect (the
   * answer was lost), so its attemptStartedAt stays and the next dispatcher looks first.
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
  ): Promise<boolean>;
  /** Gives back every row `owner` holds (a dispatcher stopping); rows mid-send keep their doubt marker. */
  release(owner: string, now: Date): Promise<number>;
  /** Moves a campaign's pending rows of one slice (e.g. `menu-restore`) to `dueAt`. */
  reschedule(campaign: string, slice: string, dueAt: Date): Promise<number>;
  /** The payload of one of a campaign's rows of a channel type (e.g. its robot, for alerts). */
  findPayload(campaign: string, type: string): Promise<Record<string, unknown> | undefined>;
  counts(campaign?: string): Promise<Record<OutboxStatus, number>>;
  list(q?: { campaign?: string; status?: OutboxStatus; limit?: number }): Promise<OutboxEntry[]>;
  /** The next row to go out (pending or in flight), by when it can go (due time or backoff). */
  nextDue(campaign?: string): Promise<OutboxEntry | undefined>;
  /**
   * WeCom group sends that went out since `since` whose members have not all confirmed yet, with
   * something to do (a reminder due, or a check not done for a while); keyset pages (sent_at, id).
   */
  followable(q: FollowableQuery): Promise<OutboxEntry[]>;
  /**
   * Records a follow-up on a sent row. Compare-and-set on the last reminder time, so two dispatchers
   * never both spend one of a task's three daily reminders: false when another got there first.
   */
  noteFollowUp(
    id: number,
    prevLastRemindAt: string | undefined,
    followUp: Record<string, unknown>,
    now: Date,
  ): Promise<boolean>;
}
