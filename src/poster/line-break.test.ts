import { describe, expect, it } from 'vitest';
import { atomize, breakLines } from './line-break.js';

/** A fake font: CJK and full-width characters are 10 wide, everything else 5. */
const measure = (s: string) => [...s].reduce((w, ch) => w + (ch.codePointAt(0)! > 0x2e80 ? 10 : 5), 0);
const lines = (text: string, maxWidth: number, maxLines?: number) =>
  breakLines(text, measure, { maxWidth, maxLines }).lines;

describe('breakLines: Chinese and mixed text', () => {
  it('breaks between any two Chinese characters', () => {
    expect(lines('女神节直播专场', 30)).toEqual(['女神节', '直播专', '场']);
  });

  it('keeps Latin words and numbers whole, breaking at spaces', () => {
    expect(lines('Rose Velvet Lipstick', 40)).toEqual(['Rose', 'Velvet', 'Lipstick']);
    expect(lines('口红Rose Velvet', 50)).toEqual(['口红Rose', 'Velvet']);
    expect(lines('Rose口红199元', 40)).toEqual(['Rose口红', '199元']);
  });

  it('never starts a line with closing punctuation', () => {
    // 3 characters a line would leave "，" at the start of line 2: it stays with 节.
    const out = lines('女神节，直播', 30);
    expect(out.every((l) => !/^[，。！？）]/.test(l))).toBe(true);
    expect(out[0]).toBe('女神');
    expect(out[1]).toBe('节，直');
    expect(lines('今晚八点（周一）开播！', 40).every((l) => !/^[，。！？）]/.test(l))).toBe(true);
  });

  it('never ends a line with opening punctuation or a currency sign', () => {
    const out = lines('直播价¥129', 35);
    expect(out.every((l) => !/[（《“¥]$/.test(l))).toBe(true);
    expect(out).toEqual(['直播价', '¥129']);
    expect(lines('三月（周一）', 30).every((l) => !/[（]$/.test(l))).toBe(true);
  });

  it('keeps a number with the character after it (10片)', () => {
    expect(lines('补水面膜10片', 45)).toEqual(['补水面膜', '10片']);
    expect(atomize('10片装').map((a) => a.text)).toEqual(['10片', '装']);
  });

  it('breaks after a dash inside a word, and splits a word wider than the line', () => {
    expect(lines('20:00–22:00', 30)).toEqual(['20:00–', '22:00']);
    expect(lines('abcdefghij', 20)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('honours hard line breaks and drops spaces at line edges', () => {
    expect(lines('第一行\n第二行', 100)).toEqual(['第一行', '第二行']);
    expect(lines('ab   cd', 10)).toEqual(['ab', 'cd']);
  });
});

describe('breakLines: maxLines and the ellipsis', () => {
  it('cuts to maxLines, ends with an ellipsis that fits, and reports what was dropped', () => {
    const r = breakLines('玻尿酸补水面膜十片装', measure, { maxWidth: 40, maxLines: 2 });
    expect(r.truncated).toBe(true);
    expect(r.lines).toHaveLength(2);
    expect(r.lines[1]!.endsWith('…')).toBe(true);
    expect(measure(r.lines[1]!)).toBeLessThanOrEqual(40);
    expect(r.lines.join('').replace('…', '') + r.dropped).toBe('玻尿酸补水面膜十片装');
  });

  it('does not cut what fits', () => {
    const r = breakLines('女神节', measure, { maxWidth: 40, maxLines: 1 });
    expect(r).toEqual({ lines: ['女神节'], truncated: false, dropped: '' });
  });

  it('never leaves opening punctuation before the ellipsis', () => {
    const r = breakLines('好物（限量）抢先看', measure, { maxWidth: 40, maxLines: 1 });
    expect(r.lines[0]).toBe('好物…');
  });
});
