import { readFile, stat } from 'node:fs/promises';
import type { Campaign } from '../campaign/schema.js';
import { UserError } from '../errors.js';
import { accountEnvName, describeSource, resolveSecret, SECRET_ENVS } from '../platform/credentials.js';
import type { CredentialsFile } from '../platform/credentials-file.js';
import type { Clock } from '../platform/deps.js';
import { createAxios, type RequestEvent, Transport } from '../wechat/http.js';
import { Redactor } from '../wechat/redactor.js';
import { realSleep, type Sleep } from '../wechat/retry.js';
import { DEFAULT_WECHATPAY_API, WeChatPayClient } from './client.js';
import { loadPrivateKey, loadPublicKey, pemKind } from './signer.js';

/**
 * Turns the campaign's `accounts.wechatPay` and the environment into a signed WeChat Pay client.
 * Keys come only from files named by the merchant's own variables
 * (`LIVECTL_WECHATPAY_PRIVATE_KEY_<MCHID>`, `…_PUBLIC_KEY_<MCHID>`), its entry in the credentials
 * file, or the single `LIVECTL_WECHATPAY_PRIVATE_KEY` / `_PUBLIC_KEY` (src/platform/credentials.ts);
 * their contents never reach any output.
 */

export const PRIVATE_KEY_ENV = SECRET_ENVS.wechatPayPrivateKey;
export const PUBLIC_KEY_ENV = SECRET_ENVS.wechatPayPublicKey;
export const PAY_API_ENV = 'LIVECTL_WECHATPAY_API';

export type WeChatPayAccount = NonNullable<Campaign['accounts']['wechatPay']>;

/** Whether the campaign's coupons become stocks on WeChat Pay (busifavor) at apply. */
export function couponsAreStocks(c: Campaign): boolean {
  return c.accounts.wechatPay !== undefined && (c.accounts.wechatPay.product ?? 'busifavor') === 'busifavor';
}

export interface OpenPayOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** The credentials file (LIVECTL_CREDENTIALS), when there is one. */
  credentials?: CredentialsFile;
  clock: Clock;
  sleep?: Sleep;
  random?: () => number;
  onRequest?: (e: RequestEvent) => void;
}

export async function openWeChatPay(account: WeChatPayAccount, o: OpenPayOptions): Promise<WeChatPayClient> {
  const priv = resolveSecret('wechatPayPrivateKey', account.mchId, o.env, o.credentials);
  const pub = resolveSecret('wechatPayPublicKey', account.mchId, o.env, o.credentials);
  if (!priv || !pub) {
    throw new UserError(
      `${!priv ? PRIVATE_KEY_ENV : PUBLIC_KEY_ENV} is not set: coupons become WeChat Pay stocks when accounts.wechatPay is present`,
      {
        hint: `export ${PRIVATE_KEY_ENV}=/path/to/apiclient_key.pem and ${PUBLIC_KEY_ENV}=/path/to/pub_key.pem (the WeChat Pay public key ${account.publicKeyId}), or per merchant ${accountEnvName('wechatPayPrivateKey', account.mchId)} and ${accountEnvName('wechatPayPublicKey', account.mchId)}, or its entry in the credentials file; livectl doctor checks both.`,
      },
    );
  }
  const read = async (p: string, from: string) => {
    try {
      return await readFile(p, 'utf8');
    } catch (err) {
      throw new UserError(
        `${from} names ${p}, which cannot be read (${(err as NodeJS.ErrnoException).code})`,
      );
    }
  };
  let privateKey: ReturnType<typeof loadPrivateKey>;
  let publicKey: ReturnType<typeof loadPublicKey>;
  try {
    const privFrom = describeSource(priv.source);
    const pubFrom = describeSource(pub.source);
    privateKey = loadPrivateKey(await read(priv.secret, privFrom), `${privFrom} (${priv.secret})`);
    publicKey = loadPublicKey(await read(pub.secret, pubFrom), `${pubFrom} (${pub.secret})`);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError((err as Error).message, { hint: 'livectl doctor checks both key files.' });
  }
  const transport = new Transport({
    baseUrl: o.env[PAY_API_ENV] || DEFAULT_WECHATPAY_API,
    platform: 'wechat',
    redactor: new Redactor(),
    sleep: o.sleep ?? realSleep,
    axios: createAxios(),
    ...(o.onRequest ? { onRequest: o.onRequest } : {}),
  });
  return new WeChatPayClient(transport, {
    mchId: account.mchId,
    serialNo: account.serialNo,
    publicKeyId: account.publicKeyId,
    privateKey,
    publicKey,
    clock: o.clock,
    sleep: o.sleep ?? realSleep,
    ...(o.random ? { random: o.random } : {}),
  });
}

export interface KeyFileCheck {
  /** Where the path came from: a variable's name or "credentials file <path>" (the single variable when none). */
  env: string;
  which: 'private' | 'public';
  ok: boolean;
  /** What was found, never the key. */
  detail: string;
  fix?: string;
}

/**
 * doctor: both files exist, are readable PEMs of the right kind, and the private key is not
 * world-readable. With a merchant id, its own variables and credentials-file entry come first.
 */
export async function checkKeyFiles(
  env: Readonly<Record<string, string | undefined>>,
  mchId?: string,
  credentials?: CredentialsFile,
): Promise<KeyFileCheck[]> {
  const out: KeyFileCheck[] = [];
  for (const [secretKind, want] of [
    ['wechatPayPrivateKey', 'private'],
    ['wechatPayPublicKey', 'public'],
  ] as const) {
    const single = SECRET_ENVS[secretKind];
    const found =
      mchId !== undefined
        ? resolveSecret(secretKind, mchId, env, credentials)
        : env[single]
          ? { secret: env[single]!, source: { from: 'env' as const, name: single } }
          : undefined;
    if (!found) {
      out.push({
        env: single,
        which: want,
        ok: false,
        detail: `${single} is not set`,
        fix:
          mchId !== undefined
            ? `export ${single}=/path/to/the ${want} key PEM (or ${accountEnvName(secretKind, mchId)}, or the merchant's entry in the credentials file)`
            : `export ${single}=/path/to/the ${want} key PEM`,
      });
      continue;
    }
    const p = found.secret;
    const name = describeSource(found.source);
    let text: string;
    try {
      text = await readFile(p, 'utf8');
    } catch (err) {
      out.push({
        env: name,
        which: want,
        ok: false,
        detail: `${p} cannot be read (${(err as NodeJS.ErrnoException).code})`,
        fix: `Point ${name} at the ${want} key PEM file.`,
      });
      continue;
    }
    const kind = pemKind(text);
    const okKind = want === 'private' ? kind === 'private' : kind === 'public' || kind === 'certificate';
    if (!okKind) {
      out.push({
        env: name,
        which: want,
        ok: false,
        detail: `${p} is ${kind === 'unknown' ? 'not a PEM key' : `a ${kind} key PEM, not a ${want} key`}`,
        fix:
          want === 'private'
            ? `${name} must name the merchant API private key (apiclient_key.pem).`
            : `${name} must name the WeChat Pay public key (pub_key.pem, downloaded with its PUB_KEY_ID_… from the merchant platform).`,
      });
      continue;
    }
    try {
      if (want === 'private') loadPrivateKey(text, p);
      else loadPublicKey(text, p);
    } catch (err) {
      out.push({
        env: name,
        which: want,
        ok: false,
        detail: (err as Error).message,
        fix: `Replace ${p} with an intact RSA PEM.`,
      });
      continue;
    }
    if (want === 'private') {
      const mode = (await stat(p)).mode & 0o777;
      if (mode & 0o004) {
        out.push({
          env: name,
          which: want,
          ok: false,
          detail: `${p} is readable by every user (mode ${mode.toString(8)})`,
          fix: `chmod 600 ${p}`,
        });
        continue;
      }
    }
    out.push({
      env: name,
      which: want,
      ok: true,
      detail: `${p} (from ${name}): an RSA ${want} key PEM${want === 'private' ? ', not world-readable' : ''}`,
    });
  }
  return out;
}

export { WeChatPayClient, WeChatPayError } from './client.js';
