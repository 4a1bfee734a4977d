import { afterEach, describe, expect, it } from 'vitest';
import { renderEventText } from '../cli/views/apply.js';
import { plainStyle } from '../diagnostics/render-text.js';
import { setLang } from './catalog.js';

afterEach(() => setLang('en'));

describe('apply events in Chinese', () => {
  it('renders the changes and the closing line in Chinese, English unchanged', () => {
    const done = {
      type: 'change-done',
      address: 'room',
      action: 'create',
      message: 'created (roomId 13)',
    } as const;
    const summary = {
      type: 'summary',
      outcome: 'complete',
      message:
        'Apply complete: 36 changes made. 3 goods waiting on audit: apply again (or livectl status --refresh) to put them into the room once approved.',
      requests: 29,
      durationMs: 1100,
    } as const;
    expect(renderEventText(done as never, plainStyle)).toBe('  + room  created (roomId 13)\n');
    setLang('zh-CN');
    expect(renderEventText(done as never, plainStyle)).toBe('  + room  已创建（roomId 13）\n');
    expect(renderEventText(summary as never, plainStyle)).toBe(
      '\napply 完成：执行了 36 项变更。3 个商品等待审核：审核通过后再次 apply（或 livectl status --refresh）即可放进直播间。\n  29 次请求，用时 1.1 秒\n',
    );
    expect(
      renderEventText(
        {
          type: 'change-done',
          address: 'reminder/t-3d/wecom-groups',
          action: 'create',
          message: '2 outbox rows, due 2027-03-05 10:00',
        } as never,
        plainStyle,
      ),
    ).toBe('  + reminder/t-3d/wecom-groups  2 条待发提醒，2027-03-05 10:00 发送\n');
  });
});
