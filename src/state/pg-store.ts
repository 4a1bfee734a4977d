import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { Clock } from '../platform/deps.js';
import { withoutPassword } from './location.js';
import { explainPgError } from './pg-errors.js';
import { migratePg, PG_SCHEMA_VERSION } from './pg-migrations.js';
import { PgOutboxStore } from './pg-outbox.js';
import { PgTokenStore } from './pg-tokens.js';
import type { OutboxStore, StateStore } from './port.js';
import type { TokenStore } from './tokens.js';
import type {
  Address,
  AuditEvent,
  AuditStatus,
  CampaignRecord,
  LockRecord,
  PendingCreate,
  ResourceRecord,
  StateSnapshot,
} from './types.js';

/**
 * The StateStore on PostgreSQL, for several hosts sharing one store (`--state postgres://…`).
 * node-postgres is loaded on open only. A small pool (default 4 connections); every write that
 * touches several rows is one transaction (a resource and its serial bump, a pending create and the
 * campaign record), exactly like the SQLite store; a dropped connection surfaces as a UserError
 * naming the store (by its URL without the password), never as a crash.
 */
export interface PgStoreOptions {
  clock: Clock;
  /** Connections in the pool. Default 4. */
  poolSize?: number;
}

export interface PgStateStore extends StateStore {
  /** The URL with any password masked. */
  readonly display: string;
  readonly schemaVersion: number;
}

/** Takes a session-level advisory lock on a connection of its own; resolves to its release. */
export type LockSession = (name: string) => Promise<() => Promise<void>>;

/** Queries run here: one statement on the pool, or a transaction's client. */
export interface PgRunner {
  /** One statement; a `name` prepares it once per connection (the text must never change for it). */
  query<R extends object = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    name?: string,
  ): Promise<{ rows: R[]; rowCount: number }>;
  /** Runs `work` in one transaction on one connection. */
  tx<T>(work: (c: PgConn) => Promise<T>): Promise<T>;
}
export interface PgConn {
  query<R extends object = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number }>;
}

/** Opens (and migrates) the PostgreSQL store at `url`. Throws UserError when it cannot be used. */
export async function openPgStore(url: string, opts: PgStoreOptions): Promise<PgStateStore> {
  const display = withoutPassword(url);
  const { default: pg } = await import('pg');
  // bigint (ids, counts) as numbers: ours stay far below 2^53.
  const types = {
    getTypeParser: ((oid: number, format?: string) =>
      oid === 20
        ? (v: string) => Number(v)
        : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
  };
  const pool: Pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 4,
    types,
    connectionTimeoutMillis: 10_000,
    // A host that vanished (not a refused connection) is noticed rather than waited on forever.
    keepAlive: true,
    application_name: 'livectl',
  });
  // An idle connection the server dropped: the pool discards it; the next query gets a fresh one or
  // a clear error. Without a listener the process would crash.
  pool.on('error', () => {});
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    client.on('error', () => {});
    await migratePg(client, display);
    client.release();
    client = undefined;
    // A connection of its own for a lock held across other queries (the token refresh): never one of
    // the pool's, so waiting for it can never starve the queries the holder needs to finish.
    const session: LockSession = async (name) => {
      const c = new pg.Client({ connectionString: url, types, keepAlive: true, application_name: 'livectl' });
      c.on('error', () => {});
      try {
        await c.connect();
        await c.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
      } catch (err) {
        await c.end().catch(() => {});
        throw explainPgError(err, display);
      }
      // Ending the session releases the lock (and so does the server, should this host die first).
      return () => c.end().catch(() => {});
    };
    return new PgStore(pool, display, opts.clock, session);
  } catch (err) {
    client?.release(true);
    await pool.end().catch(() => {});
    throw explainPgError(err, display);
  }
}

interface CampaignRow {
  name: string;
  lineage: string;
  serial: number;
  applied_hash: string | null;
  last_apply: NonNullable<CampaignRecord['lastApply']> | null;
}

interface ResourceRow {
  address: string;
  kind: string;
  remote_id: string | null;
  hash: string | null;
  sent: unknown;
  attributes: Record<string, unknown>;
  expires_at: string | null;
  audit_status: string | null;
  created_at: string;
  updated_at: string;
}

interface PendingRow {
  address: string;
  kind: string;
  fingerprint: string;
  started_at: string;
  preexisting: PendingCreate['preexisting'];
  attempts: number;
  idempotency_key: string | null;
  details: Record<string, unknown>;
}

function toCampaign(row: CampaignRow): CampaignRecord {
  const record: CampaignRecord = { name: row.name, lineage: row.lineage, serial: row.serial };
  if (row.applied_hash !== null) record.appliedHash = row.applied_hash;
  if (row.last_apply !== null) record.lastApply = row.last_apply;
  return record;
}

function toResource(row: ResourceRow): ResourceRecord {
  const record: ResourceRecord = {
    address: row.address,
    kind: row.kind as ResourceRecord['kind'],
    attributes: row.attributes as ResourceRecord['attributes'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.remote_id !== null) record.remoteId = row.remote_id;
  if (row.hash !== null) record.hash = row.hash;
  if (row.sent !== null) record.sent = row.sent as ResourceRecord['sent'];
  if (row.expires_at !== null) record.expiresAt = row.expires_at;
  if (row.audit_status !== null) record.auditStatus = row.audit_status as AuditStatus;
  return record;
}

function toPending(row: PendingRow): PendingCreate {
  const p: PendingCreate = {
    address: row.address,
    kind: row.kind as PendingCreate['kind'],
    fingerprint: row.fingerprint,
    startedAt: row.started_at,
    preexisting: row.preexisting,
    attempts: row.attempts,
    details: row.details,
  };
  if (row.idempotency_key !== null) p.idempotencyKey = row.idempotency_key;
  return p;
}

/** JSON for a jsonb parameter (node-postgres would send a JS array as a PostgreSQL array). */
const json = (v: unknown) => JSON.stringify(v);

const CAMPAIGN = 'SELECT name, lineage, serial, applied_hash, last_apply FROM campaigns';

class PgStore implements PgStateStore, PgRunner {
  readonly schemaVersion = PG_SCHEMA_VERSION;
  readonly tokens: TokenStore;
  private closed = false;
  private outboxStore?: PgOutboxStore;

  constructor(
    private readonly pool: Pool,
    readonly display: string,
    private readonly clock: Clock,
    session: LockSession,
  ) {
    this.tokens = new PgTokenStore(this, clock, session);
  }

  outbox(): OutboxStore {
    this.outboxStore ??= new PgOutboxStore(this);
    return this.outboxStore;
  }

  async query<R extends object>(
    sql: string,
    params?: unknown[],
    name?: string,
  ): Promise<{ rows: R[]; rowCount: number }> {
    try {
      const r = await this.pool.query<R>(
        name ? { name, text: sql, values: params ?? [] } : { text: sql, values: params ?? [] },
      );
      return { rows: r.rows, rowCount: r.rowCount ?? 0 };
    } catch (err) {
      throw explainPgError(err, this.display);
    }
  }

  async tx<T>(work: (c: PgConn) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw explainPgError(err, this.display);
    }
    const onError = () => {};
    client.on('error', onError);
    let broken = false;
    try {
      await client.query('BEGIN');
      const conn: PgConn = {
        query: async <R extends object>(sql: string, params?: unknown[]) => {
          const r = await client.query<R>(sql, params);
          return { rows: r.rows, rowCount: r.rowCount ?? 0 };
        },
      };
      const out = await work(conn);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw explainPgError(err, this.display);
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  snapshot(campaign: string): Promise<StateSnapshot> {
    // One transaction, REPEATABLE READ: the campaign, its resources and audits as of the same instant.
    return this.tx(async (c) => {
      await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const row = (await c.query<CampaignRow>(`${CAMPAIGN} WHERE name = $1`, [campaign])).rows[0];
      const resources = new Map<Address, ResourceRecord>();
      const audits = new Map<Address, AuditEvent[]>();
      if (!row) return { resources, audits };
      const rs = await c.query<ResourceRow>(
        `SELECT address, kind, remote_id, hash, sent, attributes, expires_at, audit_status, created_at, updated_at
         FROM resources WHERE campaign = $1 ORDER BY address COLLATE "C"`,
        [campaign],
      );
      for (const r of rs.rows) resources.set(r.address, toResource(r));
      const as = await c.query<{ address: string; at: string; status: AuditStatus; reason: string | null }>(
        'SELECT address, at, status, reason FROM audit_events WHERE campaign = $1 ORDER BY address COLLATE "C", id',
        [campaign],
      );
      for (const a of as.rows) {
        const list = audits.get(a.address) ?? [];
        const event: AuditEvent = { address: a.address, at: a.at, status: a.status };
        if (a.reason !== null) event.reason = a.reason;
        list.push(event);
        audits.set(a.address, list);
      }
      return { campaign: toCampaign(row), resources, audits };
    });
  }

  ensureCampaign(campaign: string): Promise<CampaignRecord> {
    return this.tx(async (c) => toCampaign(await this.ensure(c, campaign)));
  }

  putResource(campaign: string, r: ResourceRecord): Promise<number> {
    return this.tx(async (c) => {
      await this.ensure(c, campaign);
      await c.query(
        `INSERT INTO resources (campaign, address, kind, remote_id, hash, sent, attributes, expires_at, audit_status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11)
         ON CONFLICT (campaign, address) DO UPDATE SET
           kind = excluded.kind, remote_id = excluded.remote_id, hash = excluded.hash, sent = excluded.sent,
           attributes = excluded.attributes, expires_at = excluded.expires_at, audit_status = excluded.audit_status,
           created_at = excluded.created_at, updated_at = excluded.updated_at`,
        [
          campaign,
          r.address,
          r.kind,
          r.remoteId ?? null,
          r.hash ?? null,
          r.sent === undefined ? null : json(r.sent),
          json(r.attributes ?? {}),
          r.expiresAt ?? null,
          r.auditStatus ?? null,
          r.createdAt,
          r.updatedAt,
        ],
      );
      // The resource replaces its pending create in the same transaction (see the SQLite store).
      await c.query('DELETE FROM pending_creates WHERE campaign = $1 AND address = $2', [
        campaign,
        r.address,
      ]);
      return this.bump(c, campaign);
    });
  }

  deleteResource(campaign: string, address: Address): Promise<number> {
    return this.tx(async (c) => {
      const removed = await c.query('DELETE FROM resources WHERE campaign = $1 AND address = $2', [
        campaign,
        address,
      ]);
      // Deleting what is not there changes nothing, so the serial stays (a saved plan stays valid).
      if (removed.rowCount === 0) {
        const row = (await c.query<CampaignRow>(`${CAMPAIGN} WHERE name = $1`, [campaign])).rows[0];
        return row?.serial ?? 0;
      }
      return this.bump(c, campaign);
    });
  }

  recordPendingCreate(campaign: string, p: PendingCreate): Promise<void> {
    return this.tx(async (c) => {
      await this.ensure(c, campaign);
      await c.query(
        `INSERT INTO pending_creates (campaign, address, kind, fingerprint, started_at, preexisting, attempts, idempotency_key, details)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9::jsonb)
         ON CONFLICT (campaign, address) DO UPDATE SET
           kind = excluded.kind, fingerprint = excluded.fingerprint, started_at = excluded.started_at,
           preexisting = excluded.preexisting, attempts = excluded.attempts,
           idempotency_key = excluded.idempotency_key, details = excluded.details`,
        [
          campaign,
          p.address,
          p.kind,
          p.fingerprint,
          p.startedAt,
          json(p.preexisting),
          p.attempts,
          p.idempotencyKey ?? null,
          json(p.details ?? {}),
        ],
      );
    });
  }

  async pendingCreates(campaign: string): Promise<PendingCreate[]> {
    const r = await this.query<PendingRow>(
      `SELECT address, kind, fingerprint, started_at, preexisting, attempts, idempotency_key, details
       FROM pending_creates WHERE campaign = $1 ORDER BY address COLLATE "C"`,
      [campaign],
    );
    return r.rows.map(toPending);
  }

  async dropPendingCreate(campaign: string, address: Address): Promise<void> {
    await this.query('DELETE FROM pending_creates WHERE campaign = $1 AND address = $2', [campaign, address]);
  }

  recordAudit(campaign: string, event: AuditEvent): Promise<number> {
    return this.tx(async (c) => {
      await this.ensure(c, campaign);
      await c.query(
        'INSERT INTO audit_events (campaign, address, at, status, reason) VALUES ($1, $2, $3, $4, $5)',
        [campaign, event.address, event.at, event.status, event.reason ?? null],
      );
      await c.query(
        'UPDATE resources SET audit_status = $1, updated_at = $2 WHERE campaign = $3 AND address = $4',
        [event.status, this.clock.now().toISOString(), campaign, event.address],
      );
      return this.bump(c, campaign);
    });
  }

  recordApply(
    campaign: string,
    outcome: NonNullable<CampaignRecord['lastApply']>,
    appliedHash?: string,
  ): Promise<void> {
    return this.tx(async (c) => {
      await this.ensure(c, campaign);
      await c.query(
        'UPDATE campaigns SET last_apply = $1::jsonb, applied_hash = coalesce($2, applied_hash) WHERE name = $3',
        [json(outcome), appliedHash ?? null, campaign],
      );
    });
  }

  async forgetCampaign(campaign: string): Promise<void> {
    // Resources, audit history, pending creates and outbox rows go with it (ON DELETE CASCADE).
    await this.query('DELETE FROM campaigns WHERE name = $1', [campaign]);
  }

  async listCampaigns(): Promise<CampaignRecord[]> {
    return (await this.query<CampaignRow>(`${CAMPAIGN} ORDER BY name COLLATE "C"`)).rows.map(toCampaign);
  }

  async acquireLock(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean> {
    if (!(ttlMs > 0)) throw new RangeError(`acquireLock: ttlMs must be positive, got ${ttlMs}`);
    // One statement: insert, or take over a lock that expired or that this owner already holds
    // (renew). Two hosts racing for it: the row lock of ON CONFLICT lets exactly one through.
    const r = await this.query(
      `INSERT INTO locks (name, owner, acquired_at, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET
         acquired_at = CASE WHEN locks.owner = excluded.owner THEN locks.acquired_at ELSE excluded.acquired_at END,
         owner = excluded.owner,
         expires_at = excluded.expires_at
       WHERE locks.expires_at <= excluded.acquired_at OR locks.owner = excluded.owner`,
      [name, owner, now.toISOString(), new Date(now.getTime() + ttlMs).toISOString()],
    );
    return r.rowCount === 1;
  }

  async listLocks(): Promise<LockRecord[]> {
    return (
      await this.query<LockRecord>(
        'SELECT name, owner, acquired_at AS "acquiredAt", expires_at AS "expiresAt" FROM locks ORDER BY name COLLATE "C"',
      )
    ).rows;
  }

  async releaseLock(name: string, owner: string): Promise<void> {
    await this.query('DELETE FROM locks WHERE name = $1 AND owner = $2', [name, owner]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private async ensure(c: PgConn, campaign: string): Promise<CampaignRow> {
    await c.query(
      'INSERT INTO campaigns (name, lineage, serial, created_at) VALUES ($1, $2, 0, $3) ON CONFLICT (name) DO NOTHING',
      [campaign, randomUUID(), this.clock.now().toISOString()],
    );
    return (await c.query<CampaignRow>(`${CAMPAIGN} WHERE name = $1`, [campaign])).rows[0]!;
  }

  private async bump(c: PgConn, campaign: string): Promise<number> {
    const r = await c.query<{ serial: number }>(
      'UPDATE campaigns SET serial = serial + 1 WHERE name = $1 RETURNING serial',
      [campaign],
    );
    return r.rows[0]!.serial;
  }
}
