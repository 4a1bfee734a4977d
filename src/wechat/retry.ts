import type { WeChatApiError } from './errors.js';

/**
 * Retry policy. Transient failures (busy -1, minute/concurrency limits 45011/45033, network errors,
 * 5xx) are retried a bounded number of times with exponential backoff and jitter; permanent errors
 * never. The subtle part is *ambiguous* failures — the request may have taken effect but the answer
 * was lost (timeout, a reset connection, -1 which WeChat has returned for rooms it did create, 5xx).
 * Repeating those is only safe for idempotent calls; for creates it is exactly how duplicate rooms
 * happen, so the error is surfaced (retryable, maybeApplied) and apply looks before repeating.
 */

export type Sleep = (ms: number) => Promise<void>;

export interface RetryPolicy {
  /** Total tries, including the first. */
  attempts: number;
  /** Delay before the 2nd try; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 3, baseDelayMs: 400, maxDelayMs: 5_000 };

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Delay before try number `attempt + 1` (attempt counts from 1). "Equal jitter": half fixed, half
 * random, so concurrent processes spread out but never hammer with a zero delay.
 */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/**
 * Frequency limits: the platform turned the call away before it ran, so it is safe to repeat later.
 * 45011 (minute) and 45033 (concurrency) clear within seconds; 45009 is WeCom's frequency limit and
 * WeChat's daily quota (the reference docs disagree on which [U]) and does not clear within a call.
 */
const FREQUENCY_LIMITS: ReadonlySet<number> = new Set([45009, 45011, 45033]);

/**
 * The one retry policy: what the client, apply and dispatch each do about an error.
 *
 * | error | now (client) | later (dispatch retries the row) | stops the run (apply; dispatch holds back the account's other rows) |
 * | -1 busy | reads only | yes | no |
 * | 45011 / 45033 | yes | yes | no |
 * | 45009 frequency / daily quota | no | yes | yes |
 * | token refused | no (the transport refreshed once) | no | yes |
 * | connection refused (nothing sent) | yes | yes | yes, once the client's tries ran out |
 * | reset / timeout / 5xx | reads only | yes (looked up first) | no |
 * | anything else | no | no | no |
 */
export interface RetryDecision {
  /** The client repeats the call itself, after a short backoff. */
  now: boolean;
  /** Trying again in a while may succeed: dispatch retries the row with its backoff. */
  later: boolean;
  /** Every further call to the same account would fail the same way: why (else undefined). */
  stopsRun?: string;
  /** The call may have taken effect: look before repeating a create or a send. */
  maybeApplied: boolean;
}

export function retryDecision(err: WeChatApiError, idempotent = false): RetryDecision {
  const frequency = err.kind === 'platform' && FREQUENCY_LIMITS.has(err.errcode ?? 0);
  const stopsRun =
    err.hintKind === 'token'
      ? 'the credentials were refused'
      : err.kind === 'platform' && err.errcode === 45009
        ? 'the API frequency limit or daily quota is reached (45009)'
        : err.kind === 'network' && !err.maybeApplied
          ? 'WeChat cannot be reached'
          : undefined;
  return {
    now: retryNow(err, idempotent),
    later: err.retryable || frequency,
    ...(stopsRun ? { stopsRun } : {}),
    maybeApplied: err.maybeApplied,
  };
}

function retryNow(err: WeChatApiError, idempotent: boolean): boolean {
  if (!err.retryable) return false;
  switch (err.kind) {
    case 'platform':
      // Limits reject the call before it runs; busy (-1) may have run it.
      if (err.errcode === 45011 || err.errcode === 45033) return true;
      return err.errcode === -1 && idempotent;
    case 'network':
    case 'timeout':
    case 'http':
      return idempotent || !err.maybeApplied;
    default:
      return false;
  }
}

/** Whether the client itself may repeat the call after this error (`retryDecision(...).now`). */
export function shouldRetry(err: WeChatApiError, idempotent: boolean): boolean {
  return retryDecision(err, idempotent).now;
}

export interface RetryContext {
  policy: RetryPolicy;
  sleep: Sleep;
  random?: () => number;
  idempotent: boolean;
  onRetry?: (err: WeChatApiError, attempt: number, delayMs: number) => void;
}

/** Runs `fn` until it succeeds, fails permanently, or the attempts run out (then the last error). */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, ctx: RetryContext): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      const e = err as WeChatApiError;
      if (e?.name !== 'WeChatApiError' || attempt >= ctx.policy.attempts || !shouldRetry(e, ctx.idempotent)) {
        throw err;
      }
      const delay = backoffDelay(attempt, ctx.policy, ctx.random);
      ctx.onRetry?.(e, attempt, delay);
      await ctx.sleep(delay);
    }
  }
}
