import type { ChannelType } from '../campaign/schema.js';
import type { OutboxKey } from '../state/types.js';

/**
 * The reminder model: what the pure schedule produces and the outbox stores. One row per
 * (campaign, wave, channel, audience slice). The payload is self-contained — `livectl dispatch` runs
 * from cron without the campaign file, so everything a channel needs to send (rendered text, account
 * ids, poster file, recipients) travels in the row.
 */

/**
 * What a row says, which decides its default grace window:
 * - `teaser` (3 days before), `article` (the day before), `soon` (30 minutes before), `live-now`
 *   (go-live), `feedback` and `replay` (after): the playbook's waves;
 * - `message`: a wave with its own text at a place none of the above fits;
 * - `cue`: a run-sheet cue for the hosts' robot during the broadcast;
 * - `menu-switch` / `menu-restore`: the Official Account's first-level menu;
 * - `product-card`: a product's card pushed into the live room (`during.productCards`).
 */
export type ReminderKind =
  | 'teaser'
  | 'article'
  | 'soon'
  | 'live-now'
  | 'feedback'
  | 'replay'
  | 'message'
  | 'cue'
  | 'menu-switch'
  | 'menu-restore'
  | 'product-card';

/**
 * A row as the schedule produces it (before the outbox gives it an id and a status). Its key is 32 hex
 * characters (it doubles as the Official Account's clientmsgid, at most 64 bytes).
 */
export interface OutboxRowSpec extends OutboxKey {
  payload: ReminderPayload;
}

/** The mini program (and WeCom corp / Official Account) a row is sent for; secrets come from the environment. */
export interface PayloadAccounts {
  miniProgram: string;
  wecomCorp?: string;
  officialAccount?: string;
}

/** The poster of a wave: the PNG that apply rendered (`poster/<wave>`), when it exists. */
export interface PosterRef {
  /** `wave/<id>` or `after/<id>` (the poster module's key). */
  key: string;
  template: string;
  /** Absolute path of the PNG; absent when apply has not rendered it (the row then goes without). */
  path?: string;
}

/**
 * What sends a row: a channel type of the campaign, or `product-card` (the live room itself: its rows
 * go to the pseudo-channel `room`, not to a channel of the file).
 */
export type RowType = ChannelType | 'product-card';

export interface PayloadCommon {
  /** Payload format; bump when the shape changes incompatibly. */
  v: 1;
  type: RowType;
  kind: ReminderKind;
  accounts: PayloadAccounts;
  /** The campaign's IANA zone (dispatch and status show times in it; the daemon's cron runs in it). */
  timezone: string;
  /** The rendered message (placeholders filled). */
  text: string;
  /** A title where the channel shows one (article, robot markdown heading). */
  title?: string;
  poster?: PosterRef;
  /** Coupons featured in the wave (ids and titles, for the record and for status). */
  coupons: { id: string; title: string }[];
  room: {
    name: string;
    /** The live room's id once created. */
    id?: string;
    /** Page a mini-program card opens (the room's share path with the wave in custom_params). */
    page: string;
    /** Absolute path of the room's share image (800×640): the mini-program card's cover. */
    shareImage?: string;
    /** 视频号 (platform: channels): the reservation's notice id once apply found it; there is no room id. */
    noticeId?: string;
  };
  /** No mini-program card (视频号 without a live page): the row carries text and the poster only. */
  noCard?: true;
  /**
   * A short token unique to the row (a prefix of the idempotency key). It travels in the
   * mini-program card's page (`lc=`), so an earlier attempt can be recognised in WeCom's task list.
   */
  marker: string;
  /**
   * An after-wave that promises the replay: dispatch sends it only once the platform reports one
   * (getliveinfo `get_replay`), trying again within the grace; past it the row is skipped.
   */
  waitForReplay?: true;
}

export interface WecomGroupsPayload extends PayloadCommon {
  type: 'wecom-groups';
  sender: string;
  chatIds?: string[];
  tags?: string[];
}

export interface WecomMomentsPayload extends PayloadCommon {
  type: 'wecom-moments';
  senders?: string[];
  departments?: number[];
  tags?: string[];
}

export interface OfficialAccountPayload extends PayloadCommon {
  type: 'official-account';
  op: 'article' | 'menu-switch' | 'menu-restore';
  /** For the menu rows: the coupon-claim entry. */
  menu?: { name: string; page: string };
}

export interface SubscribeMessagePayload extends PayloadCommon {
  type: 'subscribe-message';
  templateId: string;
  page?: string;
  /** Field values, rendered. */
  data: Record<string, string>;
  /** This slice's openids (a chunk of the audience file). */
  openids: string[];
}

export interface LiveFollowersPayload extends PayloadCommon {
  type: 'live-followers';
}

export interface RobotPayload extends PayloadCommon {
  type: 'robot';
  /** Environment variable holding the webhook key (never the key itself). */
  keyEnv: string;
  msgtype: 'markdown' | 'text';
  /** What is posted (markdown or text), ≤ 4096 / 2048 bytes. */
  content: string;
}

/** A product card pushed into the room (goods/push) while it is live. */
export interface ProductCardPayload extends PayloadCommon {
  type: 'product-card';
  kind: 'product-card';
  product: {
    id: string;
    name: string;
    /** The goods id apply recorded (`goods/<id>`); absent until the goods were added. */
    goodsId?: string;
  };
}

export type ReminderPayload =
  | ProductCardPayload
  | WecomGroupsPayload
  | WecomMomentsPayload
  | OfficialAccountPayload
  | SubscribeMessagePayload
  | LiveFollowersPayload
  | RobotPayload;

/** What the schedule needs to know about the room once apply created it. */
export interface RoomState {
  /** The live room's id. */
  roomId?: string;
  /** Per wave id: the share path recorded with its code, and the poster PNG apply rendered. */
  waves?: Readonly<Record<string, { sharePath?: string; posterPath?: string }>>;
  /** Per product id: the goods id apply recorded (`goods/<id>`). */
  goods?: Readonly<Record<string, string>>;
  /** 视频号: the reservation's notice id apply recorded (`reservation`). */
  noticeId?: string;
}

/** Inputs the pure schedule cannot read itself: files, read by the caller. */
export interface ScheduleInputs {
  /** Message texts by reference as written: the shipped templates by name, message files by path. */
  texts: ReadonlyMap<string, string>;
  /** Openids of each subscribe-message audience file, by reference as written. */
  audiences?: ReadonlyMap<string, readonly string[]>;
  /** The campaign file's folder: the room's share image resolves against it. */
  campaignDir?: string;
  /** Openids per subscribe-message slice (default 1,000). */
  chunkSize?: number;
}
