import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { setLang } from '../../src/i18n/catalog.js';
import { presentDiagnostic } from '../../src/i18n/diagnostics.js';
import { runCli } from '../support/cli.js';
import { copyExamples } from '../support/examples.js';
import { edit, run } from './channels-harness.js';

const ZH = { LANG: 'zh_CN.UTF-8' };

afterEach(() => setLang('en'));

const ACCOUNTS =
  '  channels: { shopAppId: wx1111111111111111, assistantAppId: wx2222222222222222, finderUserName: sphAbCdEf123 }\n';
const HEADS = '[assets/head-1.png, assets/head-2.png, assets/head-3.png]';
const PRICE = 'price: { type: discount, original: 199, now: 129.5 }';
const WARMUP = 'threshold: 199, amount: 50, quantity: 1000';

/** Channels campaigns that each break some rules: together every variant of every channels code. */
const BROKEN: string[] = [
  edit(ACCOUNTS, ''),
  edit('  miniProgram: { appId: wx0123456789abcdef, livePage: pages/live/entry }\n', ''),
  edit(
    'miniProgram: { appId: wx0123456789abcdef, livePage: pages/live/entry }',
    'miniProgram: { appId: wx0123456789abcdef }',
  ),
  edit(
    'finderUserName: sphAbCdEf123',
    'finderUserName: rose_beauty',
    edit('shopAppId: wx1111111111111111', 'shopAppId: shop-1'),
  ),
  edit('assistantAppId: wx2222222222222222', 'assistantAppId: wx1111111111111111'),
  edit('title: 满199减50,', 'title: 满199减50女神节专享券,'),
  edit(WARMUP, 'threshold: 999, amount: 201, quantity: 1000'),
  edit(WARMUP, 'threshold: 100, amount: 81, quantity: 1000'),
  edit('threshold: 0, amount: 20, quantity: 500', 'threshold: 0, amount: 104, quantity: 500'),
  edit('couponId: "5000000001"', 'couponId: old-10'),
  edit('products: [lipstick]', 'products: [lipstik]'),
  edit('quantity: 1000, stackable: true }', 'quantity: 1000, stackable: true, validTo: 2026-11-01T00:00 }'),
  edit(
    'quantity: 1000, stackable: true }',
    'quantity: 1000, stackable: true, validFrom: 2026-12-01T00:00, validTo: 2027-12-31T00:00 }',
  ),
  edit(
    'quantity: 1000, stackable: true }',
    'quantity: 1000, stackable: true, stockId: "1234567" }',
    edit(
      '  wecom: { corpId',
      '  wechatPay: { mchId: "1900000109", serialNo: 5157F09EFDC096DE15EBE81A47057A7232F1B8E1, publicKeyId: PUB_KEY_ID_0114232134912410000 }\n  wecom: { corpId',
    ),
  ),
  edit('    channels: { productId: "10000165397817" }\n', ''),
  edit('    channels: { productId: "10000165397817" }\n', '    channels: { productId: "p-520", stock: 3 }\n'),
  edit('      stock: 500\n      delivery: express\n', '      stock: 2000000\n'),
  edit('      freightTemplateId: "1001"\n', ''),
  edit('name: 玫瑰丝绒口红 3.5g', 'name: 口红'),
  edit('name: 玫瑰丝绒口红 3.5g', 'name: Lipstick520'),
  edit('name: 玫瑰丝绒口红 3.5g', `name: ${'玫瑰丝绒口红'.repeat(11)}`),
  edit('      stock: 500\n', `      stock: 500\n      shortTitle: ${'丝绒口红'.repeat(6)}\n`),
  edit(HEADS, '[assets/head-1.png, assets/head-2.png]'),
  edit(HEADS, '[assets/head-1.png, assets/head-2.png, assets/head-1.png]'),
  edit(PRICE, 'price: { type: range, min: 129, max: 199 }'),
  edit(PRICE, 'price: { type: fixed, amount: 100000.01 }'),
  edit(PRICE, 'price: { type: fixed, amount: 0 }'),
  edit(PRICE, 'price: { type: discount, original: 99, now: 129.5 }'),
  edit(
    'channels: [wecom-groups]\n    message: live-now',
    'channels: [wecom-groups, live-followers]\n    message: live-now',
  ),
  edit('  - id: t-3d\n', '  - id: t-3d-warm-up-teaser-wave-abcdef\n'),
  // The same file on mini-program: the channels settings and the mini-program fields it lacks.
  edit('\nplatform: channels\n', '\nplatform: mini-program\n'),
  edit(
    '  miniProgram: { appId: wx0123456789abcdef, livePage: pages/live/entry }\n',
    '',
    edit('\nplatform: channels\n', '\nplatform: mini-program\n'),
  ),
];

const han = /[\u4e00-\u9fff]/;
const english = /\b(the|is|not|has|needs|takes|store|coupon|product|wave|and|or|at most)\b/;

function expectChinese(found: Diagnostic): void {
  const d = presentDiagnostic(found);
  const label = `${found.code}: ${d.message}`;
  expect(d.message, label).toMatch(han);
  expect(d.message, label).not.toMatch(/undefined|NaN|\[object/);
  if (found.hint !== undefined) {
    expect(d.hint, `${found.code}: ${d.hint}`).toMatch(han);
    expect(d.hint, found.code).not.toMatch(/undefined|NaN|\[object/);
  }
  // Ids, field names and the platform's own words stay; no English sentence is left.
  const words = `${d.message} ${d.hint ?? ''}`.replace(/"[^"]*"|[\w.[\]-]+:\s|\{[^}]*\}/g, ' ');
  expect(words, label).not.toMatch(english);
}

describe('the 视频号 findings in Chinese', () => {
  it('every channels finding reads in Chinese, with the values the rule named; English stays the rule’s own', async () => {
    const lists = await Promise.all(BROKEN.map((y) => run(y)));
    const found = lists.flat();
    const codes = new Set(found.map((d) => d.code));
    for (const code of [
      'E_CHANNELS_ACCOUNT',
      'E_CHANNELS_ACCOUNT_FORMAT',
      'E_CHANNELS_COUPON_AMOUNT',
      'E_CHANNELS_COUPON_ID',
      'E_CHANNELS_COUPON_NAME',
      'E_CHANNELS_COUPON_WINDOW',
      'E_CHANNELS_FREIGHT',
      'E_CHANNELS_IMAGES',
      'E_CHANNELS_LIVE_FOLLOWERS',
      'E_CHANNELS_ONLY',
      'E_CHANNELS_PRICE',
      'E_CHANNELS_PRODUCT',
      'E_CHANNELS_PRODUCT_ID',
      'E_CHANNELS_TITLE',
      'E_CHANNELS_WECHATPAY',
      'W_CHANNELS_NO_LIVE_PAGE',
      'E_REQUIRED',
      'E_UNKNOWN_PRODUCT',
      'E_SCENE_TOO_LONG',
    ])
      expect(codes, code).toContain(code);
    setLang('zh-CN');
    for (const d of found) expectChinese(d);

    const shown = (code: string) =>
      found.filter((d) => d.code === code).map((d) => presentDiagnostic(d).message);
    expect(shown('E_CHANNELS_COUPON_NAME')).toEqual([
      '优惠券标题 "满199减50女神节专享券" 有 13 个字；小店优惠券名称最多 10 个字（10021005）',
    ]);
    expect(shown('E_CHANNELS_ACCOUNT_FORMAT')).toContain(
      '微信小店 AppID "shop-1" 不是 "wx" 加 16 位十六进制数字',
    );
    expect(shown('E_CHANNELS_ONLY')).toContain(
      'products[0].channels 只用于 platform: channels；这场活动用的是小程序直播',
    );
    expect(shown('E_REQUIRED')).toContain('商品 lipstick 缺少必填字段 "page"（platform: mini-program）');
    expect(shown('E_REQUIRED')).toContain('缺少必填字段 "miniProgram"（platform: mini-program）');
    expect(shown('E_UNKNOWN_PRODUCT')).toEqual([
      '优惠券 all-hands-20 指定了商品 "lipstik"，但它不是本文件里的商品',
    ]);

    setLang('en');
    for (const d of found) {
      const { args: _args, ...rest } = d;
      expect(presentDiagnostic(d)).toEqual(rest);
    }
  });

  it('validate in Chinese: the bundled example passes, a broken copy lists its findings in Chinese', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'livectl-channels-zh-'));
    copyExamples(dir);
    const args = ['validate', '--now', '2026-11-26T12:00:00+08:00'];
    const ok = await runCli([...args, 'goddess-day-channels.yaml'], { cwd: dir, env: ZH });
    expect(ok.code).toBe(0);
    expect(ok.stdout + ok.stderr).toContain('检查了 1 个文件：0 个错误，0 个警告，全部通过');

    let y = readFileSync(path.join(dir, 'goddess-day-channels.yaml'), 'utf8');
    for (const [from, to] of [
      ['finderUserName: sphAbCdEf123', 'finderUserName: rose_beauty'],
      ['      freightTemplateId: "1001"\n', ''],
      ['channels: { productId: "10000165397817" }', 'channels: { productId: "p-520" }'],
      ['title: 满199减50,', 'title: 满199减50女神节专享券,'],
    ] as const)
      y = edit(from, to, y);
    writeFileSync(path.join(dir, 'broken.yaml'), y);
    const bad = await runCli([...args, 'broken.yaml'], { cwd: dir, env: ZH });
    expect(bad.code).toBe(1);
    const text = bad.stdout + bad.stderr;
    for (const code of [
      'E_CHANNELS_ACCOUNT_FORMAT',
      'E_CHANNELS_FREIGHT',
      'E_CHANNELS_PRODUCT_ID',
      'E_CHANNELS_COUPON_NAME',
    ])
      expect(text).toContain(code);
    expect(text).toContain('finderUserName "rose_beauty" 不是视频号 ID（sph 加字母和数字）');
    expect(text).toContain('没有 freightTemplateId');
    expect(text).toContain('小店优惠券名称最多 10 个字');
    expect(text).not.toMatch(/is not a|the store|ships by express/);
    const en = await runCli([...args, 'broken.yaml'], { cwd: dir });
    expect(en.stdout + en.stderr).toContain('is not a 视频号 id');
  });
});
