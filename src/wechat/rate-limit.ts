import type { Clock } from '../platform/deps.js';
import { WeChatApiError } from './errors.js';
import type { Sleep } from './retry.js';

/**
 * A sliding-window limiter for APIs with a published per-minute cap (a group robot: 20 messages a
 * minute per key; going over gets 45009 and, some report, a 10-minute lock-out). Better to wait here
 * than to be locked out. Per process: two processes sharing a robot key can still exceed it together.
 */
export interface RateLimit {
  limit: number;
  windowMs: number;
  /** `wait` sleeps until a slot frees (up to maxWaitMs); `fail` throws at once. */
  mode: 'wait' | 'fail';
  maxWaitMs?: number;
}

export const ROBOT_RATE_LIMIT: RateLimit = { limit: 20, windowMs: 60_000, mode: 'wait', maxWaitMs: 120_000 };

export class SlidingWindowLimiter {
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly rule: RateLimit,
    private readonly clock: Clock,
    private readonly sleep: Sleep,
  ) {}

  /** Takes one slot for `key`, waiting if the rule allows; throws a clear error otherwise. */
  async acquire(key: string, api: string): Promise<void> {
    let waited = 0;
    for (;;) {
      const now = this.clock.now().getTime();
      const times = (this.sent.get(key) ?? []).filter((t) => t > now - this.rule.windowMs);
      if (times.length < this.rule.limit) {
        times.push(now);
        this.sent.set(key, times);
        return;
      }
      this.sent.set(key, times);
      const waitMs = (times[0] as number) + this.rule.windowMs - now;
      if (this.rule.mode === 'fail' || waited + waitMs > (this.rule.maxWaitMs ?? 0)) {
        throw new WeChatApiError({
          api,
          kind: 'rate-limited',
          errcode: null,
          errmsg: `held back by livectl: at most ${this.rule.limit} calls per ${Math.round(this.rule.windowMs / 1000)} s`,
          retryable: true,
          hint: `This sends more than ${this.rule.limit} messages a minute, which WeChat punishes with a lock-out. Try again in ${Math.ceil(waitMs / 1000)} s, or spread the messages out.`,
          hintKind: 'quota',
        });
      }
      await this.sleep(waitMs);
      waited += waitMs;
    }
  }
}
