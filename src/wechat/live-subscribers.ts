import type { Transport } from './http.js';
import { type Id, toId } from './ids.js';
import type { TokenBroker } from './token-broker.js';
import { camelizeAnswer } from './wire-shape.js';

/** Long-term subscribers of the live room and the "we're live" push. */

export interface Follower {
  openid: string;
  subscribeTime: number;
  roomId: number;
  roomStatus: number;
}

/** push_message takes at most 2000 openids a call. */
export const PUSH_MAX_OPENIDS = 2000;

export class LiveSubscribersClient {
  constructor(
    private readonly t: Transport,
    private readonly auth: TokenBroker,
  ) {}

  /** One page (limit ≤ 2000). Pass the previous `pageBreak` for the next page. */
  async getFollowers(q: { limit?: number; pageBreak?: number } = {}): Promise<{
    followers: Follower[];
    pageBreak?: number;
  }> {
    const json: Record<string, unknown> = { limit: q.limit ?? 2000 };
    if (q.pageBreak !== undefined) json.page_break = q.pageBreak;
    const a = camelizeAnswer(
      await this.t.json({
        path: '/wxa/business/get_wxa_followers',
        method: 'POST',
        json,
        auth: this.auth,
        idempotent: true,
      }),
    ) as { followers?: Follower[]; pageBreak?: number };
    const out: { followers: Follower[]; pageBreak?: number } = { followers: a.followers ?? [] };
    if (a.pageBreak !== undefined) out.pageBreak = Number(a.pageBreak);
    return out;
  }

  async getAllFollowers(): Promise<Follower[]> {
    const out: Follower[] = [];
    let pageBreak: number | undefined;
    for (let i = 0; i < 10_000; i++) {
      const page = await this.getFollowers(pageBreak === undefined ? {} : { pageBreak });
      out.push(...page.followers);
      if (page.followers.length === 0 || page.pageBreak === undefined || page.pageBreak === pageBreak) break;
      pageBreak = page.pageBreak;
    }
    return out;
  }

  /**
   * Notifies followers that the room is live (only while live: 9410006; one room a day: 9410005).
   * errcode 0 only means accepted. Not idempotent and WeChat has no dedupe key: callers record it.
   */
  async pushMessage(roomId: number, openids: readonly string[]): Promise<{ messageId: Id }> {
    if (openids.length === 0 || openids.length > PUSH_MAX_OPENIDS) {
      throw new RangeError(`push_message takes 1–${PUSH_MAX_OPENIDS} openids, got ${openids.length}`);
    }
    const a = await this.t.json({
      path: '/wxa/business/push_message',
      method: 'POST',
      json: { room_id: roomId, user_openid: openids },
      auth: this.auth,
      idempotent: false,
    });
    return { messageId: toId(a.message_id) ?? '' };
  }
}
