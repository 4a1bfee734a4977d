import { UserError } from '../errors.js';
import { done, needsHuman } from '../outcome.js';
import { specHash } from '../plan/desired.js';
import type { Change } from '../plan/types.js';
import { COUPON_STATUS, type StoreCoupon } from '../wechat/index.js';
import { couponBody, couponNotes, type PlannedCoupon, plannedCoupon } from './channels-spec.js';
import { trackedByOtherCampaigns } from './other-campaigns.js';
import {
  adoptedFrom,
  beginCreate,
  createdHere,
  findEarlierAttempt,
  fingerprintOf,
  type ListedObject,
  severalNote,
} from './pending-create.js';
import { addressId, isApiError, type StepContext, type StepEnd } from './steps.js';

/**
 * `store-coupon/<id>`: a 微信小店 coupon (channels-live-store.md §5). Created effective (auto_valid)
 * before the first wave that advertises it; an existing one named by `coupons[].channels.couponId` is
 * checked and tracked, never voided. coupon/create has no idempotency key: the coupon carries
 * `livectl:<campaign>/<id>` in ext_info.notes, a pending create is recorded before the call, and after
 * a lost answer only a coupon with those notes that appeared after the attempt is adopted.
 */

const MAX_CREATE_ATTEMPTS = 3;
const STATUS_WORDS: Record<number, string> = {
  1: 'not effective',
  2: 'effective',
  3: 'expired',
  4: 'voided',
  5: 'deleted',
};

function couponIndex(s: StepContext, id: string): number {
  return s.run.opts.campaign.coupons.findIndex((k) => k.id === id);
}

/** A campaign product's store product id (a product coupon's products exist by now: dependsOn). */
function storeIdOf(s: StepContext, id: string) {
  return (pid: string): string => {
    const r = s.run.resource(`store-product/${pid}`)?.remoteId;
    if (!r)
      throw new UserError(`coupon ${id}: product ${pid} is not in the 微信小店 yet (apply creates it first)`);
    return r;
  };
}

/** A coupon the store refused, located in the campaign file. */
function located(err: unknown, s: StepContext, id: string): unknown {
  if (!(isApiError(err) && err.kind === 'platform')) return err;
  if (
    err.hintKind !== 'input' &&
    !(err.errcode !== null && err.errcode >= 10021000 && err.errcode < 10022000)
  )
    return err;
  const i = couponIndex(s, id);
  return new UserError(
    `coupons[${i}] (${id}): the 微信小店 refused the coupon: ${err.errmsg} (errcode ${err.errcode})`,
    {
      hint:
        err.hint ??
        'Store coupons: title ≤ 10 Chinese characters, amount ≤ 200 yuan, a spend threshold leaves at least 20% of it, the claim window ≤ 365 days and ending after now.',
    },
  );
}

export async function listedByNotesOf(s: StepContext, notes: string): Promise<ListedObject[]> {
  return (await s.run.channels.store.findCouponsByNotes(notes)).map((c) => ({
    id: c.couponId,
    fingerprint: fingerprintOf({ notes }),
    ...(c.createTime ? { createdAt: new Date(c.createTime) } : {}),
  }));
}

async function save(s: StepContext, address: string, c: StoreCoupon, spec?: PlannedCoupon, attributes = {}) {
  const prev = s.run.resource(address);
  const keep = prev?.remoteId === c.couponId ? prev : undefined;
  const hash = spec ? specHash(spec) : keep?.hash;
  await s.run.put({
    address,
    kind: 'store-coupon',
    remoteId: c.couponId,
    ...(hash ? { hash } : {}),
    ...(spec ? { sent: spec as unknown as Record<string, unknown> } : keep?.sent ? { sent: keep.sent } : {}),
    attributes: {
      ...(keep?.attributes ?? {}),
      ...(hash ? { specHash: hash } : {}),
      status: c.status,
      received: c.stock.receiveNum,
      used: c.stock.usedNum,
      checkedAt: s.run.now().toISOString(),
      ...attributes,
    },
  });
}

async function adopt(
  s: StepContext,
  address: string,
  spec: PlannedCoupon,
): Promise<{ end?: StepEnd; note: string }> {
  if (!(await s.run.pendingCreate(address))) return { note: '' };
  // Never what this campaign's other addresses or another campaign of the store track.
  const tracked = new Set([
    ...s.run.resources('store-coupon/').flatMap((r) => (r.remoteId ? [r.remoteId] : [])),
    ...(await trackedByOtherCampaigns(s, 'store-coupon')),
  ]);
  const earlier = await findEarlierAttempt(s.run, address, await listedByNotesOf(s, spec.notes!), tracked);
  if (earlier.found === 'several') return { note: severalNote('coupons', earlier.ids) };
  if (earlier.found !== 'one') return { note: '' };
  const c = await s.run.channels.store.getCoupon(earlier.id);
  await save(s, address, c, spec, adoptedFrom(earlier.pending));
  await s.run.dropPendingCreate(address);
  return {
    end: done({
      message: `found the coupon an earlier attempt of this campaign created (coupon ${c.couponId}) and adopted it`,
      remoteId: c.couponId,
      adopted: true,
    }),
    note: '',
  };
}

export async function applyStoreCoupon(s: StepContext, change: Change): Promise<StepEnd> {
  const address = change.address;
  const id = addressId(address);
  if (change.action === 'delete') return voidStoreCoupon(s, address);
  const campaign = s.run.opts.campaign;
  const k = campaign.coupons.find((x) => x.id === id);
  if (!k) throw new Error(`coupon ${id} is not in the campaign`);
  const store = s.run.channels.store;
  const rec = s.run.resource(address);

  const existing = k.channels?.couponId;
  if (existing !== undefined) {
    let c: StoreCoupon;
    try {
      c = await store.getCoupon(existing);
    } catch (err) {
      if (isApiError(err, 10021037))
        throw new UserError(
          `coupons[${couponIndex(s, id)}].channels.couponId ${existing} is not a coupon of this 微信小店`,
          {
            hint: 'Copy the id from 微信小店后台 → 营销 → 优惠券, or remove couponId to let livectl create it.',
          },
        );
      throw err;
    }
    await save(s, address, c, undefined, { external: true });
    return done({
      message: `existing coupon ${existing} checked (${STATUS_WORDS[c.status] ?? c.status}, ${c.stock.receiveNum} received); destroy leaves it alone`,
      remoteId: existing,
    });
  }

  const spec = plannedCoupon(campaign, s.run.opts.times, k);
  if (!spec.receive.startTime || !spec.receive.endTime)
    throw new UserError(`coupon ${id}: the claim window cannot be computed (no broadcast start or end)`);
  if (rec?.remoteId) {
    const c = await store.getCoupon(rec.remoteId);
    await save(s, address, c);
    if (specHash(spec) === rec.hash)
      return done({ message: `coupon ${c.couponId} ${STATUS_WORDS[c.status]}`, remoteId: c.couponId });
    // Which fields coupon/update may change once a coupon is effective is undocumented, and buyers
    // may already hold it: a changed coupon is a person's decision, not livectl's.
    return needsHuman(
      `coupon ${c.couponId} (${STATUS_WORDS[c.status] ?? c.status}, ${c.stock.receiveNum} received) was created with other terms; livectl does not change an issued 小店 coupon: put the campaign's coupons[${couponIndex(s, id)}] back as it was, or void the coupon in 微信小店后台 → 营销 → 优惠券 and name a new one with channels.couponId`,
      'store-coupon-change',
    );
  }
  const first = await adopt(s, address, spec);
  if (first.end) return first.end;
  for (let attempt = 1; ; attempt++) {
    await beginCreate(s.run, {
      address,
      kind: 'store-coupon',
      fingerprint: fingerprintOf({ notes: couponNotes(campaign.metadata.name, id) }),
      listed: [],
      details: { notes: spec.notes, name: spec.name },
    });
    let couponId: string;
    try {
      couponId = (await store.createCoupon(couponBody(spec, storeIdOf(s, id)))).couponId;
    } catch (err) {
      if (isApiError(err) && err.maybeApplied && attempt < MAX_CREATE_ATTEMPTS) {
        const found = await adopt(s, address, spec);
        if (found.end) return found.end;
        continue;
      }
      if (!(isApiError(err) && err.maybeApplied)) await s.run.dropPendingCreate(address);
      throw located(err, s, id);
    }
    const c = await store.getCoupon(couponId);
    await save(s, address, c, spec, createdHere());
    await s.run.dropPendingCreate(address);
    return done({
      message: `coupon ${couponId} created (${STATUS_WORDS[c.status] ?? c.status}, effective from ${new Date(spec.receive.startTime * 1000).toISOString()})${first.note}`,
      remoteId: couponId,
    });
  }
}

/** store-coupon/<id> delete: a coupon this campaign created is voided (status 4); an existing one is left. */
export async function voidStoreCoupon(s: StepContext, address: string): Promise<StepEnd> {
  const rec = s.run.resource(address);
  if (!rec?.remoteId || rec.attributes.external) {
    if (rec) await s.run.remove(address);
    return done({
      message: rec?.remoteId
        ? `forgotten (coupon ${rec.remoteId} was not created by livectl: left as it is)`
        : 'forgotten',
    });
  }
  try {
    await s.run.channels.store.updateCouponStatus(rec.remoteId, COUPON_STATUS.voided);
  } catch (err) {
    // Already expired, voided or deleted: nothing left to stop.
    if (!isApiError(err, 10021001, 10021037)) throw err;
  }
  await s.run.remove(address);
  await s.run.dropPendingCreate(address);
  return done({
    message: `coupon ${rec.remoteId} voided (claimed coupons can no longer be used)`,
    remoteId: rec.remoteId,
  });
}
