import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign, Message } from '../campaign/schema.js';
import { formatDuration, formatLocal, parseDuration, resolveMoment, toZoned } from '../campaign/time.js';
import type { Lang } from '../i18n/lang.js';
import { sheetText } from './contact-sheet.js';

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

function localAt(at: Date | undefined, tz: string, unresolved: string): string {
  if (!at) return unresolved;
  try {
    return `${formatLocal(at, tz)} ${WEEKDAY[toZoned(at, tz).weekday]}`;
  } catch {
    return at.toISOString();
  }
}

function messageName(m: Message | undefined, inline: string): string | undefined {
  if (m === undefined) return undefined;
  return typeof m === 'string' ? m : (m.title ?? inline);
}

/** `2h30m` with the language's units (`2小时30分钟`); the English units leave it as written. */
function durationIn(text: string, units: Readonly<Record<'d' | 'h' | 'm' | 's', string>>): string {
  return text.replace(/(\d+)([dhms])/g, (_m, n: string, u: 'd' | 'h' | 'm' | 's') => `${n}${units[u]}`);
}

/** The timeline in a language (default English): the entries' words, never their times or keys. */
export function campaignTimeline(c: Campaign, times: CampaignTimes, lang?: Lang): TimelineEntry[] {
  const T = sheetText(lang).timeline;
  const list = (xs: readonly string[]) => xs.join(T.listSep);
  const local = (at: Date | undefined, tz: string) => localAt(at, tz, T.unresolved);
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
    const details = [T.channels({ list: list(w.channels) })];
    const msg = messageName(w.message, T.inlineText);
    if (msg) details.push(T.message({ name: msg }));
    if (w.coupons?.length) details.push(T.coupons({ list: list(w.coupons.map(couponTitle)) }));
    out.push({
      section: sectionOf(at),
      kind: 'wave',
      at,
      when: local(at, tz),
      written: String(w.at),
      title: T.wave({ id: w.id }),
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
      title: T.starts({ name: c.room.name }),
      details: [
        `${T.anchor({ name: c.room.anchor.name })}${c.during?.hosts?.length ? T.hosts({ names: list(c.during.hosts.map((h) => h.name)) }) : ''}`,
        ...(duration ? [T.length({ duration: durationIn(duration, T.units), type: c.room.type })] : []),
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
        title: T.warmUp({ duration: durationIn(d.warmUp, T.units) }),
        details: [
          T.warmUpWhat,
          ...(ms !== undefined ? [T.until({ at: local(new Date(start.getTime() + ms), tz) })] : []),
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
        title: T.couponDrop({ title: couponTitle(drop.coupon) }),
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
        title: T.groupBuy({ name: p?.name ?? g.product }),
        details: p?.groupBuy ? [T.groupBuyWhat({ size: p.groupBuy.size, price: p.groupBuy.price })] : [],
      });
    }
    for (const lot of d?.lotteries ?? []) {
      const prize = `${lot.prize}${lot.quantity ? ` ×${lot.quantity}` : ''}`;
      if ('likes' in lot.trigger) {
        out.push({
          section: 'broadcast',
          kind: 'cue',
          when: T.atLikes({ likes: lot.trigger.likes }),
          title: T.lottery({ prize }),
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
          title: T.lottery({ prize }),
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
        title: T.ends,
        details: c.room.features.replay ? [T.replayStays] : [],
      });
    }
  }
  for (const w of c.after) {
    const t = times.after.get(w.id);
    const msg = messageName(w.message, T.inlineText);
    out.push({
      section: 'after',
      kind: 'after',
      at: t,
      when: local(t, tz),
      written: String(w.at),
      title: T.after({ id: w.id }),
      details: [T.channels({ list: list(w.channels) }), ...(msg ? [T.message({ name: msg })] : [])],
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
