import type { Address } from '../state/types.js';

/**
 * The plan is data (style.md §7): computed by the pure planner, printed by views, saved with `--out`
 * and executed by apply. Invariant comments on every field; `formatVersion` changes when a field
 * changes meaning.
 */
export const PLAN_FORMAT_VERSION = 1;

/**
 * create/update/delete: a remote change apply will make. noop: already as desired.
 * wait: blocked on the platform (goods in audit; submissions beyond today's quota).
 * human: needs a person (anchor real-name scan, confirming a WeCom task, coupons in the merchant's back office).
 */
export type Action = 'create' | 'update' | 'delete' | 'noop' | 'wait' | 'human';

export interface Change {
  /**
   * `room`, `goods/<id>`, `room-goods/<id>`, `media/<sha256>`, `code/<wave>`, `poster/<wave>`, `reminder/<wave>/<channel>`, `menu`;
   * on channels `reservation`, `store-image/<sha256>`, `store-product/<id>`, `showcase/<id>`, `store-coupon/<id>`.
   */
  address: Address;
  action: Action;
  /** Why, in plain words ("not created yet", "price changed 129 → 119", "in audit for 3 working days"). */
  reason: string;
  /** The relevant fields as recorded in state (update/delete/noop). */
  before?: Record<string, unknown>;
  /** The relevant fields as the campaign wants them (create/update). */
  after?: Record<string, unknown>;
  /** Addresses that must be done before this one (apply walks in dependency order). */
  dependsOn?: Address[];
  /** ISO instant before which the change cannot run (e.g. goods submissions spread over days by quota). */
  notBefore?: string;
  /**
   * Set on both halves of a replacement: a `delete` then a `create` of the same address, in that
   * order (approved goods whose name, page or image changed must be added again and re-audited).
   * The only case where an address appears twice in `changes`.
   */
  replace?: true;
}

export type TimelineKind =
  | 'goods-deadline'
  | 'wave'
  | 'broadcast-start'
  | 'warm-up-end'
  | 'coupon-drop'
  | 'lottery'
  | 'group-buy'
  | 'product-card'
  | 'broadcast-end'
  | 'after';

/** One line of the marketer's run sheet, in the campaign's time zone. */
export interface TimelineEntry {
  /** ISO instant (UTC). */
  at: string;
  /** `2027-03-08 20:00` in the campaign's zone. */
  local: string;
  kind: TimelineKind;
  /** Wave id, coupon id, lottery index… */
  id?: string;
  /** What happens, in the campaign's language. */
  label: string;
  channels?: string[];
  /** Lottery rounds by like threshold have no time: `at` is the broadcast start and this says so. */
  trigger?: string;
}

/** Work for a person, with who and by when. */
export interface Task {
  kind:
    | 'anchor-real-name'
    | 'confirm-wecom-task'
    | 'coupon-setup'
    | 'goods-audit'
    /** 视频号: create (or re-create) the live reservation; no API does. */
    | 'channels-reservation'
    /** 视频号: bind the 小店, open the 视频号助手 switches. */
    | 'channels-setup'
    /** 视频号: what the live console does by hand (push coupons, 福袋, explain products). */
    | 'live-console'
    | 'other';
  /** Who does it: "anchor xiaomei_01", "WeCom member zhangsan", "merchant back office". */
  who: string;
  what: string;
  /** ISO instant it must be done by, when there is one. */
  due?: string;
  address?: Address;
}

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  noop: number;
  wait: number;
  human: number;
}

export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  campaign: {
    name: string;
    /** Path of the campaign file as given. */
    file: string;
    /** sha256 of the campaign file's bytes: apply refuses a saved plan when it changed. */
    hash: string;
    /**
     * sha256 of every image the campaign sends, by reference as written (`assets/cover.jpg`): the
     * plan's `media/<sha256>` changes name these bytes, so apply refuses a saved plan when one changed.
     */
    images: Record<string, string>;
    timezone: string;
  };
  /** The state serial the plan was made against: apply refuses a saved plan when it moved. */
  stateSerial: number;
  /** The campaign's lineage in the store, when it has one. */
  lineage?: string;
  /** The `now` the plan was made for (ISO). */
  createdAt: string;
  changes: Change[];
  timeline: TimelineEntry[];
  tasks: Task[];
  summary: PlanSummary;
  /**
   * Set when room.start is outside WeChat's window at `createdAt` (past, less than 10 minutes or more
   * than 6 months ahead) and the room is not created with this start yet: the plan is a preview and
   * apply refuses the campaign with `code` (src/plan/date-findings.ts). Absent otherwise.
   */
  dateNotice?: { code: 'E_START_PAST' | 'E_START_TOO_SOON' | 'E_START_TOO_FAR'; message: string };
}

/** What the pure planner is given: everything read beforehand (files hashed, state loaded, clock read). */
export interface PlanInput {
  campaign: import('../campaign/schema.js').Campaign;
  /** The campaign file as given on the command line. */
  file: string;
  /** sha256 of the campaign file's bytes. */
  campaignHash: string;
  /** Referenced images by reference as written (room.images.*, products[].image). */
  assets: ReadonlyMap<string, import('./desired.js').AssetDigest>;
  state: import('../state/types.js').StateSnapshot;
  now: Date;
}
