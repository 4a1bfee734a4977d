import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { fixedClock } from '../platform/deps.js';
import { isLoopbackHost, judgeBaseUrl } from './base-url.js';
import { apiBasesFromEnv, createClients } from './index.js';

/**
 * The base-URL rule as a pure function over URL text. Nothing here resolves a name or opens a
 * connection: the addresses below are only parsed (192.0.2.0/24 and example.com are documentation
 * addresses, and clients are only constructed, never called).
 */
const verdict = (url: string, allow = false) => {
  const v = judgeBaseUrl(url, 'LIVECTL_WECHAT_API', allow);
  return v.ok ? 'ok' : v.reason;
};

describe('isLoopbackHost', () => {
  it.each([
    '127.0.0.1',
    '127.1.2.3',
    '127.255.255.254',
    'localhost',
    'LOCALHOST',
    'localhost.',
    '::1',
    '[::1]',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
  ])('%s is loopback', (h) => {
    expect(isLoopbackHost(h)).toBe(true);
  });

  it.each([
    '0.0.0.0',
    '::',
    '10.0.0.5',
    '192.0.2.1',
    '128.0.0.1',
    '::2',
    '::ffff:10.0.0.1',
    'example.com',
    'localhost.example.com',
    '127.0.0.1.example.com',
    'my.localhost',
  ])('%s is not', (h) => {
    expect(isLoopbackHost(h)).toBe(false);
  });
});

describe('judgeBaseUrl: plain http:// only to loopback unless LIVECTL_ALLOW_INSECURE=1', () => {
  it.each([
    ['https://api.weixin.qq.com', 'ok'],
    ['https://192.0.2.1:8443/prefix', 'ok'],
    ['http://127.0.0.1:8790', 'ok'],
    ['http://127.0.0.1:8790/qyapi', 'ok'],
    ['http://localhost:8790', 'ok'],
    ['http://[::1]:8790', 'ok'],
    // The WHATWG parser normalises these to 127.0.0.1 before the rule reads the host.
    ['http://127.1:8790', 'ok'],
    ['http://2130706433:8790', 'ok'],
    ['http://192.0.2.1:8790', 'insecure'],
    ['http://example.com', 'insecure'],
    ['http://0.0.0.0:8790', 'insecure'],
    ['http://127.0.0.1.example.com', 'insecure'],
    ['http://localhost@192.0.2.1/', 'insecure'],
    ['ftp://127.0.0.1/', 'scheme'],
    ['api.weixin.qq.com', 'not-a-url'],
    ['', 'not-a-url'],
  ])('%s → %s', (url, expected) => {
    expect(verdict(url)).toBe(expected);
  });

  it('LIVECTL_ALLOW_INSECURE=1 lets plain http reach another host (and nothing else changes)', () => {
    expect(verdict('http://192.0.2.1:8790', true)).toBe('ok');
    expect(verdict('ftp://192.0.2.1/', true)).toBe('scheme');
  });

  it('says what to do, naming the scheme and host but never the path or query', () => {
    const v = judgeBaseUrl('http://user:pw@192.0.2.1:8790/x?key=SECRETKEY', 'LIVECTL_WECOM_API', false);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.message).toBe(
      'LIVECTL_WECOM_API is http://192.0.2.1:8790: plain http:// to a host that is not this machine would send secrets and access tokens in clear',
    );
    expect(v.hint).toContain('LIVECTL_ALLOW_INSECURE=1');
    expect(`${v.message} ${v.hint}`).not.toMatch(/SECRETKEY|pw/);
  });
});

describe('where the rule is enforced', () => {
  it('apiBasesFromEnv refuses a plain-http base that is not loopback, unless LIVECTL_ALLOW_INSECURE=1', () => {
    const env = { LIVECTL_WECHAT_API: 'http://192.0.2.1:8790' };
    expect(() => apiBasesFromEnv(env)).toThrow(UserError);
    expect(() => apiBasesFromEnv(env)).toThrow(/LIVECTL_WECHAT_API is http:\/\/192\.0\.2\.1:8790/);
    expect(() => apiBasesFromEnv({ LIVECTL_WECOM_API: 'http://192.0.2.1/qyapi' })).toThrow(
      /LIVECTL_WECOM_API/,
    );
    // only exactly 1 turns it on
    expect(() => apiBasesFromEnv({ ...env, LIVECTL_ALLOW_INSECURE: 'yes' })).toThrow(UserError);
    expect(apiBasesFromEnv({ ...env, LIVECTL_ALLOW_INSECURE: '1' })).toMatchObject({
      wechatBase: 'http://192.0.2.1:8790',
      allowInsecure: true,
    });
    expect(apiBasesFromEnv({})).toMatchObject({
      wechatBase: 'https://api.weixin.qq.com',
      wecomBase: 'https://qyapi.weixin.qq.com',
    });
    expect(apiBasesFromEnv({ LIVECTL_WECHAT_API: 'http://127.0.0.1:1' }).wechatBase).toBe(
      'http://127.0.0.1:1',
    );
  });

  it('createClients refuses it too, before any request (every client is built there)', () => {
    const build = (allowInsecure?: boolean) =>
      createClients({
        wechatBase: 'http://192.0.2.1:8790',
        wecomBase: 'http://127.0.0.1:1/qyapi',
        credentials: {},
        clock: fixedClock(new Date('2026-11-26T04:00:00Z')),
        ...(allowInsecure === undefined ? {} : { allowInsecure }),
      });
    expect(() => build()).toThrow(/the WeChat API base is http:\/\/192\.0\.2\.1:8790/);
    expect(() => build(true)).not.toThrow();
  });
});
