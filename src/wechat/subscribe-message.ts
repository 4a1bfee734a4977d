import type { Transport } from './http.js';
import type { TokenBroker } from './token-broker.js';
import { compact } from './wire-shape.js';

/** Mini-program subscribe messages (POST /cgi-bin/message/subscribe/send). */

export interface SubscribeMessage {
  toUser: string;
  templateId: string;
  /** A page of this mini program; may carry a query. */
  page?: string;
  /** `{thing1: 'text'}` or the wire form `{thing1: {value: 'text'}}`. Values follow per-key-type rules. */
  data: Record<string, string | { value: string }>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

export class SubscribeMessageClient {
  constructor(
    private readonly t: Transport,
    private readonly auth: TokenBroker,
  ) {}

  /** 43101 (user not subscribed) is an error with hintKind 'skip': callers treat it as a skip. */
  async send(msg: SubscribeMessage): Promise<void> {
    const data: Record<string, { value: string }> = {};
    for (const [k, v] of Object.entries(msg.data)) data[k] = typeof v === 'string' ? { value: v } : v;
    await this.t.json({
      path: '/cgi-bin/message/subscribe/send',
      method: 'POST',
      json: compact({
        touser: msg.toUser,
        template_id: msg.templateId,
        page: msg.page,
        data,
        miniprogram_state: msg.miniprogramState,
        lang: msg.lang,
      }),
      auth: this.auth,
      idempotent: false,
    });
  }
}
