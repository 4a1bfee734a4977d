import { done } from '../outcome.js';
import type { Change } from '../plan/types.js';
import type { ResourceRecord } from '../state/types.js';
import { applyStoreCoupon } from './channels-coupons.js';
import {
  addToShowcase,
  createStoreProduct,
  delistStoreProduct,
  takeOutOfShowcase,
  updateStoreProduct,
  uploadStoreImage,
} from './channels-products.js';
import { checkReservation } from './channels-reservation.js';
import { kindOf } from './order.js';
import type { StepContext, StepEnd } from './steps.js';

/**
 * The executor's Channels steps, by resource kind. The reservation has no server API to create it:
 * whatever the plan says (a person's task until recorded, `noop` after), apply looks for it — a
 * `noop` re-check that finds it as recorded stays quiet. Products in audit (`wait`) are read again,
 * like goods in the reconcile, and a product approved meanwhile goes into the showcase in the same run.
 */

export const CHANNELS_KINDS: ReadonlySet<string> = new Set([
  'reservation',
  'store-image',
  'store-product',
  'showcase',
  'store-coupon',
]);

/**
 * Kinds whose `wait` / `human` / `noop` changes apply still runs (they only read, or find): the
 * reservation always; products in audit (a listed product whose changed draft is in audit reads as
 * listed to the plan) and the showcase waiting on them.
 */
export function runsWhen(change: Change, rec?: ResourceRecord): boolean {
  const kind = kindOf(change.address);
  if (kind === 'reservation') return true;
  if (change.action === 'wait') return kind === 'store-product' || kind === 'showcase';
  if (change.action === 'noop' && kind === 'store-product')
    return rec?.auditStatus === 'pending' || rec?.attributes.editStatus === 72;
  return false;
}

export async function runChannelsChange(s: StepContext, change: Change): Promise<StepEnd> {
  const { address, action } = change;
  switch (kindOf(address)) {
    case 'reservation': {
      if (action === 'delete') {
        if (s.run.resource(address)) await s.run.remove(address);
        return done({
          message: 'forgotten (a person cancels the reservation in 视频号 if it is not wanted)',
        });
      }
      const c = s.run.opts.campaign;
      const start = s.run.opts.times.start;
      if (!start) throw new Error('the campaign has no broadcast start');
      return checkReservation(s.run, () => s.run.channels.finder.listNotices(), {
        start,
        description: c.room.name,
        timezone: c.metadata.timezone,
      });
    }
    case 'store-image':
      if (action === 'delete') {
        if (s.run.resource(address)) await s.run.remove(address);
        return done({ message: 'forgotten (store images stay in the store)' });
      }
      return uploadStoreImage(s, address);
    case 'store-product':
      if (action === 'delete') return delistStoreProduct(s, address);
      return action === 'create' ? createStoreProduct(s, address) : updateStoreProduct(s, address);
    case 'showcase':
      return action === 'delete' ? takeOutOfShowcase(s, address) : addToShowcase(s, address);
    case 'store-coupon':
      return applyStoreCoupon(s, change);
    default:
      throw new Error(`apply does not know how to ${action} ${address}`);
  }
}

/**
 * Whether a plan with nothing to create, update or delete still has something for apply on 视频号:
 * a reservation to look for, or a product whose audit is to be read.
 */
export function channelsChecks(
  changes: readonly Change[],
  resources: ReadonlyMap<string, ResourceRecord>,
): boolean {
  return (
    changes.some(
      (c) =>
        (c.action === 'human' || c.action === 'noop') &&
        c.address !== 'reservation' &&
        runsWhen(c, resources.get(c.address)),
    ) || changes.some((c) => c.address === 'reservation' && c.action === 'human')
  );
}
