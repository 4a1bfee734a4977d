import { isChannels } from '../campaign/platform.js';
import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign } from '../campaign/schema.js';
import { consoleEn } from '../i18n/console-en.js';
import type { Clock } from '../platform/deps.js';
import type { StateStore } from '../state/port.js';
import type { ResourceRecord } from '../state/types.js';
import { WeChatApiError } from '../wechat/errors.js';
import type { ChannelsClients, Clients } from '../wechat/index.js';
import { type ConsoleChannels, channelsConsole, channelsLiveText, NO_CARD_API } from './channels-view.js';
import {
  type AfterRow,
  buildRunSheet,
  LIVE_STATUS_WORDS,
  type Mark,
  type MarkKind,
  type RunSheetRow,
} from './run-sheet.js';

/** What the server says, in English (the page translates it). */
const SAY = consoleEn.server;

/**
 * What the console does, without HTTP: read the run sheet with the live status, and act through the
 * same clients and store as the dispatcher (push a card, shelf on/off, mark a round drawn or a drop
 * done — recorded as a `mark/<cue>` resource and posted to the campaign's staff robots).
 */

export interface ConsoleContext {
  campaign: Campaign;
  times: CampaignTimes;
  store: StateStore;
  clients: Pick<Clients, 'miniProgram' | 'robot'> & { readonly channels?: ChannelsClients };
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  /** Masks secrets and tokens in error text shown on the page. */
  redact(text: string): string;
  /** How long a getliveinfo answer is reused (the page polls every second). Default 5 s. */
  liveInfoTtlMs?: number;
  /** Wall-clock milliseconds for that cache (not the campaign clock, which `--now` may freeze). */
  elapsedMs?: () => number;
}

export interface ConsoleGoods {
  product: string;
  name: string;
  goodsId?: string;
  inRoom: boolean;
  /** What the console last set (the platform's listing does not say). */
  onSale?: boolean;
}

export interface ConsoleView {
  now: string;
  timezone: string;
  campaign: string;
  room: {
    name: string;
    roomId?: string;
    liveStatus?: number;
    /** The live status in words, or why it is unknown. */
    liveStatusText: string;
    start?: string;
    end?: string;
  };
  rows: RunSheetRow[];
  goods: ConsoleGoods[];
  after: AfterRow[];
  /** After the end: whether the replay is ready (getliveinfo action get_replay). */
  replay?: { ready: boolean; url?: string; error?: string };
  /** `platform: channels`: the reservation, live or not, the dashboard, the store products and coupons. */
  channels?: ConsoleChannels;
}

export type ConsoleAction =
  | { type: 'push'; product: string }
  | { type: 'onsale'; product: string; onSale: boolean }
  | { type: 'mark'; cue: string };

export interface ActionResult {
  ok: boolean;
  message: string;
  errcode?: number;
}

interface Cached<T> {
  value: T;
  atMs: number;
}

export class ConsoleService {
  private live?: Cached<{ status?: number; error?: string }>;
  private ch?: Cached<ConsoleChannels>;
  private replay?: Cached<NonNullable<ConsoleView['replay']>>;
  private readonly onSale = new Map<string, boolean>();
  private readonly ttl: number;
  private readonly elapsed: () => number;

  constructor(private readonly ctx: ConsoleContext) {
    this.ttl = ctx.liveInfoTtlMs ?? 5000;
    this.elapsed = ctx.elapsedMs ?? (() => performance.now());
  }

  private get name(): string {
    return this.ctx.campaign.metadata.name;
  }

  private async resources(): Promise<ReadonlyMap<string, ResourceRecord>> {
    return (await this.ctx.store.snapshot(this.name)).resources;
  }

  async view(): Promise<ConsoleView> {
    const c = this.ctx.campaign;
    const now = this.ctx.clock.now();
    const res = await this.resources();
    const marks: Mark[] = [];
    for (const r of res.values()) {
      if (r.kind !== 'mark') continue;
      const a = r.attributes as { cue?: string; mark?: MarkKind; at?: string };
      if (a.cue && a.mark && a.at) marks.push({ cue: a.cue, mark: a.mark, at: a.at });
    }
    const sheet = buildRunSheet(c, this.ctx.times, marks);
    if (isChannels(c)) return this.channelsView(now, sheet, await this.ctx.store.snapshot(this.name));
    const roomId = res.get('room')?.remoteId;
    const live = roomId ? await this.liveStatus(Number(roomId)) : undefined;
    const ended = this.ctx.times.end !== undefined && now >= this.ctx.times.end;
    const goods = c.products.map((p) => {
      const g = res.get(`goods/${p.id}`)?.remoteId;
      const on = this.onSale.get(p.id);
      return {
        product: p.id,
        name: p.name,
        ...(g ? { goodsId: g } : {}),
        inRoom: Boolean(res.get(`room-goods/${p.id}`)?.remoteId),
        ...(on !== undefined ? { onSale: on } : {}),
      };
    });
    const view: ConsoleView = {
      now: now.toISOString(),
      timezone: c.metadata.timezone,
      campaign: this.name,
      room: {
        name: c.room.name,
        ...(roomId ? { roomId } : {}),
        ...(live?.status !== undefined ? { liveStatus: live.status } : {}),
        liveStatusText: !roomId
          ? SAY.noRoom
          : live?.error
            ? SAY.unknown({ error: live.error })
            : live?.status !== undefined
              ? (LIVE_STATUS_WORDS[live.status] ?? SAY.liveStatus({ status: String(live.status) }))
              : SAY.notListed,
        ...(this.ctx.times.start ? { start: this.ctx.times.start.toISOString() } : {}),
        ...(this.ctx.times.end ? { end: this.ctx.times.end.toISOString() } : {}),
      },
      rows: sheet.rows,
      goods,
      after: sheet.after.map((w) => ({ ...w, past: w.at !== undefined && w.at <= now.toISOString() })),
    };
    if (ended && roomId) view.replay = await this.replayState(Number(roomId));
    return view;
  }

  private async channelsView(
    now: Date,
    sheet: ReturnType<typeof buildRunSheet>,
    snapshot: Awaited<ReturnType<StateStore['snapshot']>>,
  ): Promise<ConsoleView> {
    const c = this.ctx.campaign;
    const t = this.elapsed();
    let ch = this.ch && t - this.ch.atMs < this.ttl ? this.ch.value : undefined;
    if (!ch) {
      ch = await channelsConsole(c, this.ctx.times, snapshot, this.ctx.clients.channels, now, (e) =>
        this.describe(e),
      );
      this.ch = { value: ch, atMs: t };
    }
    const noticeId = ch.reservation?.noticeId;
    return {
      now: now.toISOString(),
      timezone: c.metadata.timezone,
      campaign: this.name,
      room: {
        name: c.room.name,
        ...(noticeId ? { roomId: SAY.notice({ id: noticeId }) } : {}),
        ...(ch.live ? { liveStatus: 101 } : {}),
        liveStatusText: channelsLiveText(ch),
        ...(this.ctx.times.start ? { start: this.ctx.times.start.toISOString() } : {}),
        ...(this.ctx.times.end ? { end: this.ctx.times.end.toISOString() } : {}),
      },
      rows: sheet.rows,
      goods: ch.products.map((p) => ({
        product: p.product,
        name: p.name ?? p.product,
        ...(p.storeProductId ? { goodsId: p.storeProductId } : {}),
        inRoom: p.inShowcase,
      })),
      after: sheet.after.map((w) => ({ ...w, past: w.at !== undefined && w.at <= now.toISOString() })),
      channels: ch,
    };
  }

  private async liveStatus(roomId: number): Promise<{ status?: number; error?: string }> {
    const t = this.elapsed();
    if (this.live && t - this.live.atMs < this.ttl) return this.live.value;
    let value: { status?: number; error?: string };
    try {
      const rooms = await this.ctx.clients.miniProgram.rooms.listAll();
      const info = rooms.find((r) => r.roomid === roomId);
      value = info ? { status: Number(info.liveStatus) } : {};
    } catch (err) {
      value = { error: this.describe(err) };
    }
    this.live = { value, atMs: t };
    return value;
  }

  private async replayState(roomId: number): Promise<NonNullable<ConsoleView['replay']>> {
    const t = this.elapsed();
    if (this.replay && t - this.replay.atMs < this.ttl) return this.replay.value;
    let value: NonNullable<ConsoleView['replay']>;
    try {
      const page = await this.ctx.clients.miniProgram.rooms.replays(roomId);
      const first = page.replays[0];
      value = first ? { ready: true, url: first.mediaUrl } : { ready: false };
    } catch (err) {
      value = { ready: false, error: this.describe(err) };
    }
    this.replay = { value, atMs: t };
    return value;
  }

  private describe(err: unknown): string {
    if (err instanceof WeChatApiError) {
      return this.ctx.redact(`${err.errcode ?? ''} ${err.errmsg}${err.hint ? ` — ${err.hint}` : ''}`.trim());
    }
    return this.ctx.redact(err instanceof Error ? err.message : String(err));
  }

  async act(action: ConsoleAction): Promise<ActionResult> {
    try {
      if (action.type === 'mark') return await this.mark(action.cue);
      if (isChannels(this.ctx.campaign)) return { ok: false, message: NO_CARD_API };
      const res = await this.resources();
      const roomId = res.get('room')?.remoteId;
      if (!roomId) return { ok: false, message: SAY.noRoom };
      const p = this.ctx.campaign.products.find((x) => x.id === action.product);
      if (!p) return { ok: false, message: SAY.noProduct({ product: action.product }) };
      const goodsId = res.get(`goods/${p.id}`)?.remoteId;
      if (!goodsId) return { ok: false, message: SAY.notInLibrary({ name: p.name }) };
      const mp = this.ctx.clients.miniProgram;
      if (action.type === 'push') {
        await mp.goods.push(Number(roomId), goodsId);
        return { ok: true, message: SAY.pushed({ name: p.name }) };
      }
      await mp.goods.onSale(Number(roomId), goodsId, action.onSale ? 1 : 0);
      this.onSale.set(p.id, action.onSale);
      return { ok: true, message: (action.onSale ? SAY.isOnSale : SAY.isOffSale)({ name: p.name }) };
    } catch (err) {
      return {
        ok: false,
        message: this.describe(err),
        ...(err instanceof WeChatApiError && err.errcode !== null ? { errcode: err.errcode } : {}),
      };
    }
  }

  private async mark(cue: string): Promise<ActionResult> {
    const row = buildRunSheet(this.ctx.campaign, this.ctx.times).rows.find((r) => r.id === cue);
    if (!row?.markAs) return { ok: false, message: SAY.noCue({ cue }) };
    const at = this.ctx.clock.now().toISOString();
    const address = `mark/${cue}`;
    const old = (await this.resources()).get(address);
    await this.ctx.store.putResource(this.name, {
      address,
      kind: 'mark',
      attributes: { cue, mark: row.markAs, title: row.title, at },
      createdAt: old?.createdAt ?? at,
      updatedAt: at,
    });
    const n = /^lottery-(\d+)$/.exec(cue)?.[1];
    const text =
      row.kind === 'lottery'
        ? `✅ 第${n}轮抽奖已开奖：${row.title}`
        : row.kind === 'coupon'
          ? `✅ 已发券：${row.title}`
          : `✅ 已推送商品卡片：${row.title}`;
    const robots = await this.postToRobots(`${text}\n> ${this.ctx.campaign.room.name}`);
    return { ok: true, message: `${SAY.marked({ cue, mark: SAY[row.markAs] })}${robots}` };
  }

  /** Every robot channel of the campaign gets the mark; a missing key is said, not fatal. */
  private async postToRobots(content: string): Promise<string> {
    const notes: string[] = [];
    for (const [name, ch] of Object.entries(this.ctx.campaign.channels)) {
      if (ch.type !== 'robot') continue;
      const key = this.ctx.env[ch.keyEnv];
      if (!key) {
        notes.push(SAY.robotNotTold({ name, env: ch.keyEnv }));
        continue;
      }
      try {
        await this.ctx.clients.robot(key).sendMarkdown(content);
        notes.push(SAY.robotPosted({ name }));
      } catch (err) {
        notes.push(SAY.robotFailed({ name, error: this.describe(err) }));
      }
    }
    return notes.length ? `; ${notes.join('; ')}` : '';
  }
}
