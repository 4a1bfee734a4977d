import { describe, expect, it } from 'vitest';
import { edit, errorsOf, expectHits, expectNone, run } from './harness.js';

const withAssistants = (lines: string[]) =>
  edit('  warmUp: 10m\n', `  warmUp: 10m\n  assistants:\n${lines.map((l) => `    - ${l}\n`).join('')}`);

describe('during.assistants', () => {
  it('rejects an assistant listed twice (E_DUPLICATE_ASSISTANT), at the second entry', async () => {
    const y = withAssistants([
      '{ wechat: helper_02, nickname: 小王 }',
      '{ wechat: helper_03, nickname: 小李 }',
      '{ wechat: helper_02, nickname: 王老师 }',
    ]);
    await expectHits(y, 'E_DUPLICATE_ASSISTANT', [
      { path: ['during', 'assistants', 2, 'wechat'], needle: 'helper_02, nickname: 王老师' },
    ]);
  });
  it('accepts distinct assistants', async () => {
    const y = withAssistants([
      '{ wechat: helper_02, nickname: 小王 }',
      '{ wechat: helper_03, nickname: 小李 }',
    ]);
    await expectNone(y, 'E_DUPLICATE_ASSISTANT');
    expect(errorsOf(await run(y))).toEqual([]);
  });
  it('refuses more than 10, located at the list', async () => {
    const y = withAssistants(
      Array.from({ length: 11 }, (_, i) => `{ wechat: helper_${i}, nickname: 助手${i} }`),
    );
    const errs = errorsOf(await run(y));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ path: ['during', 'assistants'] });
    expect(errs[0]!.message).toBe('assistants: must be at most 10 items');
    expect(errs[0]!.line).toBeGreaterThan(80);
  });
});
