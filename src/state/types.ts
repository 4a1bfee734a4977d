/**
 * The shape of durable state, shared by the store (src/state), the pure planner (src/plan) and the
 * executor (src/apply). Plain data only: no database types leak out of src/state.
 *
 * Invariants:
 *  - One store holds many campaigns, keyed by metadata.name.
 *  - Every write to a campaign's resources bumps its `serial` by one, in the same transaction.
 *  - `lineage` is a random id fixed when the campaign first enters the store; a saved plan made
 *    against another lineage (a different store, or a destroyed and re-created campaign) is refused.
 *  - Remote ids are strings (goods and audit ids may pass 2^53).
 */

/** Resource addresses: `room`, `goods/<id>`, `room-goods/<id>`, `media/<sha256>`, `code/<wave>`, `poster/<wave>`, `menu`, `mark/<cue>`. */
export type Address = string;

export type ResourceKind =
  | 'room'
  | 'goods'
  | 'room-goods'
  | 'media'
  | 'code'
  | 'poster'
  | 'menu'
  | 'reminder'
  /** A coupon's WeChat Pay stock (`coupon/<id>`): remoteId = stock_id, attributes.outRequestNo. */
  | 'coupon'
  /** 视频号 (platform: channels): the live reservation; remoteId = notice_id, attributes {startTime, description, status}. */
  | 'reservation'
  /** A head image uploaded to the 小店 (`store-image/<sha256>`); remoteId = its mmecimage.cn link. */
  | 'store-image'
  /** A 小店 product (`store-product/<id>`); remoteId = product_id, attributes {specHash, editStatus, status, outProductId, external?}. */
  | 'store-product'
  /** A product in the 视频号 showcase (`showcase/<id>`). */
  | 'showcase'
  /** A 小店 coupon (`store-coupon/<id>`); remoteId = coupon_id, attributes {specHash, status, external?}. */
  | 'store-coupon'
  /**
   * A run-sheet mark the assistant set in `livectl console` (`mark/<cue id>`, e.g. `mark/lottery-1`
   * drawn, `mark/coupon-2` done): attributes {cue, mark, title, at}. Local only: plan and destroy
   * never touch a platform object for it.
   */
  | 'mark'
  /** Channels: the broadcast as `status --refresh` last read it (`channels-live`): export_id, dashboard. Local. */
  | 'channels-live';

/** Goods audit status as livectl tracks it (WeChat's 0/1/2/3). */
export type AuditStatus = 'unaudited' | 'pending' | 'approved' | 'rejected';

export interface CampaignRecord {
  name: string;
  lineage: string;
  serial: number;
  /** sha256 of the campaign file's bytes at the last successful apply. */
  appliedHash?: string;
  /** ISO instant of the last apply, and how it ended. */
  lastApply?: { at: string; outcome: 'complete' | 'partial' | 'failed'; message?: string };
}

export interface ResourceRecord {
  address: Address;
  kind: ResourceKind;
  /** The platform's id: roomId, goodsId, media_id, … */
  remoteId?: string;
  /** sha256 of the canonical JSON of what was last sent for this resource (drives update detection). */
  hash?: string;
  /** What was last sent (canonical form), kept so a plan can show before/after. */
  sent?: Record<string, unknown>;
  /** Kind-specific facts: auditId, pushAddr, sharePath, qrcodeUrl, localPath, … */
  attributes: Record<string, unknown>;
  /** For media: when the media_id stops working (3 days after upload). ISO instant. */
  expiresAt?: string;
  /** For goods: the audit status last seen. */
  auditStatus?: AuditStatus;
  createdAt: string;
  updatedAt: string;
}

export interface AuditEvent {
  address: Address;
  at: string;
  status: AuditStatus;
  /** Rejection reason or errcode captured when it happened (getapproved omits reasons). */
  reason?: string;
}

/**
 * A create this campaign started and has not seen the answer of yet (design.md "pending create").
 * Creates that are not idempotent on the platform (a live room, goods in the library, later a
 * WeChat Pay coupon stock or a Channels product) write one *before* the call:
 *  - on success the created resource replaces it (putResource removes the pending create of the same
 *    address in the same transaction);
 *  - on a definite refusal (the platform said no: nothing was created) it is dropped;
 *  - on a lost or maybe-applied answer (timeout, broken connection, -1, errcode 0 without an id) it
 *    stays, and the next attempt looks on the platform and adopts only an object that matches
 *    `fingerprint` and appeared after this record: created after `startedAt` where the listing gives
 *    a create time, otherwise not among `preexisting`. Nothing else is ever adopted: another
 *    campaign's (or another store's) object that merely looks the same is not this campaign's.
 * One per (campaign, address); recording another replaces it. Not a resource: writing one does not
 * bump the serial (a saved plan stays valid; its create step still looks first).
 */
export interface PendingCreate {
  address: Address;
  kind: ResourceKind;
  /**
   * sha256 of the canonical JSON of the object's identity as the platform lists it (e.g. a room's
   * name and times), so a listed object can be checked against it without the request itself.
   */
  fingerprint: string;
  /** ISO instant written just before the (latest) call. */
  startedAt: string;
  /** Remote ids that already matched the fingerprint just before the call (for listings without a create time). */
  preexisting: string[];
  /** Calls made under this record so far (1 for the first). */
  attempts: number;
  /** The idempotency key sent with the call, where the platform takes one (WeChat Pay `out_request_no`). */
  idempotencyKey?: string;
  /** Kind-specific facts worth keeping with the attempt (what was sent, for a person to read). */
  details: Record<string, unknown>;
}

/** Everything the planner needs to know about one campaign's state. */
export interface StateSnapshot {
  campaign?: CampaignRecord;
  resources: ReadonlyMap<Address, ResourceRecord>;
  /** Audit history per goods address, oldest first. */
  audits: ReadonlyMap<Address, readonly AuditEvent[]>;
}

export const emptySnapshot = (): StateSnapshot => ({ resources: new Map(), audits: new Map() });

/**
 * Reminder outbox (the schedule fills it at apply; the table exists from schema version 2). One row per
 * (campaign, wave, channel, audience slice).
 *  - pending → claimed (a dispatcher holds a lease until `leaseExpiresAt`) → sent | skipped | failed;
 *    pending → cancelled when the wave leaves the campaign. A claimed row whose lease expired is
 *    pending again for the next dispatcher (its earlier attempt's outcome is unknown).
 *  - `idempotencyKey` is unique across the store: writing the schedule twice never makes two rows.
 */
export type OutboxStatus = 'pending' | 'claimed' | 'sent' | 'skipped' | 'failed' | 'cancelled';

/** What identifies and times an outbox row: the schedule writes these, the outbox keeps them. */
export interface OutboxKey {
  campaign: string;
  /** Wave id (`waves[]` or `after[]`), or `during` for the robot's run-sheet cues. */
  wave: string;
  /** Channel name (a key of `channels`). */
  channel: string;
  /** Audience slice (a sender, a chat list, a page of openids); '' when the channel has one. */
  slice: string;
  /** ISO instant the row is due. */
  dueAt: string;
  /** How late it may still go out; past `dueAt + graceMs` it is skipped with the reason. */
  graceMs: number;
  /**
   * Stable across edits: a hash of campaign, wave, channel and slice only — never of the text — so
   * editing a wave that went out does not send it again, and writing the schedule twice is a no-op.
   */
  idempotencyKey: string;
}

export interface OutboxRow extends OutboxKey {
  id: number;
  status: OutboxStatus;
  /** What to send (channel-specific, canonical JSON); absent on rows written before payloads existed. */
  payload?: Record<string, unknown>;
  attempts: number;
  /** Backoff: not to be tried again before this ISO instant. */
  nextAttemptAt?: string;
  leaseOwner?: string;
  leaseExpiresAt?: string;
  /** The platform's id (msgid, jobid, msg_id …). */
  remoteId?: string;
  /** The last error, or why the row was skipped or cancelled. */
  lastError?: string;
  createdAt: string;
  updatedAt: string;
}

/** An outbox row as the store returns it: the row, its payload, its progress. */
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

/** A campaign's outbox row as the schedule policy sees it when the schedule is written again. */
export interface ScheduledRow extends OutboxKey {
  id: number;
  status: OutboxStatus;
  /** The stored payload as canonical JSON text (`JSON.stringify` of what was written). */
  payloadJson: string;
  /** True while an attempt is in flight or after one whose outcome is unknown. */
  inDoubt: boolean;
}

/**
 * What writing a schedule does to the outbox, decided by the schedule policy (reconcileSchedule in
 * src/reminders) and applied by the store in one transaction.
 */
export interface ScheduleDecision {
  insert: OutboxWrite[];
  /** Pending rows whose time, grace, payload or key fields changed; `resetDetails` drops their progress. */
  update: { id: number; row: OutboxWrite; resetDetails: boolean }[];
  /** Skipped, failed or cancelled rows made pending again. */
  reopen: { id: number; row: OutboxWrite }[];
  /** Pending rows no longer in the schedule. */
  cancel: { id: number; reason: string }[];
  unchanged: number;
}

/** The schedule policy: the campaign's rows in the store and the rows wanted → what to change. */
export type ReconcileSchedule = (
  existing: readonly ScheduledRow[],
  wanted: readonly OutboxWrite[],
) => ScheduleDecision;

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

/** WeCom group sends to follow up (see OutboxStore.followable). */
export interface FollowableQuery {
  since: Date;
  /** A reminder is due: sent before this, last reminded before `lastRemindBefore` (or never), fewer than `maxReminders`. */
  remind: { sentBefore: Date; lastRemindBefore: Date; maxReminders: number };
  /** Or not checked since this (a row never checked counts as checked when it was sent). */
  checkedBefore: Date;
  campaign?: string;
  /** The last row of the previous page (keyset paging). */
  after?: { sentAt: string; id: number };
  limit?: number;
}

/** A lock row: who holds `name` and until when (ISO-8601 UTC). */
export interface LockRecord {
  name: string;
  owner: string;
  acquiredAt: string;
  expiresAt: string;
}
