import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  authorizationHeader,
  loadPrivateKey,
  loadPublicKey,
  parseAuthorization,
  pemKind,
  requestMessage,
  responseMessage,
  rsaSign,
  rsaVerify,
} from './signer.js';

// Keys are made here, at test time, into a temp folder: no key material is committed.
const dir = mkdtempSync(path.join(tmpdir(), 'livectl-signer-'));
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const pubPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
writeFileSync(path.join(dir, 'key.pem'), privPem, { mode: 0o600 });
writeFileSync(path.join(dir, 'pub.pem'), pubPem);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The reference: `openssl dgst -sha256 -sign key.pem` over the exact bytes, Base64. */
function opensslSign(message: string): string {
  const file = path.join(dir, 'msg.txt');
  writeFileSync(file, message, 'utf8');
  return execFileSync('openssl', ['dgst', '-sha256', '-sign', path.join(dir, 'key.pem'), file]).toString(
    'base64',
  );
}

describe('WeChat Pay v3 signer', () => {
  it('builds the five-line string with a trailing newline on every line (the doc example)', () => {
    expect(
      requestMessage('GET', '/v3/certificates', '1554208460', '593BEC0C930BF1AFEB40B4A08C8FB242', ''),
    ).toBe('GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n');
    expect(responseMessage('1554208460', 'abc', '')).toBe('1554208460\nabc\n\n');
  });

  it('signs exactly like openssl dgst -sha256 -sign (PKCS#1 v1.5), Chinese bodies included', () => {
    const body = JSON.stringify({ stock_name: '直播间满99减10', belong_merchant: '1900000001' });
    for (const msg of [
      requestMessage('POST', '/v3/marketing/busifavor/stocks', '1804000000', 'N0NCE', body),
      requestMessage('GET', '/v3/marketing/busifavor/stocks/123?x=1', '1804000000', 'N0NCE', ''),
      requestMessage('PATCH', '/v3/marketing/busifavor/stocks/123/budget', '1804000000', 'N', '{"a":1}'),
    ]) {
      const ours = rsaSign(msg, loadPrivateKey(privPem, 'test key'));
      expect(ours).toBe(opensslSign(msg));
      expect(rsaVerify(msg, ours, loadPublicKey(pubPem, 'test pub'))).toBe(true);
      // One byte off and the signature no longer verifies.
      expect(rsaVerify(`${msg} `, ours, loadPublicKey(pubPem, 'test pub'))).toBe(false);
    }
  });

  it('openssl verifies what we sign', () => {
    const msg = responseMessage('1804000000', 'n', '{"stock_id":"1"}');
    const sigFile = path.join(dir, 'sig.bin');
    writeFileSync(sigFile, Buffer.from(rsaSign(msg, privateKey), 'base64'));
    writeFileSync(path.join(dir, 'msg.txt'), msg);
    const out = execFileSync('openssl', [
      'dgst',
      '-sha256',
      '-verify',
      path.join(dir, 'pub.pem'),
      '-signature',
      sigFile,
      path.join(dir, 'msg.txt'),
    ]).toString();
    expect(out).toMatch(/Verified OK/);
  });

  it('round-trips the Authorization header, pairs in any order', () => {
    const parts = {
      mchid: '1900000001',
      serial_no: 'ABC',
      nonce_str: 'n',
      timestamp: '1',
      signature: 's+/=',
    };
    expect(parseAuthorization(authorizationHeader(parts))).toEqual(parts);
    expect(
      parseAuthorization(
        'WECHATPAY2-SHA256-RSA2048 signature="s",timestamp="1",serial_no="A",nonce_str="n",mchid="1"',
      ),
    ).toEqual({ mchid: '1', serial_no: 'A', nonce_str: 'n', timestamp: '1', signature: 's' });
    expect(parseAuthorization('Bearer x')).toBeUndefined();
    expect(parseAuthorization('WECHATPAY2-SHA256-RSA2048 mchid="1"')).toBeUndefined();
  });

  it('tells PEM kinds apart and refuses the wrong kind without echoing it', () => {
    expect(pemKind(privPem)).toBe('private');
    expect(pemKind(pubPem)).toBe('public');
    expect(() => loadPrivateKey(pubPem, 'LIVECTL_WECHATPAY_PRIVATE_KEY')).toThrow(/not a PEM private key/);
    expect(() => loadPublicKey(privPem, 'LIVECTL_WECHATPAY_PUBLIC_KEY')).toThrow(/not a PEM public key/);
    try {
      loadPrivateKey('-----BEGIN PRIVATE KEY-----\nQUJD\n-----END PRIVATE KEY-----', 'k');
    } catch (e) {
      expect(String(e)).not.toContain('QUJD');
    }
  });
});
