import type { TokenStore } from '../wechat/token-broker.js';
import type {
  Address,
  AuditEvent,
  CampaignRecord,
  PendingCreate,
  ResourceRecord,
  StateSnapshot,
} from './types.js';

/**
 * The StateStore port. The SQLite implementation (default, one file per operator) lives in
 * src/state/sqlite-store.ts; a PostgreSQL one may follow for several hosts dispatching together.
 * Methods are async so a networked store fits the same port.
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
  /**
   * An exclusive lock per name (e.g. `apply:<campaign>`, `daemon`), held until released or until it
   * expires (a crashed holder does not block forever). Resolves true when acquired.
   */
  acquireLock(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean>;
  releaseLock(name: string, owner: string): Promise<void>;
  /** The token broker's shared cache (every process of the operator uses the same tokens). */
  readonly tokens: TokenStore;
  close(): Promise<void>;
}
