import { type PlanContext, safeMoment } from './context.js';
import type { ChannelsPlan } from './plan-channels.js';
import { reservationAsk } from './plan-channels.js';
import { allWaves } from './plan-waves.js';
import type { Task } from './types.js';

/**
 * What stays a person's task on 视频号 (reference channels-live-store, "What stays a person's task"):
 * the reservation (no API creates one), binding the 视频号 to the 小店 and the 视频号助手 switches
 * before the first run, and in the live console: pushing coupons, 福袋 lotteries, explaining
 * products. Past tasks are left out by the caller.
 */
export function channelsTasks(ctx: PlanContext, plan: ChannelsPlan): Task[] {
  const c = ctx.campaign;
  const ch = c.accounts.channels;
  const finder = ch ? `视频号 ${ch.finderUserName}` : 'the 视频号';
  const tasks: Task[] = [];
  const start = ctx.times.start;
  const firstWave = allWaves(ctx)
    .map((w) => w.at)
    .filter((d): d is Date => d !== undefined && d.getTime() > ctx.now.getTime())
    .sort((a, b) => a.getTime() - b.getTime())[0];
  const due = firstWave ?? start;
  const dueField = due ? { due: due.toISOString() } : {};

  if (plan.reservation.action === 'human') {
    tasks.push({
      kind: 'channels-reservation',
      who: `the owner of ${finder} (视频号 app or 视频号助手)`,
      what: `${reservationAsk(ctx)}; the waves' codes and cards wait for it`,
      ...dueField,
      address: 'reservation',
    });
  }
  if (!ctx.state.resources.get('reservation')?.remoteId) {
    tasks.push({
      kind: 'channels-setup',
      who: '视频号助手 admin',
      what: 'switch on 视频号助手 → 直播 → 直播管理 → 开放能力 → 开放场景: 橱窗 and 带货直播数据 (the API answers 48001 otherwise), and allow this host’s IP for both AppIDs',
      ...dueField,
    });
  }
  if (plan.showcase.some((s) => s.action === 'create')) {
    tasks.push({
      kind: 'channels-setup',
      who: '微信小店 and 视频号 admins',
      what: `bind ${finder} to the 小店${ch ? ` ${ch.shopAppId}` : ''} (合作账号: scan the 小店's invitation), so the showcase can take its products`,
      ...dueField,
    });
  }

  // During the broadcast: what the live console does and no API can.
  if (start) {
    for (const d of c.during?.couponDrops ?? []) {
      const at = safeMoment(d.at, start, ctx.tz);
      const k = c.coupons.find((x) => x.id === d.coupon);
      tasks.push({
        kind: 'live-console',
        who: 'live-room assistant',
        what: `push coupon ${d.coupon}${k ? ` "${k.title}"` : ''} in the 视频号 live console`,
        ...(at ? { due: at.toISOString() } : {}),
        address: `store-coupon/${d.coupon}`,
      });
    }
    for (const l of c.during?.lotteries ?? []) {
      const at = 'at' in l.trigger ? safeMoment(l.trigger.at, start, ctx.tz) : undefined;
      const when =
        'likes' in l.trigger
          ? `when likes reach ${l.trigger.likes} (livectl cannot see the like count of a 视频号 live)`
          : 'at its time';
      tasks.push({
        kind: 'live-console',
        who: 'live-room assistant',
        what: `run the 福袋 lottery "${l.prize}"${l.quantity ? ` ×${l.quantity}` : ''} in the live console ${when}`,
        ...((at ?? start) ? { due: (at ?? start).toISOString() } : {}),
      });
    }
    for (const card of c.during?.productCards ?? []) {
      const at = safeMoment(card.at, start, ctx.tz);
      tasks.push({
        kind: 'live-console',
        who: 'live-room assistant',
        what: `explain product ${card.product} (讲解) in the live console`,
        ...(at ? { due: at.toISOString() } : {}),
        address: `showcase/${card.product}`,
      });
    }
  }
  return tasks;
}
