import { describe, expect, it } from 'vitest';
import { scriptedPrompt } from '../platform/deps.js';
import { askMissing } from './wizard.js';

const NOW = new Date('2026-11-26T04:00:00Z');

describe('the init wizard', () => {
  it('asks only what the flags did not answer, through the Prompt port', async () => {
    const asked: string[] = [];
    const inputs: Record<string, string> = {
      'Product 1: name': '玫瑰丝绒口红礼盒',
      'Product 1: price (129 fixed · 299-499 range · 199>129 discount)': '199>129',
      'Product 1: mini-program page': 'pages/goods/detail?id=7',
      'Product 1: image (PNG/JPEG ≤ 300×300; empty for a placeholder)': '',
    };
    const prompt = scriptedPrompt({
      input: async (q) => {
        asked.push(q.message);
        const answer = inputs[q.message];
        if (answer === undefined) throw new Error(`unexpected question: ${q.message}`);
        expect(q.validate?.(answer) ?? true).toBe(true);
        return answer;
      },
      confirm: async (message) => {
        asked.push(message);
        return false;
      },
    });
    const answers = await askMissing(
      {
        title: '春茶上新直播专场',
        id: 'spring-tea',
        start: '2027-01-10T20:00',
        duration: '2h',
        anchorName: '茶师小林',
        anchorWechat: 'tea_lin01',
        coupon: null,
        channels: ['robot'],
        appId: 'wx1234567890abcdef',
      },
      prompt,
      NOW,
      '/tmp',
    );
    expect(asked).toEqual([...Object.keys(inputs), 'Add another product?']);
    expect(answers.products).toEqual([
      {
        name: '玫瑰丝绒口红礼盒',
        price: { type: 'discount', original: 199, now: 129 },
        page: 'pages/goods/detail?id=7',
      },
    ]);
    expect(answers.id).toBe('spring-tea');
    expect(answers.coupon).toBeNull();
  });
});
