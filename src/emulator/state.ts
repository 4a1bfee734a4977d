import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChannelsState } from './channels-state.js';

/**
 * Everything the emulator remembers. Plain JSON-able data, so `--data file` can persist it and
 * `GET /__emulator/state` can show it. Times are Unix milliseconds of the emulator clock unless a field
 * name says seconds.
 */

export interface TokenRecord {
  token: string;
  /** `mp` tokens work on api.weixin.qq.com paths (mini program and Official Account), `wecom` on /qyapi. */
  realm: 'mp' | 'wecom';
  appid: string;
  /** Which endpoint issued it: stable tokens and /cgi-bin/token tokens are isolated from each other. */
  source: 'token' | 'stable' | 'gettoken';
  issuedAt: number;
  expiresAt: number;
  /** Set when a newer token superseded it (after the overlap) or an admin revoked it → 40001. */
  revokedAt?: number;
}

export interface MediaRecord {
  mediaId: string;
  appid: string;
  realm: 'mp' | 'wecom';
  /** temp: 3-day media_id; permanent: OA material; attachment: WeCom upload_attachment; image-url: uploadimg. */
  kind: 'temp' | 'permanent' | 'attachment' | 'image-url';
  type: string;
  filename?: string;
  contentType?: string;
  bytes: number;
  width?: number;
  height?: number;
  url?: string;
  createdAt: number;
  /** Undefined for permanent material. */
  expiresAt?: number;
}

export interface RoomRecord {
  roomId: number;
  appid: string;
  name: string;
  coverImg: string;
  shareImg: string;
  feedsImg?: string;
  /** Unix seconds, as sent. */
  startTime: number;
  endTime: number;
  anchorName: string;
  anchorWechat: string;
  subAnchorWechat?: string;
  createrWechat?: string;
  type: number;
  closeLike: number;
  closeGoods: number;
  closeComment: number;
  closeReplay: number;
  closeShare: number;
  closeKf: number;
  isFeedsPublic: number;
  banComment: number;
  goods: { goodsId: number; onSale: number }[];
  assistants: { username: string; nickname: string; timestamp: number }[];
  /** Admin override of the clock-derived status (104 banned, 105 paused, …). */
  statusOverride?: number;
  /**
   * Admin override of the replay (`POST /__emulator/rooms/replay`): true = ready as soon as the room
   * ended (without the ~10 minutes of generation, even with closeReplay), false = never.
   */
  replayOverride?: boolean;
  createdAt: number;
  deleted?: boolean;
}

export interface GoodsRecord {
  goodsId: number;
  appid: string;
  /** Above 2^31 on purpose: SDKs that typed it int32 broke (peers.md). Still a safe JS integer. */
  auditId: number;
  name: string;
  coverImgUrl: string;
  priceType: number;
  price: number;
  price2?: number;
  url: string;
  thirdPartyAppid: string;
  /** 0 not audited, 1 in audit, 2 approved, 3 rejected. */
  auditStatus: number;
  auditSubmittedAt?: number;
  rejectReason?: string;
  createdAt: number;
  deleted?: boolean;
}

export interface TaskRecord {
  kind: 'groupmsg' | 'moment';
  /** msgid for group-send, jobid for Moments. */
  id: string;
  appid: string;
  momentId?: string;
  chatType?: 'single' | 'group';
  sender?: string;
  senders: string[];
  recipients: string[];
  text?: string;
  attachments: unknown[];
  created: number;
  confirmedAt?: number;
  cancelledAt?: number;
  reminders: number[];
  /** Per recipient: 0 not sent, 1 sent, 2 not a friend, 3 over the monthly cap. */
  results: { recipient: string; status: number; sendTime?: number }[];
}

export interface MessageRecord {
  kind: 'subscribe' | 'robot' | 'followers-push' | 'mass-send';
  id: string;
  appid: string;
  at: number;
  to?: string | string[];
  content: unknown;
}

export interface MenuRecord {
  appid: string;
  menuid: number;
  button: unknown[];
  createdAt: number;
}

export interface DraftRecord {
  mediaId: string;
  appid: string;
  articles: unknown[];
  createdAt: number;
  used?: boolean;
}

export interface MassRecord {
  msgId: number;
  msgDataId: number;
  appid: string;
  clientmsgid?: string;
  isToAll: boolean;
  at: number;
}

export interface EmulatorState {
  nextId: number;
  tokens: TokenRecord[];
  media: MediaRecord[];
  rooms: RoomRecord[];
  goods: GoodsRecord[];
  tasks: TaskRecord[];
  messages: MessageRecord[];
  menus: MenuRecord[];
  drafts: DraftRecord[];
  mass: MassRecord[];
  /** `appid|api|day` → calls counted against a daily (or monthly/minute) quota. */
  quotas: Record<string, number>;
  /** WeChat ids that passed real-name verification (anchors, sub-anchors). */
  verifiedWechat: string[];
  /** Openids that did not subscribe (subscribe/send → 43101). */
  unsubscribed: string[];
  /** Long-term subscribers of the live rooms (get_wxa_followers), per app ('*' = every app). */
  followers: { appid: string; openid: string; roomId: number; subscribeTime: number }[];
  /** push_message: `appid|day` → roomId pushed that day. */
  pushedToday: Record<string, number>;
  /** Robot webhook sends per key (emulator ms), for the 20-a-minute sliding window. */
  robotSends: Record<string, number[]>;
  revokedRobotKeys: string[];
  /** force_refresh timestamps per appid (≤20 a day, ≥30 s apart). */
  forceRefresh: Record<string, number[]>;
  /** Live member roles (addrole): 1 admin, 2 anchor, 3 operator. */
  roles: { appid: string; username: string; roles: number[]; updatedAt: number }[];
  /** Distinct getwxacode requests per app, for the 100,000 lifetime cap (45029). */
  wxacodeKeys: string[];
  /** 视频号 + 微信小店 (created on first use; older data files have none). */
  channels?: ChannelsState;
}

export function emptyState(): EmulatorState {
  return {
    nextId: 1,
    tokens: [],
    media: [],
    rooms: [],
    goods: [],
    tasks: [],
    messages: [],
    menus: [],
    drafts: [],
    mass: [],
    quotas: {},
    verifiedWechat: [],
    unsubscribed: [],
    followers: [],
    pushedToday: {},
    robotSends: {},
    revokedRobotKeys: [],
    forceRefresh: {},
    roles: [],
    wxacodeKeys: [],
  };
}

export interface PersistedFile {
  version: 1;
  clock: { fixedAt?: number; offsetMs: number };
  state: EmulatorState;
}

export function loadDataFile(path: string): PersistedFile | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as PersistedFile;
  // Fields added after the file was written start empty rather than crashing the handlers.
  return { ...parsed, state: { ...emptyState(), ...parsed.state } };
}

/**
 * Write to a temp file, then rename: a crash mid-write leaves the previous file intact. Mode 0600
 * (owner only): the file holds the access tokens the emulator handed out and the messages sent.
 */
export function saveDataFile(path: string, data: PersistedFile): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
  // writeFileSync's mode applies only when it creates the file; a leftover temp file keeps its own.
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}
