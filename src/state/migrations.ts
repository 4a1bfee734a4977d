import type { Database } from 'better-sqlite3';

/**
 * Versioned schema. The file's `PRAGMA user_version` is the number of migrations applied; each
 * migration runs in its own IMMEDIATE transaction together with the bump of `user_version`, so a
 * crash or a second process never leaves a half-migrated file, and two processes opening an old
 * file at once migrate it exactly once (the loser re-reads the version inside its transaction).
 *
 * Rules for adding one: append, never edit a released migration; keep each one a forward-only,
 * data-preserving step; add a test that a file at the previous version opens with its data intact.
 *
 * Conventions: timestamps livectl compares (locks, leases, due times, token ledger) are ISO-8601 UTC
 * with milliseconds (`Date#toISOString()`), so text order is time order. JSON columns are checked
 * with `json_valid`. Remote ids are TEXT (goods and audit ids may pass 2^53).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** 'LVCT': marks the file as livectl's, so another program's SQLite file is refused, not migrated. */
export const APPLICATION_ID = 0x4c564354;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'campaigns, resources, audit history, locks, tokens',
    sql: `
      CREATE TABLE campaigns (
        name         TEXT PRIMARY KEY,
        lineage      TEXT NOT NULL,
        serial       INTEGER NOT NULL DEFAULT 0 CHECK (serial >= 0),
        applied_hash TEXT,
        last_apply   TEXT CHECK (last_apply IS NULL OR json_valid(last_apply)),
        created_at   TEXT NOT NULL
      ) STRICT;

      CREATE TABLE resources (
        campaign     TEXT NOT NULL REFERENCES campaigns(name) ON DELETE CASCADE,
        address      TEXT NOT NULL,
        kind         TEXT NOT NULL,
        remote_id    TEXT,
        hash         TEXT,
        sent         TEXT CHECK (sent IS NULL OR json_valid(sent)),
        attributes   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attributes)),
        expires_at   TEXT,
        audit_status TEXT CHECK (audit_status IN ('unaudited', 'pending', 'approved', 'rejected')),
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        PRIMARY KEY (campaign, address)
      ) STRICT;
      CREATE INDEX resources_by_kind ON resources (campaign, kind);

      -- History outlives the resource: a goods item deleted and added again keeps its earlier audits.
      CREATE TABLE audit_events (
        id       INTEGER PRIMARY KEY,
        campaign TEXT NOT NULL REFERENCES campaigns(name) ON DELETE CASCADE,
        address  TEXT NOT NULL,
        at       TEXT NOT NULL,
        status   TEXT NOT NULL CHECK (status IN ('unaudited', 'pending', 'approved', 'rejected')),
        reason   TEXT
      ) STRICT;
      CREATE INDEX audit_events_by_address ON audit_events (campaign, address, id);

      CREATE TABLE locks (
        name        TEXT PRIMARY KEY,
        owner       TEXT NOT NULL,
        acquired_at TEXT NOT NULL,
        expires_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE tokens (
        key         TEXT PRIMARY KEY,
        token       TEXT NOT NULL,
        expires_at  TEXT NOT NULL,
        obtained_at TEXT,
        updated_at  TEXT NOT NULL
      ) STRICT;

      -- Forced token refreshes granted, per token key (WeChat rations them; see token-broker.ts).
      CREATE TABLE token_force_refreshes (
        id  INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX token_force_refreshes_by_key ON token_force_refreshes (key, at);
    `,
  },
  {
    version: 2,
    name: 'reminder outbox',
    sql: `
      CREATE TABLE reminder_outbox (
        id               INTEGER PRIMARY KEY,
        campaign         TEXT NOT NULL REFERENCES campaigns(name) ON DELETE CASCADE,
        wave             TEXT NOT NULL,
        channel          TEXT NOT NULL,
        slice            TEXT NOT NULL DEFAULT '',
        due_at           TEXT NOT NULL,
        grace_ms         INTEGER NOT NULL CHECK (grace_ms >= 0),
        status           TEXT NOT NULL DEFAULT 'pending'
                           CHECK (status IN ('pending', 'claimed', 'sent', 'skipped', 'failed', 'cancelled')),
        idempotency_key  TEXT NOT NULL UNIQUE,
        payload          TEXT CHECK (payload IS NULL OR json_valid(payload)),
        attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at  TEXT,
        lease_owner      TEXT,
        lease_expires_at TEXT,
        remote_id        TEXT,
        last_error       TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      ) STRICT;
      -- Dispatch: due rows in order; expired leases to take back.
      CREATE INDEX reminder_outbox_due ON reminder_outbox (status, due_at);
      CREATE INDEX reminder_outbox_lease ON reminder_outbox (status, lease_expires_at)
        WHERE status = 'claimed';
      -- Status: counts per campaign and state.
      CREATE INDEX reminder_outbox_by_campaign ON reminder_outbox (campaign, status);
      CREATE INDEX reminder_outbox_by_wave ON reminder_outbox (campaign, wave, channel, slice);
    `,
  },
  {
    version: 3,
    name: 'reminder outbox: attempts in flight, progress, sent time',
    sql: `
      -- Set just before a send, cleared once its outcome is known: a row that still has it after a
      -- crash or a lost answer is checked against the platform before it is sent again.
      ALTER TABLE reminder_outbox ADD COLUMN attempt_started_at TEXT;
      -- Channel progress and results (jobid, draft id, openids done, counts), kept across attempts.
      ALTER TABLE reminder_outbox ADD COLUMN details TEXT CHECK (details IS NULL OR json_valid(details));
      ALTER TABLE reminder_outbox ADD COLUMN sent_at TEXT;
    `,
  },
  {
    version: 4,
    name: 'pending creates (adopt only what this campaign tried to create)',
    sql: `
      -- One per (campaign, address): written before a create call that is not idempotent, replaced by
      -- the resource on success, kept when the answer was lost (see PendingCreate in types.ts).
      CREATE TABLE pending_creates (
        campaign        TEXT NOT NULL REFERENCES campaigns(name) ON DELETE CASCADE,
        address         TEXT NOT NULL,
        kind            TEXT NOT NULL,
        fingerprint     TEXT NOT NULL,
        started_at      TEXT NOT NULL,
        preexisting     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(preexisting)),
        attempts        INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1),
        idempotency_key TEXT,
        details         TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
        PRIMARY KEY (campaign, address)
      ) STRICT;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The file's schema version (0 for a new, empty file). */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings `db` up to `target` (default: the latest), one transaction per migration. Returns the
 * versions applied by this call (empty when another process got there first).
 */
export function migrate(db: Database, target: number = SCHEMA_VERSION): number[] {
  const applied: number[] = [];
  // The usual case, without taking the write lock: a reader (plan, status) never queues behind apply.
  if (schemaVersion(db) >= target) return applied;
  for (;;) {
    const step = db
      .transaction((): number | undefined => {
        const current = schemaVersion(db);
        if (current >= target) return undefined;
        const migration = MIGRATIONS[current]!;
        db.exec(migration.sql);
        // PRAGMAs take no parameters; both values are our own integers.
        db.pragma(`user_version = ${migration.version}`);
        if (current === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
        return migration.version;
      })
      .immediate();
    if (step === undefined) return applied;
    applied.push(step);
  }
}
