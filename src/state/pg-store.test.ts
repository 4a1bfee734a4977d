import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshPgDatabase, testPgUrl } from '../../test/support/postgres.js';
import { aResource, clock, T0 } from '../../test/support/state/temp-store.js';
import { UserError } from '../errors.js';
import { reconcileSchedule } from '../reminders/reconcile.js';
import { PG_SCHEMA_VERSION } from './pg-migrations.js';
import { openPgStore, type PgStateStore } from './pg-store.js';
import type { OutboxWrite } from './types.js';

/**
 * What only PostgreSQL has to show: several hosts (here, several pools: separate connections, as
 * separate machines would have) on one database. The port's contract itself runs on both stores
 * in store.test.ts and outbox.test.ts.
 */

let url: string;
let open: PgStateStore[] = [];
const host = async () => {
  const s = await openPgStore(url, { clock });
  open.push(s);
  return s;
};

beforeEach(async () => {
  url = await freshPgDatabase();
  open = [];
});
afterEach(async () => {
  await Promise.all(open.map((s) => s.close()));
});

async function sql<R extends object>(text: string, params: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(text, params)).rows;
  } finally {
    await c.end();
  }
}

async function rejection(p: Promise<unknown>): Promise<UserError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

describe('migrations', () => {
  it('four hosts opening a new database at once migrate it exactly once, and all work', async () => {
    const stores = await Promise.all([host(), host(), host(), host()]);
    expect(stores.map((s) => s.schemaVersion)).toEqual([1, 1, 1, 1].map(() => PG_SCHEMA_VERSION));
    const versions = await sql<{ version: number }>('SELECT version FROM livectl_schema ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual(
      Array.from({ length: PG_SCHEMA_VERSION }, (_, i) => i + 1),
    );
    const serials = await Promise.all(
      stores.map((s, i) => s.putResource('c', aResource({ address: `goods/${i}` }))),
    );
    expect(serials.sort()).toEqual([1, 2, 3, 4]);
  });

  it("another program's database is refused and left as it is", async () => {
    await sql('CREATE TABLE orders (id int)');
    const err = await rejection(openPgStore(url, { clock }));
    expect(err.message).toMatch(/is a PostgreSQL database, but not a livectl state store/);
    expect(await sql('SELECT to_regclass($1) AS t', ['livectl_schema'])).toEqual([{ t: null }]);
  });

  it('a database from a newer livectl is refused', async () => {
    await (await host()).close();
    open = [];
    await sql("INSERT INTO livectl_schema (version, name, applied_at) VALUES ($1, 'future', 'x')", [
      PG_SCHEMA_VERSION + 1,
    ]);
    const err = await rejection(openPgStore(url, { clock }));
    expect(err.message).toMatch(/newer livectl/);
    expect(err.hint).toMatch(/Upgrade livectl/);
  });
});

describe('schema', () => {
  it('outbox: idempotency keys are unique, statuses are checked, rows go with their campaign', async () => {
    const store = await host();
    await store.ensureCampaign('c');
    const insert = (status: string, key: string) =>
      sql(
        `INSERT INTO reminder_outbox (campaign, wave, channel, slice, due_at, grace_ms, status, idempotency_key, created_at, updated_at)
         VALUES ('c', 't-1d', 'wecom-groups', '', $1, 3600000, $2, $3, $1, $1)`,
        [T0.toISOString(), status, key],
      );
    await insert('pending', 'c/t-1d/wecom-groups');
    await expect(insert('pending', 'c/t-1d/wecom-groups')).rejects.toMatchObject({ code: '23505' });
    await expect(insert('lost', 'other')).rejects.toMatchObject({ code: '23514' });
    await store.forgetCampaign('c');
    expect(await sql('SELECT count(*)::int AS n FROM reminder_outbox')).toEqual([{ n: 0 }]);
  });
});

describe('several hosts, one store', () => {
  it('of four hosts racing for a lock, exactly one wins; another takes it after expiry', async () => {
    const stores = await Promise.all([host(), host(), host(), host()]);
    const won = await Promise.all(stores.map((s, i) => s.acquireLock('daemon', `h${i}`, 60_000, T0)));
    expect(won.filter(Boolean)).toHaveLength(1);
    const loser = won.indexOf(false);
    expect(
      await stores[loser]!.acquireLock('daemon', `h${loser}`, 60_000, new Date(T0.getTime() + 60_000)),
    ).toBe(true);
  });

  it('the force-refresh ration is shared: four hosts get 20 grants in total, one per slot', async () => {
    const stores = await Promise.all([host(), host(), host(), host()]);
    const times = Array.from({ length: 30 }, (_, i) => new Date(T0.getTime() + i * 31_000));
    const policy = { maxPerDay: 20, minIntervalMs: 30_000 };
    const granted: string[] = [];
    await Promise.all(
      stores.map(async (s) => {
        for (const t of times)
          if ((await s.tokens.claimForceRefresh('k', t, policy)).granted) granted.push(t.toISOString());
      }),
    );
    expect(granted.sort()).toEqual(times.slice(0, 20).map((t) => t.toISOString()));
  });

  it('concurrent writers: no write lost, serials unique', async () => {
    const stores = await Promise.all([host(), host(), host(), host()]);
    const serials = (
      await Promise.all(
        stores.map(async (s, h) => {
          const mine: number[] = [];
          for (let i = 0; i < 25; i++)
            mine.push(await s.putResource('c', aResource({ address: `goods/${h}-${i}` })));
          return mine;
        }),
      )
    ).flat();
    expect(serials.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect((await stores[0]!.snapshot('c')).resources.size).toBe(100);
  });

  it('claims skip locked rows: four hosts claiming together never get the same row, and get them all', async () => {
    const stores = await Promise.all([host(), host(), host(), host()]);
    await stores[0]!.ensureCampaign('c');
    const rows: OutboxWrite[] = Array.from({ length: 200 }, (_, i) => ({
      campaign: 'c',
      wave: 'w',
      channel: 'groups',
      slice: String(i).padStart(3, '0'),
      dueAt: T0.toISOString(),
      graceMs: 60_000,
      idempotencyKey: `k-${i}`,
      payload: { i },
    }));
    await stores[0]!.outbox().upsert('c', rows, T0, reconcileSchedule);
    const claimed = (
      await Promise.all(
        stores.map(async (s, h) => {
          const ids: number[] = [];
          for (;;) {
            const got = await s.outbox().claim({ now: T0, owner: `h${h}`, limit: 7, leaseMs: 60_000 });
            if (got.length === 0) return ids;
            ids.push(...got.map((r) => r.id));
          }
        }),
      )
    ).flat();
    expect(claimed).toHaveLength(200);
    expect(new Set(claimed).size).toBe(200);
    expect((await stores[1]!.outbox().counts('c')).claimed).toBe(200);
  });
});

describe('group commit of the writes of rows in flight', () => {
  const due = (n: number): OutboxWrite[] =>
    Array.from({ length: n }, (_, i) => ({
      campaign: 'c',
      wave: 'w',
      channel: 'groups',
      slice: String(i).padStart(3, '0'),
      dueAt: T0.toISOString(),
      graceMs: 60_000,
      idempotencyKey: `k-${i}`,
      payload: { i },
    }));

  it('writes asked for together (one group, one statement) each apply only under their own lease', async () => {
    const [a, b] = await Promise.all([host(), host()]);
    await a!.ensureCampaign('c');
    await a!.outbox().upsert('c', due(6), T0, reconcileSchedule);
    const mine = await a!.outbox().claim({ now: T0, owner: 'a', limit: 6, leaseMs: 60_000 });
    // Row 0's lease lapses and host b takes it over.
    const later = new Date(T0.getTime() + 120_000);
    await sql(`UPDATE reminder_outbox SET lease_expires_at = $1 WHERE id = $2`, [
      T0.toISOString(),
      mine[0]!.id,
    ]);
    const taken = await b!.outbox().claim({ now: later, owner: 'b', limit: 1, leaseMs: 60_000 });
    expect(taken.map((r) => r.id)).toEqual([mine[0]!.id]);
    const o = a!.outbox();
    const [r0, r1, r2, r3, r4, r5] = mine.map((r) => r.id) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const results = await Promise.all([
      o.begin(r0, 'a', later, 60_000),
      o.begin(r1, 'a', later, 60_000),
      o.markSent(r2, 'a', { remoteId: 'm2', details: { x: 1 }, now: later }),
      o.markSkipped(r3, 'a', 'late', later),
      o.retry(r4, 'a', { reason: 'busy', nextAttemptAt: later, unknown: true, now: later }),
      o.checkpoint(r5, 'a', { step: 'uploaded' }, later, 60_000),
    ]);
    expect(results).toEqual([false, true, true, true, true, true]);
    const rows = new Map((await o.list({ campaign: 'c' })).map((r) => [r.id, r]));
    expect(rows.get(r0)).toMatchObject({ status: 'claimed', leaseOwner: 'b', attempts: 0 });
    expect(rows.get(r1)).toMatchObject({ status: 'claimed', attempts: 1 });
    expect(rows.get(r2)).toMatchObject({ status: 'sent', remoteId: 'm2', details: { x: 1 } });
    expect(rows.get(r3)).toMatchObject({ status: 'skipped', lastError: 'late' });
    expect(rows.get(r4)).toMatchObject({ status: 'pending', lastError: 'busy' });
    expect(rows.get(r5)).toMatchObject({ status: 'claimed', details: { step: 'uploaded' } });
    // Two changes of one row asked for together are written in order, in two groups.
    const [sent, again] = await Promise.all([
      o.markSent(r1, 'a', { remoteId: 'm1', now: later }),
      o.markFailed(r1, 'a', 'too late', later),
    ]);
    expect([sent, again]).toEqual([true, false]);
    expect((await o.list({ campaign: 'c', status: 'sent' })).map((r) => r.id).sort()).toEqual(
      [r1, r2].sort(),
    );
  });

  it('a write the server refuses fails alone: the rest of its group is written', async () => {
    const a = await host();
    await a.ensureCampaign('c');
    await a.outbox().upsert('c', due(3), T0, reconcileSchedule);
    const [x, y, z] = (await a.outbox().claim({ now: T0, owner: 'a', limit: 3, leaseMs: 60_000 })).map(
      (r) => r.id,
    ) as [number, number, number];
    const o = a.outbox();
    const results = await Promise.allSettled([
      o.begin(x, 'a', T0, 60_000),
      // PostgreSQL text cannot hold a NUL character: the server refuses the statement.
      o.markFailed(y, 'a', 'bad\u0000reason', T0),
      o.markSent(z, 'a', { remoteId: 'mz', now: T0 }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rows = new Map((await o.list({ campaign: 'c' })).map((r) => [r.id, r]));
    expect(rows.get(x)).toMatchObject({ status: 'claimed', attempts: 1 });
    expect(rows.get(y)).toMatchObject({ status: 'claimed', attempts: 0 });
    expect(rows.get(z)).toMatchObject({ status: 'sent', remoteId: 'mz' });
  });
});

describe('connections', () => {
  it('a server that cannot be reached: a UserError naming the URL without its password', async () => {
    const u = new URL(testPgUrl());
    u.username = 'ops';
    u.password = 'hunter2secret';
    u.port = '1'; // nothing listens there
    u.pathname = '/livectl';
    const err = await rejection(openPgStore(u.toString(), { clock }));
    expect(err.message).toContain('postgres://ops:***@');
    expect(`${err.message} ${err.hint}`).not.toContain('hunter2secret');
    expect(err.message).toMatch(/cannot be reached/);
  });

  it('a database that does not exist: a UserError saying so', async () => {
    const u = new URL(testPgUrl());
    u.pathname = '/livectl_missing_db';
    const err = await rejection(openPgStore(u.toString(), { clock }));
    expect(err.message).toMatch(/does not exist/);
  });

  it('connections the server drops: a UserError or a fresh connection, never a crash; the store goes on', async () => {
    const store = await host();
    await store.putResource('c', aResource({ address: 'room' }));
    const killed = await sql<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'livectl'`,
    );
    expect(killed[0]!.n).toBeGreaterThan(0);
    const first = await store.listCampaigns().then(
      (v) => v,
      (e: unknown) => e,
    );
    if (first instanceof Error) {
      expect(first).toBeInstanceOf(UserError);
      expect(first.message).toMatch(/connection to the state store .* was lost|cannot be reached/);
    } else expect(first).toHaveLength(1);
    expect(await store.putResource('c', aResource({ address: 'menu' }))).toBe(2);
  });
});

describe('one token fetch for every host', () => {
  it('a second host waits for the first host’s fetch and uses its token', async () => {
    const { TokenBroker } = await import('../wechat/token-broker.js');
    const [a, b] = [await host(), await host()];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let fetches = 0;
    let fetchStarted!: () => void;
    const started = new Promise<void>((r) => {
      fetchStarted = r;
    });
    const source = {
      key: 'mp-stable:test:wx1',
      async fetch() {
        fetches += 1;
        fetchStarted();
        await gate;
        return { token: `tok-${fetches}`, expiresInSeconds: 7200 };
      },
    };
    const first = new TokenBroker(source, { store: a.tokens, clock }).getToken();
    const second = new TokenBroker(source, { store: b.tokens, clock }).getToken();
    // Hold the first fetch until the second host is seen waiting on the refresh lock in the server.
    const waiting = async () =>
      (
        await sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        )
      )[0]?.n ?? 0;
    await started;
    // Each check is a round trip to the server (no timer); the deadline only bounds a broken lock.
    const deadline = Date.now() + 20_000;
    while ((await waiting()) === 0 && Date.now() < deadline) {}
    expect(fetches).toBe(1);
    expect(await waiting()).toBe(1);
    release();
    expect(await Promise.all([first, second])).toEqual(['tok-1', 'tok-1']);
    expect(fetches).toBe(1);
    // Both locks are gone with their sessions.
    expect(await waiting()).toBe(0);
  });
});
