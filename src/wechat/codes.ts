import type { BinaryAnswer, Transport } from './http.js';
import type { TokenBroker } from './token-broker.js';
import { compact } from './wire-shape.js';

/**
 * Mini-program codes. Success is image bytes, failure is JSON: the transport tells them apart by
 * content type. Both calls are safe to repeat (identical parameters are not counted again).
 */

export interface CodeStyle {
  /** 280–1280 px, default 430. */
  width?: number;
  autoColor?: boolean;
  lineColor?: { r: number; g: number; b: number };
  /** Transparent background (PNG). */
  isHyaline?: boolean;
  envVersion?: 'release' | 'trial' | 'develop';
}

export interface UnlimitedCodeRequest extends CodeStyle {
  /** ≤ 32 chars of [0-9A-Za-z!#$&'()*+,/:;=?@\-._~]. */
  scene: string;
  /** No leading slash, no query. Defaults to the home page. */
  page?: string;
  /** Default true: the page must exist in the released version. */
  checkPath?: boolean;
}

export interface LimitedCodeRequest extends CodeStyle {
  /** May carry a query; ≤ 1024 chars. Counts towards the 100,000 lifetime codes. */
  path: string;
}

export interface CodeImage {
  bytes: Buffer;
  contentType: string;
}

function style(s: CodeStyle): Record<string, unknown> {
  return compact({
    width: s.width,
    auto_color: s.autoColor,
    line_color: s.lineColor,
    is_hyaline: s.isHyaline,
    env_version: s.envVersion,
  });
}

export class CodesClient {
  constructor(
    private readonly t: Transport,
    private readonly auth: TokenBroker,
  ) {}

  async getUnlimited(req: UnlimitedCodeRequest): Promise<CodeImage> {
    return this.image('/wxa/getwxacodeunlimit', {
      scene: req.scene,
      ...compact({ page: req.page, check_path: req.checkPath }),
      ...style(req),
    });
  }

  async getLimited(req: LimitedCodeRequest): Promise<CodeImage> {
    return this.image('/wxa/getwxacode', { path: req.path, ...style(req) });
  }

  private async image(path: string, json: Record<string, unknown>): Promise<CodeImage> {
    const a: BinaryAnswer = await this.t.binary({
      path,
      method: 'POST',
      json,
      auth: this.auth,
      idempotent: true,
    });
    return { bytes: a.bytes, contentType: a.contentType };
  }
}
