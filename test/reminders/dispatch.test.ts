/**
 * dispatchDue against the emulator over loopback, on a real SQLite store: every wave of goddess-day
 * at its time, lost answers, crashed dispatchers, overlapping ones, and missed windows. The clock is
 * injected everywhere (dispatch `now`, the clients' clock and the emulator's clock move together).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../src/reminders/channels/index.js';
import { type DispatchSummary, dispatchDue } from '../../src/reminders/dispatch.js';
import { outboxSummary, renderOutboxSummary, writeOutbox } from '../../src/reminders/outbox.js';
import type { OutboxRowSpec, WecomGroupsPayload } from '../../src/reminders/types.js';
import { openSqliteStore, type SqliteStateStore } from '../../src/state/sqlite-store.js';
import { type Contract, type Json, startContract } from '../contract/harness.js';
import { createRoomAt, goddessRows, rowOf, sendContext } from './support.js';

const CAMPAIGN = 'goddess-day-2027';
const START = new Date('2027-03-08T12:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

let c: Contract;
let dir: string;
let store: SqliteStateStore;

beforeEach(async () => {
  c = await startContract();
  dir = mkdtempSync(path.join(os.tmpdir(), 'livectl-dispatch-'));
  store = await openSqliteStore(path.join(dir, 'state.db'), { clock: { now: () => c.now() } });
});
afterEach(async () => {
  await store.close();
  await c.close();
  rmSync(dir, { recursive: true, force: true });
});

// goddess-day keeps a replay (its replay wave waits for it).
const createRoom = () => createRoomAt(c, START, { closeReplay: 0 });

async function dispatchAt(
  now: Date,
  extra: Partial<Parameters<typeof dispatchDue>[0]> = {},
): Promise<DispatchSummary> {
  await c.setClock(now);
  return dispatchDue({
    store,
    clients: c.clients,
    now,
    owner: extra.owner ?? 'test',
    env: { LIVECTL_ROBOT_STAFF: 'robot-key-staff' },
    sleep: async () => {},
    ...extra,
  });
}

const markerCount = (s: Json, marker: string) =>
  s.tasks.filter((t: Json) =>
    (t.attachments ?? []).some(
      (a: Json) => a.msgtype === 'miniprogram' && a.miniprogram.page.includes(`lc=${marker}`),
    ),
  ).length;

describe('dispatch: goddess-day wave by wave', () => {
  it('sends each channel once at its time, with the poster and the right text; the menu switches and comes back', async () => {
    const roomId = await createRoom();
    const original = [
      { type: 'view', name: '官网', url: 'https://example.com/' },
      { type: 'click', name: '客服', key: 'kf' },
    ];
    await c.clients.officialAccount.createMenu({ button: original });
    await c.admin('followers', { openids: ['f1', 'f2', 'f3'] });
    const rows = goddessRows(String(roomId));
    expect(await writeOutbox(store, CAMPAIGN, rows, c.now())).toMatchObject({ inserted: rows.length });

    const times = [...new Set(rows.map((r) => r.dueAt))].sort();
    const menuAfterT1d: Json[] = [];
    for (const t of times) {
      const s = await dispatchAt(new Date(t));
      expect(s.failed, JSON.stringify(s.rows.filter((r) => r.outcome !== 'sent'))).toBe(0);
      expect(s.sent).toBe(rows.filter((r) => r.dueAt === t).length);
      if (t === '2027-03-07T04:00:00.000Z') menuAfterT1d.push(...(await c.state()).menus);
    }
    // A later run finds nothing to do.
    expect((await dispatchAt(new Date('2027-03-20T00:00:00Z'))).claimed).toBe(0);

    const s = await c.state();
    const groups = rows.filter((r) => r.payload.type === 'wecom-groups');
    expect(groups).toHaveLength(12);
    expect(s.tasks.filter((t: Json) => t.kind === 'groupmsg')).toHaveLength(12);
    for (const r of groups) {
      const p = r.payload as WecomGroupsPayload;
      expect(markerCount(s, p.marker)).toBe(1);
      const task = s.tasks.find((t: Json) =>
        t.attachments.some((a: Json) => a.miniprogram?.page.includes(`lc=${p.marker}`)),
      );
      expect(task).toMatchObject({ sender: p.sender, text: p.text, created: r.dueAt });
      // The waves with a rendered poster carry it as an image before the card.
      const withPoster = ['t-3d', 't-1d', 'live'].includes(r.wave);
      expect(task.attachments.map((a: Json) => a.msgtype)).toEqual(
        withPoster ? ['image', 'miniprogram'] : ['miniprogram'],
      );
    }
    const moments = s.tasks.filter((t: Json) => t.kind === 'moment');
    expect(moments.map((t: Json) => t.created)).toEqual([
      '2027-03-05T02:00:00.000Z',
      '2027-03-07T04:00:00.000Z',
      '2027-03-08T11:30:00.000Z',
      '2027-03-09T02:00:00.000Z',
    ]);
    expect(moments[0].text).toMatch(/^【直播预告】3月8日（周一）20:00–22:00/);
    expect(moments[2].text).toMatch(/^还有30分钟开播/);
    // The Official Account: one mass send of the article; the menu switched at t-1d and restored.
    expect(s.mass).toHaveLength(1);
    expect(s.messages.filter((m: Json) => m.kind === 'mass-send')[0].content.mpnews.articles[0].title).toBe(
      '3月8日 20:00「女神节直播专场」开播',
    );
    expect(menuAfterT1d[0]?.button[0]).toMatchObject({ type: 'miniprogram', name: '领女神券' });
    expect(s.menus[0]?.button).toEqual(original);
    // Followers pushed once at go-live; the robot got the live heads-up and the five cues (like-threshold lotteries are not cues).
    const pushes = s.messages.filter((m: Json) => m.kind === 'followers-push');
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toMatchObject({ at: START.toISOString(), to: ['f1', 'f2', 'f3'] });
    const robot = s.messages.filter((m: Json) => m.kind === 'robot');
    expect(robot).toHaveLength(6);
    expect(robot.map((m: Json) => m.content.markdown.content).join('\n')).toContain(
      '现在发券：全场立减20（500张）',
    );

    const summary = await outboxSummary(store, CAMPAIGN);
    expect(summary.counts).toMatchObject({ sent: rows.length, pending: 0, failed: 0, skipped: 0 });
  });
});

describe('dispatch: exactly once when answers are lost', () => {
  it('looks an attempt with a lost answer up before sending again, and finds it', async () => {
    const rows = goddessRows('1001').filter((r) => r.wave === 't-3d' && r.channel === 'wecom-groups');
    await writeOutbox(store, CAMPAIGN, rows, c.now());
    await c.fault({
      path: '/qyapi/cgi-bin/externalcontact/add_msg_template',
      kind: 'drop-after-effect',
      times: 2,
    });
    const due = new Date(rows[0]!.dueAt);
    const first = await dispatchAt(due);
    expect(first).toMatchObject({ claimed: 2, retrying: 2, sent: 0 });
    expect(first.rows[0]!.reason).toMatch(/may or may not have taken effect|network error/);
    const second = await dispatchAt(new Date(due.getTime() + 10 * MIN));
    expect(second).toMatchObject({ claimed: 2, sent: 2, recovered: 2 });
    expect((await c.state()).tasks).toHaveLength(2);
  });

  it('a lost answer to add_moment_task makes exactly one Moments task: the next run finds it in get_moment_list', async () => {
    const rows = goddessRows('1001').filter((r) => r.wave === 't-3d' && r.channel === 'wecom-moments');
    expect(rows).toHaveLength(1);
    await writeOutbox(store, CAMPAIGN, rows, c.now());
    await c.fault({
      path: '/qyapi/cgi-bin/externalcontact/add_moment_task',
      kind: 'drop-after-effect',
      times: 1,
    });
    const due = new Date(rows[0]!.dueAt);
    const first = await dispatchAt(due);
    expect(first).toMatchObject({ claimed: 1, retrying: 1, sent: 0 });
    expect((await c.state()).tasks.filter((t: Json) => t.kind === 'moment')).toHaveLength(1);
    const second = await dispatchAt(new Date(due.getTime() + 10 * MIN));
    expect(second).toMatchObject({ claimed: 1, sent: 1, recovered: 1 });
    const moments = (await c.state()).tasks.filter((t: Json) => t.kind === 'moment');
    expect(moments).toHaveLength(1);
    expect(second.rows[0]!.remoteId).toBe(moments[0].momentId);
    const lists = ((await c.requests()) as Json[]).filter((r) => r.path.endsWith('/get_moment_list'));
    expect(lists.length).toBeGreaterThan(0);
    expect(lists[0]?.body).toMatchObject({ filter_type: 0 });
    const ob = store.outbox();
    expect((await ob.list())[0]).toMatchObject({
      status: 'sent',
      attempts: 1,
      details: { foundBy: 'moment list' },
    });
  });

  it("takes over a crashed dispatcher's row after its lease and does not send it twice", async () => {
    const [spec] = goddessRows('1001').filter((r) => r.wave === 't-3d' && r.channel === 'wecom-groups');
    await writeOutbox(store, CAMPAIGN, [spec!], c.now());
    const due = new Date(spec!.dueAt);
    await c.setClock(due);
    // The crashed dispatcher: claimed, recorded the attempt, sent, and died before recording it.
    const ob = store.outbox();
    const [claimed] = await ob.claim({ now: due, owner: 'crashed', limit: 1, leaseMs: 5 * MIN });
    await ob.begin(claimed!.id, 'crashed', due, 5 * MIN);
    await ADAPTERS['wecom-groups'].send(rowOf(spec!), sendContext(c));
    expect((await dispatchAt(new Date(due.getTime() + 2 * MIN))).claimed).toBe(0); // lease still held
    const s = await dispatchAt(new Date(due.getTime() + 6 * MIN));
    expect(s).toMatchObject({ claimed: 1, sent: 1, recovered: 1 });
    expect((await c.state()).tasks).toHaveLength(1);
    expect((await ob.list())[0]).toMatchObject({
      status: 'sent',
      attempts: 1,
      details: { foundBy: 'task list' },
    });
  });

  it('a row taken over while its first send is still in flight is looked up again before it is sent', async () => {
    const [spec] = goddessRows('1001').filter((r) => r.wave === 't-3d' && r.channel === 'wecom-groups');
    await writeOutbox(store, CAMPAIGN, [spec!], c.now());
    const due = new Date(spec!.dueAt);
    await c.setClock(due);
    // A slow dispatcher: claimed, recorded the attempt, and its lease ran out before its request landed.
    const ob = store.outbox();
    const [claimed] = await ob.claim({ now: due, owner: 'slow', limit: 1, leaseMs: 5 * MIN });
    await ob.begin(claimed!.id, 'slow', due, 5 * MIN);
    // The takeover finds nothing on the platform yet: it does not send, it looks again later.
    const first = await dispatchAt(new Date(due.getTime() + 6 * MIN));
    expect(first).toMatchObject({ claimed: 1, sent: 0, retrying: 1 });
    expect((await c.state()).tasks).toHaveLength(0);
    expect((await ob.list())[0]).toMatchObject({
      status: 'pending',
      details: { settledAttempt: claimed!.attemptStartedAt ?? due.toISOString() },
    });
    // The slow request lands; the next look finds it: one task, sent once.
    await ADAPTERS['wecom-groups'].send(rowOf(spec!), sendContext(c));
    expect((await dispatchAt(new Date(due.getTime() + 6 * MIN + 30_000))).claimed).toBe(0); // not yet
    const second = await dispatchAt(new Date(due.getTime() + 8 * MIN));
    expect(second).toMatchObject({ claimed: 1, sent: 1, recovered: 1 });
    expect((await c.state()).tasks).toHaveLength(1);
  });

  it('a lookup that found nothing twice, a minute apart, sends the row once', async () => {
    const [spec] = goddessRows('1001').filter((r) => r.wave === 't-3d' && r.channel === 'wecom-groups');
    await writeOutbox(store, CAMPAIGN, [spec!], c.now());
    const due = new Date(spec!.dueAt);
    await c.setClock(due);
    // A dispatcher that died before its request left: nothing will ever land.
    const ob = store.outbox();
    const [claimed] = await ob.claim({ now: due, owner: 'dead', limit: 1, leaseMs: 5 * MIN });
    await ob.begin(claimed!.id, 'dead', due, 5 * MIN);
    expect(await dispatchAt(new Date(due.getTime() + 6 * MIN))).toMatchObject({ sent: 0, retrying: 1 });
    expect(await dispatchAt(new Date(due.getTime() + 8 * MIN))).toMatchObject({ sent: 1, recovered: 0 });
    expect((await c.state()).tasks).toHaveLength(1);
  });

  it('two dispatchers at once send every row once', async () => {
    const rows: OutboxRowSpec[] = goddessRows('1001', (t) =>
      t.replace(
        'senders: [zhangsan, lisi]',
        `senders: [${Array.from({ length: 30 }, (_, i) => `s${i}`).join(', ')}]`,
      ),
    ).filter((r) => r.wave === 't-3d' && r.channel === 'wecom-groups');
    expect(rows).toHaveLength(30);
    await writeOutbox(store, CAMPAIGN, rows, c.now());
    const due = new Date(rows[0]!.dueAt);
    await c.setClock(due);
    const [a, b] = await Promise.all([
      dispatchDue({ store, clients: c.clients, now: due, owner: 'a', batchSize: 5, sleep: async () => {} }),
      dispatchDue({ store, clients: c.clients, now: due, owner: 'b', batchSize: 5, sleep: async () => {} }),
    ]);
    expect(a!.sent + b!.sent).toBe(30);
    expect(a!.claimed + b!.claimed).toBe(30);
    expect((await c.state()).tasks).toHaveLength(30);
  });
});

describe('dispatch: retries, failures and missed windows', () => {
  it('retries a busy platform with backoff, fails a permanent error at once, exit-worthy', async () => {
    const rows = goddessRows('1001').filter((r) => r.wave === 't-3d');
    await writeOutbox(store, CAMPAIGN, rows, c.now());
    const due = new Date(rows[0]!.dueAt);
    await c.fault({
      path: '/qyapi/cgi-bin/externalcontact/add_moment_task',
      kind: 'errcode',
      errcode: 40058,
      times: 1,
    });
    await c.fault({
      path: '/qyapi/cgi-bin/externalcontact/add_msg_template',
      kind: 'errcode',
      errcode: -1,
      times: 2,
    });
    const s = await dispatchAt(due);
    const by = (ch: string) => s.rows.filter((r) => r.channel === ch);
    expect(by('wecom-moments')[0]).toMatchObject({
      outcome: 'failed',
      reason: expect.stringMatching(/40058/),
    });
    expect(by('wecom-groups').map((r) => r.outcome)).toEqual(['retry', 'retry']);
    const next = Math.max(...by('wecom-groups').map((r) => Date.parse(r.nextAttemptAt!)));
    expect(next - due.getTime()).toBeGreaterThanOrEqual(30_000);
    expect(next - due.getTime()).toBeLessThanOrEqual(60_000);
    expect((await dispatchAt(new Date(due.getTime() + 10_000))).claimed).toBe(0); // backoff holds
    const later = await dispatchAt(new Date(next));
    expect(later).toMatchObject({ sent: 2 });
    // -1 on a create may have run: the retry looked first (nothing there), then sent once each.
    expect((await c.state()).tasks.filter((t: Json) => t.kind === 'groupmsg')).toHaveLength(2);
  });

  it('a dispatcher down for 2 hours sends the T-1d article late within grace and skips T-30m; status shows both', async () => {
    await c.clients.officialAccount.createMenu({ button: [{ type: 'click', name: '客服', key: 'kf' }] });
    const rows = goddessRows('1001').filter(
      (r) => ['t-1d', 't-30m'].includes(r.wave) && !r.slice.startsWith('menu-restore'),
    );
    await writeOutbox(store, CAMPAIGN, rows, c.now());
    const t1d = new Date('2027-03-07T04:00:00Z');
    const t30 = new Date('2027-03-08T11:30:00Z');
    const late = await dispatchAt(new Date(t1d.getTime() + 2 * HOUR));
    expect(late.failed + late.skipped).toBe(0);
    expect(late.rows.find((r) => r.channel === 'official-account' && r.slice === '')).toMatchObject({
      outcome: 'sent',
    });
    const missed = await dispatchAt(new Date(t30.getTime() + 2 * HOUR));
    expect(missed.rows.map((r) => r.outcome)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(missed.rows[0]!.reason).toBe(
      'past its grace window: due 2027-03-08 19:30, 15m grace, now 2027-03-08 21:30 Asia/Shanghai',
    );

    const s = await c.state();
    expect(s.mass).toHaveLength(1);
    expect(s.tasks.filter((t: Json) => t.created.startsWith('2027-03-08'))).toHaveLength(0);
    const lines = renderOutboxSummary(await outboxSummary(store, CAMPAIGN), 'Asia/Shanghai');
    expect(lines[0]).toBe('outbox: 0 pending · 0 sending · 5 sent · 3 skipped · 0 failed · 0 cancelled');
    expect(lines.join('\n')).toMatch(/last sent: 2027-03-07 14:00 t-1d .* \(due 2027-03-07 12:00\)/);
    expect(lines.filter((l) => l.startsWith('skipped t-30m'))).toHaveLength(3);
    expect(lines.join('\n')).toContain(
      'skipped t-30m wecom-moments (due 2027-03-08 19:30): past its grace window',
    );
  });

  it("tells the campaign's robot when a row failed, with the reason", async () => {
    const rows = goddessRows('1001').filter(
      (r) => r.wave === 't-3d' || (r.wave === 'live' && r.channel === 'staff'),
    );
    await writeOutbox(store, CAMPAIGN, rows, c.now());
    await c.fault({
      path: '/qyapi/cgi-bin/externalcontact/add_moment_task',
      kind: 'errcode',
      errcode: 40058,
      times: 1,
    });
    const s = await dispatchAt(new Date(rows[0]!.dueAt));
    expect(s).toMatchObject({ failed: 1, alerts: [{ campaign: CAMPAIGN, sent: true }] });
    const robot = (await c.state()).messages.filter((m: Json) => m.kind === 'robot');
    expect(robot).toHaveLength(1);
    expect(robot[0].content.markdown.content).toMatch(
      /livectl: 1 reminder of goddess-day-2027 failed[\s\S]*> t-3d wecom-moments: .*40058/,
    );
  });

  it('45009 (frequency limit): the row is retried later and the rest of the corp held back, as apply stops its run', async () => {
    const rows = goddessRows('1001').filter((r) => r.wave === 't-3d');
    await writeOutbox(store, CAMPAIGN, rows, c.now());
    await c.fault({
      path: '/qyapi/cgi-bin/externalcontact/add_msg_template',
      kind: 'errcode',
      errcode: 45009,
      times: 1,
    });
    const due = new Date(rows[0]!.dueAt);
    const s = await dispatchAt(due, { concurrency: 1 });
    expect(s).toMatchObject({ claimed: 3, retrying: 1, sent: 0, failed: 0, released: 2 });
    expect(s.rows[0]).toMatchObject({
      channel: 'wecom-groups',
      outcome: 'retry',
      reason: expect.stringMatching(/45009/),
    });
    expect(s.heldBack).toEqual([
      { account: expect.stringMatching(/^wecom /), reason: expect.stringMatching(/45009/) },
    ]);
    // Nothing else went to WeCom in that run; the two rows given back spent no attempt.
    expect((await c.state()).tasks).toHaveLength(0);
    const ob = store.outbox();
    expect((await ob.list()).map((r) => [r.status, r.attempts]).sort()).toEqual([
      ['pending', 0],
      ['pending', 0],
      ['pending', 1],
    ]);
    // A minute later (past the retry's 30–60 s backoff) the next run sends all three, once each.
    expect(await dispatchAt(new Date(due.getTime() + MIN))).toMatchObject({ sent: 3 });
    expect((await c.state()).tasks).toHaveLength(3);
  });

  it('a stop request mid-run gives the unstarted rows back at once', async () => {
    const rows = goddessRows('1001').filter((r) => r.wave === 't-3d');
    await writeOutbox(store, CAMPAIGN, rows, c.now());
    let n = 0;
    const s = await dispatchAt(new Date(rows[0]!.dueAt), { concurrency: 1, shouldStop: () => n++ > 1 });
    expect(s.claimed).toBe(3);
    expect(s.sent).toBe(1);
    const ob = store.outbox();
    expect(await ob.counts(CAMPAIGN)).toMatchObject({ sent: 1, pending: 2, claimed: 0 });
  });
});

describe('dispatch: following group sends up', () => {
  it('reminds members who have not confirmed, an hour after and then every 8 hours, at most 3 times, until they confirm', async () => {
    await c.close();
    c = await startContract({ emulator: { confirm: 'manual' } });
    const rows = goddessRows('1001').filter((r) => r.wave === 't-3d' && r.channel === 'wecom-groups');
    await writeOutbox(store, CAMPAIGN, rows, c.now());
    const due = new Date(rows[0]!.dueAt);
    const reminds = async () =>
      ((await c.requests()) as Json[]).filter((r) => r.path.endsWith('/remind_groupmsg_send')).length;

    const sent = await dispatchAt(due);
    // The first read of a task comes 15 minutes after its send, not in the run that sent it (a run
    // that sends 10,000 rows does not read them all straight back).
    expect(sent).toMatchObject({ sent: 2 });
    expect(sent.followUps).toBeUndefined();
    // Too early for a reminder (within the first hour), then one each for both sends.
    expect((await dispatchAt(new Date(due.getTime() + 30 * MIN))).followUps).toMatchObject({ checked: 2 });
    // Checked 5 minutes ago: not read again (cron runs every minute).
    expect((await dispatchAt(new Date(due.getTime() + 35 * MIN))).followUps).toBeUndefined();
    expect(await reminds()).toBe(0);
    const first = await dispatchAt(new Date(due.getTime() + 61 * MIN));
    expect(first.followUps).toMatchObject({ checked: 2, reminded: 2 });
    // Not again before 8 hours; then again, twice more at most (3 in 24 h).
    await dispatchAt(new Date(due.getTime() + 5 * HOUR));
    expect(await reminds()).toBe(2);
    for (const h of [10, 19, 23]) await dispatchAt(new Date(due.getTime() + h * HOUR));
    expect(await reminds()).toBe(6);
    // Members confirm: the follow-up records it and stops.
    await c.admin('tasks/confirm', {});
    const done = await dispatchAt(new Date(due.getTime() + 23.5 * HOUR));
    expect(done.followUps).toMatchObject({ checked: 2, confirmed: 2 });
    const after = await dispatchAt(new Date(due.getTime() + 23.7 * HOUR));
    expect(after.followUps).toBeUndefined();
  });

  it('follows up every unconfirmed send, not only the first 50: 60 senders, 60 reminded', async () => {
    await c.close();
    c = await startContract({ emulator: { confirm: 'manual' } });
    const senders = Array.from({ length: 60 }, (_, i) => `s${String(i).padStart(2, '0')}`);
    const rows = goddessRows('1001', (t) =>
      t.replace('senders: [zhangsan, lisi]', `senders: [${senders.join(', ')}]`),
    ).filter((r) => r.wave === 't-3d' && r.channel === 'wecom-groups');
    expect(rows).toHaveLength(60);
    await writeOutbox(store, CAMPAIGN, rows, c.now());
    const due = new Date(rows[0]!.dueAt);
    const sent = await dispatchAt(due);
    expect(sent).toMatchObject({ sent: 60 });
    expect(sent.followUps).toBeUndefined();
    // Sent 10 minutes ago: nothing to read yet (the store filters, not the loop after a page).
    expect((await dispatchAt(new Date(due.getTime() + 10 * MIN))).followUps).toBeUndefined();
    expect((await dispatchAt(new Date(due.getTime() + 16 * MIN))).followUps).toMatchObject({ checked: 60 });
    const first = await dispatchAt(new Date(due.getTime() + 61 * MIN));
    expect(first.followUps).toMatchObject({ checked: 60, reminded: 60, errors: 0 });
    const reminded = ((await c.requests()) as Json[])
      .filter((r) => r.path.endsWith('/remind_groupmsg_send'))
      .map((r) => r.body.msgid);
    const msgids = (await c.state()).tasks.map((t: Json) => t.id);
    expect(new Set(reminded)).toEqual(new Set(msgids));
  });
});
