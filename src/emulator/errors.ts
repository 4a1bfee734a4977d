import { randomBytes } from 'node:crypto';

/**
 * A platform answer with errcode ≠ 0. Handlers throw it; the server turns it into HTTP 200 +
 * `{errcode, errmsg, ...extra}` (the platform never signals business errors through the HTTP status).
 */
export class PlatformError extends Error {
  constructor(
    readonly errcode: number,
    readonly text: string,
    /** Extra top-level fields the platform sends along with the error (300036 carries `qrcode_url`). */
    readonly extra: Record<string, unknown> = {},
    /** HTTP status; 200 for everything except unknown paths. */
    readonly status = 200,
  ) {
    super(`${errcode} ${text}`);
  }
}

export function fail(errcode: number, text: string, extra?: Record<string, unknown>): never {
  throw new PlatformError(errcode, text, extra);
}

/** Observed errmsgs end in ` rid: <hex>-<hex>-<hex>`; clients must not parse them, so any random rid will do. */
export function withRid(text: string): string {
  const h = randomBytes(12).toString('hex');
  return `${text} rid: ${h.slice(0, 8)}-${h.slice(8, 16)}-${h.slice(16, 24)}`;
}

export function errorBody(err: PlatformError): Record<string, unknown> {
  return { errcode: err.errcode, errmsg: withRid(err.text), ...err.extra };
}

/** errmsgs copied from the references, so a test or a client hint can match them. */
export const MSG = {
  systemError: 'system error',
  invalidCredential: 'invalid credential, access_token is invalid or not latest',
  tokenMissing: 'access_token missing',
  tokenExpired: 'access_token expired',
  requireGet: 'require GET method',
  requirePost: 'require POST method',
  emptyPost: 'empty post data',
  dataFormat: 'data format error',
  dailyQuota: 'reach max api daily quota limit',
  invalidAppid: 'invalid appid',
  invalidAppsecret: 'invalid appsecret',
  invalidMediaId: 'invalid media_id',
  timeInvalid: 'parameter startTime or endTime is invalid',
  nameLength: 'name length invalid',
} as const;
