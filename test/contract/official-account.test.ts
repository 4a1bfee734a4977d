import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WeChatApiError } from '../../src/wechat/index.js';
import { type Contract, image, startContract } from './harness.js';

let c: Contract;
beforeEach(async () => {
  c = await startContract();
});
afterEach(async () => {
  await c.close();
});

describe('Official Account', () => {
  it('creates, reads back verbatim and deletes the menu', async () => {
    const oa = c.clients.officialAccount;
    const button = [
      {
        type: 'miniprogram',
        name: '领券',
        url: 'https://example.com/coupon',
        appid: 'wxmini0000000001',
        pagepath: 'pages/coupon/index',
      },
      { name: '直播', sub_button: [{ type: 'view', name: '预约直播', url: 'https://example.com/live' }] },
    ];
    await oa.createMenu({ button });
    const menu = await oa.getMenu();
    expect(menu.menu?.button).toEqual(button);
    await oa.deleteMenu();
    const err = (await oa.getMenu().catch((e: unknown) => e)) as WeChatApiError;
    expect(err).toBeInstanceOf(WeChatApiError);
    const reqs = await c.requests();
    expect(reqs.find((r) => r.path === '/cgi-bin/menu/delete')!.method).toBe('GET');
  });

  it('explains menu rule errors', async () => {
    const err = (await c.clients.officialAccount
      .createMenu({
        button: [{ type: 'view', name: '这是一个很长很长的菜单名字', url: 'https://example.com' }],
      })
      .catch((e: unknown) => e)) as WeChatApiError;
    expect(err.errcode).toBe(40018);
    expect(err.hint).toMatch(/16 bytes/);
  });

  it('adds material, a draft, mass-sends it once per clientmsgid and reads the status', async () => {
    const oa = c.clients.officialAccount;
    const thumb = await oa.addMaterial('thumb', {
      bytes: image(200).bytes,
      filename: 'thumb.jpg',
      contentType: 'image/png',
    });
    expect(thumb.mediaId).not.toBe('');
    const pic = await oa.addMaterial('image', image(900, 500));
    expect(pic.url).toMatch(/^http/);
    const { mediaId } = await oa.addDraft([
      {
        title: '女神节直播预告',
        author: '小美',
        content: '<p>3 月 8 日晚 8 点</p>',
        thumb_media_id: thumb.mediaId,
      },
    ]);
    const first = await oa.massSendAll({
      filter: { isToAll: true },
      msgtype: 'mpnews',
      mpnews: { media_id: mediaId },
      sendIgnoreReprint: 0,
      clientmsgid: 'goddess-day-2027/t-1d',
    });
    expect(first.duplicate).toBe(false);
    expect(first.msgId).toMatch(/^\d+$/);
    expect(first.msgDataId).toMatch(/^\d+$/);

    // The same wave again (a crashed run repeated): WeChat dedupes, we report the first msg_id.
    await c.advance(120_000);
    const again = await oa.massSendAll({
      filter: { isToAll: true },
      msgtype: 'mpnews',
      mpnews: { media_id: mediaId },
      clientmsgid: 'goddess-day-2027/t-1d',
    });
    expect(again).toEqual({ msgId: first.msgId, duplicate: true });
    expect((await c.state()).mass).toHaveLength(1);

    const status = await oa.massGet(first.msgId);
    expect(status).toEqual({ msgId: first.msgId, msgStatus: 'SEND_SUCCESS' });
  });

  it('uploads article images and temporary media', async () => {
    const oa = c.clients.officialAccount;
    expect((await oa.uploadImage(image(300))).url).toMatch(/^http/);
    expect((await oa.uploadTempMedia('image', image(300))).mediaId).not.toBe('');
  });
});
