import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { Platform } from './error-hints.js';
import { WeChatApiError } from './errors.js';
import { parseJsonSafe, stringifyWire } from './ids.js';
import { type Redactor, redactQuery } from './redactor.js';
import {
  DEFAULT_RETRY_POLICY,
  errcodeMaybeApplied,
  isTokenRefused,
  type RetryPolicy,
  retryableStatus,
  type Sleep,
  withRetry,
} from './retry.js';
import type { TokenBroker } from './token-broker.js';

/**
 * The one owner of HTTP (style.md §10; only this file imports axios). Every call goes through
 * `Transport.call`: token in the query string, JSON bodies that keep 64-bit ids exact, answers parsed
 * without rounding, `errcode ≠ 0` on HTTP 200 turned into WeChatApiError, network/timeout/HTTP errors
 * wrapped the same way, one token refresh on 40001/40014/42001, bounded retries, redaction, and a
 * request-log event per try.
 *
 * Raw axios errors never escape: their `config` holds the URL with the access token and the body with
 * the secret. We read `code` from them and build our own error.
 */

export type Query = Record<string, string | number | boolean | undefined>;

export interface CallSpec {
  /** Path appended to the base, e.g. `/wxaapi/broadcast/room/create`. Also the error's `api`. */
  path: string;
  method: 'GET' | 'POST';
  query?: Query;
  /** JSON body (serialized with `stringifyWire`, so `wireInt` ids go out as exact numbers). */
  json?: unknown;
  /** Multipart body; a factory so each try sends a fresh stream. */
  form?: () => FormData;
  /** Token broker for `access_token`; omitted for token fetches and the robot (key in the query). */
  auth?: TokenBroker;
  /** Safe to repeat after an ambiguous failure (the answer was lost)? Creates and sends are not. */
  idempotent: boolean;
  /** `binary`: image bytes on success, JSON on error (told apart by content type). */
  expect?: 'json' | 'binary';
  /** Errcodes that are answers, not errors (getliveinfo's 9410000 "empty room list"). */
  okErrcodes?: readonly number[];
}

export interface BinaryAnswer {
  bytes: Buffer;
  contentType: string;
}

/** One event per HTTP try, for `--verbose`. Credentials are already masked. */
export interface RequestEvent {
  method: 'GET' | 'POST' | 'PATCH';
  /** Base URL + path, no query. */
  url: string;
  path: string;
  query: Record<string, string>;
  attempt: number;
  durationMs: number;
  status: number | null;
  errcode: number | null;
  outcome: 'ok' | 'error';
  errorKind?: string;
}

export interface TransportOptions {
  baseUrl: string;
  platform: Platform;
  redactor: Redactor;
  sleep: Sleep;
  retry?: Partial<RetryPolicy>;
  random?: () => number;
  timeoutMs?: number;
  onRequest?: (event: RequestEvent) => void;
  /** Share one axios instance (and its keep-alive agents) between transports. */
  axios?: AxiosInstance;
}

/** Connection failures that happen before the request is written: nothing can have taken effect. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function createAxios(): AxiosInstance {
  return axios.create({
    httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
    httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 64 }),
    maxRedirects: 0,
  });
}

/**
 * One raw exchange for APIs outside WeChat's errcode convention (WeChat Pay v3: HTTP statuses,
 * `{code, message}` bodies, signed requests and answers). The caller builds the exact bytes and
 * headers (the signature covers them) and reads status, headers and body itself; this module still
 * owns the socket, the timeout, the wrapping of network errors and the request event.
 */
export interface ExchangeSpec {
  method: 'GET' | 'POST' | 'PATCH';
  /** Path with its raw query string, appended to the base. Also the error's `api`. */
  path: string;
  /** The exact body bytes (already serialized: the signature covers them). */
  body?: string;
  headers: Record<string, string>;
  /** For the request event. */
  attempt?: number;
}

export interface ExchangeAnswer {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}

export class Transport {
  readonly baseUrl: string;
  private readonly axios: AxiosInstance;
  private readonly policy: RetryPolicy;

  constructor(private readonly opts: TransportOptions) {
    // Paths are appended, so a base with a prefix (http://127.0.0.1:8080/qyapi) works.
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.axios = opts.axios ?? createAxios();
    this.policy = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
  }

  get platform(): Platform {
    return this.opts.platform;
  }

  /** A JSON call; resolves with the answer body (errcode 0 or an ok errcode). */
  async json(spec: CallSpec): Promise<Record<string, unknown>> {
    return (await this.call({ ...spec, expect: 'json' })) as Record<string, unknown>;
  }

  async binary(spec: CallSpec): Promise<BinaryAnswer> {
    const answer = await this.call({ ...spec, expect: 'binary' });
    if (!(answer instanceof Object) || !('bytes' in answer)) {
      throw this.platformError(spec, {
        errcode: null,
        errmsg: 'expected image bytes, got JSON without an error',
        kind: 'http',
        body: answer as Record<string, unknown>,
      });
    }
    return answer as BinaryAnswer;
  }

  /** One try, no retries, no interpretation of the status (see {@link ExchangeSpec}). */
  async exchange(spec: ExchangeSpec): Promise<ExchangeAnswer> {
    const url = this.baseUrl + spec.path;
    const q = spec.path.indexOf('?');
    const bare = q < 0 ? spec.path : spec.path.slice(0, q);
    const started = performance.now();
    const event = (status: number | null, errorKind?: string): void => {
      this.opts.onRequest?.({
        method: spec.method,
        url: this.baseUrl + bare,
        path: bare,
        query: {},
        attempt: spec.attempt ?? 1,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        status,
        errcode: null,
        outcome: errorKind ? 'error' : 'ok',
        ...(errorKind ? { errorKind } : {}),
      });
    };
    let res: AxiosResponse<ArrayBuffer>;
    try {
      res = await this.axios.request<ArrayBuffer>({
        method: spec.method,
        url,
        data: spec.body,
        headers: spec.headers,
        timeout: this.opts.timeoutMs ?? 15_000,
        responseType: 'arraybuffer',
        transformResponse: [(d: unknown) => d],
        transformRequest: [(d: unknown) => d],
        validateStatus: () => true,
      });
    } catch (err) {
      const wrapped = this.transportError({ path: bare, method: 'POST', idempotent: false }, err);
      event(null, wrapped.kind);
      throw wrapped;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers ?? {})) {
      if (v !== undefined && v !== null)
        headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
    }
    event(res.status, res.status >= 200 && res.status < 300 ? undefined : 'http');
    return {
      status: res.status,
      headers,
      body: Buffer.from(res.data ?? new ArrayBuffer(0)).toString('utf8'),
    };
  }

  private async call(spec: CallSpec): Promise<Record<string, unknown> | BinaryAnswer> {
    const auth = spec.auth;
    // Token fetches retry on their own (they are calls too); their failures are not retried again
    // here, or the attempts would multiply (3 × 3).
    const tokenStep = async (get: () => Promise<string>): Promise<string> => {
      try {
        return await get();
      } catch (err) {
        throw new AlreadyRetried(err);
      }
    };
    try {
      return await withRetry(
        async (attempt) => {
          let token = auth ? await tokenStep(() => auth.getToken()) : undefined;
          try {
            return await this.send(spec, token, attempt);
          } catch (err) {
            // The token itself was refused: the call did not run, so refresh once and repeat once,
            // whether or not the call is idempotent.
            if (!auth || token === undefined || !isTokenError(err)) throw err;
            const rejected = token;
            token = await tokenStep(() => auth.refreshAfterRejection(rejected, err));
            return await this.send(spec, token, attempt);
          }
        },
        {
          policy: this.policy,
          sleep: this.opts.sleep,
          random: this.opts.random,
          idempotent: spec.idempotent,
        },
      );
    } catch (err) {
      throw err instanceof AlreadyRetried ? err.error : err;
    }
  }

  private async send(
    spec: CallSpec,
    token: string | undefined,
    attempt: number,
  ): Promise<Record<string, unknown> | BinaryAnswer> {
    const url = this.baseUrl + spec.path;
    const params: Query = { ...spec.query };
    if (token !== undefined) params.access_token = token;
    for (const k of Object.keys(params)) if (params[k] === undefined) delete params[k];

    let data: string | FormData | undefined;
    const headers: Record<string, string> = {};
    if (spec.form) data = spec.form();
    else if (spec.json !== undefined) {
      data = stringifyWire(spec.json);
      // Without this WeChat answers with misleading 200002s ("startTime or endTime is invalid").
      headers['Content-Type'] = 'application/json; charset=utf-8';
    }

    const started = performance.now();
    const event = (status: number | null, errcode: number | null, errorKind?: string): void => {
      this.opts.onRequest?.({
        method: spec.method,
        url,
        path: spec.path,
        query: redactQuery(params, this.opts.redactor),
        attempt,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        status,
        errcode,
        outcome: errorKind ? 'error' : 'ok',
        ...(errorKind ? { errorKind } : {}),
      });
    };

    let res: AxiosResponse<ArrayBuffer>;
    try {
      res = await this.axios.request<ArrayBuffer>({
        method: spec.method,
        url,
        params,
        data,
        headers,
        timeout: this.opts.timeoutMs ?? 15_000,
        responseType: 'arraybuffer',
        transformResponse: [(d: unknown) => d],
        validateStatus: () => true,
      });
    } catch (err) {
      const wrapped = this.transportError(spec, err);
      event(null, null, wrapped.kind);
      throw wrapped;
    }

    const bytes = Buffer.from(res.data ?? new ArrayBuffer(0));
    const contentType = String(res.headers['content-type'] ?? '');
    const looksJson = /json|text\/plain/i.test(contentType) || (contentType === '' && bytes[0] === 0x7b);

    if (res.status < 200 || res.status >= 300) {
      const body = looksJson ? tryParse(bytes) : undefined;
      const errcode = typeof body?.errcode === 'number' ? body.errcode : null;
      event(res.status, errcode, 'http');
      throw this.httpError(spec, res.status, errcode, body);
    }

    if (spec.expect === 'binary' && !looksJson) {
      event(res.status, 0);
      return { bytes, contentType };
    }

    const body = tryParse(bytes);
    if (!body) {
      event(res.status, null, 'http');
      throw this.platformError(spec, {
        errcode: null,
        errmsg: `unreadable answer (HTTP ${res.status}, ${contentType || 'no content type'})`,
        kind: 'http',
        status: res.status,
      });
    }
    const errcode = typeof body.errcode === 'number' ? body.errcode : Number(body.errcode ?? 0);
    if (errcode !== 0 && !spec.okErrcodes?.includes(errcode)) {
      event(res.status, errcode, 'platform');
      throw this.platformError(spec, {
        errcode,
        errmsg: String(body.errmsg ?? ''),
        kind: 'platform',
        body,
        status: res.status,
      });
    }
    event(res.status, errcode);
    return body;
  }

  private platformError(
    spec: CallSpec,
    a: {
      errcode: number | null;
      errmsg: string;
      kind: 'platform' | 'http';
      body?: Record<string, unknown>;
      status?: number;
    },
  ): WeChatApiError {
    const { errcode: _c, errmsg: _m, ...rest } = a.body ?? {};
    return new WeChatApiError({
      api: spec.path,
      kind: a.kind,
      errcode: a.errcode,
      errmsg: this.opts.redactor.text(a.errmsg),
      platform: this.opts.platform,
      payload: this.opts.redactor.value(rest),
      ...(a.status === undefined ? {} : { status: a.status }),
      // -1 may come back for a create that did happen (seen on room/create).
      maybeApplied: errcodeMaybeApplied(a.errcode, spec.idempotent),
    });
  }

  private httpError(
    spec: CallSpec,
    status: number,
    errcode: number | null,
    body: Record<string, unknown> | undefined,
  ): WeChatApiError {
    const server = status >= 500;
    const { errcode: _c, errmsg, ...rest } = body ?? {};
    const hint =
      status === 404
        ? `Nothing answers ${spec.path} at ${this.baseUrl}. Check LIVECTL_WECHAT_API / LIVECTL_WECOM_API.`
        : server
          ? "WeChat's servers had a problem. Try again in a few minutes; for a create, check livectl status first."
          : `WeChat answered HTTP ${status}. Check LIVECTL_WECHAT_API / LIVECTL_WECOM_API and any proxy in between.`;
    return new WeChatApiError({
      api: spec.path,
      kind: 'http',
      errcode,
      errmsg: this.opts.redactor.text(typeof errmsg === 'string' ? errmsg : `HTTP ${status}`),
      platform: this.opts.platform,
      status,
      payload: this.opts.redactor.value(rest),
      retryable: retryableStatus(status),
      maybeApplied: server,
      hint,
      hintKind: server ? 'retry' : 'config',
    });
  }

  private transportError(spec: CallSpec, err: unknown): WeChatApiError {
    const code =
      typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : 'UNKNOWN';
    const timeout = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
    const notSent = NOT_SENT_CODES.has(code);
    const where = this.opts.redactor.text(this.baseUrl);
    return new WeChatApiError({
      api: spec.path,
      kind: timeout ? 'timeout' : 'network',
      errcode: null,
      errmsg: timeout ? `no answer within ${this.opts.timeoutMs ?? 15_000} ms` : `network error (${code})`,
      platform: this.opts.platform,
      retryable: true,
      maybeApplied: !notSent,
      hintKind: 'retry',
      hint: notSent
        ? `Could not reach ${where}. Check the network (or LIVECTL_WECHAT_API / LIVECTL_WECOM_API), then try again.`
        : 'The connection broke before WeChat answered, so the request may or may not have taken effect. ' +
          'livectl repeats safe calls itself; for a create or a send, run livectl status (or apply again: it looks first).',
    });
  }
}

/** Carries an error through `withRetry` untouched (it only retries WeChatApiErrors). */
class AlreadyRetried {
  constructor(readonly error: unknown) {}
}

function isTokenError(err: unknown): err is WeChatApiError {
  return err instanceof WeChatApiError && isTokenRefused(err);
}

function tryParse(bytes: Buffer): Record<string, unknown> | undefined {
  try {
    const v = parseJsonSafe(bytes.toString('utf8'));
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
