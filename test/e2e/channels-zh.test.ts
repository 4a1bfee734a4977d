import { afterEach, describe, expect, it } from 'vitest';
import {
  channelsYaml,
  existingProduct,
  FINDER,
  MIN,
  reserve,
  START,
  startChannels,
} from './support/channels.js';
import type { E2E } from './support/workspace.js';

/**
 * A 视频号 campaign in Chinese (zh-CN), apply → status → status --refresh → destroy against the
 * emulator: what apply did to the reservation, the 小店 products, the showcase and the coupon, the
 * 视频号 part of status with the dashboard, and destroy's reasons, all in Chinese.
 */

let e: E2E | undefined;
afterEach(async () => {
  await e?.close();
  e = undefined;
});

/** The lines of a run about the 视频号 resources (apply's events, destroy's targets). */
const channelsLines = (out: string) =>
  out.split('\n').filter((l) => /^\s+[+~=*!x·-] (reservation|store-|showcase\/)/.test(l));
/** English left in a line once its address, ids and codes are set aside. */
const english = (l: string) =>
  l
    .replace(/[\w-]+\.png|\b(longjing|biluochun|grab-20)\b|export\/\d+/g, '')
    .replace(/(reservation|store-product|store-coupon|store-image|showcase|channels-live)(\/[\w-]+)?/g, '')
    .replace(
      /\((notice|product|coupon) \d+\)|\w+_id|livectl|apply|destroy|status|--refresh|GMV|export_id|Asia\/Shanghai/g,
      '',
    )
    .match(/[A-Za-z]{4,}/g);

describe('platform: channels in Chinese', () => {
  it('apply, status, status --refresh and destroy speak Chinese', async () => {
    e = await startChannels();
    Object.assign(e.env, { LIVECTL_WECOM_SECRET: 'e2e-wecom-secret-1234567', LIVECTL_LANG: 'zh-CN' });
    const existing = await existingProduct(e);
    e.ws.writeCampaign(channelsYaml({ existingProductId: existing }));
    const noticeId = await reserve(e);

    const a1 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a1.code, a1.stdout).toBe(0);
    expect(a1.stdout).toMatch(
      new RegExp(`\\+ reservation {2}找到了直播预约 ${noticeId}（2027-03-20 19:30 开播，"[^"]+"）并已记录`),
    );
    expect(a1.stdout).toMatch(/\+ store-product\/longjing {2}已添加（商品 \d+），已提交商品审核/);
    expect(a1.stdout).toContain(
      `store-product/biluochun  已核对已有商品 ${existing}（已上架）；destroy 不会动它`,
    );
    expect(a1.stdout).toContain('showcase/longjing：跳过，等待小店商品审核（审核中）');
    expect(a1.stdout).toMatch(/\+ store-coupon\/grab-20 {2}优惠券 \d+ 已创建（(未生效|已生效)，\S+ 起生效）/);
    expect(a1.stdout).toContain('1 个商品等待微信小店审核：审核通过后再次 apply 即可放进橱窗。');
    const events = a1.stdout.slice(a1.stdout.indexOf('找到了直播预约') - 40);
    for (const l of channelsLines(events)) expect(english(l), l).toBeNull();

    const s1 = await e.cli(['status', 'campaign.yaml']);
    expect(s1.stdout).toMatch(
      new RegExp(`  直播预约 预约 ${noticeId}  2027-03-20 19:30 Asia/Shanghai  有效`),
    );
    expect(s1.stdout).toContain('  小店商品 2 个 · 审核中 1 · 被驳回 0 · 已上架 1 · 在橱窗 1');
    expect(s1.stdout).toMatch(/ {4}biluochun {2}已上架 {2}商品 \d+，小店已有商品，在橱窗/);
    expect(s1.stdout).toMatch(/ {4}grab-20 {2}优惠券 \d+ {2}(未生效|已生效) {2}已领取 0 · 已使用 0/);
    expect(s1.stdout).toContain('  直播  未查询（livectl status --refresh）');

    await e.advance(40 * MIN);
    const a2 = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a2.stdout).toMatch(/store-product\/longjing {2}审核通过并已上架/);
    expect(a2.stdout).toMatch(/\+ showcase\/longjing {2}已放进视频号橱窗/);

    await e.setClock(START);
    const live = await e.admin('channels/lives', { finderUserName: FINDER, description: '春茶上新直播' });
    const during = await e.cli(['status', 'campaign.yaml', '--refresh']);
    expect(during.stdout).toMatch(
      / {2}直播 {2}直播中 {2}export_id \S+ {2}（截至 2027-03-20 19:30 Asia\/Shanghai）/,
    );
    expect(during.stdout).toMatch(/已从视频号助手和微信小店刷新（\d+ 次请求）。/);
    await e.advance(90 * MIN);
    await e.admin(`channels/lives/${encodeURIComponent(live.exportId)}/end`, {
      viewers: 1200,
      likes: 3000,
      orders: 37,
      gmv: 623400,
    });
    const after = await e.cli(['status', 'campaign.yaml', '--refresh']);
    expect(after.stdout).toMatch(/ {2}直播 {2}已结束/);
    expect(after.stdout).toMatch(
      /观看 1200 人 · 最高同时在线 \d+ 人 · 点赞 3000 · 新观众点赞率 [\d.]+% · 订单 37 笔 · 成交额 ¥6234\.00/,
    );
    expect(after.stdout).toMatch(new RegExp(`  直播预约 预约 ${noticeId} .* 已使用`));
    const part = after.stdout.slice(
      after.stdout.indexOf('  直播预约'),
      after.stdout.indexOf('\n\n  小程序码'),
    );
    for (const l of part.split('\n').filter(Boolean)) expect(english(l), l).toBeNull();

    const gone = await e.cli(['destroy', 'campaign.yaml', '--yes']);
    expect(gone.code, gone.stdout).toBe(0);
    expect(gone.stdout).toMatch(/= reservation \(notice \d+\) {2}没有接口能取消视频号直播预约：/);
    expect(gone.stdout).toContain(
      `store-product/biluochun (product ${existing})  活动文件指定的已有商品：保持原样`,
    );
    expect(gone.stdout).toMatch(/- store-product\/longjing \(product \d+\) {2}下架（小店里保留，不再售卖）/);
    expect(gone.stdout).toMatch(/- showcase\/longjing {2}已移出橱窗/);
    expect(gone.stdout).toMatch(/删除完成：在微信上删除了 \d+ 项。/);
    for (const l of channelsLines(gone.stdout)) expect(english(l), l).toBeNull();
  }, 120_000);
});
