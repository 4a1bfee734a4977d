import { describe, expect, it } from 'vitest';
import { WeChatApiError, type WeChatApiErrorInit } from './errors.js';
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  errcodeMaybeApplied,
  isAuditQuotaOut,
  isTokenRefused,
  payAnswerRetryable,
  retryableStatus,
  retryDecision,
  shouldRetry,
  withRetry,
} from './retry.js';

const err = (init: Partial<WeChatApiErrorInit>) =>
  new WeChatApiError({ api: '/x', kind: 'platform', errcode: 0, errmsg: 'e', ...init });

describe('shouldRetry', () => {
  it.each([
    ['-1 on a read', err({ errcode: -1 }), true, true],
    ['-1 on a create (it may have happened)', err({ errcode: -1 }), false, false],
    ['45011 minute limit, even on a create', err({ errcode: 45011 }), false, true],
    ['45033 concurrency, even on a create', err({ errcode: 45033 }), false, true],
    ['45009 daily quota', err({ errcode: 45009 }), true, false],
    ['300036 needs a human', err({ errcode: 300036 }), true, false],
    ['40001 (the broker handles tokens)', err({ errcode: 40001 }), true, false],
    ['reset connection on a read', err({ kind: 'network', errcode: null, maybeApplied: true }), true, true],
    [
      'reset connection on a create',
      err({ kind: 'network', errcode: null, maybeApplied: true }),
      false,
      false,
    ],
    [
      'refused connection on a create',
      err({ kind: 'network', errcode: null, maybeApplied: false }),
      false,
      true,
    ],
    ['timeout on a create', err({ kind: 'timeout', errcode: null, maybeApplied: true }), false, false],
    [
      '503 on a read',
      err({ kind: 'http', errcode: null, status: 503, retryable: true, maybeApplied: true }),
      true,
      true,
    ],
    ['404', err({ kind: 'http', errcode: null, status: 404, retryable: false }), true, false],
    ['local rate limit', err({ kind: 'rate-limited', errcode: null, retryable: true }), true, false],
  ])('%s', (_name, e, idempotent, expected) => {
    expect(shouldRetry(e, idempotent)).toBe(expected);
  });
});

describe('retryDecision: one policy for the clients, apply and dispatch', () => {
  it.each([
    ['-1 busy on a create', err({ errcode: -1 }), { now: false, later: true, stopsRun: undefined }],
    ['45011 minute limit', err({ errcode: 45011 }), { now: true, later: true, stopsRun: undefined }],
    // Not repeated within the call, retried later by dispatch, and the end of apply's run.
    [
      '45009 frequency limit',
      err({ errcode: 45009 }),
      { now: false, later: true, stopsRun: expect.stringMatching(/45009/) },
    ],
    [
      'token refused',
      err({ errcode: 40001, hintKind: 'token' }),
      { now: false, later: false, stopsRun: expect.any(String) },
    ],
    [
      'connection refused',
      err({ kind: 'network', errcode: null, maybeApplied: false }),
      { now: true, later: true, stopsRun: 'WeChat cannot be reached' },
    ],
    [
      'reset connection',
      err({ kind: 'network', errcode: null, maybeApplied: true }),
      { now: false, later: true, stopsRun: undefined, maybeApplied: true },
    ],
    ['40058 bad parameter', err({ errcode: 40058 }), { now: false, later: false, stopsRun: undefined }],
  ])('%s', (_name, e, expected) => {
    const d = retryDecision(e);
    expect({ ...d, stopsRun: d.stopsRun }).toMatchObject(expected);
    expect(shouldRetry(e, false)).toBe(d.now);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially with jitter in [exp/2, exp] and is capped', () => {
    const p = { attempts: 5, baseDelayMs: 400, maxDelayMs: 1000 };
    expect(backoffDelay(1, p, () => 0)).toBe(200);
    expect(backoffDelay(1, p, () => 1)).toBe(400);
    expect(backoffDelay(2, p, () => 1)).toBe(800);
    expect(backoffDelay(5, p, () => 1)).toBe(1000);
  });
});

describe('withRetry', () => {
  it('retries transient errors a bounded number of times, sleeping between tries', async () => {
    const slept: number[] = [];
    let calls = 0;
    const out = withRetry(
      async () => {
        calls++;
        throw err({ errcode: -1 });
      },
      {
        policy: DEFAULT_RETRY_POLICY,
        sleep: async (ms) => void slept.push(ms),
        random: () => 0.5,
        idempotent: true,
      },
    );
    await expect(out).rejects.toMatchObject({ errcode: -1 });
    expect(calls).toBe(3);
    expect(slept).toEqual([300, 600]);
  });

  it('stops at the first success', async () => {
    let calls = 0;
    const v = await withRetry(
      async () => {
        if (++calls === 1) throw err({ errcode: 45011 });
        return 'ok';
      },
      { policy: DEFAULT_RETRY_POLICY, sleep: async () => {}, idempotent: false },
    );
    expect(v).toBe('ok');
    expect(calls).toBe(2);
  });

  it('never retries permanent errors or foreign exceptions', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new TypeError('bug');
        },
        { policy: DEFAULT_RETRY_POLICY, sleep: async () => {}, idempotent: true },
      ),
    ).rejects.toBeInstanceOf(TypeError);
    expect(calls).toBe(1);
  });
});

describe('the classification the transport, the error, WeChat Pay and apply share', () => {
  it("a platform answer's retryable default: busy and the limits that clear within seconds", () => {
    expect([-1, 45011, 45033].map((errcode) => err({ errcode }).retryable)).toEqual([true, true, true]);
    expect([45009, 40001, 300012].map((errcode) => err({ errcode }).retryable)).toEqual([
      false,
      false,
      false,
    ]);
    expect(err({ kind: 'network', errcode: null }).retryable).toBe(true);
  });

  it('-1 may have taken effect on a non-idempotent call only', () => {
    expect(errcodeMaybeApplied(-1, false)).toBe(true);
    expect(errcodeMaybeApplied(-1, true)).toBe(false);
    expect(errcodeMaybeApplied(45011, false)).toBe(false);
  });

  it('HTTP 5xx and 429 are retried, other statuses are not', () => {
    expect([500, 503, 429, 404, 400].map(retryableStatus)).toEqual([true, true, true, false, false]);
  });

  it('WeChat Pay: busy and frequency codes, 5xx and 429', () => {
    expect(payAnswerRetryable(400, 'FREQUENCY_LIMITED')).toBe(true);
    expect(payAnswerRetryable(500, 'PARAM_ERROR')).toBe(true);
    expect(payAnswerRetryable(400, 'PARAM_ERROR')).toBe(false);
    expect(payAnswerRetryable(400, 'RESOURCE_ALREADY_EXISTS')).toBe(false);
  });

  it('refused tokens and the daily audit quota', () => {
    expect([40001, 40014, 42001, 40013].map((errcode) => isTokenRefused(err({ errcode })))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(isAuditQuotaOut(err({ errcode: 300012 }))).toBe(true);
    expect(isAuditQuotaOut(err({ kind: 'http', errcode: 300012 }))).toBe(false);
    expect(isAuditQuotaOut(err({ errcode: 1002001 }))).toBe(true);
  });
});
