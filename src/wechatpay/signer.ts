import { createPrivateKey, createPublicKey, createSign, createVerify, type KeyObject } from 'node:crypto';

/**
 * WeChat Pay API v3 signatures (`WECHATPAY2-SHA256-RSA2048`) on node:crypto alone.
 *
 * Facts relied on (wechatpay-coupons.md §2.1–2.2, confirmed by the official signing guide and
 * wechatpay-go `SignatureMessageFormat = "%s\n%s\n%s\n%s\n%s\n"`):
 *  - a request's string to sign is `METHOD\nCANONICAL_URL\nTIMESTAMP\nNONCE\nBODY\n` — every line,
 *    the last one too, ends in `\n`; CANONICAL_URL is path + `?query` exactly as sent, no host; the
 *    timestamp is Unix seconds; BODY is the exact bytes sent ('' for GET);
 *  - an answer's string to verify is `TIMESTAMP\nNONCE\nBODY\n` (`TIMESTAMP\nNONCE\n\n` for 204);
 *  - the signature is Base64 of RSA-SHA256 with PKCS#1 v1.5 padding (deterministic: the same key and
 *    message always give the same signature, which is what lets tests compare with openssl);
 *  - answers whose Wechatpay-Timestamp is 5 minutes or more from now are refused.
 */

export const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';
export const MAX_SKEW_S = 300;

export function requestMessage(
  method: string,
  canonicalUrl: string,
  timestamp: string,
  nonce: string,
  body: string,
): string {
  return `${method}\n${canonicalUrl}\n${timestamp}\n${nonce}\n${body}\n`;
}

export function responseMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

/** Base64 RSA-SHA256 (PKCS#1 v1.5) of the UTF-8 message. */
export function rsaSign(message: string, key: KeyObject): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(key, 'base64');
}

export function rsaVerify(message: string, signature: string, key: KeyObject): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(key, signature, 'base64');
  } catch {
    return false;
  }
}

export interface AuthorizationParts {
  mchid: string;
  serial_no: string;
  nonce_str: string;
  timestamp: string;
  signature: string;
}

/** `WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",timestamp="…",serial_no="…",signature="…"`. */
export function authorizationHeader(p: AuthorizationParts): string {
  return `${AUTH_SCHEMA} mchid="${p.mchid}",nonce_str="${p.nonce_str}",timestamp="${p.timestamp}",serial_no="${p.serial_no}",signature="${p.signature}"`;
}

/** The five pairs in any order; undefined when the schema or a pair is missing. */
export function parseAuthorization(header: string | undefined): AuthorizationParts | undefined {
  if (!header?.startsWith(`${AUTH_SCHEMA} `)) return undefined;
  const out: Record<string, string> = {};
  for (const m of header.slice(AUTH_SCHEMA.length + 1).matchAll(/(\w+)="([^"]*)"/g)) out[m[1]!] = m[2]!;
  const keys = ['mchid', 'serial_no', 'nonce_str', 'timestamp', 'signature'] as const;
  if (!keys.every((k) => typeof out[k] === 'string' && out[k] !== '')) return undefined;
  return out as unknown as AuthorizationParts;
}

/** What kind of PEM a text is (never echoes the text). */
export type PemKind = 'private' | 'public' | 'certificate' | 'unknown';

export function pemKind(text: string): PemKind {
  if (/-----BEGIN (RSA |ENCRYPTED )?PRIVATE KEY-----/.test(text)) return 'private';
  if (/-----BEGIN (RSA )?PUBLIC KEY-----/.test(text)) return 'public';
  if (/-----BEGIN CERTIFICATE-----/.test(text)) return 'certificate';
  return 'unknown';
}

/** A private key object, or an error message that names the file and never the key. */
export function loadPrivateKey(pem: string, where: string): KeyObject {
  if (pemKind(pem) !== 'private') throw new Error(`${where} is not a PEM private key`);
  try {
    const k = createPrivateKey(pem);
    if (k.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    return k;
  } catch {
    throw new Error(`${where} is not a readable RSA private key (PEM)`);
  }
}

/** A public key from a public-key PEM or a certificate (the platform-certificate mode). */
export function loadPublicKey(pem: string, where: string): KeyObject {
  const kind = pemKind(pem);
  if (kind !== 'public' && kind !== 'certificate') throw new Error(`${where} is not a PEM public key`);
  try {
    const k = createPublicKey(pem);
    if (k.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    return k;
  } catch {
    throw new Error(`${where} is not a readable RSA public key (PEM)`);
  }
}
