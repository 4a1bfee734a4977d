import { describe, expect, it } from 'vitest';
import { toFailure, UsageError, UserError } from './errors.js';
import { WeChatApiError } from './wechat/errors.js';

describe('toFailure', () => {
  const env = { LIVECTL_MP_SECRET: 'sekret-value-123' };

  it('a UserError: kind user, its message and hint, secrets masked', () => {
    const f = toFailure(
      new UserError('cannot read sekret-value-123.yaml', { hint: 'check sekret-value-123' }),
      env,
    );
    expect(f).toEqual({ kind: 'user', message: 'cannot read ***.yaml', hint: 'check ***' });
    expect(Object.keys(f)).toEqual(['kind', 'message', 'hint']);
  });

  it('a usage error without a hint has no hint field', () => {
    expect(toFailure(new UsageError('unknown flag --x'))).toEqual({
      kind: 'user',
      message: 'unknown flag --x',
    });
  });

  it('a platform refusal: kind api with the API and errcode, in the order the JSON document shows them', () => {
    const f = toFailure(
      new WeChatApiError({
        api: '/wxaapi/broadcast/room/create',
        kind: 'platform',
        errcode: 300036,
        errmsg: 'no',
      }),
    );
    expect(f).toMatchObject({ kind: 'api', api: '/wxaapi/broadcast/room/create', errcode: 300036 });
    expect(Object.keys(f)).toEqual(['kind', 'api', 'errcode', 'message', 'hint']);
  });

  it('a network failure has no errcode', () => {
    const f = toFailure(new WeChatApiError({ api: '/x', kind: 'network', errcode: null, errmsg: 'reset' }));
    expect(f.kind).toBe('api');
    expect('errcode' in f).toBe(false);
  });

  it('anything else is internal and keeps its (redacted) stack', () => {
    const err = new TypeError('x is sekret-value-123');
    const f = toFailure(err, env);
    expect(f.kind).toBe('internal');
    expect(f.message).toBe('x is ***');
    expect(f.stack).toContain('TypeError: x is ***');
    expect(f.stack).not.toContain('sekret-value-123');
    expect(toFailure('thrown string')).toEqual({
      kind: 'internal',
      message: 'thrown string',
      stack: 'thrown string',
    });
  });
});
