import { rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCampaignPosters } from '../../src/poster/index.js';
import { requireChromium } from '../support/chromium.js';
import { example, tempDir } from './support.js';

/**
 * The contact sheet in a real browser: Debian's chromium (.ci/run installs it with apt-get), driven by
 * playwright-core. Every poster image must load and the timeline must show the whole campaign.
 */
let browser: Browser;
const dirs: string[] = [];

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: requireChromium(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('index.html contact sheet', () => {
  it('shows every poster (all images load) beside the timeline of the whole campaign', async () => {
    const out = tempDir();
    dirs.push(out);
    const { campaign, times, dir } = example('goddess-day.yaml');
    const r = await renderCampaignPosters({
      campaign,
      times,
      campaignDir: dir,
      outDir: out,
      now: new Date('2027-03-06T00:00:00+08:00'),
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const failed: string[] = [];
    page.on('requestfailed', (req) => failed.push(req.url()));
    await page.goto(pathToFileURL(r.contactSheet).href, { waitUntil: 'load' });
    // Evaluated in the page (a string: this project's TypeScript has no DOM types).
    const images = (await page.evaluate(`[...document.images].map((img) => ({
      src: decodeURIComponent(new URL(img.src).pathname.split('/').pop() ?? ''),
      complete: img.complete,
      naturalWidth: img.naturalWidth,
      naturalHeight: img.naturalHeight,
    }))`)) as { src: string; complete: boolean; naturalWidth: number; naturalHeight: number }[];
    expect(failed).toEqual([]);
    expect(images.map((i) => i.src).sort()).toEqual(r.files.map((f) => path.basename(f.file)).sort());
    for (const img of images) {
      expect(img, img.src).toMatchObject({ complete: true, naturalWidth: 750, naturalHeight: 1334 });
    }
    const text = (await page.evaluate('document.body.textContent')) as string;
    for (const expected of [
      '女神节直播专场',
      '3月8日（周一）20:00–22:00',
      'Warm-up',
      'wave t-3d',
      '2027-03-05 10:00 周五',
      'broadcast starts',
      'warm-up, 10m',
      'coupon drop: 全场立减20',
      'lottery: 小黑盖口红 ×5',
      'at 30000 likes',
      'group buy: 玻尿酸补水面膜10片',
      'broadcast ends',
      'After the broadcast',
      'after replay',
    ]) {
      expect(text).toContain(expected);
    }
    // --now 2027-03-06: the first wave is past, the rest to come.
    expect(await page.locator('li.entry.past').count()).toBe(1);
    await page.close();
  });

  it('in Chinese (--lang zh-CN): the headings, labels, captions and timeline, no English words of its own', async () => {
    const out = tempDir();
    dirs.push(out);
    const { campaign, times, dir } = example('goddess-day.yaml');
    // One wave's poster is enough: the sheet still shows the whole campaign.
    const r = await renderCampaignPosters({
      campaign,
      times,
      campaignDir: dir,
      outDir: out,
      waveId: 't-3d',
      now: new Date('2027-03-06T00:00:00+08:00'),
      lang: 'zh-CN',
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(r.contactSheet).href, { waitUntil: 'load' });
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-CN');
    expect(await page.title()).toBe('goddess-day-2027 · 海报总览');
    const text = (await page.evaluate('document.body.textContent')) as string;
    for (const expected of [
      '3月8日（周一）20:00–22:00',
      '主播 ',
      '共 1 张海报',
      '直播间分享海报',
      '本次未生成',
      '商品',
      '优惠券',
      '预热券',
      '预热',
      '提醒 t-3d',
      '渠道：wecom-groups、wecom-moments',
      '开播：女神节直播专场',
      '时长 2小时（手机开播）',
      '暖场 10分钟',
      '发券：全场立减20',
      '抽奖：小黑盖口红 ×5',
      '点赞达到 30000 时',
      '拼团：玻尿酸补水面膜10片',
      '直播结束',
      '直播结束后',
      '结束后 replay',
      '已过',
      '预览二维码（apply 时换成小程序码）',
    ]) {
      expect(text).toContain(expected);
    }
    for (const english of [
      'Warm-up',
      'Broadcast',
      'After the broadcast',
      'Room share poster',
      'Products',
      'Coupons',
      'wave t-3d',
      'broadcast starts',
      'coupon drop',
      'lottery:',
      'group buy',
      'likes',
      'channels:',
      'message:',
      'anchor',
      'preview QR',
      'not rendered',
      'poster',
    ]) {
      expect(text).not.toContain(english);
    }
    await page.close();
  });
});
