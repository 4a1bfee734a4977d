import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runConsole } from '../../src/cli/run-console.js';
import type { ConsoleService, ConsoleView } from '../../src/console/actions.js';
import { channelsLiveText, NO_CARD_API } from '../../src/console/channels-view.js';
import { serveConsole } from '../../src/console/server.js';
import { setLang } from '../../src/i18n/catalog.js';
import { consoleEn } from '../../src/i18n/console-en.js';
import { memoryOutput } from '../../src/platform/deps.js';
import { type E2E, HOUR, type Json, ROOT, startE2E } from '../e2e/support/workspace.js';
import { requireChromium } from '../support/chromium.js';

/**
 * `livectl console` end to end — the real CLI use-case, the emulator, a SQLite store and
 * Debian's Chromium. The page shows the run sheet, a click pushes a card (the emulator's request log
 * has it), a mark is recorded (status shows it) and posted to the staff robot, a wrong or missing
 * token and a cross-origin POST are refused, and after the end the page says the replay is ready.
 *
 * LIVECTL_WRITE_DOCS=1 also saves the screenshot the README shows (docs/console.png, fixed clock).
 */
let browser: Browser;
let e: E2E | undefined;
const ROBOT_KEY = 'robot-key-3b9f1c';
// 20:00 on the day of the broadcast (Asia/Shanghai), 30 minutes in: live, the warm-up over.
const LIVE_AT = new Date('2027-03-20T12:00:00Z');
const END = new Date('2027-03-20T13:00:00Z');
const XSS = '<img src=x onerror=alert(1)>茶具一套';

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: requireChromium(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await e?.close();
  e = undefined;
});

/** A campaign with a staff robot, a coupon drop and two lottery rounds (one by likes, one timed), applied with its goods in the room. */
async function appliedCampaign(prize2 = '茶具一套'): Promise<E2E> {
  const x = await startE2E();
  const yaml = readFileSync(x.ws.file, 'utf8')
    .replace('channels:\n', 'channels:\n  staff: { type: robot, keyEnv: LIVECTL_ROBOT_STAFF }\n')
    .replace('  images: {', '  features: { replay: true }\n  images: {')
    .replace(
      '    - { trigger: { likes: 12000 }, prize: 茶具一套 }\n',
      `    - { trigger: { at: +45m }, prize: ${JSON.stringify(prize2)} }\n  couponDrops: [{ at: +15m, coupon: hands-10 }]\n`,
    )
    .concat(
      'coupons:\n  - { id: hands-10, title: 全场立减10元, kind: all-hands, threshold: 99, amount: 10, quantity: 500, stackable: true }\n',
    );
  x.ws.writeCampaign(yaml);
  const a = await x.cli(['apply', 'campaign.yaml', '--yes']);
  expect(a.code, a.stdout + a.stderr).toBe(0);
  await x.advance(3 * HOUR);
  const b = await x.cli(['apply', 'campaign.yaml', '--yes']);
  expect(b.code, b.stdout + b.stderr).toBe(0);
  const st = JSON.parse((await x.cli(['status', 'campaign.yaml', '--format', 'json'])).stdout);
  expect(st.goods.every((g: Json) => g.inRoom)).toBe(true);
  return x;
}

/** Runs `livectl console` (the CLI use-case) with a clock that follows the emulator's; `body` drives it. */
async function withConsole(x: E2E, body: (url: string) => Promise<void>): Promise<string> {
  const stdout = memoryOutput();
  const stderr = memoryOutput();
  const code = await runConsole(
    'campaign.yaml',
    {},
    {
      clock: { now: () => x.now() },
      stdout,
      stderr,
      env: { ...x.env, LIVECTL_ROBOT_STAFF: ROBOT_KEY },
      cwd: x.ws.dir,
      stdinIsTTY: false,
    },
    async (c) => body(c.url),
  );
  expect(code, stderr.text()).toBe(0);
  return stdout.text() + stderr.text();
}

const text = async (page: Page, sel: string) =>
  ((await page.locator(sel).textContent()) ?? '').replace(/\s+/g, ' ');

/** What the page shows: the header, the message line and the tables (not the script). */
const shown = async (page: Page) =>
  (await page.evaluate(
    `['header', '#msg', 'main'].map((s) => document.querySelector(s).textContent).join(' ')`,
  )) as string;

describe('livectl console', () => {
  it('shows the run sheet, pushes a card, marks a round drawn, refuses bad tokens', async () => {
    e = await appliedCampaign();
    await e.setClock(LIVE_AT);
    const x = e;
    const out = await withConsole(x, async (url) => {
      const u = new URL(url);
      expect(u.hostname).toBe('127.0.0.1');
      const token = u.searchParams.get('token')!;
      expect(token.length).toBeGreaterThanOrEqual(32);

      // Missing and wrong tokens, and a cross-origin POST with the right one, are refused.
      expect((await fetch(`${u.origin}/`)).status).toBe(401);
      expect((await fetch(`${u.origin}/?token=${token.slice(0, -1)}x`)).status).toBe(403);
      expect((await fetch(`${u.origin}/api/view`, { headers: { 'x-livectl-token': 'nope' } })).status).toBe(
        403,
      );
      const post = (headers: Record<string, string>) =>
        fetch(`${u.origin}/api/action`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ type: 'push', product: 'longjing' }),
        });
      expect((await post({})).status).toBe(401);
      expect((await post({ 'x-livectl-token': token, origin: 'http://evil.example' })).status).toBe(403);
      const form = await fetch(`${u.origin}/api/action`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'x-livectl-token': token },
        body: '{"type":"push","product":"longjing"}',
      });
      expect(form.status).toBe(415);
      // Another Host (a DNS-rebinding page reaching 127.0.0.1 under its own name) is refused, token or not.
      const rebound = await new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: u.port,
            path: `/?token=${token}`,
            headers: { host: `evil.example:${u.port}` },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(rebound).toBe(403);
      const page0 = await fetch(`${u.origin}/?token=${token}`);
      expect(page0.headers.get('access-control-allow-origin')).toBeNull();
      expect(page0.headers.get('content-security-policy')).toContain("script-src 'nonce-");
      expect((await x.requests()).filter((r) => r.path.endsWith('/goods/push'))).toHaveLength(0);

      const page = await browser.newPage({ viewport: { width: 1280, height: 620 } });
      await page.goto(url);
      await page.waitForSelector('body[data-ready="1"]');
      expect(await text(page, 'header')).toContain('春茶上新直播');
      expect(await text(page, '#clock')).toBe('20:00:00');
      expect(await text(page, '#live')).toBe('live now');
      const sheet = await text(page, '#sheet');
      expect(sheet).toContain('when likes reach 5000');
      expect(sheet).toContain('品鉴装');
      expect(sheet).toContain('coupon drop: 全场立减10元 (500)');
      expect(sheet).toContain('the broadcast ends');
      expect(sheet).toMatch(/in 15m 0s.*茶具一套/);

      // A click pushes the card: the emulator sees goods/push with this room and this product's goods.
      const st = await x.state();
      const roomId = st.rooms[0].roomId;
      await page.locator('#goods tr[data-product="longjing"] button', { hasText: 'Push card' }).click();
      await page.locator('#msg', { hasText: 'pushed the card' }).waitFor();
      const pushes = (await x.requests()).filter((r) => r.path.endsWith('/goods/push'));
      expect(pushes).toHaveLength(1);
      expect(pushes[0]!.body.roomId).toBe(roomId);
      expect(pushes[0]!.errcode).toBe(0);

      await page.locator('#goods tr[data-product="biluochun"] button', { hasText: 'Off sale' }).click();
      await page.locator('#msg', { hasText: 'is off sale' }).waitFor();
      const shelf = (await x.requests()).filter((r) => r.path.endsWith('/goods/onsale'));
      expect(shelf.map((r) => r.body.onSale)).toEqual([0]);
      // Off the shelf, WeChat refuses its card (300052): the page says so.
      await page.locator('#goods tr[data-product="biluochun"] button', { hasText: 'Push card' }).click();
      await page.locator('#msg', { hasText: '300052' }).waitFor();

      await page.locator('#sheet tr[data-id="lottery-1"] button', { hasText: 'Mark drawn' }).click();
      await page.locator('#sheet tr.marked[data-id="lottery-1"]').waitFor();
      expect(await text(page, '#msg')).toContain('posted to robot staff');
      if (process.env.LIVECTL_WRITE_DOCS === '1') {
        await page.evaluate(`document.getElementById('msg').textContent = ''`);
        await page.screenshot({ path: path.join(ROOT, 'docs', 'console.png') });
      }
      await page.locator('#sheet tr[data-id="coupon-1"] button', { hasText: 'Mark done' }).click();
      await page.locator('#sheet tr.marked[data-id="coupon-1"]').waitFor();
      await page.close();
    });
    expect(out.split('\n')[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);

    // The mark is in the state (status shows it) and reached the staff robot.
    const st = JSON.parse((await x.cli(['status', 'campaign.yaml', '--format', 'json'])).stdout);
    expect(st.marks).toEqual([
      { cue: 'coupon-1', mark: 'done', title: '全场立减10元', at: LIVE_AT.toISOString() },
      { cue: 'lottery-1', mark: 'drawn', title: '品鉴装', at: LIVE_AT.toISOString() },
    ]);
    // The plan leaves marks alone (they are local records, not platform objects).
    const plan = JSON.parse(
      (await x.cli(['plan', 'campaign.yaml', '--no-posters', '--format', 'json'])).stdout,
    );
    expect(plan.changes.filter((c: Json) => c.address.startsWith('mark/'))).toEqual([]);
    const text2 = (await x.cli(['status', 'campaign.yaml'])).stdout;
    expect(text2).toContain('lottery-1  drawn at 2027-03-20 20:00');
    const robot = (await x.state()).messages.filter((m: Json) => m.kind === 'robot');
    expect(robot.map((m: Json) => m.content.markdown.content)).toEqual([
      expect.stringContaining('第1轮抽奖已开奖：品鉴装'),
      expect.stringContaining('已发券：全场立减10元'),
    ]);
  }, 120_000);

  it('in Chinese (zh-CN): labels, buttons, countdowns, answers and the CLI lines; no English left', async () => {
    e = await appliedCampaign();
    await e.setClock(LIVE_AT);
    const x = e;
    setLang('zh-CN');
    let out: string;
    try {
      out = await withConsole(x, async (url) => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 620 } });
        await page.goto(url);
        await page.waitForSelector('body[data-ready="1"]');
        expect(await page.evaluate('document.documentElement.lang')).toBe('zh-CN');
        expect(await page.title()).toBe('春茶上新直播 · livectl 直播控制台');
        expect(await page.locator('main h2').allTextContents()).toEqual(['直播流程', '商品', '直播结束后']);
        expect(await page.locator('main th').allTextContents()).toEqual([
          '时间',
          '倒计时',
          '事项',
          '',
          '商品',
          '商品卡片',
          '上下架',
        ]);
        expect(await text(page, '#live')).toBe('直播中');
        expect(await text(page, '#roomid')).toMatch(/^直播间 \d+$/);
        const sheet = await text(page, '#sheet');
        expect(sheet).toContain('点赞达到 5000 时');
        expect(sheet).toContain('暖场 5分钟：打招呼、引导点赞、提醒领券');
        expect(sheet).toContain('第 1 轮抽奖：点赞达到 5000 时');
        expect(sheet).toContain('发券：全场立减10元（500 张）');
        expect(sheet).toContain('直播结束');
        expect(sheet).toMatch(/15分0秒后.*茶具一套/);
        expect(sheet).toMatch(/30分0秒前/);
        expect(await text(page, '#replay')).toMatch(/结束（1小时0分0秒后）$/);
        const goods = await text(page, '#goods');
        expect(goods).toContain('已在直播间');
        expect(goods).toContain('推送卡片上架 下架');
        const english =
          /Run sheet|Goods|Product|Card|Shelf|After the broadcast|Push card|On sale|Off sale|Mark|when likes|coupon drop|lottery round|the broadcast|in the room|\bin \d|ago|live now|room \d/;
        expect(await shown(page)).not.toMatch(english);

        await page.locator('#goods tr[data-product="longjing"] button', { hasText: '推送卡片' }).click();
        await page.locator('#msg', { hasText: '的商品卡片' }).waitFor();
        expect(await text(page, '#msg')).toMatch(/^已推送 .+ 的商品卡片$/);
        await page.locator('#goods tr[data-product="biluochun"] button', { hasText: '下架' }).click();
        await page.locator('#msg', { hasText: '已下架' }).waitFor();
        expect(await text(page, '#goods tr[data-product="biluochun"]')).toContain('已下架');
        // WeChat's own refusal keeps its words; the page says which code.
        await page.locator('#goods tr[data-product="biluochun"] button', { hasText: '推送卡片' }).click();
        await page.locator('#msg', { hasText: '（错误码 300052）' }).waitFor();

        await page.locator('#sheet tr[data-id="lottery-1"] button', { hasText: '标记已开奖' }).click();
        await page.locator('#sheet tr.marked[data-id="lottery-1"]').waitFor();
        expect(await text(page, '#msg')).toBe('lottery-1 已标记为已开奖；已发送到群机器人 staff');
        expect(await text(page, '#sheet tr[data-id="lottery-1"]')).toContain('20:00:00 已开奖');
        expect(await shown(page)).not.toMatch(english);
        await page.close();
      });
    } finally {
      setLang('en');
    }
    expect(out.split('\n')[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    expect(out).toMatch(
      /livectl 直播控制台（.+）已在 127\.0\.0\.1:\d+ 启动：打开上面的网址（其中带有访问令牌）。按 Ctrl-C 停止。/,
    );
    // The JSON API does not change with the language.
    const st = JSON.parse((await x.cli(['status', 'campaign.yaml', '--format', 'json'])).stdout);
    expect(st.marks).toEqual([
      { cue: 'lottery-1', mark: 'drawn', title: '品鉴装', at: LIVE_AT.toISOString() },
    ]);
  }, 120_000);

  it("on 视频号 in Chinese: the reservation, live now, the showcase and the dashboard; cards are the app's", async () => {
    const SAY = consoleEn.server;
    const channels = {
      live: true,
      exportId: 'export-1',
      reservation: { noticeId: '7001', status: 0, statusText: 'available', drift: false },
      dashboard: { viewers: 300, likes: 1200, likeRate: 450, orders: 12, gmv: 1288.5 },
      products: [],
      coupons: [],
    } as unknown as NonNullable<ConsoleView['channels']>;
    let view: ConsoleView = {
      now: LIVE_AT.toISOString(),
      timezone: 'Asia/Shanghai',
      campaign: 'spring-tea',
      room: {
        name: '春茶上新直播',
        roomId: SAY.notice({ id: '7001' }),
        liveStatus: 101,
        liveStatusText: channelsLiveText(channels),
      },
      rows: [],
      goods: [{ product: 'longjing', name: '明前龙井', goodsId: '9001', inRoom: true }],
      after: [],
      channels,
    };
    // The page over the real server; the view is set here (the 视频号 side is covered in test/e2e).
    const service = {
      view: async () => view,
      act: async () => ({ ok: false, message: NO_CARD_API }),
    } as unknown as ConsoleService;
    const running = await serveConsole(service, { title: '春茶上新直播', lang: 'zh-CN' });
    try {
      const page = await browser.newPage();
      await page.goto(running.url);
      await page.waitForSelector('body[data-ready="1"]');
      expect(await text(page, '#live')).toBe('直播中');
      expect(await text(page, '#roomid')).toBe('预约直播 7001');
      expect(await text(page, '#goods')).toContain('已在橱窗');
      expect(await text(page, '#replay')).toBe(
        '直播中：观看 300 人 · 点赞 1200 · 点赞率 4.50% · 订单 12 笔 · 成交额 ¥1288.50',
      );
      await page.locator('#goods button', { hasText: '推送卡片' }).click();
      await page.locator('#msg.err', { hasText: '视频号 App' }).waitFor();
      expect(await text(page, '#msg')).toBe(
        '视频号的商品卡片和上下架在视频号 App 的直播控制台里操作（没有接口可以代劳）',
      );
      // Before the broadcast: not live, with the reservation's words in Chinese.
      const notLive = { ...channels, live: false, dashboard: undefined };
      view = {
        ...view,
        room: { ...view.room, liveStatus: undefined, liveStatusText: channelsLiveText(notLive) },
        channels: notLive,
      };
      await page.locator('#live', { hasText: '未开播' }).waitFor();
      expect(await text(page, '#live')).toBe('未开播（预约直播 7001 有效）');
      const drift = {
        ...notLive,
        reservation: { ...channels.reservation!, statusText: 'cancelled', drift: true },
      };
      view = { ...view, room: { ...view.room, liveStatusText: channelsLiveText(drift) }, channels: drift };
      await page.locator('#live', { hasText: '已取消' }).waitFor();
      expect(await text(page, '#live')).toBe('预约直播已取消：请为开播时间重新创建一个预约');
      expect(await shown(page)).not.toMatch(/live|reservation|showcase|viewers|likes|Push card/);
      await page.close();
    } finally {
      await running.close();
    }
  }, 60_000);

  it('after the end: the replay once ready, and the after-waves still to come', async () => {
    e = await appliedCampaign(XSS);
    await e.setClock(new Date(END.getTime() + 5 * 60_000));
    const x = e;
    await withConsole(x, async (url) => {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(url);
      await page.waitForSelector('body[data-ready="1"]');
      // Campaign text is text: the prize's markup shows as written and runs nothing.
      expect(await text(page, '#sheet')).toContain(XSS);
      expect(await page.locator('#sheet img').count()).toBe(0);
      expect(dialogs).toEqual([]);
      expect(await text(page, '#replay')).toContain('Replay not ready yet');
      expect(await text(page, '#after')).toMatch(/feedback → wecom-groups/);
      expect(await text(page, '#after')).toContain('in 5m 0s');
      await page.close();
    });
    // A new console after the replay is generated (about 10 minutes after the end).
    await x.setClock(new Date(END.getTime() + 11 * 60_000));
    await withConsole(x, async (url) => {
      const page = await browser.newPage();
      await page.goto(url);
      await page.waitForSelector('body[data-ready="1"]');
      expect(await text(page, '#replay')).toMatch(/Replay ready: \S+\.m3u8/);
      await page.close();
    });
    const replays = (await x.requests()).filter((r) => r.body?.action === 'get_replay');
    expect(replays.length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
