import { addCalendarDays, isWorkingDay, subtractWorkingDays } from '../campaign/calendar/working-days.js';
import { AUDIT_WORKING_DAYS, SUBMISSIONS_PER_DAY } from '../campaign/rules/playbook/audit-deadline.js';
import { fromZoned, localDate } from '../campaign/time.js';
import type { Address, AuditEvent, ResourceRecord } from '../state/types.js';
import { type PlanContext, QUOTA_ZONE, quotaDay } from './context.js';
import { desiredGoods, GOODS_PRICE_FIELDS, type GoodsSpec, specHash } from './desired.js';
import { describeChanges, describeGoodsChange, diffFields, type FieldChange } from './diff.js';
import type { Change } from './types.js';

/**
 * Goods (`goods/<id>`) and their place in the room (`room-goods/<id>`), by the platform's rules
 * (reference §5): approved goods may change only the price; goods in audit can't change at all;
 * any other change to approved goods is a delete and a new add (a new audit); 500 submissions a day.
 */

/** What became of one product, for the room-goods and media decisions. */
type GoodsOutcome =
  /** Approved and staying approved (noop or a price update): may be in the room. */
  | { kind: 'approved' }
  /** Not approved yet, or about to be (re)submitted: the room waits. `why` completes "waits for goods/x: …". */
  | { kind: 'blocked'; why: string }
  /** Deleted and added again: out of the room until the new audit passes. */
  | { kind: 'replaced' };

export interface GoodsPlan {
  /** goods/* changes, in campaign order; deletions of removed goods last. */
  goods: Change[];
  /** room-goods/* deletions that must run before the goods changes (removed or replaced goods). */
  roomGoodsOut: Change[];
  /** room-goods/* for the campaign's products (create, noop, wait). */
  roomGoods: Change[];
  /** When each goods address will be sent (now, or a later day by quota): media must be valid then. */
  sends: Map<Address, Date>;
}

const WAIT_REASON_IN_AUDIT = 'in audit';

export function planGoods(ctx: PlanContext): GoodsPlan {
  const { campaign: c, state, now } = ctx;
  const goods: Change[] = [];
  const roomGoodsOut: Change[] = [];
  const outcomes = new Map<string, GoodsOutcome>();
  /** Creates that need an audit submission, in campaign order: quota is assigned after the loop. */
  const submissions: Change[] = [];
  const today = quotaDay(now);
  const wd = workingDayCounter(today);

  for (const p of c.products) {
    const address = `goods/${p.id}`;
    const spec = desiredGoods(p, ctx.input.assets);
    const hash = specHash(spec);
    const rec = state.resources.get(address);
    const media = [`media/${spec.coverImg}`];
    const after = spec as unknown as Record<string, unknown>;

    if (!rec?.remoteId) {
      const change: Change = {
        address,
        action: 'create',
        reason: rec
          ? 'an earlier add was not confirmed: apply looks for it on the platform, then adds it for audit'
          : 'not created yet: added and submitted for audit',
        after,
        dependsOn: media,
      };
      goods.push(change);
      submissions.push(change);
      outcomes.set(p.id, { kind: 'blocked', why: 'not created yet (only approved goods go into the room)' });
      continue;
    }

    const status = rec.auditStatus ?? 'pending';
    const before = rec.sent;
    const same = rec.hash === hash;
    const diffs = before ? diffFields(before, after) : [];
    const what = describeChanges(diffs, (d) => describeGoodsChange(d, spec.priceType));

    if (status === 'pending') {
      const since = submittedOn(rec, state.audits.get(address));
      const n = wd(since);
      const inAudit = `${WAIT_REASON_IN_AUDIT} for ${n} working day${n === 1 ? '' : 's'} (since ${since}; the audit takes up to ${AUDIT_WORKING_DAYS})`;
      goods.push({
        address,
        action: 'wait',
        reason: same
          ? inAudit
          : `${what || 'changed'}, but goods in audit can't be updated: ${inAudit}; planned again when it ends`,
        before,
        ...(same ? {} : { after }),
      });
      outcomes.set(p.id, { kind: 'blocked', why: inAudit });
      continue;
    }

    if (status === 'rejected' || status === 'unaudited') {
      const rejection = lastRejection(state.audits.get(address));
      const why =
        status === 'rejected'
          ? `audit rejected${rejection ? `: ${rejection}` : ' (no reason recorded)'}`
          : 'not in audit (the audit was withdrawn)';
      if (same) {
        goods.push({
          address,
          action: 'human',
          reason:
            status === 'rejected'
              ? `${why}. Change the product in the campaign (or fix it on the platform's side), then apply again to resubmit it`
              : `${why}. Resubmit it in the back office, or change it in the campaign and apply again`,
          before,
        });
        outcomes.set(p.id, { kind: 'blocked', why });
        continue;
      }
      // Goods that are not approved may change every field (reference §5): update, then resubmit
      // for audit (goods/audit), which takes one of the day's 500 submissions like an add.
      const change: Change = {
        address,
        action: 'update',
        reason: `${why}; ${what || 'changed'}: updated and resubmitted for audit`,
        before,
        after,
        dependsOn: media,
      };
      goods.push(change);
      submissions.push(change);
      outcomes.set(p.id, { kind: 'blocked', why: `resubmitted for audit after: ${why}` });
      continue;
    }

    // Approved.
    if (same) {
      goods.push({ address, action: 'noop', reason: 'approved; as in the campaign', before });
      outcomes.set(p.id, { kind: 'approved' });
      continue;
    }
    if (!before) {
      goods.push({
        address,
        action: 'human',
        reason:
          'changed, but what was last sent is not recorded: livectl cannot tell whether only the price changed. Check it on the platform',
        after,
      });
      outcomes.set(p.id, { kind: 'approved' });
      continue;
    }
    const nonPrice = diffs.filter((d) => !(GOODS_PRICE_FIELDS as readonly string[]).includes(d.field));
    if (nonPrice.length === 0) {
      // goods/update sends only the changed fields and the goodsId: no image, so no media.
      goods.push({ address, action: 'update', reason: what, before, after: priceOnly(spec) });
      outcomes.set(p.id, { kind: 'approved' });
      continue;
    }
    const fields = nonPrice.map((d) => fieldName(d)).join(', ');
    const [remove, create] = replace(
      address,
      before,
      after,
      media,
      `${what}: approved goods may change only the price, so a new ${fields} means delete and add again (a new audit of up to ${AUDIT_WORKING_DAYS} working days)`,
    );
    goods.push(remove, create);
    submissions.push(create);
    pushRoomGoodsOut(ctx, p.id, roomGoodsOut, `goods/${p.id} is deleted and added again`);
    outcomes.set(p.id, { kind: 'replaced' });
  }

  const sends = assignQuota(ctx, submissions, usedToday(ctx, today));

  // Products no longer in the campaign.
  const ids = new Set(c.products.map((p) => p.id));
  for (const [address, rec] of state.resources) {
    if (rec.kind === 'goods' && address.startsWith('goods/') && !ids.has(address.slice(6))) {
      const id = address.slice(6);
      const inAudit = rec.auditStatus === 'pending';
      const rgOut = pushRoomGoodsOut(ctx, id, roomGoodsOut, `${address} is deleted`);
      goods.push({
        address,
        action: 'delete',
        reason: `removed from the campaign${inAudit ? ' (in audit: apply withdraws the audit first)' : ''}`,
        before: rec.sent,
        ...(rgOut ? { dependsOn: [`room-goods/${id}`] } : {}),
      });
    }
  }
  for (const [address, rec] of state.resources) {
    if (rec.kind === 'room-goods' && !ids.has(address.slice('room-goods/'.length))) {
      if (roomGoodsOut.some((x) => x.address === address)) continue;
      roomGoodsOut.push({ address, action: 'delete', reason: 'removed from the campaign', before: rec.sent });
    }
  }

  const leaving = new Set(roomGoodsOut.map((c) => c.address));
  return { goods, roomGoodsOut, roomGoods: planRoomGoods(ctx, outcomes, leaving), sends };
}

/** The delete + create pair of a replacement (Change.replace). */
function replace(
  address: Address,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
  media: Address[],
  reason: string,
): [Change, Change] {
  return [
    { address, action: 'delete', reason, before, replace: true },
    { address, action: 'create', reason, after, dependsOn: media, replace: true },
  ];
}

function priceOnly(spec: GoodsSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of GOODS_PRICE_FIELDS) if (spec[f] !== undefined) out[f] = spec[f];
  return out;
}

function fieldName(d: FieldChange): string {
  return d.field === 'url' ? 'page' : d.field === 'coverImg' ? 'image' : d.field;
}

/** Takes a recorded product out of the room first, when it is in it. Returns whether it was. */
function pushRoomGoodsOut(ctx: PlanContext, id: string, out: Change[], because: string): boolean {
  const address = `room-goods/${id}`;
  const rec = ctx.state.resources.get(address);
  if (!rec) return false;
  out.push({
    address,
    action: 'delete',
    reason: `${because}: it leaves the room${ctx.room.phase === 'live' ? ' (the broadcast is live: it leaves the shelf now)' : ''}${
      ctx.campaign.products.some((p) => p.id === id) ? ', and returns once the new audit passes' : ''
    }`,
    before: rec.sent ?? (rec.remoteId ? { goodsId: rec.remoteId } : undefined),
  });
  return true;
}

/**
 * Audit submissions beyond today's quota wait for a later day: the first `500 − used` go today, the
 * next 500 tomorrow, and so on (days counted in China, where the platform's quota resets). Creates
 * past the goods' audit deadline say so. Returns when each goods address is sent.
 */
function assignQuota(ctx: PlanContext, submissions: Change[], used: number): Map<Address, Date> {
  const sends = new Map<Address, Date>();
  const today = quotaDay(ctx.now);
  const start = ctx.times.start;
  const startDay = start ? localDate(start, ctx.tz) : undefined;
  const deadline =
    start && startDay && ctx.now.getTime() < start.getTime()
      ? subtractWorkingDays(startDay, AUDIT_WORKING_DAYS)
      : undefined;
  const total = used + submissions.length;
  const lastDay = Math.floor(Math.max(0, total - 1) / SUBMISSIONS_PER_DAY);
  submissions.forEach((change, k) => {
    const dayIndex = Math.floor((used + k) / SUBMISSIONS_PER_DAY);
    const day = addCalendarDays(today, dayIndex);
    const late =
      deadline && day > deadline
        ? `; late for a ${AUDIT_WORKING_DAYS}-working-day audit before ${startDay} (submit by ${deadline} to be sure)`
        : '';
    if (dayIndex === 0) {
      change.reason += late;
      sends.set(change.address, ctx.now);
      return;
    }
    const at = dayStart(day);
    change.action = 'wait';
    change.notBefore = at.toISOString();
    change.reason += `; beyond today's ${SUBMISSIONS_PER_DAY} audit submissions: submitted on ${day} (day ${dayIndex + 1} of ${lastDay + 1})${late}`;
    sends.set(change.address, at);
  });
  return sends;
}

function dayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return fromZoned(y, m, d, 0, 0, 0, QUOTA_ZONE);
}

/** Audit submissions this campaign made today (the quota is per mini program; other campaigns' are not seen). */
function usedToday(ctx: PlanContext, today: string): number {
  let n = 0;
  for (const [address, rec] of ctx.state.resources) {
    if (rec.kind !== 'goods') continue;
    const events = ctx.state.audits.get(address);
    if (events && events.length > 0) {
      for (const e of events) if (e.status === 'pending' && quotaDay(new Date(e.at)) === today) n++;
    } else if (rec.remoteId && quotaDay(new Date(rec.createdAt)) === today) n++;
  }
  return n;
}

/** The local date (China) of the latest submission: the last `pending` event, else the record's creation. */
function submittedOn(rec: ResourceRecord, events: readonly AuditEvent[] | undefined): string {
  const last = events ? [...events].reverse().find((e) => e.status === 'pending') : undefined;
  return quotaDay(new Date(last?.at ?? rec.createdAt));
}

function lastRejection(events: readonly AuditEvent[] | undefined): string | undefined {
  return events?.findLast((e) => e.status === 'rejected')?.reason;
}

/** Working days after `since` up to and including `today` (memoised: thousands of goods share a few dates). */
function workingDayCounter(today: string): (since: string) => number {
  const memo = new Map<string, number>();
  return (since) => {
    let n = memo.get(since);
    if (n !== undefined) return n;
    n = 0;
    for (let d = since; d < today; ) {
      d = addCalendarDays(d, 1);
      if (isWorkingDay(d)) n++;
    }
    memo.set(since, n);
    return n;
  };
}

/** room-goods/<id>: only approved goods go into the room; the rest wait on their goods. */
function planRoomGoods(
  ctx: PlanContext,
  outcomes: Map<string, GoodsOutcome>,
  leaving: Set<Address>,
): Change[] {
  const out: Change[] = [];
  for (const p of ctx.campaign.products) {
    const address = `room-goods/${p.id}`;
    // Taken out for a replacement: that delete says it returns after the new audit (one row per address).
    if (leaving.has(address)) continue;
    const goodsAddress = `goods/${p.id}`;
    const rec = ctx.state.resources.get(address);
    const o = outcomes.get(p.id)!;
    if (o.kind === 'approved') {
      if (rec) out.push({ address, action: 'noop', reason: 'in the room', before: rec.sent });
      else if (ctx.room.phase === 'ended')
        out.push({ address, action: 'noop', reason: 'approved, but the broadcast has ended: not added' });
      else
        out.push({
          address,
          action: 'create',
          reason: `approved: added to the room${ctx.room.phase === 'live' ? ' (live: it appears on the shelf now)' : ''}`,
          dependsOn: ['room', goodsAddress],
        });
      continue;
    }
    if (ctx.room.phase === 'ended') {
      out.push({ address, action: 'noop', reason: 'the broadcast has ended: not added' });
      continue;
    }
    const why = o.kind === 'replaced' ? 'added again, a new audit' : o.why;
    out.push({
      address,
      action: 'wait',
      reason: `waits for ${goodsAddress}: ${why}`,
      dependsOn: [goodsAddress],
    });
  }
  return out;
}
