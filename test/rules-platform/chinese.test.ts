import { afterEach, describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../src/diagnostics/codes.js';
import { setLang } from '../../src/i18n/catalog.js';
import { presentDiagnostic, ZH_DIAGNOSTICS } from '../../src/i18n/diagnostics.js';
import { BASE, edit, run } from './harness.js';

afterEach(() => setLang('en'));

/** Edits of the base campaign that break many rules at once (each edit one rule). */
function broken(): string {
  let y = BASE;
  const swap = (from: string, to: string) => {
    y = edit(from, to, y);
  };
  swap('name: 女神节直播专场', 'name: 女神');
  swap('anchor: { name: 小美老师, wechat: xiaomei_01 }', 'anchor: { name: 小美, wechat: xiaomei_01 }');
  swap('now: 129.5 }', 'now: 229.555 }');
  swap('{ type: range, min: 299, max: 499 }', '{ type: range, min: 499, max: 299 }');
  swap('groupBuy: { size: 3, price: 59.9 }', 'groupBuy: { size: 3, price: 99 }');
  swap('miniProgram: { appId: wx0123456789abcdef }', 'miniProgram: { appId: wx123 }');
  swap('corpId: ww0123456789abcdef', 'corpId: ww12');
  swap('page: pages/goods/detail?id=733', 'page: /pages/goods/detail?id=733');
  swap('channels: [wecom-groups, staff]', 'channels: [wecom-groups, staf]');
  swap('coupons: [warmup-50]', 'coupons: [warmup-5]');
  swap('message: teaser', 'message: teasr');
  swap('at: -30m', 'at: +30m');
  swap(
    'image: assets/goods.png\n    price: { type: fixed',
    'image: assets/nope.png\n    price: { type: fixed',
  );
  return y;
}

describe('diagnostics in Chinese', () => {
  it('every diagnostic code has a Chinese message (add the missing ones to src/i18n/diagnostics-zh-*.ts)', () => {
    const missing = DIAGNOSTIC_CODES.filter((c) => ZH_DIAGNOSTICS[c] === undefined);
    expect(missing).toEqual([]);
  });

  it('renders what the rules found in Chinese, with the values they named; English stays the rules’ own text', async () => {
    const list = await run(broken());
    const codes = new Set(list.map((d) => d.code));
    expect(codes.size).toBeGreaterThanOrEqual(12);
    setLang('zh-CN');
    for (const found of list) {
      const d = presentDiagnostic(found);
      expect(d.code).toBe(found.code);
      expect(d.path).toEqual(found.path);
      expect(Object.keys(d)).toEqual(Object.keys(found).filter((k) => k !== 'args'));
      expect(d.message, `${d.code}: ${d.message}`).toMatch(/[\u4e00-\u9fff]/);
      expect(d.message, d.code).not.toMatch(/undefined|NaN|\[object/);
      if (found.hint !== undefined) {
        expect(d.hint, `${d.code}: ${d.hint}`).toMatch(/[\u4e00-\u9fff]/);
        expect(d.hint, d.code).not.toMatch(/undefined|NaN|\[object/);
      }
    }
    const width = list.find((d) => d.code === 'E_ROOM_NAME_WIDTH')!;
    setLang('zh-CN');
    const shape = await run(edit('timezone: Asia/Shanghai', 'timezone: Asia/Shanghai\n  timezon: 1'));
    expect(shape.map((d) => presentDiagnostic(d).message)).toEqual([
      '未知的键 "timezon"，你是不是想写 "timezone"？',
    ]);
    expect(presentDiagnostic(width).message).toBe(
      '直播间名称 "女神" 宽度为 4；微信允许 6–34（一个汉字算 2）',
    );
    setLang('en');
    for (const found of list) {
      const { args: _args, ...english } = found;
      expect(presentDiagnostic(found)).toEqual(english);
    }
  });
});
