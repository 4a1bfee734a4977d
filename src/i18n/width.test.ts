import { describe, expect, it } from 'vitest';
import { displayWidth, padEndDisplay, wrapDisplay } from './width.js';

describe('terminal width', () => {
  it('counts a Chinese character as two columns and colour codes as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('直播间')).toBe(6);
    expect(displayWidth('商品 A1')).toBe(7);
    expect(displayWidth('\u001b[31m红\u001b[39m')).toBe(2);
  });

  it('pads to columns, so a table with Chinese cells stays aligned', () => {
    const rows = ['直播间', 'room', '商品审核中'].map((c) => `${padEndDisplay(c, 10)}|`);
    expect(rows.map(displayWidth)).toEqual([11, 11, 11]);
  });

  it('wraps Chinese between characters, English at spaces, never before closing punctuation', () => {
    expect(wrapDisplay('一二三四五六七八', 6)).toBe('一二三\n四五六\n七八');
    expect(wrapDisplay('one two three', 8)).toBe('one two\nthree');
    expect(wrapDisplay('一二三（四）', 8)).toBe('一二三\n（四）');
    expect(wrapDisplay('一二三四。五', 8)).toBe('一二三\n四。五');
    for (const line of wrapDisplay('预览 apply 会做什么：每项变更及其原因、活动时间线和人工待办。', 20).split(
      '\n',
    ))
      expect(displayWidth(line)).toBeLessThanOrEqual(20);
  });
});
