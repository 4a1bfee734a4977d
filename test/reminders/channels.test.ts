/**
 * Contract tests: each reminder adapter against the emulator over loopback, asserted on what the
 * emulator holds (/__emulator/state tasks, messages, menus, mass sends) rather than on mocks.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StepOutcome } from '../../src/outcome.js';
import { ADAPTERS, followUpGroupTask, type SendResult } from '../../src/reminders/channels/index.js';
import { invisibleMarker } from '../../src/reminders/channels/wecom-moments.js';
import type {
  OutboxRowSpec,
  SubscribeMessagePayload,
  WecomGroupsPayload,
} from '../../src/reminders/types.js';
import { type Contract, image, type Json, roomRequest, startContract } from '../contract/harness.js';
import { goddessRows, pick, rowOf, sendContext, withFans } from './support.js';

/** What a send produced, failing the test when it did not end `done`. */
async function doneOf(p: Promise<StepOutcome<SendResult>>): Promise<SendResult> {
  const o = await p;
  if (o.kind !== 'done') throw new Error(`the send ended ${JSON.stringify(o)}`);
  return o.value;
}

let c: Contract;
beforeEach(async () => {
  c = await startContract();
});
afterEach(async () => {
  await c.close();
});

const at = (spec: OutboxRowSpec) => c.setClock(new Date(spec.dueAt));

async function createRoom(): Promise<number> {
  const mp = c.clients.miniProgram;
  const cover = await mp.uploadMedia('image', image(1080, 1920));
  const share = await mp.uploadMedia('image', image(800, 640));
  const feeds = await mp.uploadMedia('image', image(800, 800));
  const start = Math.floor(c.now().getTime() / 1000) + 86_400;
  const { roomId } = await mp.rooms.create(
    roomRequest({
      coverImg: cover.mediaId,
      shareImg: share.mediaId,
      feedsImg: feeds.mediaId,
      startTime: start,
      endTime: start + 7200,
    }),
  );
  return roomId;
}

describe('wecom-groups', () => {
  it('creates one group-send task per sender with text, poster image and a mini-program card', async () => {
    const rows = goddessRows('1001');
    const spec = pick(rows, 't-3d', 'wecom-groups', 'sender:zhangsan');
    await at(spec);
    const r = await doneOf(ADAPTERS['wecom-groups'].send(rowOf(spec), sendContext(c)));
    const s = await c.state();
    const tasks = s.tasks.filter((t: Json) => t.kind === 'groupmsg');
    expect(tasks).toHaveLength(1);
    const t = tasks[0];
    expect(r.remoteId).toBe(t.id);
    expect(t).toMatchObject({ chatType: 'group', sender: 'zhangsan', text: spec.payload.text });
    expect(t.attachments.map((a: Json) => a.msgtype)).toEqual(['image', 'miniprogram']);
    const card = t.attachments[1].miniprogram;
    const p = spec.payload as WecomGroupsPayload;
    expect(card).toMatchObject({ title: '女神节直播专场', appid: 'wx0123456789abcdef' });
    // goddess-day has a live page: the card opens it with the code's scene as its query.
    expect(card.page).toBe(`pages/live/entry?r=1001&w=t-3d&lc=${p.marker}`);
    // The poster and the card cover were uploaded as temp media (3 days).
    const media = s.media.filter((m: Json) => m.realm === 'wecom' && m.kind === 'temp');
    expect(media.map((m: Json) => [m.width, m.height]).sort()).toEqual([
      [750, 1334],
      [800, 640],
    ]);
  });

  it('finds an earlier attempt whose answer was lost by the marker in its card, and only its own', async () => {
    const rows = goddessRows('1001');
    const mine = pick(rows, 't-3d', 'wecom-groups', 'sender:zhangsan');
    const other = pick(rows, 't-3d', 'wecom-groups', 'sender:lisi');
    await at(mine);
    await c.fault({
      path: '/qyapi/cgi-bin/externalcontact/add_msg_template',
      kind: 'drop-after-effect',
      times: 1,
    });
    const err = await ADAPTERS['wecom-groups'].send(rowOf(mine), sendContext(c)).catch((e) => e);
    expect(err).toMatchObject({ name: 'WeChatApiError', maybeApplied: true });
    const [task] = (await c.state()).tasks;
    await c.advance(3 * 60_000);
    const found = await ADAPTERS['wecom-groups'].lookup!(
      rowOf(mine, 1, 2),
      sendContext(c, { attemptStartedAt: new Date(mine.dueAt) }),
    );
    expect(found).toMatchObject({ found: true, remoteId: task.id });
    const none = await ADAPTERS['wecom-groups'].lookup!(rowOf(other), sendContext(c));
    expect(none).toEqual({ found: false });
  });
});

describe('wecom-groups follow-up', () => {
  it('sees whether the sender confirmed, and reminds at most 3 times a day', async () => {
    const spec = pick(goddessRows('1001'), 't-3d', 'wecom-groups', 'sender:zhangsan');
    await c.close();
    c = await startContract({ emulator: { confirm: 'manual' } });
    const r = await doneOf(ADAPTERS['wecom-groups'].send(rowOf(spec), sendContext(c)));
    const wc = c.clients.wecom;
    for (let i = 0; i < 3; i++)
      expect(await followUpGroupTask(wc, r.remoteId!, { remind: true })).toMatchObject({
        confirmed: false,
        reminded: true,
      });
    expect(await followUpGroupTask(wc, r.remoteId!, { remind: true })).toMatchObject({ reminded: false });
    await c.admin('tasks/confirm', { id: r.remoteId });
    expect(await followUpGroupTask(wc, r.remoteId!)).toMatchObject({ confirmed: true, reminded: false });
  });
});

describe('wecom-moments', () => {
  it('creates a Moments task with the poster as an attachment and polls the job to its moment id', async () => {
    const spec = pick(goddessRows('1001'), 't-3d', 'wecom-moments');
    await at(spec);
    const ctx = sendContext(c);
    const r = await doneOf(ADAPTERS['wecom-moments'].send(rowOf(spec), ctx));
    const s = await c.state();
    const t = s.tasks.find((x: Json) => x.kind === 'moment');
    // The text carries the row's marker as invisible characters at its end.
    expect(t).toMatchObject({
      text: spec.payload.text + invisibleMarker(spec.payload.marker),
      senders: ['zhangsan', 'lisi', 'wangwu'],
    });
    expect(invisibleMarker(spec.payload.marker)).toMatch(/^(?:\u200b|\u200c|\u200d|\u2060){24}$/);
    expect(t.attachments).toHaveLength(1);
    expect(t.attachments[0].msgtype).toBe('image');
    const att = s.media.find((m: Json) => m.mediaId === t.attachments[0].image.media_id);
    expect(att.kind).toBe('attachment');
    expect(r.remoteId).toBe(t.momentId);
    // The jobid was recorded as soon as WeCom answered: a crash while polling resumes from it.
    expect(ctx.checkpoints[0]).toEqual({ jobid: t.id });
    const again = await ADAPTERS['wecom-moments'].lookup!(
      rowOf(spec),
      sendContext(c, { previous: { jobid: t.id } }),
    );
    expect(again).toMatchObject({ found: true, remoteId: t.momentId });
    // Without a jobid (the create's answer was lost) the Moments list is searched for the marker.
    const byList = await ADAPTERS['wecom-moments'].lookup!(
      rowOf(spec),
      sendContext(c, { attemptStartedAt: c.now() }),
    );
    expect(byList).toMatchObject({ found: true, remoteId: t.momentId, details: { foundBy: 'moment list' } });
    const other = pick(goddessRows('1001'), 't-1d', 'wecom-moments');
    expect(
      await ADAPTERS['wecom-moments'].lookup!(rowOf(other), sendContext(c, { attemptStartedAt: c.now() })),
    ).toEqual({ found: false });
    const list = ((await c.requests()) as Json[]).filter((q) => q.path.endsWith('/get_moment_list'));
    expect(list[0]?.body).toMatchObject({ filter_type: 0 });
  });
});

describe('official-account', () => {
  it('sends the article: cover as permanent material, a draft, mass send with clientmsgid = the key', async () => {
    const spec = pick(goddessRows('1001'), 't-1d', 'official-account');
    await at(spec);
    const ctx = sendContext(c);
    const r = await doneOf(ADAPTERS['official-account'].send(rowOf(spec), ctx));
    const s = await c.state();
    expect(s.mass).toHaveLength(1);
    expect(s.mass[0]).toMatchObject({ clientmsgid: spec.idempotencyKey, isToAll: true });
    expect(r.remoteId).toBe(String(s.mass[0].msgId));
    const draft = s.drafts[0].articles[0];
    expect(draft.title).toBe('3月8日 20:00「女神节直播专场」开播');
    expect(draft.content).toContain('<p>明天20:00，「女神节直播专场」准时开播！</p>');
    expect(draft.content).toMatch(/<img src="http/);
    const thumb = s.media.find((m: Json) => m.mediaId === draft.thumb_media_id);
    expect(thumb.kind).toBe('permanent');
    const sent = s.messages.filter((m: Json) => m.kind === 'mass-send');
    expect(sent).toHaveLength(1);
    expect(sent[0].content.mpnews.articles[0].title).toBe(draft.title);
  });

  it('does not send again when a lost answer is older than the 24 hours WeChat deduplicates clientmsgid for', async () => {
    const spec = pick(goddessRows('1001'), 't-1d', 'official-account');
    await at(spec);
    await c.fault({ path: '/cgi-bin/message/mass/sendall', kind: 'drop-after-effect', times: 1 });
    const ctx = sendContext(c);
    const started = c.now();
    await expect(ADAPTERS['official-account'].send(rowOf(spec), ctx)).rejects.toMatchObject({
      maybeApplied: true,
    });
    await c.advance(23 * 3_600_000);
    const late = sendContext(c, { previous: ctx.previous, attemptStartedAt: started });
    expect(await ADAPTERS['official-account'].send(rowOf(spec, 1, 2), late)).toMatchObject({
      kind: 'failed',
      retryable: false,
      reason: expect.stringContaining('deduplicates clientmsgid for 24 hours only'),
    });
    const s = await c.state();
    expect(s.messages.filter((m: Json) => m.kind === 'mass-send')).toHaveLength(1);
  });

  it('cannot send twice: a retry after a lost answer reuses the draft and WeChat answers with the first msg_id', async () => {
    const spec = pick(goddessRows('1001'), 't-1d', 'official-account');
    await at(spec);
    await c.fault({ path: '/cgi-bin/message/mass/sendall', kind: 'drop-after-effect', times: 1 });
    const ctx = sendContext(c);
    await expect(ADAPTERS['official-account'].send(rowOf(spec), ctx)).rejects.toMatchObject({
      maybeApplied: true,
    });
    await c.advance(30_000);
    const retry = sendContext(c, { previous: ctx.previous });
    expect(await ADAPTERS['official-account'].lookup!(rowOf(spec, 1, 2), retry)).toEqual({ found: false });
    const r = await doneOf(ADAPTERS['official-account'].send(rowOf(spec, 1, 2), retry));
    const s = await c.state();
    expect(s.mass).toHaveLength(1);
    expect(s.drafts).toHaveLength(1);
    expect(r).toMatchObject({ remoteId: String(s.mass[0].msgId), details: { duplicate: true } });
    expect(s.messages.filter((m: Json) => m.kind === 'mass-send')).toHaveLength(1);
  });

  it('switches the first-level menu to the coupon entry, backing the old one up, and restores it', async () => {
    const rows = goddessRows('1001');
    const sw = pick(rows, 't-1d', 'official-account', 'menu-switch');
    const back = pick(rows, 't-1d', 'official-account', 'menu-restore');
    const oa = c.clients.officialAccount;
    const original = [
      { type: 'view', name: '官网', url: 'https://example.com/' },
      { type: 'click', name: '客服', key: 'kf' },
    ];
    await oa.createMenu({ button: original });
    await at(sw);
    const ctx = sendContext(c);
    await ADAPTERS['official-account'].send(rowOf(sw), ctx);
    let s = await c.state();
    expect(s.menus[0].button[0]).toMatchObject({
      type: 'miniprogram',
      name: '领女神券',
      appid: 'wx0123456789abcdef',
      pagepath: 'pages/coupon/claim',
    });
    expect(s.menus[0].button[1]).toEqual(original[1]);
    expect(ctx.store.get('menu')!.attributes.backup).toEqual({ button: original });

    // A repeated switch (lost answer) never backs up our own entry.
    await ADAPTERS['official-account'].send(rowOf(sw, 1, 2), sendContext(c));

    await at(back);
    const restore = sendContext(c);
    for (const [k, v] of ctx.store) restore.store.set(k, v);
    await ADAPTERS['official-account'].send(rowOf(back), restore);
    s = await c.state();
    expect(s.menus[0].button).toEqual(original);
    expect(restore.store.get('menu')!.attributes.restoredAt).toBe(c.now().toISOString());
  });

  it('restores "no menu" by deleting, and skips a restore when nothing was switched', async () => {
    const rows = goddessRows('1001');
    const sw = pick(rows, 't-1d', 'official-account', 'menu-switch');
    const back = pick(rows, 't-1d', 'official-account', 'menu-restore');
    expect(await ADAPTERS['official-account'].send(rowOf(back), sendContext(c))).toMatchObject({
      kind: 'skip',
    });
    const ctx = sendContext(c);
    await ADAPTERS['official-account'].send(rowOf(sw), ctx);
    expect((await c.state()).menus).toHaveLength(1);
    expect(ctx.store.get('menu')!.attributes.backup).toBeNull();
    const restore = sendContext(c);
    for (const [k, v] of ctx.store) restore.store.set(k, v);
    await ADAPTERS['official-account'].send(rowOf(back), restore);
    expect((await c.state()).menus).toHaveLength(0);
  });
});

describe('subscribe-message', () => {
  const fans = (openids: string[]) =>
    pick(goddessRows('1001', withFans, new Map([['audience.csv', openids]])), 'live', 'fans', 'openids:0001');

  it('sends to every openid of the slice; 43101 counts as not subscribed, not as a failure', async () => {
    const spec = fans(['o1', 'o2', 'o3', 'o4', 'o5']);
    await c.admin('subscribers/unsubscribe', { openids: ['o3'] });
    const r = await doneOf(ADAPTERS['subscribe-message'].send(rowOf(spec), sendContext(c)));
    expect(r.details).toEqual({ next: 5, sent: 4, refused: 1, invalid: 0, total: 5 });
    const msgs = (await c.state()).messages.filter((m: Json) => m.kind === 'subscribe');
    expect(msgs.map((m: Json) => m.to)).toEqual(['o1', 'o2', 'o4', 'o5']);
    expect(msgs[0].content).toMatchObject({
      template_id: 'tpl-live',
      page: 'pages/live/index',
      data: { thing1: { value: '女神节直播专场' }, time2: { value: '20:00' } },
    });
  });

  it('resumes a slice from its checkpoint, and stops on an error every openid would get', async () => {
    const spec = fans(['a', 'b', 'c']);
    const r = await doneOf(
      ADAPTERS['subscribe-message'].send(
        rowOf(spec),
        sendContext(c, { previous: { next: 2, sent: 2, refused: 0, invalid: 0 } }),
      ),
    );
    expect(r.details).toMatchObject({ next: 3, sent: 3 });
    expect((await c.state()).messages.map((m: Json) => m.to)).toEqual(['c']);
    const bad = { ...(spec.payload as SubscribeMessagePayload), data: { phrase1: 'not chinese' } };
    const ctx = sendContext(c);
    const err = await ADAPTERS['subscribe-message']
      .send({ ...rowOf(spec), payload: bad }, ctx)
      .catch((e) => e);
    expect(err).toMatchObject({ errcode: 47003, retryable: false });
    expect(ctx.checkpoints.at(-1)).toMatchObject({ next: 0, sent: 0 });
  });
});

describe('live-followers', () => {
  it('waits for the room to be live (retry later), then pushes every follower page', async () => {
    const roomId = await createRoom();
    const spec = pick(goddessRows(String(roomId)), 'live', 'live-followers');
    await c.admin('followers', { openids: Array.from({ length: 2500 }, (_, i) => `f${i}`) });
    expect(await ADAPTERS['live-followers'].send(rowOf(spec), sendContext(c))).toMatchObject({
      kind: 'retry-later',
    });
    await c.admin('rooms/status', { roomId, liveStatus: 101 });
    const r = await doneOf(ADAPTERS['live-followers'].send(rowOf(spec), sendContext(c)));
    expect(r.details).toMatchObject({ pushed: 2500 });
    const pushes = (await c.state()).messages.filter((m: Json) => m.kind === 'followers-push');
    expect(pushes.map((m: Json) => m.to.length)).toEqual([2000, 500]);
    expect(r.remoteId).toBe(pushes[0].id);
  });

  it('skips when another room of the app pushed today (once a day per app)', async () => {
    const first = await createRoom();
    const second = await createRoom();
    await c.admin('followers', { openids: ['f1'] });
    for (const id of [first, second]) await c.admin('rooms/status', { roomId: id, liveStatus: 101 });
    await c.clients.miniProgram.subscribers.pushMessage(first, ['f1']);
    const spec = pick(goddessRows(String(second)), 'live', 'live-followers');
    expect(await ADAPTERS['live-followers'].send(rowOf(spec), sendContext(c))).toMatchObject({
      kind: 'skip',
      reason: expect.stringMatching(/already pushed/),
    });
  });
});

describe('robot', () => {
  it('posts a cue as markdown with the key from the named environment variable', async () => {
    const spec = pick(goddessRows('1001'), 'during', 'staff', 'cue:coupon-1');
    const r = await doneOf(
      ADAPTERS.robot.send(rowOf(spec), sendContext(c, { env: { LIVECTL_ROBOT_STAFF: 'k-staff' } })),
    );
    const m = (await c.state()).messages.find((x: Json) => x.kind === 'robot');
    expect(m.content.msgtype).toBe('markdown');
    expect(m.content.markdown.content).toContain('全场立减20（500张）');
    expect(r.details).toMatchObject({ msgtype: 'markdown' });
    expect(ADAPTERS.robot.lookup).toBeUndefined();
    expect(ADAPTERS.robot.delivery).toBe('at-least-once');
  });

  it('fails clearly when the key variable is not set', async () => {
    const spec = pick(goddessRows('1001'), 'live', 'staff');
    expect(await ADAPTERS.robot.send(rowOf(spec), sendContext(c))).toMatchObject({
      kind: 'failed',
      retryable: true,
      reason: expect.stringMatching(/LIVECTL_ROBOT_STAFF is not set/),
    });
  });
});
