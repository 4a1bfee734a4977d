import { type FailureFields, UserError } from '../errors.js';
import { type HintKind, hintFor, type Platform } from './error-hints.js';
import { retryableByDefault } from './retry.js';

/**
 * The one error every client throws. It is a UserError (style.md §12): the platform said no, and the
 * hint tells a marketer what to do, so the CLI prints it without a stack.
 *
 * Invariants:
 *  - never carries secrets or access tokens (the transport redacts errmsg and payload before building
 *    it) and never carries a `cause`, an axios config or a request object;
 *  - `payload` keeps every field of the answer except errcode/errmsg (300036 keeps `qrcode_url`);
 *  - `errcode` is null when the platform never answered (network, timeout) or answered with a non-200
 *    status without an errcode.
 */
/** `rate-limited`: livectl itself held the call back to stay under a published per-minute cap. */
export type WeChatErrorKind = 'platform' | 'network' | 'timeout' | 'http' | 'rate-limited';

export interface WeChatApiErrorInit {
  api: string;
  kind: WeChatErrorKind;
  errcode: number | null;
  errmsg: string;
  platform?: Platform;
  payload?: Record<string, unknown>;
  status?: number;
  /**
   * Transient: trying again later may succeed (the client already retried where it is safe). Default:
   * retry.ts retryableByDefault.
   */
  retryable?: boolean;
  /** The request may have taken effect although we got no answer: look before repeating a create. */
  maybeApplied?: boolean;
  /** Override the table's hint (e.g. network errors). */
  hint?: string;
  hintKind?: HintKind;
}

export class WeChatApiError extends UserError {
  readonly api: string;
  readonly kind: WeChatErrorKind;
  readonly errcode: number | null;
  readonly errmsg: string;
  override readonly hint: string;
  readonly hintKind: HintKind;
  readonly retryable: boolean;
  readonly maybeApplied: boolean;
  readonly status?: number;
  /** The `rid` WeChat appends to errmsg: quote it when asking WeChat support. */
  readonly rid?: string;
  readonly payload: Record<string, unknown>;

  /** The real-name QR link, when the platform sent one (300036, 400002). */
  get qrcodeUrl(): string | undefined {
    const v = this.payload.qrcode_url ?? this.payload.codeurl;
    return typeof v === 'string' ? v : undefined;
  }

  constructor(init: WeChatApiErrorInit) {
    const table = init.errcode === null ? undefined : hintFor(init.errcode, init.platform);
    // The QR link a person must scan (300036 qrcode_url, addrole's codeurl) goes into the hint itself,
    // so it survives any renderer that only prints message + hint.
    const qr = init.payload?.qrcode_url ?? init.payload?.codeurl;
    const base = init.hint ?? table?.hint ?? 'Try again later.';
    const hint = typeof qr === 'string' && qr ? `${base} QR link: ${qr}` : base;
    const code = init.errcode === null ? init.kind : `errcode ${init.errcode}`;
    super(`${init.api}: ${init.errmsg} (${code})`, { hint });
    this.name = 'WeChatApiError';
    this.api = init.api;
    this.kind = init.kind;
    this.errcode = init.errcode;
    this.errmsg = init.errmsg;
    this.hint = hint;
    this.hintKind = init.hintKind ?? table?.kind ?? 'retry';
    this.retryable = init.retryable ?? retryableByDefault(init.kind, init.errcode);
    this.maybeApplied = init.maybeApplied ?? false;
    if (init.status !== undefined) this.status = init.status;
    const rid = /\brid:\s*([0-9a-f-]+)/i.exec(init.errmsg)?.[1];
    if (rid) this.rid = rid;
    this.payload = init.payload ?? {};
  }

  override failureFields(): FailureFields {
    return { kind: 'api', api: this.api, ...(this.errcode === null ? {} : { errcode: this.errcode }) };
  }

  /** The plain-data form used by `--format json` (no stack, no functions). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      api: this.api,
      kind: this.kind,
      errcode: this.errcode,
      errmsg: this.errmsg,
      hint: this.hint,
      hintKind: this.hintKind,
      retryable: this.retryable,
      maybeApplied: this.maybeApplied,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.rid === undefined ? {} : { rid: this.rid }),
      payload: this.payload,
    };
  }
}

export function isWeChatApiError(err: unknown): err is WeChatApiError {
  return err instanceof WeChatApiError;
}

/**
 * WeChat answered errcode 0 ("ok") to a create but without the id it makes (`roomId`, `goodsId`,
 * `media_id` missing, or not a number where a number is due). The call may well have taken effect,
 * so it is a failed, maybe-applied call — never a success to record (a `roomId` of NaN would be sent
 * back to WeChat afterwards). Apply looks for what the call made before repeating it.
 */
export function answerWithoutId(api: string, field: string, value: unknown): WeChatApiError {
  const got = value === undefined ? 'none' : JSON.stringify(value);
  return new WeChatApiError({
    api,
    kind: 'platform',
    errcode: 0,
    errmsg: `answered ok without a usable ${field} (got ${got})`,
    retryable: false,
    maybeApplied: true,
    hintKind: 'retry',
    hint:
      'WeChat said the call succeeded but sent no id, so it may have taken effect. Apply again: it looks ' +
      'for what this campaign created before creating anything a second time.',
  });
}
