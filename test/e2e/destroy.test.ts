import { afterEach, describe, expect, it } from 'vitest';
import { reconcileSchedule } from '../../src/reminders/reconcile.js';
import { openSqliteStore } from '../../src/state/sqlite-store.js';
import { type E2E, HOUR, type Json, startE2E } from './support/workspace.js';

/** destroy: what livectl made goes, a started room stays (and says so), pending reminders are cancelled. */

let e: E2E | undefined;
afterEach(async () => {
  await e?.close();
  e = undefined;
});

const platform = async (x: E2E) => {
  const s = await x.state();
  return { rooms: s.rooms.filter((r: Json) => !r.deleted), goods: s.goods.filter((g: Json) => !g.deleted) };
};

async function writeReminders(x: E2E, n: number): Promise<void> {
  const store = await openSqliteStore(x.ws.statePath, { clock: { now: () => x.now() } });
  try {
    await store.outbox().upsert(
      'spring-tea',
      Array.from({ length: n }, (_, i) => ({
        campaign: 'spring-tea',
        wave: `w${i}`,
        channel: 'wecom-groups',
        slice: '',
        dueAt: new Date(x.now().getTime() + (i + 1) * HOUR).toISOString(),
        graceMs: 600_000,
        idempotencyKey: `spring-tea/w${i}/wecom-groups`,
        payload: {},
      })),
      x.now(),
      reconcileSchedule,
    );
  } finally {
    await store.close();
  }
}

describe('livectl destroy', () => {
  it('needs --yes when it cannot ask', async () => {
    e = await startE2E();
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    const r = await e.cli(['destroy', 'campaign.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('destroy needs --yes');
    expect((await platform(e)).rooms).toHaveLength(1);
  });

  it('withdraws audits in progress, deletes goods and the room, cancels pending reminders, forgets the campaign', async () => {
    e = await startE2E();
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    await writeReminders(e, 3);
    const st = JSON.parse((await e.cli(['status', 'campaign.yaml', '--format', 'json'])).stdout);
    expect(st.outbox.pending).toBe(3);
    expect(st.goods.every((g: Json) => g.auditStatus === 'pending')).toBe(true);

    const d = await e.cli(['destroy', 'campaign.yaml', '--yes']);
    expect(d.code).toBe(0);
    expect(d.stdout).toMatch(/- goods\/longjing .*in audit: the audit is withdrawn first/);
    expect(d.stdout).toContain('3 pending reminders cancelled');
    expect(d.stdout).toContain('spring-tea is forgotten by the state store');
    const p = await platform(e);
    expect(p.rooms).toHaveLength(0);
    expect(p.goods).toHaveLength(0);
    const paths = (await e.requests()).map((r) => r.path);
    expect(paths.filter((x) => x.endsWith('/goods/resetaudit'))).toHaveLength(3);
    expect((await e.cli(['destroy', 'campaign.yaml', '--yes'])).stdout).toContain('Nothing to destroy');
  });

  it('keeps a started room and the goods on its shelf, and says so', async () => {
    e = await startE2E();
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    await e.advance(3 * HOUR); // audit passes
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    expect((await platform(e)).rooms[0].goods).toHaveLength(3);
    await writeReminders(e, 2);
    // The broadcast starts (2027-03-20 19:30 Shanghai).
    await e.setClock(new Date('2027-03-20T11:40:00Z'));

    const d = await e.cli(['destroy', 'campaign.yaml', '--yes', '--format', 'json']);
    expect(d.code).toBe(0);
    const lines = d.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json);
    const summary = lines.at(-1)!;
    expect(summary).toMatchObject({
      type: 'summary',
      outcome: 'complete',
      forgotten: false,
      cancelledReminders: 2,
    });
    expect(summary.kept.map((k: Json) => k.address).sort()).toEqual([
      'goods/biluochun',
      'goods/longjing',
      'goods/teaset',
      'room',
    ]);
    expect(summary.message).toMatch(
      /Kept: room \(the broadcast has started \(live\): a started room is kept\)/,
    );
    const p = await platform(e);
    expect(p.rooms).toHaveLength(1);
    expect(p.goods).toHaveLength(3);
    const st = JSON.parse((await e.cli(['status', 'campaign.yaml', '--format', 'json'])).stdout);
    expect(st.known).toBe(true);
    expect(st.room.roomId).toBe(String(p.rooms[0].roomId));
    expect(st.codes).toEqual([]);
    // apply scheduled 5 rows (one per wave); writing 2 others cancelled them; destroy cancelled the 2.
    expect(st.outbox).toMatchObject({ pending: 0, cancelled: 7 });
  });
});
