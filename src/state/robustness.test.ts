import { closeSync, existsSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aResource, clock, T0, tempDir } from '../../test/support/state/temp-store.js';
import { UserError } from '../errors.js';
import { APPLICATION_ID, MIGRATIONS, migrate, SCHEMA_VERSION } from './migrations.js';
import { openSqliteStore } from './sqlite-store.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const mode = (file: string) => statSync(file).mode & 0o777;

async function rejection(p: Promise<unknown>): Promise<UserError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

describe('files', () => {
  it('creates missing folders and the file 0600, -wal and -shm too, whatever the umask', async () => {
    const file = path.join(tmp.dir, 'deep', 'er', '.livectl', 'state.db');
    const old = process.umask(0);
    try {
      const store = await openSqliteStore(file, { clock });
      await store.putResource('c', aResource({ address: 'room' }));
      expect(mode(file)).toBe(0o600);
      expect(existsSync(`${file}-wal`)).toBe(true);
      expect(mode(`${file}-wal`)).toBe(0o600);
      expect(mode(`${file}-shm`)).toBe(0o600);
      expect(mode(path.dirname(file))).toBe(0o700);
      await store.close();
    } finally {
      process.umask(old);
    }
  });

  it('uses WAL, foreign keys and the busy timeout', async () => {
    const store = await openSqliteStore(tmp.file(), { clock, busyTimeoutMs: 1234 });
    await store.close();
    const db = new Database(tmp.file());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('an in-memory store works (for other modules’ tests)', async () => {
    const store = await openSqliteStore(':memory:', { clock });
    expect(await store.putResource('c', aResource({ address: 'room' }))).toBe(1);
    await store.close();
  });
});

describe('migrations', () => {
  it('the versions are 1..N, in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('opens a version-1 file (before the outbox) with its data intact, and migrates it once', async () => {
    // A store as the first release left it: schema 1, data written with plain SQL.
    const old = new Database(tmp.file());
    old.pragma('journal_mode = WAL');
    expect(migrate(old, 1)).toEqual([1]);
    old.exec(`
      INSERT INTO campaigns (name, lineage, serial, applied_hash, last_apply, created_at)
        VALUES ('goddess', 'lineage-1', 7, 'sha', '{"at":"2027-03-01T00:00:00.000Z","outcome":"complete"}', '2027-02-01T00:00:00.000Z');
      INSERT INTO resources (campaign, address, kind, remote_id, attributes, created_at, updated_at)
        VALUES ('goddess', 'room', 'room', '42', '{"pushAddr":"rtmp://x"}', '2027-02-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z');
      INSERT INTO tokens (key, token, expires_at, updated_at) VALUES ('k', 'T', '2027-03-01T02:00:00.000Z', '2027-03-01T00:00:00.000Z');
    `);
    old.close();

    const store = await openSqliteStore(tmp.file(), { clock });
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    const snap = await store.snapshot('goddess');
    expect(snap.campaign).toEqual({
      name: 'goddess',
      lineage: 'lineage-1',
      serial: 7,
      appliedHash: 'sha',
      lastApply: { at: '2027-03-01T00:00:00.000Z', outcome: 'complete' },
    });
    expect(snap.resources.get('room')).toMatchObject({
      remoteId: '42',
      attributes: { pushAddr: 'rtmp://x' },
    });
    expect((await store.tokens.get('k'))?.token).toBe('T');
    expect(await store.putResource('goddess', aResource({ address: 'goods/a' }))).toBe(8);
    await store.close();

    const db = new Database(tmp.file());
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const outbox = db
      .prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'reminder_outbox%' ORDER BY name")
      .all();
    expect(outbox.map((r) => (r as { name: string }).name)).toContain('reminder_outbox');
    expect(migrate(db)).toEqual([]); // already current: nothing to do
    db.close();
  });

  it('opens a version-3 file (before pending creates) with its data intact, and keeps working', async () => {
    const old = new Database(tmp.file());
    old.pragma('journal_mode = WAL');
    expect(migrate(old, 3)).toEqual([1, 2, 3]);
    old.exec(`
      INSERT INTO campaigns (name, lineage, serial, created_at) VALUES ('tea', 'lineage-3', 4, '2027-02-01T00:00:00.000Z');
      INSERT INTO resources (campaign, address, kind, remote_id, attributes, audit_status, created_at, updated_at)
        VALUES ('tea', 'goods/a', 'goods', '12', '{"adopted":true}', 'pending', '2027-02-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z');
    `);
    old.close();

    const store = await openSqliteStore(tmp.file(), { clock });
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    const snap = await store.snapshot('tea');
    expect(snap.campaign).toMatchObject({ lineage: 'lineage-3', serial: 4 });
    expect(snap.resources.get('goods/a')).toMatchObject({ remoteId: '12', attributes: { adopted: true } });
    expect(await store.pendingCreates('tea')).toEqual([]);
    await store.recordPendingCreate('tea', {
      address: 'room',
      kind: 'room',
      fingerprint: 'f',
      startedAt: T0.toISOString(),
      preexisting: [],
      attempts: 1,
      details: {},
    });
    expect(await store.putResource('tea', aResource({ address: 'room', remoteId: '5' }))).toBe(5);
    expect(await store.pendingCreates('tea')).toEqual([]);
    await store.close();
  });

  it('refuses a file from a newer livectl, leaving it untouched', async () => {
    const db = new Database(tmp.file());
    migrate(db);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = readFileSync(tmp.file());
    const err = await rejection(openSqliteStore(tmp.file(), { clock }));
    expect(err.message).toMatch(/newer livectl/);
    expect(err.hint).toMatch(/Upgrade livectl/);
    expect(readFileSync(tmp.file()).equals(before)).toBe(true);
  });

  it('outbox: idempotency keys are unique, statuses are checked, rows go with their campaign', async () => {
    const store = await openSqliteStore(tmp.file(), { clock });
    await store.ensureCampaign('c');
    const db = new Database(tmp.file());
    const insert = db.prepare(
      `INSERT INTO reminder_outbox (campaign, wave, channel, slice, due_at, grace_ms, status, idempotency_key, created_at, updated_at)
       VALUES ('c', 't-1d', 'wecom-groups', '', ?, 3600000, ?, ?, ?, ?)`,
    );
    const at = T0.toISOString();
    insert.run(at, 'pending', 'c/t-1d/wecom-groups', at, at);
    expect(() => insert.run(at, 'pending', 'c/t-1d/wecom-groups', at, at)).toThrow(/UNIQUE/);
    expect(() => insert.run(at, 'lost', 'other', at, at)).toThrow(/CHECK/);
    db.close();
    await store.forgetCampaign('c');
    const after = new Database(tmp.file());
    expect(after.prepare('SELECT count(*) AS n FROM reminder_outbox').get()).toEqual({ n: 0 });
    after.close();
    await store.close();
  });
});

describe('files that are not a livectl store', () => {
  it('a text file: UserError, no stack-worthy error, file untouched', async () => {
    const text = 'apiVersion: livectl/v1\nkind: Campaign\n'.repeat(200);
    writeFileSync(tmp.file(), text);
    const err = await rejection(openSqliteStore(tmp.file(), { clock }));
    expect(err.message).toBe(`${tmp.file()} is not a livectl state store: it is not an SQLite database.`);
    expect(err.message).toContain(tmp.file());
    expect(readFileSync(tmp.file(), 'utf8')).toBe(text);
  });

  it('a damaged store: UserError, on open or on first read', async () => {
    const store = await openSqliteStore(tmp.file(), { clock });
    for (let i = 0; i < 50; i++)
      await store.putResource('c', aResource({ address: `goods/${i}`, sent: { pad: 'x'.repeat(500) } }));
    await store.close();
    // Scribble over the schema page (page 1 after the 100-byte header) and the next pages.
    const fd = openSync(tmp.file(), 'r+');
    writeSync(fd, Buffer.alloc(3 * 4096, 0xa5), 0, 3 * 4096, 100);
    closeSync(fd);
    const err = await openSqliteStore(tmp.file(), { clock }).then(
      async (s) => {
        try {
          await s.snapshot('c');
          return undefined;
        } catch (e) {
          return e;
        } finally {
          await s.close();
        }
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(/is damaged \(database disk image is malformed\)/);
  });

  it("another program's SQLite database is refused, not migrated", async () => {
    const db = new Database(tmp.file());
    db.exec('CREATE TABLE notes (body TEXT)');
    db.close();
    const err = await rejection(openSqliteStore(tmp.file(), { clock }));
    expect(err.message).toMatch(/SQLite database, but not a livectl state store/);
    const again = new Database(tmp.file());
    expect(again.pragma('user_version', { simple: true })).toBe(0);
    expect(again.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'campaigns'").get()).toEqual({
      n: 0,
    });
    again.close();
  });

  it('a SQLite file with a foreign application_id is refused', async () => {
    const db = new Database(tmp.file());
    db.pragma('application_id = 1');
    db.close();
    const err = await rejection(openSqliteStore(tmp.file(), { clock }));
    expect(err.message).toMatch(/another program/);
  });

  it('a folder where the file should be: UserError', async () => {
    const err = await rejection(openSqliteStore(tmp.dir, { clock }));
    expect(err.message).toBe(
      `The state store ${tmp.dir} is a folder; --state and LIVECTL_STATE name a file.`,
    );
  });

  it('an empty file (e.g. touched by hand) becomes a store', async () => {
    writeFileSync(tmp.file(), '');
    const store = await openSqliteStore(tmp.file(), { clock });
    expect(await store.listCampaigns()).toEqual([]);
    await store.close();
  });
});

describe('busy store', () => {
  it('a write waits for another writer, then gives up with a UserError; nothing saved is lost', async () => {
    const store = await openSqliteStore(tmp.file(), { clock, busyTimeoutMs: 200 });
    await store.putResource('c', aResource({ address: 'room', remoteId: '1' }));

    const other = new Database(tmp.file());
    other.exec('BEGIN IMMEDIATE');
    other.prepare("UPDATE campaigns SET applied_hash = 'other' WHERE name = 'c'").run();
    const started = Date.now();
    const err = await rejection(store.putResource('c', aResource({ address: 'goods/a', remoteId: '2' })));
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(err.message).toMatch(/busy: another livectl/);
    // Readers are not blocked by the writer (WAL), and see the last committed state.
    const during = await store.snapshot('c');
    expect([...during.resources.keys()]).toEqual(['room']);
    expect(during.campaign?.serial).toBe(1);
    other.exec('COMMIT');
    other.close();

    expect(await store.putResource('c', aResource({ address: 'goods/a', remoteId: '2' }))).toBe(2);
    const after = await store.snapshot('c');
    expect([...after.resources.keys()]).toEqual(['goods/a', 'room']);
    expect(after.campaign?.appliedHash).toBe('other');
    await store.close();
  });

  it('opening a current store and reading it never wait for a writer (plan and status during apply)', async () => {
    const first = await openSqliteStore(tmp.file(), { clock });
    await first.putResource('c', aResource({ address: 'room', remoteId: '1' }));
    await first.close();
    const writer = new Database(tmp.file());
    writer.exec('BEGIN IMMEDIATE');
    const reader = await openSqliteStore(tmp.file(), { clock, busyTimeoutMs: 50 });
    expect((await reader.snapshot('c')).resources.get('room')?.remoteId).toBe('1');
    expect(await reader.listCampaigns()).toHaveLength(1);
    await reader.close();
    writer.exec('COMMIT');
    writer.close();
  });

  it('a store held by another writer while opening an old file: UserError, the file stays readable', async () => {
    const old = new Database(tmp.file());
    old.pragma('journal_mode = WAL');
    migrate(old, 1);
    old.exec('BEGIN IMMEDIATE');
    const err = await rejection(openSqliteStore(tmp.file(), { clock, busyTimeoutMs: 100 }));
    expect(err.message).toMatch(/busy/);
    old.exec('COMMIT');
    old.close();
    const store = await openSqliteStore(tmp.file(), { clock });
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    await store.close();
  });
});
