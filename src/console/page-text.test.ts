import { describe, expect, it } from 'vitest';
import { consoleEn } from '../i18n/console-en.js';
import { consoleZh } from '../i18n/console-zh.js';
import { pageText, patternOf, template } from './page-text.js';

/** What the page does with a server text (page.ts): the first phrase that matches, its values put in. */
function translate(text: string): string {
  const t = pageText('zh-CN');
  for (const [source, names, to] of t.phrases) {
    const m = new RegExp(`^${source}$`).exec(text);
    if (!m) continue;
    const vals: Record<string, string> = {};
    names.forEach((k, i) => {
      vals[k] = t.nested.includes(k) ? translate(m[i + 1]!) : m[i + 1]!;
    });
    return to.replace(/\{(\w+)\}/g, (_m, k: string) => vals[k] ?? _m);
  }
  return text;
}

const fill = (tpl: string) => tpl.replace(/\{(\w+)\}/g, (_m, k: string) => `「${k}」`);

describe('the console page text', () => {
  it('makes templates and patterns from the text functions', () => {
    expect(template(consoleEn.server.pushed)).toBe('pushed the card of {name}');
    expect(patternOf('coupon drop: {title} ({quantity})')).toEqual([
      'coupon drop: ([\\s\\S]*?) \\(([\\s\\S]*?)\\)',
      ['title', 'quantity'],
    ]);
    expect(pageText('en')).toMatchObject({ lang: 'en', phrases: [] });
    expect(pageText('en').page.inTime).toBe('in {t}');
    expect(pageText('zh-CN').page.inTime).toBe('{t}后');
  });

  it('every English text of the server reads as its own Chinese (no other phrase takes it first)', () => {
    const leaves = (o: object): [string, unknown][] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'object'
          ? leaves(v).map(([kk, vv]) => [`${k}.${kk}`, vv] as [string, unknown])
          : [[k, v]],
      );
    const zh = new Map(leaves(consoleZh.server));
    for (const [key, en] of leaves(consoleEn.server)) {
      const english = fill(template(en as string));
      expect(translate(english), key).toBe(fill(template(zh.get(key) as string)));
    }
  });

  it('translates the words inside a text (a mark, a reservation status)', () => {
    expect(translate(consoleEn.server.marked({ cue: 'lottery-1', mark: 'drawn' }))).toBe(
      'lottery-1 已标记为已开奖',
    );
    expect(translate(consoleEn.server.notLive({ id: '7001', status: 'cancelled' }))).toBe(
      '未开播（预约直播 7001 已取消）',
    );
    expect(translate(consoleEn.server.couponDrop({ title: '满99减10', quantity: '500' }))).toBe(
      '发券：满99减10（500 张）',
    );
  });
});
