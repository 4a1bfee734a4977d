import { error, type Finding } from '../../../diagnostics/diagnostic.js';
import type { Campaign } from '../../schema.js';
import { formatLocal, localDate } from '../../time.js';
import type { CampaignTimes, CrossFileRule } from '../context.js';

/**
 * Limits per mini program across all campaign files validated together (playbook, from the 2020
 * official FAQ; reference §5.3, §12.6): at most 50 broadcasts a day, 50 live at once, and 2,000
 * goods in the library. Files are grouped by accounts.miniProgram.appId. The file that pushes a
 * count over the limit gets the error (rooms in start order, goods in the order files were given);
 * a room refused this way does not count against later ones.
 *
 * Goods belong to a campaign: apply registers one goods item per product of each campaign (state
 * addresses are per campaign), so two campaigns listing the same product id make two goods in the
 * library. They are counted per (campaign name, product id): only files of one campaign share goods.
 */
export const MAX_ROOMS_PER_DAY = 50;
export const MAX_ROOMS_AT_ONCE = 50;
export const MAX_GOODS = 2000;
/** WeChat's day is Beijing time, whatever zone a campaign is written in. */
export const PLATFORM_ZONE = 'Asia/Shanghai';

type Entry = { campaign: Campaign; times: CampaignTimes };

/** An entry with its index among the files given (findings are keyed by it). */
type Indexed = { i: number; entry: Entry };

function byApp(entries: readonly Entry[]): Map<string, Indexed[]> {
  const groups = new Map<string, Indexed[]>();
  entries.forEach((entry, i) => {
    const app = entry.campaign.accounts.miniProgram?.appId;
    if (app === undefined) return;
    groups.set(app, [...(groups.get(app) ?? []), { i, entry }]);
  });
  return groups;
}

function add(out: Map<number, Finding[]>, i: number, f: Finding) {
  out.set(i, [...(out.get(i) ?? []), f]);
}

/** The rooms with a resolved start, in start order (ties by input order). */
function byStart(group: readonly Indexed[]): { i: number; start: Date; end?: Date }[] {
  return group
    .flatMap(({ i, entry: { times } }) => (times.start ? [{ i, start: times.start, end: times.end }] : []))
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.i - b.i);
}

export const roomsPerDay: CrossFileRule = {
  id: 'rooms-per-day',
  platforms: ['mini-program'],
  codes: ['E_ROOMS_PER_DAY'],
  description: 'At most 50 broadcasts start on one day per mini program (Beijing time).',
  check(entries) {
    const out = new Map<number, Finding[]>();
    for (const [app, group] of byApp(entries)) {
      const perDay = new Map<string, number>();
      for (const { i, start } of byStart(group)) {
        const day = localDate(start, PLATFORM_ZONE);
        const n = perDay.get(day) ?? 0;
        if (n >= MAX_ROOMS_PER_DAY) {
          add(
            out,
            i,
            error(
              'E_ROOMS_PER_DAY',
              ['room', 'start'],
              `mini program ${app} already has ${n} broadcasts starting on ${day} in the files given; WeChat allows ${MAX_ROOMS_PER_DAY} a day`,
              'Move this broadcast to another day.',
            ),
          );
        } else perDay.set(day, n + 1);
      }
    }
    return out;
  },
};

export const roomsAtOnce: CrossFileRule = {
  id: 'rooms-at-once',
  platforms: ['mini-program'],
  codes: ['E_ROOMS_OVERLAP'],
  description: 'At most 50 broadcasts of one mini program are live at the same time.',
  check(entries) {
    const out = new Map<number, Finding[]>();
    for (const [app, group] of byApp(entries)) {
      /** The ends of the broadcasts counted as live so far. */
      let live: Date[] = [];
      for (const { i, start, end } of byStart(group)) {
        if (!end) continue;
        live = live.filter((liveEnd) => liveEnd.getTime() > start.getTime());
        if (live.length >= MAX_ROOMS_AT_ONCE) {
          add(
            out,
            i,
            error(
              'E_ROOMS_OVERLAP',
              ['room', 'start'],
              `${live.length} other broadcasts of mini program ${app} are live at ${formatLocal(start, PLATFORM_ZONE)} (Beijing time); WeChat allows ${MAX_ROOMS_AT_ONCE} at once`,
              'Move this broadcast so that it does not overlap the others.',
            ),
          );
        } else live.push(end);
      }
    }
    return out;
  },
};

export const goodsLibrary: CrossFileRule = {
  id: 'goods-library',
  platforms: ['mini-program'],
  codes: ['E_GOODS_LIMIT'],
  description:
    'The goods of all campaigns of one mini program fit its 2,000-goods library (each campaign registers its own goods, even for the same product id).',
  check(entries) {
    const out = new Map<number, Finding[]>();
    for (const [app, group] of byApp(entries)) {
      // JSON of [campaign, product id]: unambiguous whatever characters the names hold.
      const goods = new Set<string>();
      for (const { i, entry } of group) {
        const { campaign } = entry;
        const before = goods.size;
        for (const p of campaign.products) goods.add(JSON.stringify([campaign.metadata.name, p.id]));
        if (goods.size > MAX_GOODS && goods.size > before) {
          add(
            out,
            i,
            error(
              'E_GOODS_LIMIT',
              ['products'],
              `with this file, mini program ${app} would have ${goods.size} goods in the files given (each campaign registers its own); its library holds ${MAX_GOODS}`,
              'Each campaign adds its own goods to the library, even for product ids another campaign uses: list fewer products, or run `livectl destroy` on finished campaigns of this mini program to delete their goods.',
            ),
          );
        }
      }
    }
    return out;
  },
};
