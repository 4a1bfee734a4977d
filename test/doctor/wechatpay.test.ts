import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkKeyFiles } from '../../src/wechatpay/index.js';
import { runCli } from '../support/cli.js';

/** doctor and the WeChat Pay key files: exist, readable, the right kind of PEM, private key not world-readable. */

const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'livectl-paykeys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIV = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUB = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const KEY_LINE = PRIV.split('\n')[3]!;
const file = (name: string, text: string, mode = 0o600) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  chmodSync(p, mode);
  return p;
};

describe('WeChat Pay key checks', () => {
  it('passes a 0600 private key and a public key', async () => {
    const r = await checkKeyFiles({
      LIVECTL_WECHATPAY_PRIVATE_KEY: file('ok.pem', PRIV),
      LIVECTL_WECHATPAY_PUBLIC_KEY: file('pub.pem', PUB, 0o644),
    });
    expect(r.map((k) => k.ok)).toEqual([true, true]);
  });

  it('fails a world-readable private key, swapped kinds, a missing file and an unset variable', async () => {
    const world = await checkKeyFiles({
      LIVECTL_WECHATPAY_PRIVATE_KEY: file('world.pem', PRIV, 0o644),
      LIVECTL_WECHATPAY_PUBLIC_KEY: file('priv-as-pub.pem', PRIV),
    });
    expect(world.map((k) => [k.ok, k.fix])).toEqual([
      [false, `chmod 600 ${path.join(dir, 'world.pem')}`],
      [false, expect.stringContaining('WeChat Pay public key')],
    ]);
    expect(world[1]!.detail).toMatch(/a private key PEM, not a public key/);
    const missing = await checkKeyFiles({ LIVECTL_WECHATPAY_PRIVATE_KEY: path.join(dir, 'nope.pem') });
    expect(missing.map((k) => k.detail)).toEqual([
      expect.stringContaining('cannot be read (ENOENT)'),
      'LIVECTL_WECHATPAY_PUBLIC_KEY is not set',
    ]);
    const garbled = await checkKeyFiles({
      LIVECTL_WECHATPAY_PRIVATE_KEY: file(
        'garbled.pem',
        '-----BEGIN PRIVATE KEY-----\nQUJDREVG\n-----END PRIVATE KEY-----\n',
      ),
      LIVECTL_WECHATPAY_PUBLIC_KEY: file('pub2.pem', PUB),
    });
    expect(garbled[0]!.ok).toBe(false);
    expect(JSON.stringify(garbled)).not.toContain('QUJDREVG');
  });

  it('livectl doctor reports both keys for a campaign with accounts.wechatPay, without printing them', async () => {
    const work = mkdtempSync(path.join(dir, 'campaign-'));
    cpSync(path.join(ROOT, 'campaigns', 'assets'), path.join(work, 'assets'), { recursive: true });
    copyFileSync(path.join(ROOT, 'campaigns', 'goddess-day.yaml'), path.join(work, 'c.yaml'));
    const yaml = readFileSync(path.join(work, 'c.yaml'), 'utf8').replace(
      /^( {2}miniProgram: .*)$/m,
      '$1\n  wechatPay: { mchId: "1900000109", serialNo: 5157F09EFDC096DE15EBE81A47057A7232F1B8E1, publicKeyId: PUB_KEY_ID_0114232134912410000 }',
    );
    expect(yaml).toContain('wechatPay:');
    writeFileSync(path.join(work, 'c.yaml'), yaml);
    const env = {
      LIVECTL_WECHATPAY_PRIVATE_KEY: file('doctor.pem', PRIV, 0o604),
      LIVECTL_WECHATPAY_PUBLIC_KEY: file('doctor-pub.pem', PUB),
    };
    const r = await runCli(
      [
        'doctor',
        'c.yaml',
        '--format',
        'json',
        '--now',
        '2027-03-01T10:00:00+08:00',
        '--state',
        path.join(work, 's.db'),
      ],
      { cwd: work, env },
    );
    const checks = JSON.parse(r.stdout).checks as { id: string; status: string; detail: string }[];
    expect(checks.filter((c) => c.id.startsWith('wechatpay')).map((c) => [c.id, c.status])).toEqual([
      ['wechatpay-private-key', 'fail'],
      ['wechatpay-public-key', 'ok'],
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toContain(KEY_LINE);

    writeFileSync(
      path.join(work, 'c.yaml'),
      yaml.replace(
        'publicKeyId: PUB_KEY_ID_0114232134912410000 }',
        'publicKeyId: PUB_KEY_ID_0114232134912410000, product: product-coupon }',
      ),
    );
    const pc = await runCli(
      [
        'doctor',
        'c.yaml',
        '--format',
        'json',
        '--now',
        '2027-03-01T10:00:00+08:00',
        '--state',
        path.join(work, 's.db'),
      ],
      { cwd: work, env },
    );
    const w = (JSON.parse(pc.stdout).checks as { id: string; status: string; detail: string }[]).find(
      (c) => c.id === 'wechatpay',
    )!;
    expect(w.status).toBe('warn');
    expect(w.detail).toMatch(/stay a person's task/);
  });
});
