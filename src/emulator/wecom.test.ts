import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, type Json, png, startHarness, T0 } from '../../test/support/emulator.js';

let h: Harness;
let cp: string;
beforeEach(async () => {
  h = await startHarness({ confirm: 'manual' });
  cp = await h.wecomToken();
});
afterEach(async () => {
  await h.emu.close();
});

const X = '/qyapi/cgi-bin/externalcontact';

describe('WeCom group-send and Moments', () => {
  it('creates a group task that members confirm, then the query APIs show it sent', async () => {
    const img = (await h.upload('/qyapi/cgi-bin/media/upload', png(520, 416), { type: 'image' }, cp))
      .media_id;
    const body = {
      chat_type: 'group',
      sender: 'zhangsan',
      chat_id_list: ['wrOg1', 'wrOg2'],
      text: { content: '女神节直播 3 天后开始' },
      attachments: [
        { msgtype: 'image', image: { media_id: img } },
        {
          msgtype: 'miniprogram',
          miniprogram: { title: '直播间', pic_media_id: img, appid: 'wxapp', page: '/pages/live/index' },
        },
      ],
    };
    expect((await h.post(`${X}/add_msg_template`, { ...body, sender: undefined }, cp)).errcode).toBe(40058);
    const r = await h.post(`${X}/add_msg_template`, body, cp);
    expect(r).toMatchObject({ errcode: 0, msgid: expect.any(String), fail_list: [] });
    const task = async () => (await h.post(`${X}/get_groupmsg_task`, { msgid: r.msgid }, cp)).task_list[0];
    expect(await task()).toMatchObject({ userid: 'zhangsan', status: 0 });
    let s = await h.state();
    expect(s.tasks[0]).toMatchObject({
      kind: 'groupmsg',
      sender: 'zhangsan',
      text: '女神节直播 3 天后开始',
      status: 'pending',
    });
    await h.admin('tasks/confirm', { id: r.msgid });
    expect(await task()).toMatchObject({ status: 2 });
    const res = await h.post(`${X}/get_groupmsg_send_result`, { msgid: r.msgid, userid: 'zhangsan' }, cp);
    expect(res.send_list.map((x: Json) => [x.chat_id, x.status])).toEqual([
      ['wrOg1', 1],
      ['wrOg2', 1],
    ]);
    const list = await h.post(
      `${X}/get_groupmsg_list_v2`,
      {
        chat_type: 'group',
        start_time: Math.floor(T0.getTime() / 1000) - 60,
        end_time: Math.floor(T0.getTime() / 1000) + 60,
      },
      cp,
    );
    expect(list.group_msg_list[0]).toMatchObject({ msgid: r.msgid, create_type: 0 });
    s = await h.state();
    expect(s.tasks[0].status).toBe('sent');
  });

  it('enforces text bytes, ≤9 attachments, expired media (40007) and ≤3 reminders a day', async () => {
    const img = (await h.upload('/qyapi/cgi-bin/media/upload', png(100), { type: 'image' }, cp)).media_id;
    const send = (extra: Json) => h.post(`${X}/add_msg_template`, { external_userid: ['wm1'], ...extra }, cp);
    expect((await send({ text: { content: '字'.repeat(1334) } })).errcode).toBe(40058); // 4002 bytes
    const ten = Array.from({ length: 10 }, () => ({ msgtype: 'image', image: { media_id: img } }));
    expect((await send({ attachments: ten })).errcode).toBe(40058);
    const r = await send({ text: { content: 'hi' } });
    for (let i = 0; i < 3; i++)
      expect((await h.post(`${X}/remind_groupmsg_send`, { msgid: r.msgid }, cp)).errcode).toBe(0);
    expect((await h.post(`${X}/remind_groupmsg_send`, { msgid: r.msgid }, cp)).errcode).not.toBe(0);
    await h.setClock(T0.getTime() + 3 * 86_400_000);
    cp = await h.wecomToken();
    expect((await send({ attachments: [{ msgtype: 'image', image: { media_id: img } }] })).errcode).toBe(
      40007,
    );
  });

  it('caps each recipient at the monthly limit (status 3)', async () => {
    await h.emu.close();
    h = await startHarness({ confirm: 'immediate', wecomMonthlyCap: 1 });
    cp = await h.wecomToken();
    const a = await h.post(
      `${X}/add_msg_template`,
      { external_userid: ['wm1'], sender: 'zs', text: { content: 'a' } },
      cp,
    );
    const b = await h.post(
      `${X}/add_msg_template`,
      { external_userid: ['wm1'], sender: 'zs', text: { content: 'b' } },
      cp,
    );
    const status = async (msgid: string) =>
      (await h.post(`${X}/get_groupmsg_send_result`, { msgid, userid: 'zs' }, cp)).send_list[0].status;
    expect(await status(a.msgid)).toBe(1);
    expect(await status(b.msgid)).toBe(3);
  });

  it('creates a Moments task, reports the job, and shows publishing once confirmed', async () => {
    const att = await h.upload(
      '/qyapi/cgi-bin/media/upload_attachment',
      png(800),
      { media_type: 'image', attachment_type: '1' },
      cp,
    );
    expect(typeof att.created_at).toBe('number');
    const mixed = [
      { msgtype: 'image', image: { media_id: att.media_id } },
      { msgtype: 'video', video: { media_id: att.media_id } },
    ];
    expect((await h.post(`${X}/add_moment_task`, { attachments: mixed }, cp)).errmsg).toMatch(
      /^invalid attachments msgtype/,
    );
    const r = await h.post(
      `${X}/add_moment_task`,
      {
        text: { content: '今晚 8 点直播' },
        attachments: [mixed[0]],
        visible_range: { sender_list: { user_list: ['zs', 'ls'] } },
      },
      cp,
    );
    const job = await h.get(`${X}/get_moment_task_result`, { jobid: r.jobid }, cp);
    expect(job).toMatchObject({
      status: 3,
      type: 'add_moment_task',
      result: { moment_id: expect.any(String) },
    });
    expect((await h.post(`${X}/get_moment_task_result?jobid=${r.jobid}`, {}, cp)).errcode).toBe(43001);
    await h.admin('tasks/confirm', {});
    const t = await h.post(`${X}/get_moment_task`, { moment_id: job.result.moment_id }, cp);
    expect(t.task_list).toEqual([
      { userid: 'zs', publish_status: 1 },
      { userid: 'ls', publish_status: 1 },
    ]);
    // get_moment_list: the corp's moments strictly inside the window (≤ 30 days), filter_type 0/1/2.
    const at = Math.floor(T0.getTime() / 1000);
    const list = (b: Json) => h.post(`${X}/get_moment_list`, b, cp);
    const all = await list({ start_time: at - 60, end_time: at + 60, filter_type: 0, limit: 50 });
    expect(all.moment_list).toEqual([
      expect.objectContaining({
        moment_id: job.result.moment_id,
        creator: 'zs',
        create_type: 0,
        text: { content: '今晚 8 点直播' },
      }),
    ]);
    expect(all.next_cursor).toBe('');
    expect((await list({ start_time: at - 60, end_time: at + 60, filter_type: 1 })).moment_list).toEqual([]);
    expect((await list({ start_time: at - 60, end_time: at + 60, creator: 'ls' })).moment_list).toEqual([]);
    expect((await list({ start_time: at + 1, end_time: at + 60 })).moment_list).toEqual([]);
    expect((await list({ start_time: at - 31 * 86_400, end_time: at })).errcode).toBe(40058);
  });
});

describe('group robot webhook', () => {
  const send = (key: string, body: Json) =>
    fetch(`${h.emu.wecomBase}/cgi-bin/webhook/send?key=${key}`, {
      method: 'POST',
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<Json>);

  it('sends text, markdown, image and news; 20 a minute per key (45009); revoked key → 93000', async () => {
    const bytes = png(10);
    const ok = [
      { msgtype: 'text', text: { content: '主播 5 分钟后上线' } },
      { msgtype: 'markdown', markdown: { content: '**开播**' } },
      {
        msgtype: 'image',
        image: { base64: bytes.toString('base64'), md5: createHash('md5').update(bytes).digest('hex') },
      },
      { msgtype: 'news', news: { articles: [{ title: '直播间', url: 'https://example.com' }] } },
    ];
    for (const b of ok) expect((await send('k1', b)).errcode).toBe(0);
    for (let i = 4; i < 20; i++) expect((await send('k1', ok[0]!)).errcode).toBe(0);
    expect(await send('k1', ok[0]!)).toMatchObject({ errcode: 45009 });
    await h.setClock(T0.getTime() + 60_001);
    expect((await send('k1', ok[0]!)).errcode).toBe(0);
    await h.admin('robot/revoke', { key: 'k2' });
    expect((await send('k2', ok[0]!)).errcode).toBe(93000);
    const robot = (await h.state()).messages.filter((m: Json) => m.kind === 'robot');
    expect(robot).toHaveLength(21);
    expect(JSON.stringify(robot)).not.toContain('k1');
  });
});

describe('Official Account', () => {
  it('creates, reads and deletes the menu', async () => {
    const button = [
      {
        type: 'miniprogram',
        name: '领券',
        url: 'https://example.com',
        appid: 'wxapp',
        pagepath: 'pages/coupon/index',
      },
    ];
    expect(
      (await h.post('/cgi-bin/menu/create', { button: [...button, ...button, ...button, ...button] }))
        .errcode,
    ).toBe(40016);
    expect(
      (await h.post('/cgi-bin/menu/create', { button: [{ type: 'miniprogram', name: '领券' }] })).errcode,
    ).toBe(40120);
    expect((await h.post('/cgi-bin/menu/create', { button })).errcode).toBe(0);
    expect((await h.get('/cgi-bin/menu/get')).menu.button).toEqual(button);
    expect((await h.state()).menus).toHaveLength(1);
    expect((await h.get('/cgi-bin/menu/delete')).errcode).toBe(0);
    expect((await h.get('/cgi-bin/menu/get')).errcode).toBe(46003);
  });

  it('drafts with a permanent thumb, mass-sends with clientmsgid dedupe, and reports status', async () => {
    const temp = (await h.upload('/cgi-bin/media/upload', png(200), { type: 'image' })).media_id;
    const perm = await h.upload('/cgi-bin/material/add_material', png(200), { type: 'image' });
    expect(perm.url).toMatch(/^https:/);
    const article = { title: '女神节直播预告', content: '<p>今晚 8 点</p>', thumb_media_id: temp };
    expect((await h.post('/cgi-bin/draft/add', { articles: [article] })).errcode).toBe(40007);
    const draft = await h.post('/cgi-bin/draft/add', {
      articles: [{ ...article, thumb_media_id: perm.media_id }],
    });
    expect(draft.media_id).toEqual(expect.any(String));
    const mass = {
      filter: { is_to_all: false, tag_id: 2 },
      mpnews: { media_id: draft.media_id },
      msgtype: 'mpnews',
      clientmsgid: 'wave-t1d',
    };
    const first = await h.post('/cgi-bin/message/mass/sendall', mass);
    expect(first).toMatchObject({ errcode: 0, msg_id: expect.any(Number), msg_data_id: expect.any(Number) });
    expect(await h.post('/cgi-bin/message/mass/sendall', mass)).toMatchObject({
      errcode: 45066,
      msg_id: first.msg_id,
    });
    await h.setClock(T0.getTime() + 120_000);
    expect(await h.post('/cgi-bin/message/mass/sendall', mass)).toMatchObject({
      errcode: 45065,
      msg_id: first.msg_id,
    });
    expect(
      (await h.post('/cgi-bin/message/mass/sendall', { ...mass, clientmsgid: 'x'.repeat(65) })).errcode,
    ).toBe(45067);
    expect((await h.post('/cgi-bin/message/mass/get', { msg_id: first.msg_id })).msg_status).toBe(
      'SEND_SUCCESS',
    );
    const toAll = { ...mass, filter: { is_to_all: true } };
    expect((await h.post('/cgi-bin/message/mass/sendall', { ...toAll, clientmsgid: 'a1' })).errcode).toBe(0);
    expect((await h.post('/cgi-bin/message/mass/sendall', { ...toAll, clientmsgid: 'a2' })).errcode).toBe(
      45028,
    );
    expect((await h.state()).messages.filter((m: Json) => m.kind === 'mass-send')).toHaveLength(2);
  });
});
