import { answerWithoutId } from './errors.js';
import type { Transport } from './http.js';
import { wireInt } from './ids.js';
import type { TokenBroker } from './token-broker.js';
import { camelizeAnswer, compact } from './wire-shape.js';

/**
 * Live rooms (/wxaapi/broadcast/room/*, /wxa/business/getliveinfo). Request fields keep WeChat's own
 * camelCase names and 0/1 flags, so the docs read straight onto these types. Times are Unix seconds.
 * Images are media ids (3 days), not URLs.
 */

type Flag = 0 | 1;

export interface RoomFields {
  /** 3–17 Chinese characters (one counts as 2 units: 6–34). */
  name: string;
  coverImg: string;
  startTime: number;
  endTime: number;
  anchorName: string;
  anchorWechat: string;
  shareImg: string;
  /** [CONFLICT] required on create per the current docs; we always send it when we have it. */
  feedsImg?: string;
  isFeedsPublic?: Flag;
  closeLike: Flag;
  closeGoods: Flag;
  closeComment: Flag;
  closeReplay?: Flag;
  closeShare?: Flag;
  closeKf?: Flag;
}

export interface CreateRoomRequest extends RoomFields {
  /** 1 push stream, 0 phone. */
  type: Flag;
  subAnchorWechat?: string;
  createrWechat?: string;
}

export interface CreateRoomResult {
  roomId: number;
  /** Present when the platform sends it alongside success (some answers carry it). */
  qrcodeUrl?: string;
}

export type EditRoomRequest = { id: number } & RoomFields;

export interface RoomGoodsInfo {
  goodsId: string;
  name: string;
  coverImg: string;
  url: string;
  /** Fen (cents) here, unlike the goods library (yuan). */
  price: number;
  price2?: number;
  priceType?: number;
  thirdPartyAppid?: string;
}

/** 101 live, 102 not started, 103 ended, 104 banned, 105 paused, 106 abnormal, 107 expired. */
export type LiveStatus = 101 | 102 | 103 | 104 | 105 | 106 | 107;

export interface RoomInfo {
  name: string;
  roomid: number;
  coverImg: string;
  shareImg: string;
  feedsImg?: string;
  liveStatus: LiveStatus;
  startTime: number;
  endTime: number;
  anchorName: string;
  goods: RoomGoodsInfo[];
  liveType: number;
  closeLike: Flag;
  closeGoods: Flag;
  closeComment: Flag;
  closeKf: Flag;
  closeReplay: Flag;
  isFeedsPublic: Flag;
  createrOpenid?: string;
}

export interface RoomPage {
  rooms: RoomInfo[];
  total: number;
}

export interface ReplayItem {
  /** Strings as sent (ISO-like in real captures). */
  createTime: string;
  expireTime: string;
  mediaUrl: string;
}

export interface ReplayPage {
  replays: ReplayItem[];
  total: number;
}

export interface SharedCode {
  cdnUrl: string;
  pagePath: string;
  posterUrl: string;
}

export interface Assistant {
  timestamp: number;
  headimg: string;
  nickname: string;
  alias: string;
  openid: string;
}

export interface AssistantList {
  list: Assistant[];
  count: number;
  maxCount: number;
}

const ROOM = '/wxaapi/broadcast/room';
/** 9410000 "empty room list" (and the old errcode 1) are answers, not errors. */
const EMPTY_LIST_CODES = [9410000, 1] as const;
/** WeChat silently caps `limit` at 50 on getliveinfo (peers.md), so we page by what came back. */
const LIVEINFO_PAGE = 50;
const MAX_PAGES = 1000;

export class LiveRoomsClient {
  constructor(
    private readonly t: Transport,
    private readonly auth: TokenBroker,
  ) {}

  private post(path: string, json: unknown, idempotent: boolean) {
    return this.t.json({ path, method: 'POST', json, auth: this.auth, idempotent });
  }

  private get(path: string, query: Record<string, string | number | undefined>) {
    return this.t.json({ path, method: 'GET', query, auth: this.auth, idempotent: true });
  }

  /**
   * Not idempotent: a lost answer may still have created the room (the error says maybeApplied), and
   * 300036 carries `qrcode_url` in the error's payload and hint.
   */
  async create(req: CreateRoomRequest): Promise<CreateRoomResult> {
    const a = await this.post(`${ROOM}/create`, compact({ ...req }), false);
    const raw = a.roomId ?? a.roomid;
    const roomId = typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(roomId) || roomId <= 0 || (typeof raw === 'string' && !/^\d+$/.test(raw)))
      throw answerWithoutId(`${ROOM}/create`, 'roomId', raw);
    return compact({
      roomId,
      qrcodeUrl: typeof a.qrcode_url === 'string' ? a.qrcode_url : undefined,
    });
  }

  async edit(req: EditRoomRequest): Promise<void> {
    await this.post(`${ROOM}/editroom`, compact({ ...req }), true);
  }

  /** The body key is `id`, not roomId. */
  async delete(roomId: number): Promise<void> {
    await this.post(`${ROOM}/deleteroom`, { id: roomId }, false);
  }

  /** One page of rooms, newest start first; an empty list is not an error. */
  async list(page: { start?: number; limit?: number } = {}): Promise<RoomPage> {
    const a = camelizeAnswer(
      await this.t.json({
        path: '/wxa/business/getliveinfo',
        method: 'POST',
        json: { start: page.start ?? 0, limit: page.limit ?? LIVEINFO_PAGE },
        auth: this.auth,
        idempotent: true,
        okErrcodes: EMPTY_LIST_CODES,
      }),
    ) as { roomInfo?: RoomInfo[]; total?: number };
    return { rooms: (a.roomInfo ?? []).map(normalizeRoom), total: Number(a.total ?? 0) };
  }

  /** Every room, paging until the total is reached or a page comes back empty. */
  async listAll(pageSize = LIVEINFO_PAGE): Promise<RoomInfo[]> {
    const rooms: RoomInfo[] = [];
    for (let i = 0; i < MAX_PAGES; i++) {
      const page = await this.list({ start: rooms.length, limit: pageSize });
      rooms.push(...page.rooms);
      if (page.rooms.length === 0 || rooms.length >= page.total) break;
    }
    return rooms;
  }

  async replays(roomId: number, page: { start?: number; limit?: number } = {}): Promise<ReplayPage> {
    const a = camelizeAnswer(
      await this.t.json({
        path: '/wxa/business/getliveinfo',
        method: 'POST',
        json: {
          action: 'get_replay',
          room_id: roomId,
          start: page.start ?? 0,
          limit: page.limit ?? LIVEINFO_PAGE,
        },
        auth: this.auth,
        idempotent: true,
        okErrcodes: EMPTY_LIST_CODES,
      }),
    ) as { liveReplay?: ReplayItem[]; total?: number };
    return { replays: a.liveReplay ?? [], total: Number(a.total ?? 0) };
  }

  async allReplays(roomId: number): Promise<ReplayItem[]> {
    const out: ReplayItem[] = [];
    for (let i = 0; i < MAX_PAGES; i++) {
      const page = await this.replays(roomId, { start: out.length });
      out.push(...page.replays);
      if (page.replays.length === 0 || out.length >= page.total) break;
    }
    return out;
  }

  /** GET. The answer's `pushAddr` carries the stream secret (txSecret): hand it to the streamer only. */
  async getPushUrl(roomId: number): Promise<{ pushAddr: string }> {
    const a = await this.get(`${ROOM}/getpushurl`, { roomId });
    return { pushAddr: String(a.pushAddr ?? '') };
  }

  /** GET with the params in the query (a body gives a misleading 300022). */
  async getSharedCode(roomId: number, params?: Record<string, unknown> | string): Promise<SharedCode> {
    const p = params === undefined ? undefined : typeof params === 'string' ? params : JSON.stringify(params);
    const a = await this.get(`${ROOM}/getsharedcode`, { roomId, params: p });
    return {
      cdnUrl: String(a.cdnUrl ?? ''),
      pagePath: String(a.pagePath ?? ''),
      posterUrl: String(a.posterUrl ?? ''),
    };
  }

  /** Imports approved library goods into the room. */
  async addGoods(roomId: number, goodsIds: readonly string[]): Promise<void> {
    await this.post(`${ROOM}/addgoods`, { ids: goodsIds.map((id) => wireInt(id)), roomId }, false);
  }

  async addAssistants(
    roomId: number,
    users: readonly { username: string; nickname: string }[],
  ): Promise<void> {
    await this.post(`${ROOM}/addassistant`, { roomId, users }, false);
  }

  async modifyAssistant(roomId: number, username: string, nickname: string): Promise<void> {
    await this.post(`${ROOM}/modifyassistant`, { roomId, username, nickname }, true);
  }

  async removeAssistant(roomId: number, username: string): Promise<void> {
    await this.post(`${ROOM}/removeassistant`, { roomId, username }, false);
  }

  async listAssistants(roomId: number): Promise<AssistantList> {
    const a = await this.get(`${ROOM}/getassistantlist`, { roomId });
    return {
      list: (a.list as Assistant[] | undefined) ?? [],
      count: Number(a.count ?? 0),
      maxCount: Number(a.maxCount ?? 0),
    };
  }

  async addSubAnchor(roomId: number, username: string): Promise<void> {
    await this.post(`${ROOM}/addsubanchor`, { roomId, username }, false);
  }

  async modifySubAnchor(roomId: number, username: string): Promise<void> {
    await this.post(`${ROOM}/modifysubanchor`, { roomId, username }, true);
  }

  async deleteSubAnchor(roomId: number): Promise<void> {
    await this.post(`${ROOM}/deletesubanchor`, { roomId }, false);
  }

  async getSubAnchor(roomId: number): Promise<{ username: string }> {
    const a = await this.get(`${ROOM}/getsubanchor`, { roomId });
    return { username: String(a.username ?? '') };
  }

  async updateFeedPublic(roomId: number, isFeedsPublic: Flag): Promise<void> {
    await this.post(`${ROOM}/updatefeedpublic`, { roomId, isFeedsPublic }, true);
  }

  async updateReplay(roomId: number, closeReplay: Flag): Promise<void> {
    await this.post(`${ROOM}/updatereplay`, { roomId, closeReplay }, true);
  }

  async updateKf(roomId: number, closeKf: Flag): Promise<void> {
    await this.post(`${ROOM}/updatekf`, { roomId, closeKf }, true);
  }

  /**
   * [CONFLICT] the doc table names the key `id`, its own example, WxJava and PowerWeChat use `roomId`.
   * We send `roomId` (the majority, and what real captures show).
   */
  async updateComment(roomId: number, banComment: Flag): Promise<void> {
    await this.post(`${ROOM}/updatecomment`, { roomId, banComment }, true);
  }
}

function normalizeRoom(r: RoomInfo): RoomInfo {
  return { ...r, goods: r.goods ?? [] };
}
