import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toFailure, UserError } from '../errors.js';
import {
  accountEnvName,
  accountEnvsSet,
  describeSource,
  loadCredentials,
  resolveSecret,
} from './credentials.js';
import { parseCredentials } from './credentials-file.js';
import { redactSecrets } from './redact.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'livectl-creds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const APP = 'wx0123456789abcdef';
const OTHER = 'wx1111111111111111';
const CORP = 'ww0123456789abcdef';
const FILE_SECRET = 'file-secret-of-the-first-app-8d1f';

function credsFile(name: string, text: string, mode = 0o600): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  chmodSync(p, mode);
  return p;
}

const YAML = `miniPrograms:
  ${APP}: { secret: "${FILE_SECRET}" }
wecom:
  ${CORP}:
    secret: corp-secret-from-file-77
officialAccounts: {}
wechatPay:
  "1900000109": { privateKey: keys/apiclient_key.pem, publicKey: /etc/livectl/pub_key.pem }
`;

describe('resolveSecret: per-account variable > credentials file > single variable', () => {
  it('names the per-account variable upper-cased, and accepts the id exactly as written', () => {
    expect(accountEnvName('miniProgram', APP)).toBe('LIVECTL_APP_SECRET_WX0123456789ABCDEF');
    expect(accountEnvName('wechatPayPrivateKey', '1900000109')).toBe(
      'LIVECTL_WECHATPAY_PRIVATE_KEY_1900000109',
    );
    expect(resolveSecret('miniProgram', APP, { [`LIVECTL_APP_SECRET_${APP}`]: 'exact' })).toEqual({
      secret: 'exact',
      source: { from: 'account-env', name: `LIVECTL_APP_SECRET_${APP}` },
    });
  });

  it('the two Channels accounts: LIVECTL_APP_SECRET_<APPID>, their file sections, then their single variables', async () => {
    const SHOP = 'wx5555555555555555';
    const FINDER = 'wx6666666666666666';
    expect(accountEnvName('channelsShop', SHOP)).toBe('LIVECTL_APP_SECRET_WX5555555555555555');
    const file = await parseCredentials(
      `channelsShops:\n  ${SHOP}: { secret: shop-from-file }\nchannelsAssistants:\n  ${FINDER}: { secret: finder-from-file }\n`,
      '/srv/creds.yaml',
    );
    const env = {
      LIVECTL_CHANNELS_SHOP_SECRET: 'shop-single',
      LIVECTL_CHANNELS_ASSISTANT_SECRET: 'finder-single',
    };
    expect(resolveSecret('channelsShop', SHOP, env, file)?.source).toEqual({
      from: 'file',
      file: '/srv/creds.yaml',
    });
    expect(resolveSecret('channelsAssistant', FINDER, env, file)?.secret).toBe('finder-from-file');
    expect(resolveSecret('channelsShop', SHOP, env)?.source).toEqual({
      from: 'env',
      name: 'LIVECTL_CHANNELS_SHOP_SECRET',
    });
    expect(
      resolveSecret('channelsAssistant', FINDER, { ...env, LIVECTL_APP_SECRET_WX6666666666666666: 'own' }),
    ).toEqual({
      secret: 'own',
      source: { from: 'account-env', name: 'LIVECTL_APP_SECRET_WX6666666666666666' },
    });
    // The mini program's single variable is not a Channels account's secret.
    expect(resolveSecret('channelsShop', SHOP, { LIVECTL_APP_SECRET: 'mp' })).toBeUndefined();
  });

  it('takes the first source that has the account, in order', async () => {
    const file = await parseCredentials(YAML, '/srv/creds.yaml');
    const env = { LIVECTL_APP_SECRET: 'single', LIVECTL_APP_SECRET_WX0123456789ABCDEF: 'per-account' };
    expect(resolveSecret('miniProgram', APP, env, file)?.source).toEqual({
      from: 'account-env',
      name: 'LIVECTL_APP_SECRET_WX0123456789ABCDEF',
    });
    expect(resolveSecret('miniProgram', APP, { LIVECTL_APP_SECRET: 'single' }, file)).toEqual({
      secret: FILE_SECRET,
      source: { from: 'file', file: '/srv/creds.yaml' },
    });
    // Another mini program: not in the file, so the single variable (today's setups keep working).
    expect(resolveSecret('miniProgram', OTHER, { LIVECTL_APP_SECRET: 'single' }, file)).toEqual({
      secret: 'single',
      source: { from: 'env', name: 'LIVECTL_APP_SECRET' },
    });
    expect(resolveSecret('officialAccount', APP, {}, file)).toBeUndefined();
    expect(resolveSecret('wecom', CORP, {}, file)?.secret).toBe('corp-secret-from-file-77');
    expect(resolveSecret('miniProgram', APP, { LIVECTL_APP_SECRET_WX0123456789ABCDEF: '' })).toBeUndefined();
  });

  it('WeChat Pay keys: paths, relative to the credentials file', async () => {
    const file = await parseCredentials(YAML, '/srv/livectl/creds.yaml');
    expect(resolveSecret('wechatPayPrivateKey', '1900000109', {}, file)?.secret).toBe(
      '/srv/livectl/keys/apiclient_key.pem',
    );
    expect(resolveSecret('wechatPayPublicKey', '1900000109', {}, file)?.secret).toBe(
      '/etc/livectl/pub_key.pem',
    );
    expect(
      resolveSecret('wechatPayPublicKey', '1900000109', { LIVECTL_WECHATPAY_PUBLIC_KEY: '/k.pem' })?.source,
    ).toEqual({ from: 'env', name: 'LIVECTL_WECHATPAY_PUBLIC_KEY' });
  });

  it('describes sources by name, never by value', () => {
    expect(describeSource({ from: 'file', file: '/x/creds.yaml' })).toBe('credentials file /x/creds.yaml');
    expect(describeSource({ from: 'env', name: 'LIVECTL_APP_SECRET' })).toBe('LIVECTL_APP_SECRET');
    expect(
      accountEnvsSet({
        LIVECTL_APP_SECRET_WXA: 's',
        LIVECTL_APP_SECRET: 's',
        LIVECTL_WECOM_SECRET_WW: '',
        PATH: 'x',
      }),
    ).toEqual(['LIVECTL_APP_SECRET_WXA']);
  });
});

describe('the credentials file', () => {
  it('unset LIVECTL_CREDENTIALS: no file', async () => {
    expect(await loadCredentials({}, dir)).toBeUndefined();
    expect(await loadCredentials({ LIVECTL_CREDENTIALS: ' ' }, dir)).toBeUndefined();
  });

  it('mode 0600 (or 0400) is accepted, relative to the working directory', async () => {
    credsFile('ok.yaml', YAML);
    const f = await loadCredentials({ LIVECTL_CREDENTIALS: 'ok.yaml' }, dir);
    expect(f?.path).toBe(path.join(dir, 'ok.yaml'));
    expect(f?.entries.miniProgram[APP]).toBe(FILE_SECRET);
    const ro = credsFile(
      'ro.json',
      JSON.stringify({ miniPrograms: { [APP]: { secret: 'json-secret-1' } } }),
      0o400,
    );
    expect((await loadCredentials({ LIVECTL_CREDENTIALS: ro }, '/'))?.entries.miniProgram[APP]).toBe(
      'json-secret-1',
    );
  });

  it('mode 0644 is refused, naming the file and chmod 600', async () => {
    if (process.platform === 'win32') return;
    const p = credsFile('open.yaml', YAML, 0o644);
    const err = await loadCredentials({ LIVECTL_CREDENTIALS: p }, dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toBe(
      `${p} can be read by other users (mode 644): livectl refuses a credentials file only its owner should read`,
    );
    expect((err as UserError).hint).toBe(`chmod 600 ${p}`);
    chmodSync(p, 0o640);
    await expect(loadCredentials({ LIVECTL_CREDENTIALS: p }, dir)).rejects.toThrow(/mode 640/);
  });

  it('a missing file is named', async () => {
    await expect(loadCredentials({ LIVECTL_CREDENTIALS: 'nope.yaml' }, dir)).rejects.toThrow(
      `LIVECTL_CREDENTIALS names ${path.join(dir, 'nope.yaml')}, which cannot be read (ENOENT)`,
    );
  });

  it('parse and shape errors are located as file:line:col and never quote a value', async () => {
    const cases: [string, RegExp][] = [
      [
        `miniPrograms:\n  ${APP}: { secret: "sekret-value-123 }\n`,
        /^\/c\.yaml:[23]:\d+: Missing closing "quote \(not valid YAML or JSON\)$/,
      ],
      [`miniPrograms:\n  ${APP}: { secret: sekret-value-123: x }\n`, /^\/c\.yaml:2:\d+: /],
      [
        `miniPrograms:\n  ${APP}: { appSecret: sekret-value-123 }\n`,
        /^\/c\.yaml:2:25: miniPrograms\.wx0123456789abcdef: unknown key; expected secret$/,
      ],
      [
        `miniPrograms:\n  ${APP}:\n    secret: 987654321\n`,
        /^\/c\.yaml:3:13: miniPrograms\.wx0123456789abcdef\.secret must be a non-empty string \(put it in quotes\)$/,
      ],
      [
        `miniprograms:\n  ${APP}: { secret: sekret-value-123 }\n`,
        /^\/c\.yaml:1:1: unknown key; expected miniPrograms, wecom, officialAccounts, wechatPay, channelsShops, channelsAssistants$/,
      ],
      [
        `{"miniPrograms": {"${APP}": "sekret-value-123"}}`,
        /^\/c\.yaml:1:41: miniPrograms\.wx0123456789abcdef must be a mapping with secret$/,
      ],
    ];
    for (const [text, want] of cases) {
      const err = await parseCredentials(text, '/c.yaml').catch((e: unknown) => e as UserError);
      expect(err, text).toBeInstanceOf(UserError);
      expect((err as UserError).message, text).toMatch(want);
      expect(`${(err as UserError).message} ${(err as UserError).hint}`, text).not.toMatch(
        /sekret|987654321/,
      );
    }
  });

  it('a secret from the file never appears in an error or a log line', async () => {
    credsFile('redact.yaml', YAML);
    await loadCredentials({ LIVECTL_CREDENTIALS: 'redact.yaml' }, dir);
    const err = new UserError(`token refused for secret ${FILE_SECRET}`, { hint: `was ${FILE_SECRET}` });
    const failure = toFailure(err, {});
    expect(JSON.stringify(failure)).not.toContain(FILE_SECRET);
    expect(failure.message).toBe('token refused for secret ***');
    expect(redactSecrets(`log: corp-secret-from-file-77 used`)).toBe('log: *** used');
  });
});
