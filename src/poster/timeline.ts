import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign, Message } from '../campaign/schema.js';
import { formatDuration, formatLocal, parseDuration, resolveMoment, toZoned } from '../campaign/time.js';

/**
 * The campaign as a run sheet, for the contact sheet: warm-up waves, the broadcast with its cues
 * (warm-up, coupon drops, lottery rounds, group buys), and the after-waves, in the campaign's zone.
 * Pure.
 */
export interface TimelineEntry {
  section: 'before' | 'broadcast' | 'after';
  kind: 'wave' | 'after' | 'start' | 'cue' | 'end';
  at?: Date;
  /** `2027-03-05 10:00 周五` in the campaign's zone, or how it is triggered (`at 30000 likes`). */
  when: string;
  /** How it was written in the campaign (`-3d@10:00`), when that helps. */
  written?: string;
  title: string;
  details: string[];
  /** The poster of this entry (`wave/t-3d`), if it has one. */
  posterKey?: string;
}

const WEEKDAY = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

function local(at: Date | undefined, tz: string): string {
  if (!at) return 'time unresolved';
  try {
    return `${formatLocal(at, tz)} ${WEEKDAY[toZoned(at, tz).weekday]}`;
  } catch {
    return at.toISOString();
  }
}

function messageName(m: Message | undefined): string | undefined {
  if (m === undefined) return undefined;
  return typeof m === 'string' ? m : (m.title ?? 'inline text');
}

export function campaignTimeline(c: Campaign, times: CampaignTimes): TimelineEntry[] {
  const tz = c.metadata.timezone;
  const start = times.start;
  const end = times.end;
  const couponTitle = (id: string) => c.coupons.find((k) => k.id === id)?.title ?? id;
  const out: TimelineEntry[] = [];
  const sectionOf = (at: Date | undefined): TimelineEntry['section'] => {
    if (!at || !start || at.getTime() < start.getTime()) return 'before';
    if (!end || at.getTime() < end.getTime()) return 'broadcast';
    return 'after';
  };

  for (const w of c.waves) {
    const at = times.waves.get(w.id);
    const details = [`channels: ${w.channels.join(', ')}`];
    const msg = messageName(w.message);
    if (msg) details.push(`message: ${msg}`);
    if (w.coupons?.length) details.push(`coupons: ${w.coupons.map(couponTitle).join(', ')}`);
    out.push({
      section: sectionOf(at),
      kind: 'wave',
      at,
      when: local(at, tz),
      written: String(w.at),
      title: `wave ${w.id}`,
      details,
      posterKey: `wave/${w.id}`,
    });
  }
  if (start) {
    const duration = end ? formatDuration(end.getTime() - start.getTime()) : undefined;
    out.push({
      section: 'broadcast',
      kind: 'start',
      at: start,
      when: local(start, tz),
      title: `broadcast starts: ${c.room.name}`,
      details: [
        `anchor ${c.room.anchor.name}${c.during?.hosts?.length ? `; hosts ${c.during.hosts.map((h) => h.name).join(', ')}` : ''}`,
        ...(duration ? [`${duration} (${c.room.type} room)`] : []),
      ],
    });
    const d = c.during;
    if (d?.warmUp) {
      const ms = parseDuration(d.warmUp);
      out.push({
        section: 'broadcast',
        kind: 'cue',
        at: start,
        when: local(start, tz),
        title: `warm-up, ${d.warmUp}`,
        details: [
          'greet, ask for likes and 666, point to the coupons in the product list',
          ...(ms !== undefined ? [`until ${local(new Date(start.getTime() + ms), tz)}`] : []),
        ],
      });
    }
    const at = (m: string | number) => {
      try {
        return resolveMoment(m, start, tz);
      } catch {
        return undefined;
      }
    };
    for (const drop of d?.couponDrops ?? []) {
      const t = at(drop.at);
      out.push({
        section: sectionOf(t),
        kind: 'cue',
        at: t,
        when: local(t, tz),
        written: String(drop.at),
        title: `coupon drop: ${couponTitle(drop.coupon)}`,
        details: [],
      });
    }
    for (const g of d?.groupBuys ?? []) {
      const p = c.products.find((x) => x.id === g.product);
      const t = g.at !== undefined ? at(g.at) : start;
      out.push({
        section: sectionOf(t),
        kind: 'cue',
        at: t,
        when: local(t, tz),
        written: g.at === undefined ? undefined : String(g.at),
        title: `group buy: ${p?.name ?? g.product}`,
        details: p?.groupBuy ? [`${p.groupBuy.size} people, ¥${p.groupBuy.price}`] : [],
      });
    }
    for (const lot of d?.lotteries ?? []) {
      const prize = `${lot.prize}${lot.quantity ? ` ×${lot.quantity}` : ''}`;
      if ('likes' in lot.trigger) {
        out.push({
          section: 'broadcast',
          kind: 'cue',
          when: `at ${lot.trigger.likes} likes`,
          title: `lottery: ${prize}`,
          details: [],
        });
      } else {
        const t = at(lot.trigger.at);
        out.push({
          section: sectionOf(t),
          kind: 'cue',
          at: t,
          when: local(t, tz),
          written: String(lot.trigger.at),
          title: `lottery: ${prize}`,
          details: [],
        });
      }
    }
    if (end) {
      out.push({
        section: 'after',
        kind: 'end',
        at: end,
        when: local(end, tz),
        title: 'broadcast ends',
        details: c.room.features.replay ? ['the replay stays in the room'] : [],
      });
    }
  }
  for (const w of c.after) {
    const t = times.after.get(w.id);
    const msg = messageName(w.message);
    out.push({
      section: 'after',
      kind: 'after',
      at: t,
      when: local(t, tz),
      written: String(w.at),
      title: `after ${w.id}`,
      details: [`channels: ${w.channels.join(', ')}`, ...(msg ? [`message: ${msg}`] : [])],
      posterKey: `after/${w.id}`,
    });
  }
  const rank = { before: 0, broadcast: 1, after: 2 } as const;
  const kindRank = { start: 0, wave: 1, cue: 2, end: 3, after: 4 } as const;
  // Stable: by section, then time (untimed cues such as like-triggered lotteries last), then kind.
  return out
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        rank[a.e.section] - rank[b.e.section] ||
        (a.e.at?.getTime() ?? Number.MAX_SAFE_INTEGER) - (b.e.at?.getTime() ?? Number.MAX_SAFE_INTEGER) ||
        kindRank[a.e.kind] - kindRank[b.e.kind] ||
        a.i - b.i,
    )
    .map((x) => x.e);
}
