import type { Coupon, Product } from '../campaign/schema.js';
import type { Address, ResourceRecord } from '../state/types.js';
import {
  desiredStoreCoupon,
  desiredStoreProduct,
  RESERVATION_TOLERANCE_MS,
  receiveWindow,
} from './channels-spec.js';
import { local, type PlanContext } from './context.js';
import { specHash } from './desired.js';
import { describeChanges, diffFields, formatValue } from './diff.js';
import type { Change } from './types.js';

/**
 * The 视频号 / 微信小店 resources of a platform: channels campaign (binding names: CHANNELS.md):
 * `reservation` (a person creates it; apply finds and records it), `store-image/<sha256>`,
 * `store-product/<id>`, `showcase/<id>` and `store-coupon/<id>`. No room, goods or media on
 * channels. Pure: the platform's answers come in through the state records apply wrote.
 */
export interface ChannelsPlan {
  reservation: Change;
  images: Change[];
  products: Change[];
  showcase: Change[];
  coupons: Change[];
}

/** Store product audit and listing states (edit_status / status, reference §3.4). */
const EDIT_IN_AUDIT = 2;
const EDIT_REJECTED = 3;
const EDIT_APPROVED = 4;
const EDIT_QUOTA = 72;
const STATUS_LISTED = 5;
/** Store coupon states (reference §5.2). */
const COUPON_EXPIRED = 3;
const COUPON_VOIDED = new Set([4, 5]);
/** Reservation states [U: the mini-program enum: 0 available, 1 cancelled, 2 used]. */
const NOTICE_CANCELLED = 1;

export function planChannels(ctx: PlanContext): ChannelsPlan {
  const products = ctx.campaign.products.map((p) => planStoreProduct(ctx, p));
  const showcase = ctx.campaign.products.map((p) => planShowcase(ctx, p));
  const coupons = ctx.campaign.coupons.map((k) => planStoreCoupon(ctx, k));
  const images = planStoreImages(ctx, products);
  // Records of products and coupons that left the campaign.
  const wanted = new Set<Address>([...products, ...showcase, ...coupons].map((c) => c.address));
  for (const [address, rec] of ctx.state.resources) {
    const [kind, id] = address.split('/');
    if (wanted.has(address) || id === undefined) continue;
    const external = rec.attributes.external === true;
    if (kind === 'store-product') {
      products.push({
        address,
        action: 'delete',
        reason: external
          ? `product ${id} is no longer in the campaign: forgotten (an existing 小店 product, never delisted or deleted)`
          : `product ${id} is no longer in the campaign: delisted and deleted from the 小店`,
        ...before(rec),
      });
    } else if (kind === 'showcase') {
      showcase.push({
        address,
        action: 'delete',
        reason: `product ${id} is no longer in the campaign: taken out of the showcase`,
        ...before(rec),
      });
    } else if (kind === 'store-coupon') {
      coupons.push({
        address,
        action: 'delete',
        reason: external
          ? `coupon ${id} is no longer in the campaign: forgotten (an existing 小店 coupon, never voided)`
          : `coupon ${id} is no longer in the campaign: voided in the 小店`,
        ...before(rec),
      });
    }
  }
  return { reservation: planReservation(ctx), images, products, showcase, coupons };
}

const before = (rec: ResourceRecord | undefined) =>
  rec ? { before: rec.sent ?? { remoteId: rec.remoteId, ...rec.attributes } } : {};

/** What a person is asked to do in 视频号 for the campaign's start. */
export function reservationAsk(ctx: PlanContext): string {
  const start = ctx.times.start ? local(ctx, ctx.times.start) : 'room.start';
  return `in 视频号, create a live reservation for ${start}, described "${ctx.campaign.room.name}"`;
}

export function planReservation(ctx: PlanContext): Change {
  const address = 'reservation';
  const rec = ctx.state.resources.get(address);
  const start = ctx.times.start;
  const after = { startTime: start?.toISOString(), description: ctx.campaign.room.name };
  const ask = reservationAsk(ctx);
  if (!rec?.remoteId) {
    return {
      address,
      action: 'human',
      reason: `no reservation found yet: ${ask}; apply records it once 视频号助手 lists it`,
      after,
    };
  }
  const seen = { noticeId: rec.remoteId, ...rec.attributes };
  const end = ctx.times.end;
  if (end && ctx.now.getTime() >= end.getTime())
    return { address, action: 'noop', reason: 'the broadcast has ended', before: seen };
  if (rec.attributes.status === NOTICE_CANCELLED) {
    return {
      address,
      action: 'human',
      reason: `reservation ${rec.remoteId} was cancelled in 视频号: ${ask} again`,
      before: seen,
      after,
    };
  }
  const recorded =
    typeof rec.attributes.startTime === 'string' ? new Date(rec.attributes.startTime) : undefined;
  if (
    start &&
    recorded &&
    !Number.isNaN(recorded.getTime()) &&
    Math.abs(recorded.getTime() - start.getTime()) > RESERVATION_TOLERANCE_MS
  ) {
    return {
      address,
      action: 'human',
      reason: `reservation ${rec.remoteId} was moved: it is for ${local(ctx, recorded)}, the campaign starts at ${local(ctx, start)}; cancel it and ${ask} (a reservation cannot be edited)`,
      before: seen,
      after,
    };
  }
  return {
    address,
    action: 'noop',
    reason: `reserved: notice ${rec.remoteId}${recorded ? ` for ${local(ctx, recorded)}` : ''}`,
    before: seen,
  };
}

function planStoreProduct(ctx: PlanContext, p: Product): Change {
  const address = `store-product/${p.id}`;
  const rec = ctx.state.resources.get(address);
  const existing = p.channels?.productId;
  if (existing !== undefined) {
    const after = { productId: existing, external: true };
    if (rec?.remoteId === existing) {
      const status = rec.attributes.status;
      if (typeof status === 'number' && status !== STATUS_LISTED)
        return {
          address,
          action: 'human',
          reason: `the existing 小店 product ${existing} is not listed (status ${status}): list it in 微信小店后台`,
          ...before(rec),
        };
      return {
        address,
        action: 'noop',
        reason: `the existing 小店 product ${existing}: used as it is (never delisted or deleted)`,
        ...before(rec),
      };
    }
    return {
      address,
      action: rec?.remoteId ? 'update' : 'create',
      reason: rec?.remoteId
        ? `now names the existing 小店 product ${existing} instead of ${rec.remoteId}: checked and recorded`
        : `the existing 小店 product ${existing}: checked and recorded`,
      ...before(rec),
      after,
    };
  }
  const spec = desiredStoreProduct(ctx.campaign.metadata.name, p, ctx.input.assets);
  const after = spec as unknown as Record<string, unknown>;
  const dependsOn = [...new Set([...spec.headImgs, spec.sku.thumbImg])].map((s) => `store-image/${s}`);
  if (!rec?.remoteId) {
    return {
      address,
      action: 'create',
      reason: rec
        ? `an earlier create was not confirmed: apply looks for out_product_id ${spec.outProductId} in the 小店, then adds it`
        : 'not created yet: added to the 小店 and sent to audit',
      after,
      dependsOn,
    };
  }
  if (rec.hash !== specHash(spec)) {
    const what = describeChanges(
      diffFields(rec.sent, after),
      (d) => `${d.field} ${formatValue(d.before)} → ${formatValue(d.after)}`,
    );
    return {
      address,
      action: 'update',
      reason: `${what || 'changed'}: the draft is updated and sent to audit again`,
      ...before(rec),
      after,
      dependsOn,
    };
  }
  const edit = rec.attributes.editStatus;
  const status = rec.attributes.status;
  // Before "listed": a listed product whose changed draft the quota refused still sells the old
  // version; apply submits the draft again once the store allows.
  if (edit === EDIT_QUOTA)
    return {
      address,
      action: 'wait',
      reason: "the 小店's audit quota is used up: submitted again when it allows",
      ...before(rec),
    };
  if (status === STATUS_LISTED)
    return {
      address,
      action: 'noop',
      reason: `listed in the 小店 (product ${rec.remoteId})`,
      ...before(rec),
    };
  if (edit === EDIT_IN_AUDIT)
    return {
      address,
      action: 'wait',
      reason: `in the 小店's audit (product ${rec.remoteId})`,
      ...before(rec),
    };
  if (edit === EDIT_REJECTED) {
    const why = typeof rec.attributes.reason === 'string' ? `: ${rec.attributes.reason}` : '';
    return {
      address,
      action: 'human',
      reason: `the 小店 refused product ${rec.remoteId} in audit${why}; fix the product in the campaign (or in 微信小店后台) and apply again`,
      ...before(rec),
    };
  }
  if (typeof status === 'number' && status !== 0 && status !== 11)
    return {
      address,
      action: 'human',
      reason: `product ${rec.remoteId} was taken down by the platform (status ${status}): see 微信小店后台`,
      ...before(rec),
    };
  return {
    address,
    action: 'update',
    reason:
      edit === EDIT_APPROVED
        ? 'approved in audit: listed at apply'
        : 'not submitted for audit yet: submitted at apply',
    ...before(rec),
    after,
    dependsOn,
  };
}

function planStoreImages(ctx: PlanContext, products: readonly Change[]): Change[] {
  const users = new Map<string, { ref: string; path: string; by: string[]; needed: boolean }>();
  for (const p of ctx.campaign.products) {
    if (p.channels?.productId !== undefined) continue;
    const address = `store-product/${p.id}`;
    const change = products.find((c) => c.address === address);
    const sends = change !== undefined && (change.action === 'create' || change.action === 'update');
    for (const ref of p.channels?.images ?? []) {
      const a = ctx.input.assets.get(ref);
      if (!a) continue;
      const u = users.get(a.sha256) ?? { ref, path: a.path, by: [], needed: false };
      if (!u.by.includes(address)) u.by.push(address);
      u.needed ||= sends;
      users.set(a.sha256, u);
    }
  }
  return [...users].map(([sha, u]) => {
    const address = `store-image/${sha}`;
    const rec = ctx.state.resources.get(address);
    const forWhom = `for ${u.by.join(', ')}`;
    if (rec?.remoteId)
      return {
        address,
        action: 'noop',
        reason: `uploaded to the 小店 (${forWhom})`,
        before: { url: rec.remoteId },
      };
    if (!u.needed) return { address, action: 'noop', reason: `not needed: ${u.by.join(', ')} up to date` };
    return {
      address,
      action: 'create',
      reason: `not uploaded yet (${forWhom})`,
      after: { sha256: sha, file: u.ref, path: u.path },
    };
  });
}

function planShowcase(ctx: PlanContext, p: Product): Change {
  const address = `showcase/${p.id}`;
  const rec = ctx.state.resources.get(address);
  if (rec) return { address, action: 'noop', reason: 'in the 视频号 showcase (橱窗)', ...before(rec) };
  return {
    address,
    action: 'create',
    reason: 'put in the 视频号 showcase (橱窗) once the product is listed',
    after: { product: p.id },
    dependsOn: [`store-product/${p.id}`],
  };
}

function planStoreCoupon(ctx: PlanContext, k: Coupon): Change {
  const address = `store-coupon/${k.id}`;
  const rec = ctx.state.resources.get(address);
  const existing = k.channels?.couponId;
  if (existing !== undefined) {
    if (rec?.remoteId === existing)
      return {
        address,
        action: 'noop',
        reason: `the existing 小店 coupon ${existing}: used as it is (never voided)`,
        ...before(rec),
      };
    return {
      address,
      action: rec?.remoteId ? 'update' : 'create',
      reason: `the existing 小店 coupon ${existing}: checked and recorded`,
      ...before(rec),
      after: { couponId: existing, external: true },
    };
  }
  const spec = desiredStoreCoupon(ctx.campaign, ctx.times, ctx.tz, k);
  const after = spec as unknown as Record<string, unknown>;
  const dependsOn = (spec.products ?? []).map((id) => `store-product/${id}`);
  const window = receiveWindow(ctx.campaign, ctx.times, ctx.tz, k);
  const from = window.begin ? ` (receivable from ${local(ctx, window.begin)})` : '';
  if (!rec?.remoteId) {
    if (window.end && window.end.getTime() <= ctx.now.getTime())
      return {
        address,
        action: 'noop',
        reason: `its receive window ended ${local(ctx, window.end)}: not created`,
      };
    return {
      address,
      action: 'create',
      reason: rec
        ? `an earlier create was not confirmed: apply looks for it in the 小店 (notes ${spec.notes}), then creates it`
        : `not created yet: created effective${from}`,
      after,
      ...(dependsOn.length ? { dependsOn } : {}),
    };
  }
  const status = rec.attributes.status;
  if (typeof status === 'number' && COUPON_VOIDED.has(status))
    return {
      address,
      action: 'human',
      reason: `coupon ${rec.remoteId} was voided or deleted in the 小店 (status ${status}): remove it from the campaign, or destroy and apply again`,
      ...before(rec),
    };
  if (status === COUPON_EXPIRED)
    return { address, action: 'noop', reason: `coupon ${rec.remoteId} has expired`, ...before(rec) };
  if (rec.hash !== specHash(spec)) {
    const what = describeChanges(
      diffFields(rec.sent, after),
      (d) => `${d.field} ${formatValue(d.before)} → ${formatValue(d.after)}`,
    );
    return {
      address,
      action: 'update',
      reason: what || 'changed',
      ...before(rec),
      after,
      ...(dependsOn.length ? { dependsOn } : {}),
    };
  }
  return { address, action: 'noop', reason: `created: coupon ${rec.remoteId}${from}`, ...before(rec) };
}
