import { auditedProducts } from '../campaign/platform.js';
import { latestSafeSubmission, submissionDays } from '../campaign/rules/playbook/audit-deadline.js';
import type { Message } from '../campaign/schema.js';
import { formatLocal, fromZoned, localDate, parseDuration } from '../campaign/time.js';
import { productCardEntries } from '../reminders/product-cards.js';
import { type PlanContext, safeMoment } from './context.js';
import type { TimelineEntry, TimelineKind } from './types.js';

/** Order of entries at the same instant: the start before the wave that announces it, cues after. */
const RANK: Record<TimelineKind, number> = {
  'goods-deadline': 0,
  'broadcast-start': 1,
  wave: 2,
  'warm-up-end': 3,
  'coupon-drop': 4,
  'group-buy': 5,
  'product-card': 6,
  lottery: 7,
  'broadcast-end': 8,
  after: 9,
};

/**
 * The whole campaign in its zone, the marketer's run sheet: the goods-audit deadline, the warm-up
 * waves, the broadcast with its cues (warm-up, coupon drops, product cards, lottery rounds, group buys), and the
 * after-waves. Sorted by time; labels in Chinese, the campaign's language.
 */
export function planTimeline(ctx: PlanContext): TimelineEntry[] {
  const c = ctx.campaign;
  const tz = ctx.tz;
  const { start, end } = ctx.times;
  const out: (TimelineEntry & { seq: number })[] = [];
  const add = (at: Date, kind: TimelineKind, label: string, extra: Partial<TimelineEntry> = {}) =>
    out.push({ at: at.toISOString(), local: formatLocal(at, tz), kind, label, ...extra, seq: out.length });

  const audited = auditedProducts(c).length;
  if (start && audited > 0) {
    const day = latestSafeSubmission(localDate(start, tz), audited);
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const days = submissionDays(audited);
    add(
      fromZoned(y, m, d, 23, 59, 0, tz),
      'goods-deadline',
      `商品最晚提审（${audited}件商品，审核最长7个工作日${days > 1 ? `，每天500件，分${days}天提交` : ''}）`,
    );
  }

  c.waves.forEach((w, i) => {
    const at = ctx.times.waves.get(w.id);
    if (!at) return;
    const when = start && at.getTime() >= start.getTime() ? '开播' : '预热';
    const coupons = (w.coupons ?? []).map((id) => c.coupons.find((k) => k.id === id)?.title ?? id);
    add(at, 'wave', `${when}第${i + 1}波 ${w.id}${details(w.message, w.poster, coupons)}`, {
      id: w.id,
      channels: [...w.channels],
    });
  });

  if (start) {
    add(start, 'broadcast-start', `开播：${c.room.name}（主播 ${c.room.anchor.name}）`);
    const during = c.during;
    const warm = during?.warmUp !== undefined ? parseDuration(during.warmUp) : undefined;
    if (warm)
      add(new Date(start.getTime() + warm), 'warm-up-end', `暖场结束（${minutesZh(warm)}），进入正式讲解`);
    for (const drop of during?.couponDrops ?? []) {
      const at = safeMoment(drop.at, start, tz);
      const k = c.coupons.find((x) => x.id === drop.coupon);
      if (at)
        add(at, 'coupon-drop', `发券：${k ? `${k.title}（${k.quantity}张）` : drop.coupon}`, {
          id: drop.coupon,
        });
    }
    (during?.groupBuys ?? []).forEach((g) => {
      const p = c.products.find((x) => x.id === g.product);
      const at = g.at !== undefined ? safeMoment(g.at, start, tz) : start;
      if (!at) return;
      const offer = p?.groupBuy ? ` ${p.groupBuy.size}人团 ¥${p.groupBuy.price}` : '';
      add(at, 'group-buy', `拼团：${p?.name ?? g.product}${offer}`, {
        id: g.product,
        ...(g.at === undefined ? { trigger: '全场' } : {}),
      });
    });
    for (const card of productCardEntries(c, ctx.times)) {
      add(card.at, 'product-card', `推送商品卡片：${card.product.name}`, { id: card.product.id });
    }
    (during?.lotteries ?? []).forEach((l, i) => {
      const prize = `${l.prize}${l.quantity ? ` ×${l.quantity}` : ''}`;
      if ('likes' in l.trigger) {
        add(start, 'lottery', `抽奖第${i + 1}轮：点赞达${l.trigger.likes}抽${prize}`, {
          id: `lottery-${i + 1}`,
          trigger: `likes ≥ ${l.trigger.likes}`,
        });
      } else {
        const at = safeMoment(l.trigger.at, start, tz);
        if (at) add(at, 'lottery', `抽奖第${i + 1}轮：${prize}`, { id: `lottery-${i + 1}` });
      }
    });
  }
  if (end) add(end, 'broadcast-end', '下播');

  c.after.forEach((w) => {
    const at = ctx.times.after.get(w.id);
    if (at)
      add(at, 'after', `播后 ${w.id}${details(w.message, w.poster, [])}`, {
        id: w.id,
        channels: [...w.channels],
      });
  });

  out.sort((a, b) => a.at.localeCompare(b.at) || RANK[a.kind] - RANK[b.kind] || a.seq - b.seq);
  return out.map(({ seq: _, ...e }) => e);
}

function details(message: Message | undefined, poster: string | undefined, coupons: string[]): string {
  const parts: string[] = [];
  if (message !== undefined)
    parts.push(`文案 ${typeof message === 'string' ? message : (message.title ?? '自定义')}`);
  if (poster !== undefined) parts.push(`海报 ${poster}`);
  if (coupons.length) parts.push(`券 ${coupons.join('、')}`);
  return parts.length ? `（${parts.join('，')}）` : '';
}

/** `10分钟`, `1小时30分钟`. */
function minutesZh(ms: number): string {
  const m = Math.round(ms / 60_000);
  const h = Math.floor(m / 60);
  return `${h ? `${h}小时` : ''}${m % 60 || !h ? `${m % 60}分钟` : ''}`;
}
