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

/** Resource addresses: `room`, `goods/<id>`, `room-goods/<id>`, `media/<sha256>`, `code/<wave>`, `poster/<wave>`, `menu`. */
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
  | 'coupon';

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

/** Everything the planner needs to know about one campaign's state. */
export interface StateSnapshot {
  campaign?: CampaignRecord;
  resources: ReadonlyMap<Address, ResourceRecord>;
  /** Audit history per goods address, oldest first. */
  audits: ReadonlyMap<Address, readonly AuditEvent[]>;
}

export const emptySnapshot = (): StateSnapshot => ({ resources: new Map(), audits: new Map() });

/**
 * Reminder outbox (issue 6 fills it; the table exists from schema version 2). One row per
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
  /** What to send (channel-specific, canonical JSON); absent until issue 6 decides. */
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
