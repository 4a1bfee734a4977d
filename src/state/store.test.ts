import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FreshStore, STORE_KINDS } from '../../test/support/state/stores.js';
import { aResource, T0, tempDir } from '../../test/support/state/temp-store.js';
import type { StateStore } from './port.js';
import { enableWal } from './sqlite-store.js';
import type { PendingCreate } from './types.js';

/** The state port's contract: the same tests on SQLite and on PostgreSQL. */
describe.each(STORE_KINDS.map((k) => [k.name, k] as const))('%s store', (_name, kind) => {
  let fresh: FreshStore;
  let store: StateStore;

  beforeEach(async () => {
    fresh = await kind.fresh();
    store = await fresh.open();
  });
  afterEach(async () => {
    await store.close();
    fresh.cleanup();
  });

  describe('campaigns', () => {
    it('ensureCampaign creates a record with a lineage and serial 0, once', async () => {
      const first = await store.ensureCampaign('goddess-day-2027');
      expect(first).toEqual({ name: 'goddess-day-2027', lineage: expect.any(String), serial: 0 });
      expect(first.lineage).toMatch(/^[0-9a-f-]{36}$/);
      expect(await store.ensureCampaign('goddess-day-2027')).toEqual(first);
    });

    it('keeps the lineage across writes and reopening', async () => {
      const { lineage } = await store.ensureCampaign('c');
      await store.putResource('c', aResource({ address: 'room', remoteId: '1' }));
      await store.close();
      store = await fresh.open();
      const snap = await store.snapshot('c');
      expect(snap.campaign).toEqual({ name: 'c', lineage, serial: 1 });
    });

    it('a forgotten and re-created campaign gets a new lineage and starts over', async () => {
      const { lineage } = await store.ensureCampaign('c');
      await store.putResource('c', aResource({ address: 'room', remoteId: '1' }));
      await store.recordAudit('c', { address: 'goods/a', at: T0.toISOString(), status: 'pending' });
      await store.forgetCampaign('c');
      expect(await store.snapshot('c')).toEqual({ resources: new Map(), audits: new Map() });
      expect(await store.listCampaigns()).toEqual([]);
      const again = await store.ensureCampaign('c');
      expect(again.lineage).not.toBe(lineage);
      expect(again.serial).toBe(0);
    });

    it('snapshot of an unknown campaign is empty and creates nothing', async () => {
      expect(await store.snapshot('nope')).toEqual({ resources: new Map(), audits: new Map() });
      expect(await store.listCampaigns()).toEqual([]);
    });

    it('recordApply keeps the last outcome and the hash of the last successful apply', async () => {
      await store.recordApply('c', { at: T0.toISOString(), outcome: 'complete' }, 'sha-1');
      await store.recordApply('c', {
        at: '2027-03-02T00:00:00.000Z',
        outcome: 'partial',
        message: 'goods quota',
      });
      const { campaign } = await store.snapshot('c');
      expect(campaign).toMatchObject({
        appliedHash: 'sha-1',
        lastApply: { at: '2027-03-02T00:00:00.000Z', outcome: 'partial', message: 'goods quota' },
        serial: 0, // an apply's outcome is not a change to resources
      });
    });
  });

  describe('resources', () => {
    it('round-trips every field, remote ids as strings beyond 2^53', async () => {
      const goods = aResource({
        address: 'goods/lipstick-520',
        remoteId: '18446744073709551615',
        hash: 'ab'.repeat(32),
        sent: { name: '玫瑰丝绒口红', price: 129, priceType: 1, nested: { a: [1, 2] } },
        attributes: { auditId: '9007199254740993', coverMediaId: 'media/xyz' },
        auditStatus: 'pending',
        updatedAt: '2027-03-01T03:00:00.000Z',
      });
      const media = aResource({
        address: 'media/abc',
        remoteId: 'MEDIA_ID',
        expiresAt: '2027-03-04T02:00:00.000Z',
      });
      await store.putResource('c', goods);
      await store.putResource('c', media);
      const snap = await store.snapshot('c');
      expect(snap.resources.get('goods/lipstick-520')).toEqual(goods);
      expect(snap.resources.get('media/abc')).toEqual(media);
      expect([...snap.resources.keys()]).toEqual(['goods/lipstick-520', 'media/abc']);
    });

    it('omits absent optional fields rather than returning nulls', async () => {
      await store.putResource('c', aResource({ address: 'room' }));
      const room = (await store.snapshot('c')).resources.get('room')!;
      expect(Object.keys(room).sort()).toEqual(['address', 'attributes', 'createdAt', 'kind', 'updatedAt']);
    });

    it('putResource replaces the whole record', async () => {
      await store.putResource(
        'c',
        aResource({ address: 'room', remoteId: '7', hash: 'h1', attributes: { a: 1 } }),
      );
      await store.putResource('c', aResource({ address: 'room', remoteId: '7', attributes: { b: 2 } }));
      const room = (await store.snapshot('c')).resources.get('room')!;
      expect(room.hash).toBeUndefined();
      expect(room.attributes).toEqual({ b: 2 });
    });

    it('every write bumps the serial by one and returns it', async () => {
      expect(await store.putResource('c', aResource({ address: 'room', remoteId: '1' }))).toBe(1);
      expect(await store.putResource('c', aResource({ address: 'goods/a', remoteId: '2' }))).toBe(2);
      expect(await store.putResource('c', aResource({ address: 'goods/a', remoteId: '2', hash: 'x' }))).toBe(
        3,
      );
      expect(
        await store.recordAudit('c', { address: 'goods/a', at: T0.toISOString(), status: 'approved' }),
      ).toBe(4);
      expect(await store.deleteResource('c', 'goods/a')).toBe(5);
      expect((await store.snapshot('c')).campaign?.serial).toBe(5);
    });

    it('deleting what is not there changes nothing, serial included', async () => {
      await store.putResource('c', aResource({ address: 'room' }));
      expect(await store.deleteResource('c', 'goods/none')).toBe(1);
      expect(await store.deleteResource('unknown-campaign', 'room')).toBe(0);
      expect(await store.listCampaigns()).toHaveLength(1);
    });

    it('putResource on a campaign not yet in the store creates it', async () => {
      expect(await store.putResource('new', aResource({ address: 'room' }))).toBe(1);
      expect((await store.snapshot('new')).campaign).toMatchObject({ name: 'new', serial: 1 });
    });
  });

  describe('pending creates', () => {
    const pending = (address: string, over: Partial<PendingCreate> = {}): PendingCreate => ({
      address,
      kind: 'goods',
      fingerprint: 'f'.repeat(64),
      startedAt: T0.toISOString(),
      preexisting: ['9007199254740993'],
      attempts: 1,
      details: { name: '明前龙井' },
      ...over,
    });

    it('round-trips, one per address (a second replaces the first), without bumping the serial', async () => {
      await store.recordPendingCreate('c', pending('goods/a'));
      await store.recordPendingCreate('c', pending('goods/a', { attempts: 2, idempotencyKey: 'k-1' }));
      await store.recordPendingCreate('c', pending('room', { kind: 'room', preexisting: [] }));
      expect(await store.pendingCreates('c')).toEqual([
        pending('goods/a', { attempts: 2, idempotencyKey: 'k-1' }),
        pending('room', { kind: 'room', preexisting: [] }),
      ]);
      expect((await store.snapshot('c')).campaign?.serial).toBe(0);
      expect(await store.pendingCreates('other')).toEqual([]);
    });

    it('the created resource replaces it in the same write; drop removes it; forgetting the campaign removes all', async () => {
      await store.recordPendingCreate('c', pending('goods/a'));
      await store.recordPendingCreate('c', pending('goods/b'));
      await store.putResource('c', aResource({ address: 'goods/a', remoteId: '7' }));
      expect((await store.pendingCreates('c')).map((p) => p.address)).toEqual(['goods/b']);
      await store.dropPendingCreate('c', 'goods/b');
      expect(await store.pendingCreates('c')).toEqual([]);
      await store.recordPendingCreate('c', pending('goods/c'));
      await store.forgetCampaign('c');
      expect(await store.pendingCreates('c')).toEqual([]);
    });
  });

  describe('goods audit history', () => {
    it('appends events in order, sets the status, keeps reasons', async () => {
      await store.putResource(
        'c',
        aResource({ address: 'goods/a', remoteId: '11', auditStatus: 'unaudited' }),
      );
      await store.recordAudit('c', { address: 'goods/a', at: '2027-03-01T02:00:00.000Z', status: 'pending' });
      await store.recordAudit('c', {
        address: 'goods/a',
        at: '2027-03-03T02:00:00.000Z',
        status: 'rejected',
        reason: '300002: 名称长度不符合规则',
      });
      await store.recordAudit('c', { address: 'goods/b', at: '2027-03-03T02:00:00.000Z', status: 'pending' });
      const snap = await store.snapshot('c');
      expect(snap.resources.get('goods/a')?.auditStatus).toBe('rejected');
      expect(snap.audits.get('goods/a')).toEqual([
        { address: 'goods/a', at: '2027-03-01T02:00:00.000Z', status: 'pending' },
        {
          address: 'goods/a',
          at: '2027-03-03T02:00:00.000Z',
          status: 'rejected',
          reason: '300002: 名称长度不符合规则',
        },
      ]);
      // History without a resource is kept (the goods may be added again later).
      expect(snap.audits.get('goods/b')).toHaveLength(1);
      expect(snap.resources.has('goods/b')).toBe(false);
    });

    it('history outlives a deleted resource', async () => {
      await store.putResource('c', aResource({ address: 'goods/a' }));
      await store.recordAudit('c', {
        address: 'goods/a',
        at: T0.toISOString(),
        status: 'rejected',
        reason: 'x',
      });
      await store.deleteResource('c', 'goods/a');
      expect((await store.snapshot('c')).audits.get('goods/a')).toHaveLength(1);
    });
  });

  describe('many campaigns in one store', () => {
    it('keeps campaigns apart: resources, serials, lineages', async () => {
      const names = Array.from({ length: 30 }, (_, i) => `campaign-${String(i).padStart(2, '0')}`);
      for (const [i, name] of names.entries()) {
        for (let j = 0; j <= i % 4; j++)
          await store.putResource(name, aResource({ address: `goods/${j}`, remoteId: `${i}-${j}` }));
      }
      const list = await store.listCampaigns();
      expect(list.map((c) => c.name)).toEqual(names);
      expect(new Set(list.map((c) => c.lineage)).size).toBe(names.length);
      for (const [i, name] of names.entries()) {
        const snap = await store.snapshot(name);
        expect(snap.campaign?.serial).toBe((i % 4) + 1);
        expect([...snap.resources.values()].map((r) => r.remoteId)).toEqual(
          Array.from({ length: (i % 4) + 1 }, (_, j) => `${i}-${j}`),
        );
      }
      await store.forgetCampaign('campaign-05');
      expect((await store.snapshot('campaign-06')).resources.size).toBe(3);
      expect(await store.listCampaigns()).toHaveLength(29);
    });

    it('the same address in two campaigns is two resources', async () => {
      await store.putResource('a', aResource({ address: 'room', remoteId: '1' }));
      await store.putResource('b', aResource({ address: 'room', remoteId: '2' }));
      await store.deleteResource('a', 'room');
      expect((await store.snapshot('b')).resources.get('room')?.remoteId).toBe('2');
    });
  });

  describe('locks (one process)', () => {
    const at = (ms: number) => new Date(T0.getTime() + ms);

    it('is exclusive until released or expired; release only by the owner', async () => {
      expect(await store.acquireLock('apply:c', 'p1', 60_000, at(0))).toBe(true);
      expect(await store.acquireLock('apply:c', 'p2', 60_000, at(1_000))).toBe(false);
      await store.releaseLock('apply:c', 'p2'); // not the owner: no effect
      expect(await store.acquireLock('apply:c', 'p2', 60_000, at(2_000))).toBe(false);
      await store.releaseLock('apply:c', 'p1');
      expect(await store.acquireLock('apply:c', 'p2', 60_000, at(3_000))).toBe(true);
    });

    it('an expired lock is taken over; the old owner then cannot release it', async () => {
      expect(await store.acquireLock('daemon', 'crashed', 10_000, at(0))).toBe(true);
      expect(await store.acquireLock('daemon', 'next', 10_000, at(9_999))).toBe(false);
      expect(await store.acquireLock('daemon', 'next', 10_000, at(10_000))).toBe(true);
      await store.releaseLock('daemon', 'crashed');
      expect(await store.acquireLock('daemon', 'third', 10_000, at(11_000))).toBe(false);
    });

    it('lists every lock held, by name, with its owner and expiry', async () => {
      expect(await store.listLocks()).toEqual([]);
      await store.acquireLock('daemon', 'p1', 10_000, at(0));
      await store.acquireLock('apply:c', 'p2', 60_000, at(1_000));
      expect(await store.listLocks()).toEqual([
        {
          name: 'apply:c',
          owner: 'p2',
          acquiredAt: at(1_000).toISOString(),
          expiresAt: at(61_000).toISOString(),
        },
        { name: 'daemon', owner: 'p1', acquiredAt: at(0).toISOString(), expiresAt: at(10_000).toISOString() },
      ]);
      await store.releaseLock('daemon', 'p1');
      expect((await store.listLocks()).map((l) => l.name)).toEqual(['apply:c']);
    });

    it('the owner may renew its own lock', async () => {
      expect(await store.acquireLock('daemon', 'p1', 10_000, at(0))).toBe(true);
      expect(await store.acquireLock('daemon', 'p1', 10_000, at(8_000))).toBe(true);
      expect(await store.acquireLock('daemon', 'p2', 10_000, at(12_000))).toBe(false);
      expect(await store.acquireLock('daemon', 'p2', 10_000, at(18_000))).toBe(true);
    });

    it('locks with different names are independent', async () => {
      expect(await store.acquireLock('apply:a', 'p1', 10_000, at(0))).toBe(true);
      expect(await store.acquireLock('apply:b', 'p2', 10_000, at(0))).toBe(true);
    });

    it('refuses a non-positive ttl (a bug in the caller)', async () => {
      await expect(store.acquireLock('x', 'p', 0, at(0))).rejects.toThrow(RangeError);
    });
  });

  describe('token store (one process)', () => {
    const policy = { maxPerDay: 20, minIntervalMs: 30_000 };

    it('get/set/delete', async () => {
      const key = 'mp-stable:https://api.weixin.qq.com:wx0123456789abcdef';
      expect(await store.tokens.get(key)).toBeUndefined();
      const token = {
        token: 'ACCESS_TOKEN_1',
        expiresAt: new Date('2027-03-01T04:00:00.000Z'),
        obtainedAt: new Date('2027-03-01T02:00:00.000Z'),
      };
      await store.tokens.set(key, token);
      expect(await store.tokens.get(key)).toEqual(token);
      await store.tokens.set(key, {
        token: 'ACCESS_TOKEN_2',
        expiresAt: new Date('2027-03-01T05:00:00.000Z'),
      });
      expect(await store.tokens.get(key)).toEqual({
        token: 'ACCESS_TOKEN_2',
        expiresAt: new Date('2027-03-01T05:00:00.000Z'),
      });
      await store.tokens.delete(key);
      expect(await store.tokens.get(key)).toBeUndefined();
    });

    it('rations forced refreshes per key: 30 s apart, 20 a rolling day', async () => {
      const at = (s: number) => new Date(T0.getTime() + s * 1000);
      expect(await store.tokens.claimForceRefresh('k', at(0), policy)).toEqual({ granted: true });
      expect(await store.tokens.claimForceRefresh('k', at(10), policy)).toEqual({
        granted: false,
        reason: 'too-soon',
        retryAt: at(30),
      });
      expect(await store.tokens.claimForceRefresh('other', at(10), policy)).toEqual({ granted: true });
      for (let i = 1; i < 20; i++)
        expect((await store.tokens.claimForceRefresh('k', at(i * 60), policy)).granted).toBe(true);
      expect(await store.tokens.claimForceRefresh('k', at(20 * 60), policy)).toEqual({
        granted: false,
        reason: 'daily-limit',
        retryAt: at(24 * 3600),
      });
      expect((await store.tokens.claimForceRefresh('k', at(24 * 3600), policy)).granted).toBe(true);
    });
  });
});

describe('WAL switch on a new file', () => {
  it('tries again when SQLite refuses at once with SQLITE_BUSY (two processes creating the file), up to the busy timeout', async () => {
    const tmp = tempDir();
    const { default: BetterSqlite3 } = await import('better-sqlite3');
    const db = new BetterSqlite3(tmp.file());
    try {
      const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      let refusals = 2;
      const waits: number[] = [];
      const racing = {
        pragma: (sql: string) => {
          if (refusals-- > 0) throw busy();
          return db.pragma(sql);
        },
      } as Pick<typeof db, 'pragma'>;
      await enableWal(racing, 5_000, async (ms) => {
        waits.push(ms);
      });
      expect(waits).toEqual([2, 4]);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');

      // Other errors are not retried; BUSY past the timeout is given up.
      const broken = {
        pragma: () => {
          throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
        },
      };
      await expect(enableWal(broken, 5_000, async () => {})).rejects.toMatchObject({ code: 'SQLITE_IOERR' });
      const stuck = {
        pragma: () => {
          throw busy();
        },
      };
      await expect(enableWal(stuck, 0, async () => {})).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    } finally {
      db.close();
      tmp.cleanup();
    }
  });
});
