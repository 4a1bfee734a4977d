import { randomBytes } from 'node:crypto';
import { type ChannelsSetup, tickChannels } from './channels-state.js';
import type { EmulatorClock } from './clock.js';
import { fail } from './errors.js';
import { type EmulatorState, emptyState, type MediaRecord, type TaskRecord } from './state.js';

/** How WeCom members "confirm" group-send and Moments tasks in the emulator. */
export type ConfirmPolicy = 'immediate' | 'manual' | { delayMs: number };

export interface CoreOptions {
  apps?: Record<string, string>;
  audit: 'auto' | 'manual';
  auditDelayMs: number;
  /** Goods whose name matches are rejected by the audit. */
  auditRejectPattern: RegExp;
  strictDuration: boolean;
  confirm: ConfirmPolicy;
  /** When set, only these robot keys are valid; otherwise any key not revoked is. */
  robotKeys?: string[];
  /** Per-recipient WeCom group-send cap per month; undefined = days in the month (the current doc). */
  wecomMonthlyCap?: number;
  /** Pages of the released mini program (check_path); undefined = every page is released. */
  releasedPages?: string[];
  /** 视频号 + 微信小店 accounts, audit timing and quota, categories. */
  channels?: ChannelsSetup;
}

export const DAY_MS = 86_400_000;
export const MEDIA_TTL_MS = 3 * DAY_MS;
export const TOKEN_TTL_S = 7200;

/**
 * The emulator's model and the rules that move it in time. Route files read and change `state` through
 * this object; `tick()` runs the time-driven transitions (audit, task confirmation) lazily before every
 * request and every state view, so nothing depends on timers.
 */
export class EmulatorCore {
  state: EmulatorState = emptyState();

  constructor(
    readonly clock: EmulatorClock,
    readonly opts: CoreOptions,
  ) {}

  reset(): void {
    this.state = emptyState();
  }

  nextId(): number {
    return this.state.nextId++;
  }

  randomToken(bytes = 48): string {
    return randomBytes(bytes).toString('base64url');
  }

  /** Counts one call against a quota window; throws `errcode` once the limit is passed. */
  useQuota(
    appid: string,
    api: string,
    limit: number,
    errcode = 45009,
    text = 'reach max api daily quota limit',
    n = 1,
  ): void {
    const key = `${appid}|${api}|${this.clock.dayKey()}`;
    const used = this.state.quotas[key] ?? 0;
    if (used + n > limit) fail(errcode, text);
    this.state.quotas[key] = used + n;
  }

  /** A media id that exists, belongs to this realm and has not expired; otherwise `errcode`. */
  requireMedia(
    mediaId: unknown,
    realm: 'mp' | 'wecom',
    errcode: number,
    text: string,
    kinds: MediaRecord['kind'][] = ['temp', 'permanent', 'attachment'],
  ): MediaRecord {
    const m = typeof mediaId === 'string' ? this.state.media.find((x) => x.mediaId === mediaId) : undefined;
    if (!m || m.realm !== realm || !kinds.includes(m.kind)) fail(errcode, text);
    if (m.expiresAt !== undefined && m.expiresAt <= this.clock.nowMs()) fail(errcode, `${text} (expired)`);
    return m;
  }

  isVerified(wechat: string): boolean {
    return this.state.verifiedWechat.includes(wechat);
  }

  /** Time-driven transitions. Idempotent; cheap enough to run on every request. */
  tick(): void {
    const now = this.clock.nowMs();
    if (this.opts.audit === 'auto') {
      for (const g of this.state.goods) {
        if (g.auditStatus === 1 && !g.deleted && g.auditSubmittedAt! + this.opts.auditDelayMs <= now) {
          this.decideAudit(g.goodsId);
        }
      }
    }
    if (this.opts.confirm !== 'manual') {
      const delay = this.opts.confirm === 'immediate' ? 0 : this.opts.confirm.delayMs;
      for (const t of this.state.tasks) {
        if (t.confirmedAt === undefined && t.cancelledAt === undefined && t.created + delay <= now) {
          this.confirmTask(t, Math.max(t.created + delay, t.created));
        }
      }
    }
    tickChannels(this);
  }

  /** Auto audit outcome: approved unless the name matches the reject rule. */
  decideAudit(goodsId: number): void {
    const g = this.state.goods.find((x) => x.goodsId === goodsId);
    if (!g) return;
    if (this.opts.auditRejectPattern.test(g.name)) {
      g.auditStatus = 3;
      g.rejectReason = 'name matches the emulator reject rule';
    } else {
      g.auditStatus = 2;
    }
  }

  /**
   * A member confirmed the task: every recipient is sent, except those over the per-recipient monthly
   * cap (status 3). Moments have no recipients list; their senders publish.
   */
  confirmTask(t: TaskRecord, at: number): void {
    t.confirmedAt = at;
    const cap = this.opts.wecomMonthlyCap ?? this.clock.daysInMonth(at);
    for (const r of t.results) {
      if (r.status !== 0) continue;
      if (t.kind === 'groupmsg') {
        const key = `${t.appid}|wecom-recipient:${r.recipient}|${this.clock.monthKey(at)}`;
        const used = this.state.quotas[key] ?? 0;
        if (used >= cap) {
          r.status = 3;
          continue;
        }
        this.state.quotas[key] = used + 1;
      }
      r.status = 1;
      r.sendTime = Math.floor(at / 1000);
    }
  }

  /** The status the platform reports for a room at the emulator's current time. */
  liveStatus(room: { startTime: number; endTime: number; statusOverride?: number }): number {
    if (room.statusOverride !== undefined) return room.statusOverride;
    const now = this.clock.nowSec();
    if (now < room.startTime) return 102;
    if (now < room.endTime) return 101;
    return 103;
  }
}
