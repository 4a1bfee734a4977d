import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign } from '../campaign/schema.js';
import { parseDuration, resolveMoment } from '../campaign/time.js';

/**
 * The hosts' run sheet as robot cues (playbook, "During the broadcast"): the warm-up at the start,
 * timed lotteries, coupon drops and group buys at their moment, and the end — in time order, the
 * start first. Like-threshold lotteries have no time: they are never sent as cues (the run sheet and
 * the console show them as "when likes reach N"). Durations read in Chinese units (10分钟). Pure.
 */
export interface Cue {
  /** Stable within the campaign: `start`, `lottery-1`, `coupon-2`, `group-buy-1`, `end`. */
  id: string;
  at: Date;
  title: string;
  text: string;
  coupons: { id: string; title: string }[];
}

export function cueRows(c: Campaign, times: CampaignTimes): Cue[] {
  const d = c.during;
  const start = times.start;
  if (!d || !start) return [];
  const tz = c.metadata.timezone;
  const at = (m: string | number) => {
    try {
      return resolveMoment(m, start, tz);
    } catch {
      return undefined;
    }
  };
  const room = c.room.name;
  const cues: Cue[] = [];

  const warm = d.warmUp !== undefined ? parseDuration(d.warmUp) : undefined;
  // The product-list coupon (领券 in the goods list) is only mentioned when the campaign has one.
  const listCoupons = c.coupons.filter((k) => k.kind === 'product-list');
  const claim = listCoupons.length
    ? `提醒大家领商品列表里的券（${listCoupons.map((k) => k.title).join('、')}）`
    : '';
  cues.push({
    id: 'start',
    at: start,
    title: `🎬 ${room} 开播`,
    text: [
      warm
        ? `前${durationZh(warm)}暖场：打招呼、求“666”和点赞，${claim ? `${claim}，` : ''}等等晚到的观众。`
        : `开播：先打招呼、求点赞${claim ? `，${claim}` : ''}。`,
      d.hosts?.length
        ? `主播：${d.hosts.map((h) => (h.role ? `${h.name}（${h.role}）` : h.name)).join('、')}`
        : '',
    ]
      .filter(Boolean)
      .join('\n'),
    coupons: listCoupons.map((k) => ({ id: k.id, title: k.title })),
  });

  d.lotteries.forEach((l, i) => {
    const n = i + 1;
    const prize = `${l.prize}${l.quantity ? ` ×${l.quantity}` : ''}`;
    if (!('likes' in l.trigger)) {
      const when = at(l.trigger.at);
      if (!when) return;
      cues.push({
        id: `lottery-${n}`,
        at: when,
        title: `🎁 第${n}轮抽奖：现在`,
        text: `先带一波评论暖场，再在后台发起抽奖：${prize}。公布中奖并预告下一轮。`,
        coupons: [],
      });
    }
  });

  d.couponDrops.forEach((drop, i) => {
    const when = at(drop.at);
    if (!when) return;
    const k = c.coupons.find((x) => x.id === drop.coupon);
    const label = k ? `${k.title}（${k.quantity}张）` : drop.coupon;
    cues.push({
      id: `coupon-${i + 1}`,
      at: when,
      title: `🎟️ 发券：${k?.title ?? drop.coupon}`,
      text: `现在发券：${label}。口播 + 置顶 + 评论区滚动，提醒可与预热券叠加。`,
      coupons: k ? [{ id: k.id, title: k.title }] : [],
    });
  });

  (d.groupBuys ?? []).forEach((g, i) => {
    if (g.at === undefined) return;
    const when = at(g.at);
    if (!when) return;
    const p = c.products.find((x) => x.id === g.product);
    const deal = p?.groupBuy ? `${p.groupBuy.size}人团 ¥${p.groupBuy.price}` : '';
    cues.push({
      id: `group-buy-${i + 1}`,
      at: when,
      title: `👥 开团：${p?.name ?? g.product}`,
      text: `现在开团：${p?.name ?? g.product}${deal ? ` ${deal}` : ''}。邀请好友一起拼，分享卡片给群和好友。`,
      coupons: [],
    });
  });

  if (times.end) {
    cues.push({
      id: 'end',
      at: times.end,
      title: `🔚 ${room} 收尾`,
      text: '感谢观看，预告下一场时间，提醒回放和售后；记下评论区的热点，下次脚本用。',
      coupons: [],
    });
  }
  // Time order; at the same instant the start cue first (a stable sort keeps it ahead).
  return cues.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** `10分钟`, `1小时30分钟`, `2小时`. */
export function durationZh(ms: number): string {
  const m = Math.round(ms / 60_000);
  const h = Math.floor(m / 60);
  return `${h ? `${h}小时` : ''}${m % 60 || !h ? `${m % 60}分钟` : ''}`;
}
