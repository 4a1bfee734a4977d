import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import { UserError } from '../errors.js';
import type { Clock } from '../platform/deps.js';
import { APPLICATION_ID, migrate, SCHEMA_VERSION } from './migrations.js';
import type { OutboxStore, StateStore } from './port.js';
import { explainStoreError } from './sqlite-errors.js';
import { SqliteOutboxStore } from './sqlite-outbox.js';
import { SqliteTokenStore } from './sqlite-tokens.js';
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
 * The default StateStore: one SQLite file per operator holding every campaign, the token cache and
 * the reminder outbox. better-sqlite3 is synchronous; the port is async so a networked store fits it.
 *
 * Guarantees:
 *  - Every write is one IMMEDIATE transaction (resource + serial bump together), so a crash or
 *    SIGKILL at any point leaves either the whole write or none of it.
 *  - WAL journal: readers (plan, status) never wait for a writer; writers queue behind each other for
 *    up to `busyTimeoutMs`, then fail with a UserError naming the cause.
 *  - synchronous=FULL: a commit that returned survives power loss, not only a process crash (a lost
 *    "sent" mark would mean a duplicate message).
 *  - The file (and its -wal/-shm companions) is created 0600: it holds access tokens.
 */
export interface SqliteStoreOptions {
  clock: Clock;
  /** How long a write waits for another process's write before giving up. Default 5 s. */
  busyTimeoutMs?: number;
}

export interface SqliteStateStore extends StateStore {
  /** The file this store uses (as given; `:memory:` for a throwaway store). */
  readonly path: string;
  /** The schema version of the file after opening (always SCHEMA_VERSION). */
  readonly schemaVersion: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
const DEFAULT_STATE_NAME = 'state.db';

/**
 * Opens (creating if missing, with its folder) and migrates the store at `file`. `:memory:` gives a
 * private in-memory store, for tests of other modules. Throws UserError for a file that is not a
 * livectl store, is damaged, comes from a newer livectl, or cannot be opened.
 */
export async function openSqliteStore(file: string, opts: SqliteStoreOptions): Promise<SqliteStateStore> {
  const busyTimeoutMs = opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const inMemory = file === ':memory:';
  // Loaded here, not at the top: `livectl --help` and `validate` never pay for the native module.
  const { default: BetterSqlite3 } = await import('better-sqlite3');
  let db: Database | undefined;
  try {
    if (!inMemory) createPrivateFile(file);
    db = new BetterSqlite3(file, { timeout: busyTimeoutMs, fileMustExist: !inMemory });
    checkIsOurs(db, file);
    await enableWal(db, busyTimeoutMs);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (!inMemory) restrictCompanions(file);
    migrate(db);
    return new SqliteStore(db, file, opts.clock, busyTimeoutMs);
  } catch (err) {
    db?.close();
    throw explainStoreError(err, file, busyTimeoutMs);
  }
}

/**
 * Switches the store to WAL. Two processes doing so on a new file at the same moment can make one
 * fail at once with SQLITE_BUSY, whatever the busy timeout: it holds a shared lock while asking for
 * the exclusive one, and SQLite skips the busy handler there to avoid a deadlock (measured: about
 * 1 in 120 opens with 4 processes starting together; it failed src/state/cross-process.test.ts once
 * in CI). So try again, up to the busy timeout.
 */
export async function enableWal(
  db: Pick<Database, 'pragma'>,
  busyTimeoutMs: number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<void> {
  const deadline = Date.now() + busyTimeoutMs;
  for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw err;
      await sleep(wait);
    }
  }
}

/** Creates the folder and an empty 0600 file unless it exists; never truncates an existing file. */
function createPrivateFile(file: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_RDWR, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    if (fs.statSync(file).isFile()) return;
    throw new UserError(`The state store ${file} is a folder; --state and LIVECTL_STATE name a file.`, {
      hint: `For example ${path.join(file, DEFAULT_STATE_NAME)}.`,
    });
  }
  try {
    fs.fchmodSync(fd, 0o600); // the umask may have taken bits away, never added any; be explicit anyway
  } finally {
    fs.closeSync(fd);
  }
}

/** SQLite gives -wal/-shm the main file's mode; tighten them anyway in case the file was loosened. */
function restrictCompanions(file: string): void {
  for (const suffix of ['-wal', '-shm']) {
    try {
      fs.chmodSync(file + suffix, 0o600);
    } catch {
      // Absent (not created yet), or not ours to change: the main file's mode still applies.
    }
  }
}

/** Refuses another program's SQLite file and a file from a newer livectl, before touching either. */
function checkIsOurs(db: Database, file: string): void {
  // The first read of the header: a non-SQLite file fails here with SQLITE_NOTADB. One statement,
  // so one snapshot: another process creating the store commits its tables, user_version and
  // application_id together, and separate reads could see the tables without the id.
  const head = db
    .prepare(
      `SELECT (SELECT application_id FROM pragma_application_id) AS appId,
              (SELECT user_version FROM pragma_user_version) AS version,
              (SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%') AS tables`,
    )
    .get() as { appId: number; version: number; tables: number };
  const { appId, version } = head;
  if (appId === 0) {
    if (version !== 0 || head.tables > 0) {
      throw new UserError(`${file} is an SQLite database, but not a livectl state store.`, {
        hint: 'Check --state / LIVECTL_STATE; livectl leaves this file as it is.',
      });
    }
  } else if (appId !== APPLICATION_ID) {
    throw new UserError(`${file} is an SQLite database of another program, not a livectl state store.`, {
      hint: 'Check --state / LIVECTL_STATE; livectl leaves this file as it is.',
    });
  }
  if (version > SCHEMA_VERSION) {
    throw new UserError(
      `${file} was written by a newer livectl (state schema ${version}; this livectl knows up to ${SCHEMA_VERSION}).`,
      { hint: 'Upgrade livectl; an older one cannot safely use this store.' },
    );
  }
}

interface CampaignRow {
  name: string;
  lineage: string;
  serial: number;
  applied_hash: string | null;
  last_apply: string | null;
}

interface ResourceRow {
  address: string;
  kind: string;
  remote_id: string | null;
  hash: string | null;
  sent: string | null;
  attributes: string;
  expires_at: string | null;
  audit_status: string | null;
  created_at: string;
  updated_at: string;
}

interface AuditRow {
  address: string;
  at: string;
  status: string;
  reason: string | null;
}

interface PendingRow {
  address: string;
  kind: string;
  fingerprint: string;
  started_at: string;
  preexisting: string;
  attempts: number;
  idempotency_key: string | null;
  details: string;
}

function toCampaign(row: CampaignRow): CampaignRecord {
  const record: CampaignRecord = { name: row.name, lineage: row.lineage, serial: row.serial };
  if (row.applied_hash !== null) record.appliedHash = row.applied_hash;
  if (row.last_apply !== null) record.lastApply = JSON.parse(row.last_apply);
  return record;
}

function toResource(row: ResourceRow): ResourceRecord {
  const record: ResourceRecord = {
    address: row.address,
    kind: row.kind as ResourceRecord['kind'],
    attributes: JSON.parse(row.attributes),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.remote_id !== null) record.remoteId = row.remote_id;
  if (row.hash !== null) record.hash = row.hash;
  if (row.sent !== null) record.sent = JSON.parse(row.sent);
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
    preexisting: JSON.parse(row.preexisting),
    attempts: row.attempts,
    details: JSON.parse(row.details),
  };
  if (row.idempotency_key !== null) p.idempotencyKey = row.idempotency_key;
  return p;
}

function toAudit(row: AuditRow): AuditEvent {
  const event: AuditEvent = { address: row.address, at: row.at, status: row.status as AuditStatus };
  if (row.reason !== null) event.reason = row.reason;
  return event;
}

class SqliteStore implements SqliteStateStore {
  readonly schemaVersion = SCHEMA_VERSION;
  readonly tokens: TokenStore;
  private closed = false;
  private readonly sql: ReturnType<typeof prepareStatements>;

  constructor(
    private readonly db: Database,
    readonly path: string,
    private readonly clock: Clock,
    private readonly busyTimeoutMs: number,
  ) {
    this.sql = prepareStatements(db);
    this.tokens = new SqliteTokenStore(db, clock, (work) => this.run(work));
  }

  private outboxStore?: SqliteOutboxStore;

  outbox(): OutboxStore {
    this.outboxStore ??= new SqliteOutboxStore(this.db, this.path, this.busyTimeoutMs);
    return this.outboxStore;
  }

  snapshot(campaign: string): Promise<StateSnapshot> {
    // One read transaction: the campaign, its resources and audits as of the same instant.
    return this.run(() =>
      this.db.transaction((): StateSnapshot => {
        const row = this.sql.getCampaign.get(campaign) as CampaignRow | undefined;
        const resources = new Map<Address, ResourceRecord>();
        const audits = new Map<Address, AuditEvent[]>();
        if (!row) return { resources, audits };
        for (const r of this.sql.listResources.all(campaign) as ResourceRow[])
          resources.set(r.address, toResource(r));
        for (const a of this.sql.listAudits.all(campaign) as AuditRow[]) {
          const list = audits.get(a.address) ?? [];
          list.push(toAudit(a));
          audits.set(a.address, list);
        }
        return { campaign: toCampaign(row), resources, audits };
      })(),
    );
  }

  ensureCampaign(campaign: string): Promise<CampaignRecord> {
    return this.write(() => toCampaign(this.ensure(campaign)));
  }

  putResource(campaign: string, resource: ResourceRecord): Promise<number> {
    return this.write(() => {
      this.ensure(campaign);
      this.sql.putResource.run({
        campaign,
        address: resource.address,
        kind: resource.kind,
        remote_id: resource.remoteId ?? null,
        hash: resource.hash ?? null,
        sent: resource.sent === undefined ? null : JSON.stringify(resource.sent),
        attributes: JSON.stringify(resource.attributes ?? {}),
        expires_at: resource.expiresAt ?? null,
        audit_status: resource.auditStatus ?? null,
        created_at: resource.createdAt,
        updated_at: resource.updatedAt,
      });
      // The resource replaces its pending create: both in one transaction, so a crash leaves either
      // the pending create (look again) or the resource (done), never neither.
      this.sql.deletePending.run(campaign, resource.address);
      return this.bump(campaign);
    });
  }

  deleteResource(campaign: string, address: Address): Promise<number> {
    return this.write(() => {
      const removed = this.sql.deleteResource.run(campaign, address).changes;
      // Deleting what is not there changes nothing, so the serial stays (a saved plan stays valid).
      if (removed === 0) return (this.sql.getCampaign.get(campaign) as CampaignRow | undefined)?.serial ?? 0;
      return this.bump(campaign);
    });
  }

  recordPendingCreate(campaign: string, p: PendingCreate): Promise<void> {
    return this.write(() => {
      this.ensure(campaign);
      this.sql.putPending.run({
        campaign,
        address: p.address,
        kind: p.kind,
        fingerprint: p.fingerprint,
        started_at: p.startedAt,
        preexisting: JSON.stringify(p.preexisting),
        attempts: p.attempts,
        idempotency_key: p.idempotencyKey ?? null,
        details: JSON.stringify(p.details ?? {}),
      });
    });
  }

  pendingCreates(campaign: string): Promise<PendingCreate[]> {
    return this.run(() => (this.sql.listPending.all(campaign) as PendingRow[]).map(toPending));
  }

  dropPendingCreate(campaign: string, address: Address): Promise<void> {
    return this.write(() => {
      this.sql.deletePending.run(campaign, address);
    });
  }

  recordAudit(campaign: string, event: AuditEvent): Promise<number> {
    return this.write(() => {
      this.ensure(campaign);
      this.sql.insertAudit.run(campaign, event.address, event.at, event.status, event.reason ?? null);
      this.sql.setAuditStatus.run(event.status, this.clock.now().toISOString(), campaign, event.address);
      return this.bump(campaign);
    });
  }

  recordApply(
    campaign: string,
    outcome: NonNullable<CampaignRecord['lastApply']>,
    appliedHash?: string,
  ): Promise<void> {
    return this.write(() => {
      this.ensure(campaign);
      this.sql.recordApply.run(JSON.stringify(outcome), appliedHash ?? null, campaign);
    });
  }

  forgetCampaign(campaign: string): Promise<void> {
    // Resources, audit history and outbox rows go with it (ON DELETE CASCADE).
    return this.write(() => {
      this.sql.deleteCampaign.run(campaign);
    });
  }

  listCampaigns(): Promise<CampaignRecord[]> {
    return this.run(() => (this.sql.listCampaigns.all() as CampaignRow[]).map(toCampaign));
  }

  acquireLock(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean> {
    if (!(ttlMs > 0))
      return Promise.reject(new RangeError(`acquireLock: ttlMs must be positive, got ${ttlMs}`));
    // One statement: insert, or take over a lock that expired or that this owner already holds (renew).
    return this.write(
      () =>
        this.sql.acquireLock.run({
          name,
          owner,
          now: now.toISOString(),
          expires_at: new Date(now.getTime() + ttlMs).toISOString(),
        }).changes === 1,
    );
  }

  listLocks(): Promise<LockRecord[]> {
    return this.run(() => (this.sql.listLocks.all() as LockRecord[]).map((l) => ({ ...l })));
  }

  releaseLock(name: string, owner: string): Promise<void> {
    return this.write(() => {
      this.sql.releaseLock.run(name, owner);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  /** Runs `work` (synchronous SQLite calls), turning SQLite failures into UserErrors. */
  private async run<T>(work: () => T): Promise<T> {
    try {
      return work();
    } catch (err) {
      throw explainStoreError(err, this.path, this.busyTimeoutMs);
    }
  }

  /** Runs `work` in an IMMEDIATE transaction: the write lock up front, so it never fails half-way on BUSY. */
  private write<T>(work: () => T): Promise<T> {
    return this.run(() => this.db.transaction(work).immediate());
  }

  private ensure(campaign: string): CampaignRow {
    this.sql.insertCampaign.run(campaign, randomUUID(), this.clock.now().toISOString());
    return this.sql.getCampaign.get(campaign) as CampaignRow;
  }

  private bump(campaign: string): number {
    return (this.sql.bumpSerial.get(campaign) as { serial: number }).serial;
  }
}

function prepareStatements(db: Database) {
  const s = (sql: string): Statement => db.prepare(sql);
  return {
    getCampaign: s('SELECT name, lineage, serial, applied_hash, last_apply FROM campaigns WHERE name = ?'),
    listCampaigns: s('SELECT name, lineage, serial, applied_hash, last_apply FROM campaigns ORDER BY name'),
    insertCampaign: s(
      'INSERT INTO campaigns (name, lineage, serial, created_at) VALUES (?, ?, 0, ?) ON CONFLICT (name) DO NOTHING',
    ),
    bumpSerial: s('UPDATE campaigns SET serial = serial + 1 WHERE name = ? RETURNING serial'),
    recordApply: s(
      'UPDATE campaigns SET last_apply = ?, applied_hash = coalesce(?, applied_hash) WHERE name = ?',
    ),
    deleteCampaign: s('DELETE FROM campaigns WHERE name = ?'),
    listResources: s(
      `SELECT address, kind, remote_id, hash, sent, attributes, expires_at, audit_status, created_at, updated_at
       FROM resources WHERE campaign = ? ORDER BY address`,
    ),
    putResource: s(
      `INSERT INTO resources (campaign, address, kind, remote_id, hash, sent, attributes, expires_at, audit_status, created_at, updated_at)
       VALUES (@campaign, @address, @kind, @remote_id, @hash, @sent, @attributes, @expires_at, @audit_status, @created_at, @updated_at)
       ON CONFLICT (campaign, address) DO UPDATE SET
         kind = excluded.kind, remote_id = excluded.remote_id, hash = excluded.hash, sent = excluded.sent,
         attributes = excluded.attributes, expires_at = excluded.expires_at, audit_status = excluded.audit_status,
         created_at = excluded.created_at, updated_at = excluded.updated_at`,
    ),
    deleteResource: s('DELETE FROM resources WHERE campaign = ? AND address = ?'),
    putPending: s(
      `INSERT INTO pending_creates (campaign, address, kind, fingerprint, started_at, preexisting, attempts, idempotency_key, details)
       VALUES (@campaign, @address, @kind, @fingerprint, @started_at, @preexisting, @attempts, @idempotency_key, @details)
       ON CONFLICT (campaign, address) DO UPDATE SET
         kind = excluded.kind, fingerprint = excluded.fingerprint, started_at = excluded.started_at,
         preexisting = excluded.preexisting, attempts = excluded.attempts,
         idempotency_key = excluded.idempotency_key, details = excluded.details`,
    ),
    listPending: s(
      `SELECT address, kind, fingerprint, started_at, preexisting, attempts, idempotency_key, details
       FROM pending_creates WHERE campaign = ? ORDER BY address`,
    ),
    deletePending: s('DELETE FROM pending_creates WHERE campaign = ? AND address = ?'),
    listAudits: s(
      'SELECT address, at, status, reason FROM audit_events WHERE campaign = ? ORDER BY address, id',
    ),
    insertAudit: s('INSERT INTO audit_events (campaign, address, at, status, reason) VALUES (?, ?, ?, ?, ?)'),
    setAuditStatus: s(
      'UPDATE resources SET audit_status = ?, updated_at = ? WHERE campaign = ? AND address = ?',
    ),
    acquireLock: s(
      `INSERT INTO locks (name, owner, acquired_at, expires_at) VALUES (@name, @owner, @now, @expires_at)
       ON CONFLICT (name) DO UPDATE SET
         acquired_at = CASE WHEN locks.owner = excluded.owner THEN locks.acquired_at ELSE excluded.acquired_at END,
         owner = excluded.owner,
         expires_at = excluded.expires_at
       WHERE locks.expires_at <= excluded.acquired_at OR locks.owner = excluded.owner`,
    ),
    releaseLock: s('DELETE FROM locks WHERE name = ? AND owner = ?'),
    listLocks: s(
      'SELECT name, owner, acquired_at AS acquiredAt, expires_at AS expiresAt FROM locks ORDER BY name',
    ),
  };
}
