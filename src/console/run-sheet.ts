import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign } from '../campaign/schema.js';
import { parseDuration, resolveMoment } from '../campaign/time.js';
import { consoleEn } from '../i18n/console-en.js';
import { productCardEntries } from '../reminders/product-cards.js';

const SAY = consoleEn.server;

/**
 * The assistant's run sheet for the night of the broadcast, as data: the warm-up, each coupon drop, each product card,
 * each lottery round, the end — in time order, like-threshold lotteries (no time) after the timed
 * rows of the start — and the after-broadcast waves. Pure: `now` and the marks come in.
 *
 * Row ids are the cue ids of src/reminders/cues.ts (`lottery-1`, `coupon-2`, …), so a mark made in
 * the console (`mark/<id>` in the state) names the same moment as the robot cue the staff got.
 */

export type RunSheetKind = 'warm-up' | 'coupon' | 'product-card' | 'lottery' | 'end';
/** What a row can be marked: a lottery round drawn, a coupon drop (or a card) done. */
export type MarkKind = 'drawn' | 'done';

export interface RunSheetRow {
  id: string;
  kind: RunSheetKind;
  /** ISO instant; absent for a like-threshold lottery (it happens when the likes get there). */
  at?: string;
  /** Warm-up: when it ends. */
  until?: string;
  /** Campaign text (room name, coupon title, prize, product name): escape before showing. */
  title: string;
  detail: string;
  /** Like-threshold lotteries: "when likes reach N". */
  likes?: number;
  /** The product a card row pushes (campaign product id). */
  product?: string;
  /** Which mark this row takes, if any. */
  markAs?: MarkKind;
  mark?: { mark: MarkKind; at: string };
}

export interface AfterRow {
  id: string;
  at?: string;
  channels: string[];
  /** True once `at` is past. */
  past: boolean;
}

export interface Mark {
  cue: string;
  mark: MarkKind;
  at: string;
}

export function buildRunSheet(
  c: Campaign,
  times: CampaignTimes,
  marks: readonly Mark[] = [],
): { rows: RunSheetRow[]; after: AfterRow[] } {
  const start = times.start;
  const tz = c.metadata.timezone;
  const d = c.during;
  const at = (m: string | number): string | undefined => {
    if (!start) return undefined;
    try {
      return resolveMoment(m, start, tz)?.toISOString();
    } catch {
      return undefined;
    }
  };
  const byCue = new Map(marks.map((m) => [m.cue, m]));
  const rows: RunSheetRow[] = [];
  const add = (r: RunSheetRow) => {
    const m = byCue.get(r.id);
    rows.push(m && r.markAs ? { ...r, mark: { mark: m.mark, at: m.at } } : r);
  };

  const warm = d?.warmUp !== undefined ? parseDuration(d.warmUp) : undefined;
  // The product-list coupons (claimed in the room's goods list), as the warm-up cue mentions them.
  const list = c.coupons.filter((k) => k.kind === 'product-list').map((k) => `商品列表券：${k.title}`);
  if (start) {
    const together = list.join('; ');
    const detail = warm
      ? list.length
        ? SAY.warmUpWithList({ warmUp: d!.warmUp!, list: together })
        : SAY.warmUp({ warmUp: d!.warmUp! })
      : list.length
        ? SAY.startsWithList({ list: together })
        : SAY.starts;
    add({
      id: 'start',
      kind: 'warm-up',
      at: start.toISOString(),
      ...(warm ? { until: new Date(start.getTime() + warm).toISOString() } : {}),
      title: c.room.name,
      detail,
    });
  }
  (d?.couponDrops ?? []).forEach((drop, i) => {
    const k = c.coupons.find((x) => x.id === drop.coupon);
    add({
      id: `coupon-${i + 1}`,
      kind: 'coupon',
      ...optional('at', at(drop.at)),
      title: k?.title ?? drop.coupon,
      detail: k
        ? SAY.couponDrop({ title: k.title, quantity: String(k.quantity) })
        : SAY.couponDropId({ coupon: drop.coupon }),
      markAs: 'done',
    });
  });
  for (const card of productCardEntries(c, times)) {
    add({
      id: card.id,
      kind: 'product-card',
      at: card.at.toISOString(),
      title: card.product.name,
      detail: SAY.productCard({ name: card.product.name }),
      product: card.product.id,
      markAs: 'done',
    });
  }
  (d?.lotteries ?? []).forEach((l, i) => {
    const prize = `${l.prize}${l.quantity ? ` ×${l.quantity}` : ''}`;
    const base = { id: `lottery-${i + 1}`, kind: 'lottery' as const, title: prize, markAs: 'drawn' as const };
    if ('likes' in l.trigger) {
      add({
        ...base,
        likes: l.trigger.likes,
        detail: SAY.lotteryLikes({ n: String(i + 1), likes: String(l.trigger.likes) }),
      });
    } else {
      add({ ...base, ...optional('at', at(l.trigger.at)), detail: SAY.lotteryAt({ n: String(i + 1) }) });
    }
  });
  if (times.end) {
    add({
      id: 'end',
      kind: 'end',
      at: times.end.toISOString(),
      title: c.room.name,
      detail: SAY.ends,
    });
  }
  // Timed rows in time order; rows without a time (like thresholds) right after the start.
  const key = (r: RunSheetRow) => (r.at ?? start?.toISOString() ?? '') + (r.at ? '1' : '2');
  rows.sort((a, b) => key(a).localeCompare(key(b)));

  const after = c.after.map((w) => {
    const t = times.after.get(w.id);
    return { id: w.id, ...optional('at', t?.toISOString()), channels: w.channels, past: false };
  });
  return { rows, after };
}

function optional<K extends string>(k: K, v: string | undefined): { [P in K]?: string } {
  return (v === undefined ? {} : { [k]: v }) as { [P in K]?: string };
}

/** The live status in words (getliveinfo's live_status). */
export const LIVE_STATUS_WORDS: Readonly<Record<number, string>> = SAY.live;
