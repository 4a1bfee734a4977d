import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WeChatApiError } from '../../src/wechat/index.js';
import { type Contract, image, startContract, T0 } from './harness.js';

let c: Contract;
beforeEach(async () => {
  c = await startContract();
});
afterEach(async () => {
  await c.close();
});

const sec = (d: Date) => Math.floor(d.getTime() / 1000);

describe('WeCom', () => {
  it('gets one token (gettoken) under the /qyapi prefix and uploads media, attachments and images', async () => {
    const wc = c.clients.wecom;
    const token = await wc.getToken();
    expect(token.length).toBeGreaterThan(10);
    const media = await wc.uploadMedia('image', image(520, 416));
    expect(media).toMatchObject({ type: 'image', mediaId: expect.any(String), createdAt: sec(T0) });
    const att = await wc.uploadAttachment('image', 1, image(200));
    expect(att.mediaId).not.toBe('');
    const img = await wc.uploadImage(image(200));
    expect(img.url).toMatch(/^http/);
    const reqs = await c.requests();
    expect(reqs.filter((r) => r.path === '/qyapi/cgi-bin/gettoken')).toHaveLength(1);
    const attReq = reqs.find((r) => r.path === '/qyapi/cgi-bin/media/upload_attachment')!;
    expect(attReq.query).toMatchObject({ media_type: 'image', attachment_type: '1' });
  });

  it('creates a group-send task, finds it in the list, follows it, reminds and cancels', async () => {
    const wc = c.clients.wecom;
    const cover = await wc.uploadMedia('image', image(520, 416));
    const { msgid, failList } = await wc.addMsgTemplate({
      chatType: 'group',
      sender: 'zhangsan',
      chatIdList: ['wrOgQhDgAA1', 'wrOgQhDgAA2'],
      text: { content: '女神节直播今晚 8 点开始' },
      attachments: [
        {
          msgtype: 'miniprogram',
          miniprogram: {
            title: '女神节直播',
            pic_media_id: cover.mediaId,
            appid: 'wxmini0000000001',
            page: '/pages/live/index',
          },
        },
      ],
    });
    expect(msgid).not.toBe('');
    expect(failList).toEqual([]);

    const list = await wc.getGroupMsgList({
      chatType: 'group',
      startTime: sec(T0) - 3600,
      endTime: sec(T0) + 3600,
    });
    const found = list.items.find((m) => m.msgid === msgid)!;
    expect(found.text?.content).toBe('女神节直播今晚 8 点开始');
    expect(typeof found.createTime).toBe('number');
    // Attachments keep the wire shape they were sent in.
    expect(found.attachments?.[0]).toMatchObject({
      msgtype: 'miniprogram',
      miniprogram: { pic_media_id: cover.mediaId },
    });

    const tasks = await wc.getGroupMsgTask({ msgid });
    expect(tasks.items[0]).toMatchObject({ userid: 'zhangsan', status: expect.any(Number) });
    const results = await wc.getGroupMsgSendResult({ msgid, userid: 'zhangsan' });
    expect(results.items.map((r) => r.chatId).sort()).toEqual(['wrOgQhDgAA1', 'wrOgQhDgAA2']);

    await wc.remindGroupMsgSend(msgid);
    await wc.cancelGroupMsgSend(msgid);
    const task = (await c.state()).tasks.find((t: { id: string }) => t.id === msgid);
    expect(task.reminders).toHaveLength(1);
  });

  it('limits reminders to 3 a day with a plain-words 45009', async () => {
    const wc = c.clients.wecom;
    const { msgid } = await wc.addMsgTemplate({
      externalUserid: ['wmA', 'wmB'],
      sender: 'lisi',
      text: { content: '直播提醒' },
    });
    for (let i = 0; i < 3; i++) await wc.remindGroupMsgSend(msgid);
    const err = (await wc.remindGroupMsgSend(msgid).catch((e: unknown) => e)) as WeChatApiError;
    expect(err.errcode).toBe(45009);
    expect(err.retryable).toBe(false);
    expect(err.hintKind).toBe('quota');
  });

  it('creates a Moments task and reads its result and per-member status', async () => {
    const wc = c.clients.wecom;
    const att = await wc.uploadAttachment('image', 1, image(400));
    const { jobid } = await wc.addMomentTask({
      visibleRange: { sender_list: { user_list: ['zhangsan', 'lisi'] } },
      text: { content: '女神节直播，口红 5 折' },
      attachments: [{ msgtype: 'image', image: { media_id: att.mediaId } }],
    });
    expect(jobid).not.toBe('');
    const result = await wc.getMomentTaskResult(jobid);
    expect(result.status).toBe(3);
    expect(result.result?.momentId).toEqual(expect.any(String));
    const members = await wc.getMomentTask({ momentId: result.result!.momentId! });
    expect(members.items.map((m) => m.userid).sort()).toEqual(['lisi', 'zhangsan']);
    expect(members.items[0]).toMatchObject({ publishStatus: expect.any(Number) });
    const q = (await c.requests()).find((r) => r.path.endsWith('/get_moment_task_result'))!;
    expect(q.method).toBe('GET');
  });
});
