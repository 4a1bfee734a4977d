import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ERROR_HINTS, hintFor } from './error-hints.js';
import { WeChatApiError } from './errors.js';

/**
 * Every errcode named in ../shared/reference/wechat-live-api.md, wechat-channels-api.md and peers.md
 * (API notes kept outside this repository; extracted when the table was written; add new ones here
 * and in the table together).
 */
const REFERENCE_CODES = [
  -1, 1, 1001, 1003, 1007, 2003, 40001, 40002, 40003, 40004, 40005, 40006, 40007, 40009, 40011, 40013, 40014,
  40016, 40017, 40018, 40019, 40020, 40023, 40025, 40027, 40037, 40054, 40055, 40058, 40091, 40096, 40097,
  40119, 40120, 40125, 40129, 40159, 40164, 40169, 40243, 41001, 41002, 41004, 41030, 42001, 43001, 43002,
  43003, 43101, 43107, 43108, 44001, 44002, 45001, 45002, 45009, 45011, 45028, 45029, 45033, 45047, 45065,
  45066, 45067, 45103, 45168, 47001, 47003, 48001, 48002, 50004, 50007, 60011, 60020, 65301, 65302, 65303,
  65304, 65305, 65306, 65307, 65308, 65309, 65310, 65311, 65312, 65313, 65314, 65315, 65316, 65317, 65318,
  65319, 65320, 84061, 85096, 89503, 89506, 89507, 93000, 130101, 200001, 200002, 300001, 300002, 300003,
  300004, 300005, 300006, 300007, 300008, 300009, 300010, 300011, 300012, 300013, 300014, 300015, 300017,
  300018, 300021, 300022, 300023, 300024, 300025, 300026, 300027, 300028, 300029, 300030, 300031, 300032,
  300033, 300034, 300035, 300036, 300037, 300038, 300039, 300040, 300041, 300044, 300045, 300047, 300048,
  300049, 300052, 300053, 400001, 400002, 400003, 400004, 400005, 500002, 500004, 500005, 9410000, 9410001,
  9410002, 9410003, 9410005, 9410006, 268489001,
];

/** The 视频号助手 / 微信小店 codes in ../shared/reference/channels-live-store.md (platform `channels`). */
const CHANNELS_CODES = [
  -2, 1, 5, 48001, 100000, 1002001, 10020013, 10020017, 10020018, 10020019, 10020020, 10020021, 10020022,
  10020023, 10020028, 10020035, 10020036, 10020039, 10020040, 10020042, 10020043, 10020044, 10020045,
  10020047, 10020049, 10020052, 10020055, 10020059, 10020060, 10020065, 10020067, 10021001, 10021003,
  10021005, 10021006, 10021007, 10021008, 10021009, 10021010, 10021011, 10021012, 10021024, 10021034,
  10021035, 10021036, 10021037, 10021071, 10021077, 10022001, 10022002, 10022003, 10022007, 10022008,
];

describe('channels error hints', () => {
  it('cover every store, showcase and coupon code of the reference', () => {
    const unknown = CHANNELS_CODES.filter((c) => /does not know yet/.test(hintFor(c, 'channels').hint));
    expect(unknown).toEqual([]);
  });

  it('read the shared codes the 视频号助手 way on the channels platform only', () => {
    expect(hintFor(48001, 'channels').hint).toMatch(/开放能力 → 开放场景/);
    expect(hintFor(48001).hint).not.toMatch(/开放场景/);
    expect(hintFor(1, 'channels').kind).toBe('input');
    expect(hintFor(1).kind).toBe('skip');
    expect(hintFor(10022008, 'channels')).toMatchObject({
      kind: 'human',
      hint: expect.stringMatching(/bind/),
    });
    expect(hintFor(1002001, 'channels').kind).toBe('quota');
    expect(hintFor(10020035, 'channels').hint).toMatch(/mmecimage\.cn/);
    expect(hintFor(10020049, 'channels').kind).toBe('wait');
    expect(hintFor(10021005, 'channels').hint).toMatch(/10 characters/);
  });
});

describe('error hints', () => {
  it('cover every code in the references, in plain words', () => {
    const missing = REFERENCE_CODES.filter((c) => !ERROR_HINTS[c]);
    expect(missing).toEqual([]);
    for (const c of REFERENCE_CODES) expect(ERROR_HINTS[c]!.hint.length).toBeGreaterThan(15);
  });

  it('say what to do for the codes marketers meet', () => {
    expect(hintFor(300036).hint).toMatch(/scan qrcode_url to verify their real name/);
    expect(hintFor(300036).kind).toBe('human');
    expect(hintFor(268489001).hint).toMatch(/frozen/);
    expect(hintFor(200002).hint).toMatch(/misleading/);
    expect(hintFor(200002).hint).toMatch(/10 minutes/);
    expect(hintFor(43101).kind).toBe('skip');
    expect(hintFor(45009, 'wecom').hint).toMatch(/20 messages a minute/);
  });

  it('explain unknown codes without inventing meaning', () => {
    expect(hintFor(123456).hint).toMatch(/123456/);
  });
});

describe('WeChatApiError', () => {
  it('keeps the payload and puts the QR link in the hint (300036)', () => {
    const e = new WeChatApiError({
      api: '/wxaapi/broadcast/room/create',
      kind: 'platform',
      errcode: 300036,
      errmsg: 'anchorWechat has no realName rid: 6207df1a-08ef8516-2a6c18c6',
      payload: { qrcode_url: 'https://res.wx.qq.com/op_res/abc' },
    });
    expect(e.qrcodeUrl).toBe('https://res.wx.qq.com/op_res/abc');
    expect(e.hint).toContain('https://res.wx.qq.com/op_res/abc');
    expect(e.rid).toBe('6207df1a-08ef8516-2a6c18c6');
    expect(e.retryable).toBe(false);
    expect(JSON.parse(JSON.stringify(e))).toMatchObject({
      errcode: 300036,
      payload: { qrcode_url: expect.any(String) },
    });
    expect(inspect(e)).toContain('300036');
  });

  it('marks -1, 45011 and 45033 retryable and permanent codes not', () => {
    const mk = (errcode: number) => new WeChatApiError({ api: '/x', kind: 'platform', errcode, errmsg: '' });
    expect([-1, 45011, 45033].map((c) => mk(c).retryable)).toEqual([true, true, true]);
    expect([45009, 300002, 40001].map((c) => mk(c).retryable)).toEqual([false, false, false]);
  });
});
