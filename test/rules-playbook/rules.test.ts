/**
 * Every playbook rule against real YAML: a fixture that triggers it (code, path, line, column) and
 * one that does not. Fixtures live in test/fixtures/playbook; each changes one thing in clean.yaml.
 */
import { describe, expect, it } from 'vitest';
import { validateFile, withCode } from '../support/validate.js';

/** Before every fixture's goods audit deadline (clean.yaml: 2026-12-10, deadline 2026-12-01). */
const NOW = new Date('2026-11-26T12:00:00+08:00');
const fixture = (name: string) => `test/fixtures/playbook/${name}.yaml`;
const at = (path: (string | number)[], line: number, column: number) => ({ path, line, column });

async function codes(name: string, code: string, now = NOW) {
  return withCode(await validateFile(fixture(name), now), code);
}

describe('the clean fixture', () => {
  it('gives no diagnostic at all', async () => {
    const list = await validateFile(fixture('clean'), NOW);
    expect(list.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([]);
  });
});

describe.each([
  // code, fixture that triggers it, expected locations, fixtures that do not trigger it
  {
    code: 'W_SINGLE_WAVE',
    bad: 'single-wave',
    where: [at(['waves', 0], 27, 5)],
    good: ['clean', 'wave-windows'],
  },
  {
    code: 'W_SINGLE_WAVE',
    bad: 'same-time-waves',
    where: [at(['waves', 0], 27, 5)],
    good: [],
  },
  {
    code: 'W_WAVE_MISSING',
    bad: 'wave-missing',
    where: [at(['waves'], 26, 1)],
    good: ['clean', 'wave-windows'],
  },
  {
    code: 'W_WAVE_MISSING',
    bad: 'wave-missing-two',
    where: [at(['waves'], 26, 1), at(['waves'], 26, 1)],
    good: [],
  },
  {
    code: 'W_LOTTERY_ON_THE_HOUR',
    bad: 'lottery-on-the-hour',
    where: [
      at(['during', 'lotteries', 1, 'trigger', 'at'], 38, 24),
      at(['during', 'lotteries', 2, 'trigger', 'at'], 39, 24),
    ],
    good: ['clean'],
  },
  {
    code: 'W_SINGLE_LOTTERY',
    bad: 'single-lottery',
    where: [at(['during', 'lotteries', 0], 37, 7)],
    good: ['clean', 'no-lottery'],
  },
  {
    code: 'W_GROUPBUY_CATEGORY',
    bad: 'group-buy-category',
    // The teapot is scheduled (reported there); the knife's group buy is not (reported on the product).
    where: [at(['products', 1, 'groupBuy'], 18, 154), at(['during', 'groupBuys', 1, 'product'], 45, 18)],
    good: ['clean'],
  },
  {
    code: 'W_NO_WARMUP',
    bad: 'warm-up-short',
    where: [at(['during', 'warmUp'], 32, 11)],
    good: ['clean', 'warm-up-five'],
  },
  {
    code: 'W_NO_WARMUP',
    bad: 'warm-up-missing',
    where: [at(['during'], 31, 1)],
    good: [],
  },
  {
    code: 'W_NO_FEEDBACK',
    bad: 'no-feedback',
    where: [at(['after'], 45, 1)],
    good: ['clean', 'feedback-by-id'],
  },
  {
    code: 'W_LONG_BROADCAST',
    bad: 'long-broadcast',
    where: [at(['room', 'duration'], 13, 13)],
    good: ['clean', 'broadcast-12h'],
  },
  {
    code: 'W_LONG_BROADCAST',
    bad: 'long-broadcast-end',
    where: [at(['room', 'end'], 13, 8)],
    good: [],
  },
  {
    code: 'W_QUIET_HOURS',
    // 22:30 start: -30m is 22:00 (quiet), go-live 22:30 exempt, feedback 23:30 (quiet),
    // the robot-only staff review at 01:30 exempt, the replay at 08:00 sharp outside.
    bad: 'quiet-hours',
    where: [at(['waves', 2, 'at'], 30, 22), at(['after', 0, 'at'], 46, 25)],
    good: ['clean', 'wave-windows'],
  },
  {
    code: 'W_QUIET_HOURS',
    // metadata.quietHours 23:00–07:00: the 22:00 wave is fine, the 23:30 feedback is not.
    bad: 'quiet-hours-custom',
    where: [at(['after', 0, 'at'], 46, 25)],
    good: [],
  },
  {
    code: 'W_NO_PREHEAT_COUPON',
    bad: 'no-preheat-coupon',
    where: [at(['waves', 0, 'coupons'], 27, 5)],
    good: ['clean', 'no-coupons'],
  },
  {
    code: 'W_LIVE_WITHOUT_COUPON',
    bad: 'live-without-coupon',
    where: [at(['waves', 3, 'coupons'], 30, 78)],
    good: ['clean', 'no-coupons'],
  },
  {
    code: 'W_NO_SHARE_INCENTIVE',
    bad: 'no-share-coupon',
    where: [at(['coupons'], 19, 1)],
    good: ['clean', 'no-coupons'],
  },
  {
    code: 'W_SINGLE_HOST',
    bad: 'single-host',
    where: [at(['during', 'hosts', 0], 34, 7)],
    good: ['clean'],
  },
])('$code ($bad)', ({ code, bad, where, good }) => {
  it(`is reported by ${bad}.yaml`, async () => {
    expect(await codes(bad, code)).toEqual(where);
  });

  it.each(good)(`is not reported by %s.yaml`, async (name) => {
    expect(await codes(name, code)).toEqual([]);
  });
});
