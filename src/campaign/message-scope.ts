import type { CampaignTimes } from './rules/context.js';
import type { AfterWave, Campaign, Wave } from './schema.js';
import { formatDuration, isValidTimeZone, toZoned } from './time.js';

const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const pad = (n: number) => String(n).padStart(2, '0');

/** `3月8日（周一）20:00–22:00` in the campaign's zone: how Chinese posters and messages say when. */
export function formatWhenZh(start: Date, end: Date | undefined, tz: string): string {
  const s = toZoned(start, tz);
  const head = `${s.month}月${s.day}日（${WEEKDAY_ZH[s.weekday]}）${pad(s.hour)}:${pad(s.minute)}`;
  if (!end) return head;
  const e = toZoned(end, tz);
  const sameDay = e.year === s.year && e.month === s.month && e.day === s.day;
  return `${head}–${sameDay ? '' : `${e.month}月${e.day}日 `}${pad(e.hour)}:${pad(e.minute)}`;
}

/**
 * The values placeholders can use in a wave's message or poster: room.{name, when, date, time, duration},
 * anchor.name, coupon (the wave's first coupon), coupons, product[i] / products, wave.{id}, campaign.name.
 */
export function messageScope(
  c: Campaign,
  times: CampaignTimes,
  wave?: Wave | AfterWave,
): Record<string, unknown> {
  const tz = c.metadata.timezone;
  // An unknown zone is reported by its own rule; the scope then has no wall-clock values.
  const start = isValidTimeZone(tz) ? times.start : undefined;
  const z = start ? toZoned(start, tz) : undefined;
  const ids = wave && 'coupons' in wave ? (wave.coupons ?? []) : [];
  const coupons = ids.map((id) => c.coupons.find((k) => k.id === id)).filter((k) => k !== undefined);
  const fallback = coupons.length ? coupons : c.coupons;
  return {
    campaign: { name: c.metadata.name },
    room: {
      name: c.room.name,
      when: start ? formatWhenZh(start, times.end, tz) : c.room.start,
      date: z ? `${z.month}月${z.day}日` : '',
      time: z ? `${pad(z.hour)}:${pad(z.minute)}` : '',
      weekday: z ? WEEKDAY_ZH[z.weekday] : '',
      duration: start && times.end ? formatDuration(times.end.getTime() - start.getTime()) : '',
    },
    anchor: { name: c.room.anchor.name },
    coupon: fallback[0],
    coupons: fallback,
    product: c.products,
    products: c.products,
    wave: wave ? { id: wave.id } : undefined,
  };
}
