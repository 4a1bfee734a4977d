import { describe, expect, it } from 'vitest';
import { WeChatApiError } from './errors.js';
import { SlidingWindowLimiter } from './rate-limit.js';

function fakeTime() {
  let t = Date.parse('2027-03-08T12:00:00Z');
  const slept: number[] = [];
  return {
    clock: { now: () => new Date(t) },
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
    slept,
  };
}

describe('SlidingWindowLimiter', () => {
  it('lets 20 through a minute, then waits for the oldest to leave the window', async () => {
    const time = fakeTime();
    const limiter = new SlidingWindowLimiter(
      { limit: 20, windowMs: 60_000, mode: 'wait', maxWaitMs: 120_000 },
      time.clock,
      time.sleep,
    );
    for (let i = 0; i < 20; i++) {
      await limiter.acquire('k', '/robot');
      time.advance(1000);
    }
    expect(time.slept).toEqual([]);
    await limiter.acquire('k', '/robot');
    expect(time.slept).toEqual([40_000]);
    // Another key has its own window.
    await limiter.acquire('other', '/robot');
    expect(time.slept).toHaveLength(1);
  });

  it('fails clearly in fail mode', async () => {
    const time = fakeTime();
    const limiter = new SlidingWindowLimiter(
      { limit: 2, windowMs: 60_000, mode: 'fail' },
      time.clock,
      time.sleep,
    );
    await limiter.acquire('k', '/robot');
    await limiter.acquire('k', '/robot');
    const err = (await limiter.acquire('k', '/robot').catch((e: unknown) => e)) as WeChatApiError;
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err.kind).toBe('rate-limited');
    expect(err.hint).toMatch(/Try again in 60 s/);
  });
});
