import { createHash } from 'node:crypto';
import type { Transport } from './http.js';
import type { SlidingWindowLimiter } from './rate-limit.js';

/**
 * WeCom group robot webhook (internal staff groups). The key is the credential: it travels in the
 * query string, is masked in logs and errors, and the limiter (20 a minute per robot) is keyed by a
 * hash of it so the key itself is not kept around as a map key.
 */

export interface RobotNewsArticle {
  /** ≤ 128 bytes. */
  title: string;
  description?: string;
  url: string;
  picurl?: string;
}

const PATH = '/cgi-bin/webhook/send';

export class RobotClient {
  private readonly keyId: string;

  constructor(
    private readonly t: Transport,
    private readonly key: string,
    private readonly limiter: SlidingWindowLimiter,
  ) {
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  }

  /** ≤ 2048 bytes; mention userids or mobiles, or "@all". */
  async sendText(text: {
    content: string;
    mentionedList?: string[];
    mentionedMobileList?: string[];
  }): Promise<void> {
    const body: Record<string, unknown> = { content: text.content };
    if (text.mentionedList) body.mentioned_list = text.mentionedList;
    if (text.mentionedMobileList) body.mentioned_mobile_list = text.mentionedMobileList;
    await this.send({ msgtype: 'text', text: body });
  }

  /** ≤ 4096 bytes; `<@userid>` mentions and `<font color="info|comment|warning">`. */
  async sendMarkdown(content: string): Promise<void> {
    await this.send({ msgtype: 'markdown', markdown: { content } });
  }

  /** JPG/PNG ≤ 2 MB; WeCom wants the base64 and the md5 of the raw bytes. */
  async sendImage(bytes: Uint8Array): Promise<void> {
    const buf = Buffer.from(bytes);
    await this.send({
      msgtype: 'image',
      image: { base64: buf.toString('base64'), md5: createHash('md5').update(buf).digest('hex') },
    });
  }

  /** 1–8 articles. */
  async sendNews(articles: RobotNewsArticle[]): Promise<void> {
    await this.send({ msgtype: 'news', news: { articles } });
  }

  private async send(json: Record<string, unknown>): Promise<void> {
    await this.limiter.acquire(this.keyId, PATH);
    // Messages are not idempotent: a lost answer is reported, never silently re-sent.
    await this.t.json({ path: PATH, method: 'POST', query: { key: this.key }, json, idempotent: false });
  }
}
