import type { WeChatApiError } from './errors.js';

/**
 * The one error classification (which answers are retried, by whom, and which stop a run) and the
 * retry policy. Every other module asks here: the error's `retryable` default (errors.ts), the
 * transport (http.ts: maybe-applied -1, HTTP statuses, refused tokens), the WeChat Pay client, apply
 * (stops the run, the audit quota) and dispatch (retries a row later, holds back an account).
 *
 * Transient failures (busy -1, minute/concurrency limits 45011/45033, network errors,
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

/** -1: the system is busy. WeChat has answered it for creates that did happen (room/create). */
export const BUSY_ERRCODE = -1;

/**
 * Frequency limits: the platform turned the call away before it ran, so it is safe to repeat later.
 * 45011 (minute) and 45033 (concurrency) clear within seconds; 45009 is WeCom's frequency limit and
 * WeChat's daily quota (the reference docs disagree on which [U]) and does not clear within a call.
 */
const LIMITS_CLEARING_SOON: ReadonlySet<number> = new Set([45011, 45033]);
export const QUOTA_ERRCODE = 45009;
const FREQUENCY_LIMITS: ReadonlySet<number> = new Set([QUOTA_ERRCODE, ...LIMITS_CLEARING_SOON]);

/** Codes worth retrying with backoff: busy (-1) and minute/concurrency limits. Never permanent ones. */
export const RETRYABLE_ERRCODES: ReadonlySet<number> = new Set([BUSY_ERRCODE, ...LIMITS_CLEARING_SOON]);

/** The access token itself was refused: the transport refreshes once and repeats the call once. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/** 300012: no goods audit submissions left today (every campaign of the mini program counts). */
export const AUDIT_QUOTA_ERRCODE = 300012;

/**
 * The default of `WeChatApiError.retryable` when the thrower does not say: a platform answer is
 * transient only for the codes above; an error on the way (network, timeout, HTTP) is transient.
 */
export function retryableByDefault(kind: WeChatApiError['kind'], errcode: number | null): boolean {
  return kind === 'platform' ? RETRYABLE_ERRCODES.has(errcode ?? 0) : true;
}

/** A platform answer that may come back for a call that did take effect: busy (-1) on a non-idempotent call. */
export function errcodeMaybeApplied(errcode: number | null, idempotent: boolean): boolean {
  return errcode === BUSY_ERRCODE && !idempotent;
}

/** An HTTP status worth trying again later: the server's trouble (5xx) or too many requests (429). */
export function retryableStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

/** The access token was refused (the transport refreshes it once and repeats the call). */
export function isTokenRefused(err: WeChatApiError): boolean {
  return err.kind === 'platform' && TOKEN_ERRCODES.has(err.errcode ?? 0);
}

/** 1002001: the 微信小店 product audit quota (提审次数超过限制: by the hour and the day, or dynamic). */
export const STORE_AUDIT_QUOTA_ERRCODE = 1002001;

/**
 * The audit quota is used up: no goods (mini-program live, 300012) or store products (微信小店, 1002001)
 * can be submitted until it refills.
 */
export function isAuditQuotaOut(err: WeChatApiError): boolean {
  return (
    err.kind === 'platform' &&
    (err.errcode === AUDIT_QUOTA_ERRCODE || err.errcode === STORE_AUDIT_QUOTA_ERRCODE)
  );
}

/** WeChat Pay codes worth retrying (besides 5xx and 429): its own busy and frequency answers. */
const PAY_RETRY_CODES: ReadonlySet<string> = new Set([
  'SYSTEM_ERROR',
  'FREQUENCY_LIMITED',
  'RATELIMIT_EXCEEDED',
  'SERVICE_UNAVAILABLE',
]);

/** Whether a WeChat Pay error answer (HTTP status, `code`) is worth trying again. */
export function payAnswerRetryable(status: number, code: string): boolean {
  return retryableStatus(status) || PAY_RETRY_CODES.has(code);
}

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
      : err.kind === 'platform' && err.errcode === QUOTA_ERRCODE
        ? `the API frequency limit or daily quota is reached (${QUOTA_ERRCODE})`
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
      if (LIMITS_CLEARING_SOON.has(err.errcode ?? 0)) return true;
      return err.errcode === BUSY_ERRCODE && idempotent;
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
