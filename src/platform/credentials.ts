import path from 'node:path';
import type { CredentialsFile } from './credentials-file.js';

/**
 * Where each account's secret comes from, so one host can serve many merchants. For an account of a
 * kind (a mini program's AppSecret, a WeCom corp's secret, an Official Account's AppSecret, a WeChat
 * Pay merchant's private and public key files), the first of these that is set wins:
 *
 *  1. the per-account variable, e.g. `LIVECTL_APP_SECRET_WX0123456789ABCDEF` (the id upper-cased,
 *     anything but letters, digits and `_` as `_`; the id exactly as written is accepted too);
 *  2. the account's entry in the credentials file named by `LIVECTL_CREDENTIALS` (owner-only mode);
 *  3. the single variable of the kind, e.g. `LIVECTL_APP_SECRET` (one set for the process, as before).
 *
 * Pure apart from the lazy read of the credentials file (`loadCredentials`). Callers report the
 * source (`describeSource`), never the secret.
 */

export type SecretKind =
  | 'miniProgram'
  | 'wecom'
  | 'officialAccount'
  | 'wechatPayPrivateKey'
  | 'wechatPayPublicKey'
  /** The 微信小店 (WeChat Store) account of a Channels campaign: products, images, coupons. */
  | 'channelsShop'
  /** The 视频号助手 (Channels assistant) account: reservations, live records, showcase, live data. */
  | 'channelsAssistant';

export const CREDENTIALS_ENV = 'LIVECTL_CREDENTIALS';

/** The single variable of each kind; the per-account ones add `_<ID>`. */
export const SECRET_ENVS: Readonly<Record<SecretKind, string>> = {
  miniProgram: 'LIVECTL_APP_SECRET',
  wecom: 'LIVECTL_WECOM_SECRET',
  officialAccount: 'LIVECTL_OA_SECRET',
  wechatPayPrivateKey: 'LIVECTL_WECHATPAY_PRIVATE_KEY',
  wechatPayPublicKey: 'LIVECTL_WECHATPAY_PUBLIC_KEY',
  channelsShop: 'LIVECTL_CHANNELS_SHOP_SECRET',
  channelsAssistant: 'LIVECTL_CHANNELS_ASSISTANT_SECRET',
};

/**
 * The stem of the per-account variables of each kind (`<stem>_<ID>`). The two Channels accounts are
 * apps with an AppSecret like a mini program's, so their per-account form is `LIVECTL_APP_SECRET_<APPID>`.
 */
const PER_ACCOUNT_STEMS: Readonly<Record<SecretKind, string>> = {
  ...SECRET_ENVS,
  channelsShop: SECRET_ENVS.miniProgram,
  channelsAssistant: SECRET_ENVS.miniProgram,
};

/** How messages name an account of each kind. */
export const ACCOUNT_WORDS: Readonly<Record<SecretKind, string>> = {
  miniProgram: 'the mini program',
  wecom: 'WeCom',
  officialAccount: 'the Official Account',
  wechatPayPrivateKey: 'the WeChat Pay private key of merchant',
  wechatPayPublicKey: 'the WeChat Pay public key of merchant',
  channelsShop: 'the 微信小店 (WeChat Store) account',
  channelsAssistant: 'the 视频号助手 (Channels assistant) account',
};

export type SecretSource =
  /** A per-account variable, e.g. LIVECTL_APP_SECRET_WX0123456789ABCDEF. */
  | { from: 'account-env'; name: string }
  /** The credentials file (absolute path). */
  | { from: 'file'; file: string }
  /** The single variable of the kind, e.g. LIVECTL_APP_SECRET. */
  | { from: 'env'; name: string };

export interface ResolvedSecret {
  /** The secret (for WeChat Pay: the path of the key file). Never print it. */
  secret: string;
  source: SecretSource;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The per-account variable of an account, in its documented (upper-case) form. */
export function accountEnvName(kind: SecretKind, accountId: string): string {
  return `${PER_ACCOUNT_STEMS[kind]}_${accountId.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
}

/** The per-account names looked at, in order: the id exactly as written, then the upper-case form. */
function accountEnvNames(kind: SecretKind, accountId: string): string[] {
  const exact = `${PER_ACCOUNT_STEMS[kind]}_${accountId}`;
  const upper = accountEnvName(kind, accountId);
  return exact === upper ? [upper] : [exact, upper];
}

/** The account's secret and where it came from, or undefined when none of the three sources has it. */
export function resolveSecret(
  kind: SecretKind,
  accountId: string,
  env: Env,
  file?: CredentialsFile,
): ResolvedSecret | undefined {
  for (const name of accountEnvNames(kind, accountId)) {
    const v = env[name];
    if (v) return { secret: v, source: { from: 'account-env', name } };
  }
  const entry = file?.entries[kind][accountId];
  if (entry) return { secret: entry, source: { from: 'file', file: file!.path } };
  const single = env[SECRET_ENVS[kind]];
  if (single) return { secret: single, source: { from: 'env', name: SECRET_ENVS[kind] } };
  return undefined;
}

/** The source in words, for doctor and errors: a variable's name or "credentials file <path>". */
export function describeSource(s: SecretSource): string {
  return s.from === 'file' ? `credentials file ${s.file}` : s.name;
}

/** Where the secret of an account can be set, for a message about a missing one. */
export function whereToSet(kind: SecretKind, accountId: string): string {
  return `${accountEnvName(kind, accountId)} or ${SECRET_ENVS[kind]}, or an entry in the credentials file named by ${CREDENTIALS_ENV}`;
}

/**
 * The credentials file named by `LIVECTL_CREDENTIALS` (relative to `cwd`), or undefined when unset.
 * Read once per process while it is unchanged; refused (a UserError) unless only its owner can read
 * it, and on a parse error located as file:line:col without echoing any value.
 */
export async function loadCredentials(env: Env, cwd: string): Promise<CredentialsFile | undefined> {
  const named = env[CREDENTIALS_ENV];
  if (!named || named.trim() === '') return undefined;
  const { readCredentialsFile } = await import('./credentials-file.js');
  return readCredentialsFile(path.resolve(cwd, named));
}

/** The names of the per-account variables set in `env` (names only), for doctor. */
export function accountEnvsSet(env: Env): string[] {
  const prefixes = Object.values(SECRET_ENVS).map((p) => `${p}_`);
  return Object.keys(env)
    .filter((n) => env[n] && prefixes.some((p) => n.startsWith(p)))
    .sort();
}
