import { isChannels } from '../campaign/platform.js';
import { MIN_LEAD_MS } from '../campaign/rules/platform/times.js';
import type { Coupon } from '../campaign/schema.js';
import { type PlanContext, safeMoment } from './context.js';
import { couponsAreStocks, couponTasks } from './plan-coupons.js';
import { allWaves } from './plan-waves.js';
import type { Change, Task } from './types.js';

/**
 * Work only a person can do, with who and by when: the anchor's real-name check before the room is
 * created, each coupon set up in the merchant's back office, and every WeCom member confirming each
 * group-send or Moments task (WeCom sends nothing until they do). Tasks whose time has passed are
 * left out: the run sheet is what is still ahead.
 */
export function planTasks(ctx: PlanContext, room: Change | undefined, extra: readonly Task[] = []): Task[] {
  const tasks: Task[] = [...extra];
  const c = ctx.campaign;
  const waves = allWaves(ctx);
  const firstWave = waves
    .map((w) => w.at)
    .filter((d): d is Date => d !== undefined && d.getTime() > ctx.now.getTime())
    .sort((a, b) => a.getTime() - b.getTime())[0];
  const lastCall = ctx.times.start ? new Date(ctx.times.start.getTime() - MIN_LEAD_MS) : undefined;

  // The anchor (and sub-anchor) must pass WeChat's real-name check before the room can be created or
  // take a new anchor (300036 otherwise). Due before the first wave needs the room's share code.
  const anchors: string[] = [];
  if (room?.action === 'create') {
    anchors.push(c.room.anchor.wechat);
    if (c.room.subAnchor) anchors.push(c.room.subAnchor.wechat);
  } else if (room?.action === 'update' && room.before && room.after) {
    if (room.before.anchorWechat !== room.after.anchorWechat) anchors.push(c.room.anchor.wechat);
    if (c.room.subAnchor && room.before.subAnchorWechat !== room.after.subAnchorWechat)
      anchors.push(c.room.subAnchor.wechat);
  }
  const roomDue = firstWave ?? lastCall;
  for (const wechat of anchors) {
    tasks.push({
      kind: 'anchor-real-name',
      who: `anchor ${wechat}`,
      what: 'pass the real-name check in the 小程序直播 mini program (apply shows a QR code to scan if WeChat asks: errcode 300036)',
      ...(roomDue ? { due: roomDue.toISOString() } : {}),
      address: 'room',
    });
  }

  // Coupons live in the merchant's own back office unless they are WeChat Pay stocks (plan-coupons.ts).
  // On channels coupons are 小店 coupons livectl creates (plan-channels.ts).
  if (!isChannels(c) && couponsAreStocks(c)) tasks.push(...couponTasks(ctx));
  else if (!isChannels(c))
    for (const k of c.coupons) {
      const due = couponFirstUse(ctx, k);
      tasks.push({
        kind: 'coupon-setup',
        who: 'merchant back office',
        what: `set up coupon ${k.id} "${k.title}" (${describeCoupon(k)}) before it is first featured`,
        ...(due ? { due: due.toISOString() } : {}),
      });
    }

  // WeCom group sends and Moments posts become tasks each member confirms in WeCom.
  for (const w of waves) {
    for (const name of w.wave.channels) {
      const ch = c.channels[name];
      if (!ch || (ch.type !== 'wecom-groups' && ch.type !== 'wecom-moments')) continue;
      const kind = ch.type === 'wecom-groups' ? 'customer-group send' : 'Moments post';
      const what = `confirm the ${kind} of wave ${w.wave.id} in WeCom when it arrives`;
      const base = {
        kind: 'confirm-wecom-task' as const,
        what,
        ...(w.at ? { due: w.at.toISOString() } : {}),
        address: `reminder/${w.wave.id}/${name}`,
      };
      const senders = ch.senders ?? [];
      if (senders.length > 0) {
        for (const s of senders) tasks.push({ ...base, who: `WeCom member ${s}` });
      } else if (ch.type === 'wecom-moments' && ch.departments?.length) {
        tasks.push({ ...base, who: `WeCom members of departments ${ch.departments.join(', ')}` });
      } else {
        tasks.push({ ...base, who: "every WeCom member in the app's visible range" });
      }
    }
  }

  return tasks.filter((t) => t.due === undefined || new Date(t.due).getTime() > ctx.now.getTime());
}

/** The earliest moment a coupon is featured: a wave, a drop, or its validFrom; else the broadcast start. */
function couponFirstUse(ctx: PlanContext, k: Coupon): Date | undefined {
  const start = ctx.times.start;
  const dates: Date[] = [];
  for (const w of ctx.campaign.waves) {
    const at = ctx.times.waves.get(w.id);
    if (at && w.coupons?.includes(k.id)) dates.push(at);
  }
  if (start) {
    for (const d of ctx.campaign.during?.couponDrops ?? []) {
      if (d.coupon !== k.id) continue;
      const at = safeMoment(d.at, start, ctx.tz);
      if (at) dates.push(at);
    }
    if (k.validFrom !== undefined) {
      const at = safeMoment(k.validFrom, start, ctx.tz);
      if (at) dates.push(at);
    }
  }
  if (dates.length === 0) return start;
  return new Date(Math.min(...dates.map((d) => d.getTime())));
}

function describeCoupon(k: Coupon): string {
  const off = k.threshold > 0 ? `${k.amount} off ${k.threshold}` : `${k.amount} off`;
  return `${k.kind}, ${off}, ${k.quantity} of them, ${k.stackable ? 'stackable' : 'not stackable'}`;
}
