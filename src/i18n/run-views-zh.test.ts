import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelsStatus } from '../apply/channels-status.js';
import type { DestroyPlan, DestroyResult } from '../apply/destroy.js';
import { renderDestroyPlan, renderDestroyResult } from '../cli/views/destroy.js';
import { renderDispatchLine, renderDispatchText } from '../cli/views/dispatch.js';
import { renderChannelsText } from '../cli/views/status-channels.js';
import { plainStyle } from '../diagnostics/render-text.js';
import { memoryOutput } from '../platform/deps.js';
import type { DispatchSummary, RowOutcome } from '../reminders/dispatch.js';
import { channelsEventZh } from './apply-zh-channels.js';
import { setLang } from './catalog.js';
import { destroyReasonZh } from './destroy-zh-reasons.js';
import { dispatchReasonZh } from './dispatch-zh-reasons.js';
import { posterPhraseZh } from './posters-zh.js';

/** The text views of dispatch, destroy and the 视频号 status in Chinese; English unchanged. */

afterEach(() => setLang('en'));

const row = (o: Partial<RowOutcome>): RowOutcome => ({
  id: 1,
  campaign: 'goddess-day-2027',
  wave: 't-30m',
  channel: 'robot',
  slice: '',
  type: 'robot',
  dueAt: '2027-03-08T11:30:00.000Z',
  timezone: 'Asia/Shanghai',
  outcome: 'sent',
  attempts: 1,
  ...o,
});

const summary: DispatchSummary = {
  formatVersion: 1,
  now: '2027-03-08T11:31:00.000Z',
  owner: 'test',
  claimed: 3,
  sent: 1,
  skipped: 1,
  failed: 1,
  retrying: 0,
  recovered: 1,
  lostLease: 0,
  released: 2,
  heldBack: [
    { account: 'wx0123456789abcdef', reason: 'the room is not live yet: followers are pushed once it is' },
  ],
  followUps: { checked: 4, confirmed: 2, reminded: 3, errors: 1 },
  rows: [
    row({ outcome: 'sent', remoteId: 'msg-1', recovered: true }),
    row({
      outcome: 'skipped',
      reason: 'past its grace window: due 2027-03-08 19:30, 15m grace, now 2027-03-08 21:30 Asia/Shanghai',
    }),
    row({ outcome: 'failed', attempts: 8, reason: 'gave up after 8 attempts: -1 system error' }),
  ],
};

describe('dispatch in Chinese', () => {
  it('every part of the summary, the reasons by phrase, WeChat’s own words kept', () => {
    const en = renderDispatchText(summary);
    expect(en).toContain('sent (msg-1), found on the platform after a lost answer');
    expect(en).toContain(
      'Dispatched 3 at 2027-03-08 19:31 Asia/Shanghai: 1 sent · 1 skipped · 1 failed · 0 to retry · 1 found after a lost answer · 2 given back unstarted',
    );
    setLang('zh-CN');
    expect(renderDispatchText(summary, plainStyle)).toBe(
      [
        '  ✓ goddess-day-2027 t-30m robot  已发送（msg-1），上次没收到应答，已在平台上查到',
        '  – goddess-day-2027 t-30m robot  已跳过：已过宽限期：原定 2027-03-08 19:30，宽限 15m，现在 2027-03-08 21:30 Asia/Shanghai',
        '  ✗ goddess-day-2027 t-30m robot  失败：尝试 8 次后放弃：-1 system error',
        '2027-03-08 19:31 Asia/Shanghai 处理了 3 条：已发送 1 · 已跳过 1 · 失败 1 · 待重试 0 · 丢失应答后查到 1 · 未开始、已退回 2',
        '本次暂停 wx0123456789abcdef：直播间还没开播：开播后再推送给关注者；它未开始的提醒留到下一次发送',
        '群发跟进：检查 4 条 · 全员已确认 2 条 · 已提醒成员 3 人 · 无法检查 1 条',
        '',
      ].join('\n'),
    );
    expect(renderDispatchLine(row({ outcome: 'lost-lease' }))).toBe(
      '  · goddess-day-2027 t-30m robot  已由另一个发送进程接手',
    );
    expect(
      renderDispatchLine(row({ outcome: 'retry', attempts: 2, reason: 'another card is being pushed' })),
    ).toBe('  ↻ goddess-day-2027 t-30m robot  稍后 重试（第 2 次尝试）：另一张商品卡片正在推送');
  });

  it('says the reasons dispatch builds from parts', () => {
    expect(
      dispatchReasonZh(
        'past its grace window (due 2027-03-08 19:30, 15m grace, now 2027-03-08 21:30 Asia/Shanghai) while waiting: the room is not live (not started): cards can only be pushed during the broadcast',
      ),
    ).toBe(
      '已过宽限期（原定 2027-03-08 19:30，宽限 15m，现在 2027-03-08 21:30 Asia/Shanghai），一直在等：直播间没有在直播（not started）：商品卡片只能在直播中推送',
    );
    expect(
      dispatchReasonZh(
        'past its grace window after 2 attempts (due 2027-03-08 19:30, 15m grace, now 2027-03-08 21:30 Asia/Shanghai); last error: 45009 reach max api daily quota limit; the attempt at 2027-03-08T11:31:00.000Z may have gone out (robot cannot be checked)',
      ),
    ).toBe(
      '已过宽限期，尝试了 2 次（原定 2027-03-08 19:30，宽限 15m，现在 2027-03-08 21:30 Asia/Shanghai）；最后一次错误：45009 reach max api daily quota limit；2027-03-08T11:31:00.000Z 的那次尝试可能已经发出（robot 无法在平台上核对）',
    );
    expect(
      dispatchReasonZh(
        "LIVECTL_ROBOT_STAFF is not set: the robot's webhook key comes from that environment variable",
      ),
    ).toBe('没有设置 LIVECTL_ROBOT_STAFF：群机器人的 webhook key 来自这个环境变量');
  });
});

const plan: DestroyPlan = {
  campaign: 'spring-tea',
  known: true,
  targets: [
    {
      address: 'goods/longjing',
      action: 'delete',
      remoteId: '5',
      reason: 'in audit: the audit is withdrawn first',
    },
    {
      address: 'room',
      action: 'keep',
      remoteId: '13',
      reason: 'the broadcast has started (paused): a started room is kept',
    },
    {
      address: 'coupon/warmup',
      action: 'delete',
      remoteId: '1234567',
      reason: "a stock can't be deleted: it stops issuing (budget down to what was already sent)",
    },
    {
      address: 'menu',
      action: 'delete',
      reason: 'restore the Official Account menu backed up before the switch of 2027-03-07 12:00',
    },
    { address: 'code/t-3d', action: 'forget', reason: 'local record' },
  ],
};
const result: DestroyResult = {
  deleted: ['goods/longjing', 'coupon/warmup', 'menu'],
  kept: [plan.targets[1]!],
  left: [],
  failures: [],
  forgotten: false,
  cancelledReminders: 1,
};

describe('destroy in Chinese', () => {
  it('the plan, the reasons and the closing line; the JSON summary keeps the English', () => {
    const en = memoryOutput();
    renderDestroyPlan(plan, 'text', en, (s) => s);
    renderDestroyResult(result, 'spring-tea', 'text', en);
    expect(en.text()).toContain('    and 1 local record (codes, media ids) forgotten');
    expect(en.text()).toContain(
      'Destroyed what could be: 3 deleted. 1 pending reminder cancelled. Kept: room (the broadcast has started (paused): a started room is kept). The state keeps what is left.',
    );
    setLang('zh-CN');
    const zh = memoryOutput();
    renderDestroyPlan(plan, 'text', zh, (s) => s);
    renderDestroyResult(result, 'spring-tea', 'text', zh);
    expect(zh.text()).toBe(
      [
        '删除 spring-tea',
        '',
        '  - goods/longjing (goodsId 5)  审核中：先撤回商品审核',
        '  = room (roomId 13)  保留：直播已开始（已暂停）：开播过的直播间会保留',
        '  - coupon/warmup (stock 1234567)  商家券批次不能删除：停止发放（预算减到已发出的数量）',
        '  - menu  恢复 2027-03-07 12:00 切换前备份的公众号菜单',
        '    另有 1 条本地记录（小程序码、素材 id）将不再记录',
        '',
        '已删除能删除的部分：删除 3 项。已取消 1 条待发提醒。保留：room（直播已开始（已暂停）：开播过的直播间会保留）。其余的仍记录在状态库里。',
        '',
      ].join('\n'),
    );
    const json = memoryOutput();
    renderDestroyResult({ ...result, failures: [{} as never] }, 'spring-tea', 'json', json);
    expect(JSON.parse(json.text()).message).toBe(
      'Destroy incomplete: 3 deleted, 1 failed. 1 pending reminder cancelled. Kept: room (the broadcast has started (paused): a started room is kept). Run destroy again to retry.',
    );
  });

  it('knows every reason destroy gives', () => {
    for (const reason of [
      'not started',
      'not on the platform',
      'never confirmed on the platform',
      'on the shelf of the live room (deleting it would pull it off the broadcast)',
      'made by a create of this campaign whose answer was lost',
      'a create whose answer was lost made nothing',
      'campaign goddess-day-2027 in this state store tracks it too: left on WeChat, record forgotten',
      'stock not created by livectl: left as it is',
      'never confirmed on WeChat Pay',
      'was in the showcase before livectl: left there',
      'taken out of the 视频号 showcase',
      'delisted (the store keeps it, off sale); its audit is withdrawn first',
      'never confirmed in the 微信小店',
      'an existing coupon the campaign named: left as it is',
      'voided (status 4)',
      'local record (store images stay)',
      'menu restored from its backup',
      "stock 1234567 stopped issuing: budget 1000 → 37 (already sent); a stock can't be deleted, claimed coupons stay usable",
    ])
      expect(destroyReasonZh(reason), reason).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff]/);
  });
});

describe('the 视频号 status and apply in Chinese', () => {
  const c: ChannelsStatus = {
    reservation: {
      noticeId: 'n-1',
      startTime: '2027-03-20T11:30:00.000Z',
      status: 1,
      statusText: 'cancelled',
      drift: true,
      checkedAt: '2027-03-19T02:00:00.000Z',
    },
    products: [
      {
        product: 'longjing',
        storeProductId: '100',
        auditStatus: 'rejected',
        listed: false,
        inShowcase: false,
        reason: '主图不清晰',
      },
      { product: 'teaset', listed: false, inShowcase: false },
    ],
    coupons: [
      { coupon: 'grab-20', storeCouponId: '200', status: 2, statusText: 'effective', received: 5, used: 1 },
    ],
  };

  it('renders the reservation drift, products, coupons and an unasked broadcast', () => {
    expect(renderChannelsText(c, 'Asia/Shanghai', plainStyle)[0]).toBe(
      "  Reservation notice n-1  2027-03-20 19:30 Asia/Shanghai  cancelled: create a new one for the room's start",
    );
    setLang('zh-CN');
    expect(renderChannelsText(c, 'Asia/Shanghai', plainStyle)).toEqual([
      '  直播预约 预约 n-1  2027-03-20 19:30 Asia/Shanghai  已取消：请按直播间的开播时间重新创建一个',
      '           核对于 2027-03-19 10:00 Asia/Shanghai',
      '',
      '  小店商品 2 个 · 审核中 0 · 被驳回 1 · 已上架 0 · 在橱窗 0',
      '    longjing  被驳回  商品 100',
      '              主图不清晰',
      '    teaset    尚未创建',
      '',
      '  小店优惠券',
      '    grab-20  优惠券 200  已生效  已领取 5 · 已使用 1',
      '',
      '  直播  未查询（livectl status --refresh）',
    ]);
  });

  it('says what apply did and asks of a person', () => {
    const task =
      'in 视频号, create a live reservation for 2027-03-20 19:30 (Asia/Shanghai), described "春茶上新直播" (视频号 app → 发起直播 → 直播预告, or 视频号助手 → 直播 → 直播预约); livectl finds it on the next apply (a reservation starting within ±10 min of the start counts)';
    expect(channelsEventZh(`no reservation yet: ${task}`)).toBe(
      '还没有直播预约：在视频号里创建 2027-03-20 19:30（Asia/Shanghai）开播的直播预约，描述填写 "春茶上新直播"（视频号 App → 发起直播 → 直播预告，或视频号助手 → 直播 → 直播预约）；下次 apply 时 livectl 会找到它（开播时间相差 ±10 分钟以内的预约都算）',
    );
    expect(channelsEventZh(`reservation n-1 was cancelled: ${task}`)).toMatch(
      /^直播预约 n-1 已取消：在视频号里创建/,
    );
    expect(
      channelsEventZh(
        "reservation n-1 is for 2027-03-20 20:30, not the room's start 2027-03-20 19:30; found reservation n-2 for 2027-03-20 19:30 and recorded it",
      ),
    ).toBe(
      '直播预约 n-1 预约的是 2027-03-20 20:30，不是直播间的开播时间 2027-03-20 19:30；找到了直播预约 n-2（2027-03-20 19:30 开播）并已记录',
    );
    expect(
      channelsEventZh(
        'added (product 100), submitted for audit; 2 products on WeChat look like an earlier attempt of this campaign (101, 102) but which one it made cannot be told (another campaign created the same meanwhile), so none was adopted: check for a stray copy',
      ),
    ).toBe(
      '已添加（商品 100），已提交商品审核；微信上有 2 个商品像是这场活动上一次尝试创建的（101, 102），但分不清是哪一个（期间另一场活动也创建了同样的），所以都没有沿用：请检查是否多出一份',
    );
    expect(
      channelsEventZh('existing coupon 200 checked (effective, 5 received); destroy leaves it alone'),
    ).toBe('已核对已有优惠券 200（已生效，已领取 5 张）；destroy 不会动它');
    expect(channelsEventZh('something else')).toBeUndefined();
    expect(
      posterPhraseZh('after the broadcast, and the room keeps no replay: add `poster:` to make one'),
    ).toBe('在直播结束后，而直播间不保留回放：要生成海报请加上 `poster:`');
  });
});
