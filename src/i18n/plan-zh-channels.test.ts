import { describe, expect, it } from 'vitest';
import { reasonZh, taskZh } from './plan-zh.js';

/** The 视频号 plan's reasons as src/plan/plan-channels*.ts writes them, beyond a first plan's. */
const REASONS = [
  'no reservation found yet: in 视频号, create a live reservation for 2027-03-08 20:00, described "女神节直播专场"; apply records it once 视频号助手 lists it',
  'reservation notice-1 was cancelled in 视频号: in 视频号, create a live reservation for 2027-03-08 20:00, described "女神节直播专场" again',
  'reservation notice-1 was moved: it is for 2027-03-08 21:00, the campaign starts at 2027-03-08 20:00; cancel it and in 视频号, create a live reservation for 2027-03-08 20:00, described "女神节直播专场" (a reservation cannot be edited)',
  'reserved: notice notice-1 for 2027-03-08 20:00',
  'reserved: notice notice-1',
  'the broadcast has ended',
  'product lipstick is no longer in the campaign: forgotten (an existing 小店 product, never delisted or deleted)',
  'product lipstick is no longer in the campaign: delisted and deleted from the 小店',
  'product lipstick is no longer in the campaign: taken out of the showcase',
  'coupon warmup-50 is no longer in the campaign: forgotten (an existing 小店 coupon, never voided)',
  'coupon warmup-50 is no longer in the campaign: voided in the 小店',
  'the existing 小店 product 10000165397817 is not listed (status 13): list it in 微信小店后台',
  'the existing 小店 product 10000165397817: used as it is (never delisted or deleted)',
  'now names the existing 小店 product 10000165397817 instead of 10000165397800: checked and recorded',
  'an earlier create was not confirmed: apply looks for out_product_id lipstick-ab12 in the 小店, then adds it',
  'changed: the draft is updated and sent to audit again',
  'stock 500 → 800: the draft is updated and sent to audit again',
  'listed in the 小店 (product 10000165397817)',
  "in the 小店's audit (product 10000165397817)",
  "the 小店's audit quota is used up: submitted again when it allows",
  'the 小店 refused product 10000165397817 in audit: 类目资质不全; fix the product in the campaign (or in 微信小店后台) and apply again',
  'the 小店 refused product 10000165397817 in audit; fix the product in the campaign (or in 微信小店后台) and apply again',
  'product 10000165397817 was taken down by the platform (status 14): see 微信小店后台',
  'approved in audit: listed at apply',
  'not submitted for audit yet: submitted at apply',
  'uploaded to the 小店 (for store-product/lipstick)',
  'not needed: store-product/lipstick up to date',
  'in the 视频号 showcase (橱窗)',
  'the existing 小店 coupon 5000000001: used as it is (never voided)',
  'the existing 小店 coupon 5000000001: checked and recorded',
  'its receive window ended 2026-11-01 00:00: not created',
  'an earlier create was not confirmed: apply looks for it in the 小店 (notes livectl:warmup-50), then creates it',
  'not created yet: created effective',
  'coupon 5000000001 was voided or deleted in the 小店 (status 4): remove it from the campaign, or destroy and apply again',
  'coupon 5000000001 has expired',
  'created: coupon 5000000001 (receivable from 2027-03-05 10:00)',
  'created: coupon 5000000001',
  'made for pages/live/entry?w=t-3d',
  'made for pages/live/old: made again for pages/live/entry',
  'made for another page: made again for pages/live/entry',
  "the wave's time 2027-03-05 10:00 is past: not needed",
  'the wave went out at 2027-03-05 10:00',
  'rendered (template teaser, no code)',
  'rendered again without a code (template teaser, no code)',
  'not rendered yet (template teaser, no code)',
];

const TASKS = [
  'the owner of the 视频号 (视频号 app or 视频号助手)',
  '微信小店 and 视频号 admins',
  "bind the 视频号 to the 小店 (合作账号: scan the 小店's invitation), so the showcase can take its products",
  'push coupon share-10 in the 视频号 live console',
  'run the 福袋 lottery "口红礼盒" in the live console when likes reach 10000 (livectl cannot see the like count of a 视频号 live)',
  'explain product lipstick (讲解) in the live console',
];

/** Three English words in a row: a sentence left untranslated. */
const sentence = /\b[A-Za-z]+ [A-Za-z]+ [A-Za-z]+\b/;

describe('the 视频号 plan in Chinese', () => {
  it('every reason of the channels planner reads in Chinese', () => {
    for (const reason of REASONS) {
      const zh = reasonZh(reason);
      expect(zh, reason).toMatch(/[\u4e00-\u9fff]/);
      expect(zh, reason).not.toMatch(sentence);
      expect(zh.replace(/\S*\/\S*/g, ''), reason).not.toMatch(
        /\b(the|not|for|in|and|at|made|created|coupon|product)\b/,
      );
    }
    expect(reasonZh(REASONS[2]!)).toBe(
      '直播预约 notice-1 的时间不对：预约的是 2027-03-08 21:00，活动在 2027-03-08 20:00 开播；请取消它并在视频号里创建 2027-03-08 20:00 开播的直播预约，描述填写 "女神节直播专场"（直播预约不能修改）',
    );
    expect(reasonZh('stock 500 → 800: the draft is updated and sent to audit again')).toBe(
      'stock 500 → 800：将更新草稿并重新提交商品审核',
    );
  });

  it('every task for people reads in Chinese, with or without the 视频号 id', () => {
    for (const task of TASKS) {
      const zh = taskZh(task);
      expect(zh, task).toMatch(/[\u4e00-\u9fff]/);
      expect(zh, task).not.toMatch(sentence);
    }
    expect(taskZh(TASKS[2]!)).toBe(
      '把视频号绑定到小店（合作账号：扫描小店发出的邀请），橱窗才能添加小店的商品',
    );
    expect(taskZh(TASKS[4]!)).toBe(
      '点赞数达到 10000 时在直播中控台发起福袋抽奖 "口红礼盒"（livectl 看不到视频号直播的点赞数）',
    );
  });
});
