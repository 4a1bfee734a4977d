import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { WeChatApiError } from '../../src/wechat/index.js';
import { type Contract, png, ROBOT_KEY, startContract } from './harness.js';

let c: Contract;
afterEach(async () => {
  await c.close();
});

describe('group robot', () => {
  it('sends text, markdown, image (base64 + md5) and news', async () => {
    c = await startContract();
    const robot = c.clients.robot(ROBOT_KEY);
    await robot.sendText({ content: '直播 10 分钟后开始', mentionedList: ['@all'] });
    await robot.sendMarkdown('**女神节直播** <font color="warning">20:00</font>');
    const bytes = png(64);
    await robot.sendImage(bytes);
    await robot.sendNews([
      { title: '女神节直播', url: 'https://example.com/live', picurl: 'https://example.com/p.png' },
    ]);
    const sent = (await c.state()).messages.filter((m: { kind: string }) => m.kind === 'robot');
    expect(sent.map((m: { content: { msgtype: string } }) => m.content.msgtype)).toEqual([
      'text',
      'markdown',
      'image',
      'news',
    ]);
    expect(sent[2].content.image.md5).toBe(createHash('md5').update(bytes).digest('hex'));
    const reqs = (await c.requests()).filter((r) => r.path === '/qyapi/cgi-bin/webhook/send');
    expect(reqs).toHaveLength(4);
    expect(JSON.stringify(reqs)).not.toContain(ROBOT_KEY);
    expect(JSON.stringify(c.events)).not.toContain(ROBOT_KEY);
  });

  it('stays under 20 a minute by waiting (sleep injected), never hitting 45009', async () => {
    c = await startContract();
    const robot = c.clients.robot(ROBOT_KEY);
    for (let i = 0; i < 21; i++) await robot.sendText({ content: `提醒 ${i}` });
    expect(c.slept).toEqual([60_000]);
    const codes = (await c.requests()).map((r) => r.errcode ?? 0);
    expect(codes.filter((x) => x !== 0)).toEqual([]);
  });

  it('fails clearly in fail mode', async () => {
    c = await startContract({ clients: { robotRateLimit: { limit: 2, windowMs: 60_000, mode: 'fail' } } });
    const robot = c.clients.robot(ROBOT_KEY);
    await robot.sendText({ content: '1' });
    await robot.sendText({ content: '2' });
    const err = (await robot.sendText({ content: '3' }).catch((e: unknown) => e)) as WeChatApiError;
    expect(err.kind).toBe('rate-limited');
    expect((await c.requests()).length).toBe(2);
  });

  it('explains a revoked key (93000) without printing it', async () => {
    c = await startContract();
    await c.admin('robot/revoke', { key: ROBOT_KEY });
    const err = (await c.clients
      .robot(ROBOT_KEY)
      .sendText({ content: 'x' })
      .catch((e: unknown) => e)) as WeChatApiError;
    expect(err.errcode).toBe(93000);
    expect(err.hint).toMatch(/robot key/);
    expect(JSON.stringify(err)).not.toContain(ROBOT_KEY);
  });
});
