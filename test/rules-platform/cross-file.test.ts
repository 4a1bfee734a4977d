import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../src/validate/validate-files.js';
import { withCode } from '../support/validate.js';
import { at, BASE, edit, freshDir, NOW } from './harness.js';

const START = 'start: 2027-03-08T20:00';
const DURATION = 'duration: 2h';

/** A room starting at `start` (local) for `duration`, optionally of another mini program. */
function room(start: string, duration: string, appId?: string): string {
  let y = edit(START, `start: ${start}`);
  y = edit(DURATION, `duration: ${duration}`, y);
  if (appId) y = edit('appId: wx0123456789abcdef }', `appId: ${appId} }`, y);
  return y;
}

/** `n` extra goods g-<from>…, inserted before the base products. */
function withGoods(from: number, n: number, text = BASE): string {
  const lines = Array.from(
    { length: n },
    (_, k) =>
      `  - { id: g-${from + k}, name: 商品${from + k}号款式, image: assets/goods.png, price: { type: fixed, amount: 10 }, page: pages/goods/detail?id=${from + k} }\n`,
  );
  return edit('products:\n', `products:\n${lines.join('')}`, text);
}

/** Validates the texts together; returns each file's findings of `code` with their position. */
async function together(texts: string[], code: string) {
  const dir = freshDir();
  const files = texts.map((t, i) => {
    const f = path.join(dir, `c${String(i).padStart(2, '0')}.yaml`);
    writeFileSync(f, t);
    return f;
  });
  const r = await validateFiles(files, { now: NOW });
  return r.files.map((f) => withCode(f.diagnostics, code));
}

const startHit = (text: string) => [{ path: ['room', 'start'], ...at(text, 'start: 20', 7) }];
/** 8:00, 8:10, …: `n` one-hour rooms on 2027-03-08, never more than 6 live at once. */
const sameDay = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const m = 8 * 60 + 10 * i;
    return `2027-03-08T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  });

describe('E_ROOMS_PER_DAY', () => {
  it('rejects the 51st room starting on one day for one mini program', async () => {
    const texts = sameDay(51).map((s) => room(s, '1h'));
    const found = await together(texts, 'E_ROOMS_PER_DAY');
    expect(found.slice(0, 50).flat()).toEqual([]);
    expect(found[50]).toEqual(startHit(texts[50]!));
  });
  it('accepts 50 rooms, and a 51st of another mini program', async () => {
    const starts = sameDay(51);
    const texts = starts.map((s, i) => room(s, '1h', i === 50 ? 'wx1111111111111111' : undefined));
    expect((await together(texts, 'E_ROOMS_PER_DAY')).flat()).toEqual([]);
  });
});

describe('E_ROOMS_OVERLAP', () => {
  // 26 day-long rooms from 8 March 20:00 and 25 from 9 March 08:00: 51 live at once, ≤ 26 a day.
  const overlapping = (second: number) => [
    ...Array.from({ length: 26 }, () => room('2027-03-08T20:00', '24h')),
    ...Array.from({ length: second }, () => room('2027-03-09T08:00', '2h')),
  ];
  it('rejects the 51st broadcast live at the same time', async () => {
    const texts = overlapping(25);
    const found = await together(texts, 'E_ROOMS_OVERLAP');
    expect(found.slice(0, 50).flat()).toEqual([]);
    expect(found[50]).toEqual(startHit(texts[50]!));
  });
  it('accepts 50', async () => {
    expect((await together(overlapping(24), 'E_ROOMS_OVERLAP')).flat()).toEqual([]);
  });
});

describe('E_GOODS_LIMIT', () => {
  const productsHit = (text: string) => [{ path: ['products'], ...at(text, 'products:\n  -', 12) }];
  /** The base campaign renamed: another campaign of the same mini program. */
  const named = (name: string, text: string) => edit('name: platform-base', `name: ${name}`, text);

  it('counts the goods of each campaign: the same product ids in two campaigns are two goods each', async () => {
    // 998 + 3 goods in each of two campaigns with the same ids: 2,002 in the library.
    const texts = [named('spring', withGoods(0, 998)), named('autumn', withGoods(0, 998))];
    const found = await together(texts, 'E_GOODS_LIMIT');
    expect(found[0]).toEqual([]);
    expect(found[1]).toEqual(productsHit(texts[1]!));
  });
  it('rejects the file that takes the library past 2,000 goods', async () => {
    // 1200 + 3 goods, then 798 + 3 in another campaign: 2,004.
    const texts = [named('spring', withGoods(0, 1200)), named('autumn', withGoods(5000, 798))];
    const found = await together(texts, 'E_GOODS_LIMIT');
    expect(found[0]).toEqual([]);
    expect(found[1]).toEqual(productsHit(texts[1]!));
  });
  it('accepts exactly 2,000, and files of one campaign share their goods', async () => {
    const two = [named('spring', withGoods(0, 997)), named('autumn', withGoods(0, 997))];
    expect((await together(two, 'E_GOODS_LIMIT')).flat()).toEqual([]);
    // Two files of one campaign (its goods and an edit of it): one goods item per product id.
    const one = [named('spring', withGoods(0, 1200)), named('spring', withGoods(0, 1200))];
    expect((await together(one, 'E_GOODS_LIMIT')).flat()).toEqual([]);
  });
  it('names the count and a hint that does not suggest reusing ids across campaigns', async () => {
    const dir = freshDir();
    const files = [named('spring', withGoods(0, 998)), named('autumn', withGoods(0, 998))].map((t, i) => {
      const f = path.join(dir, `c${i}.yaml`);
      writeFileSync(f, t);
      return f;
    });
    const r = await validateFiles(files, { now: NOW });
    const d = r.files[1]!.diagnostics.find((x) => x.code === 'E_GOODS_LIMIT')!;
    expect(d.message).toContain('would have 2002 goods');
    expect(d.hint).toContain('Each campaign adds its own goods');
    expect(d.hint).not.toMatch(/reuse/i);
  });
});
