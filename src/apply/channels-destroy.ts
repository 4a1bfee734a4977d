import { done, type StepOutcome } from '../outcome.js';
import { listedByNotesOf, voidStoreCoupon } from './channels-coupons.js';
import { delistStoreProduct, listedByOutId, takeOutOfShowcase } from './channels-products.js';
import { couponNotes, outProductId } from './channels-spec.js';
import type { ApplyRun } from './context.js';
import type { DestroyTarget } from './destroy.js';
import { findEarlierAttempt } from './pending-create.js';
import type { StepContext } from './steps.js';

/**
 * What `destroy` does on Channels: products leave the showcase (unless they were there before
 * livectl), what this campaign created in the 微信小店 is delisted (the store keeps it, off sale) and
 * its coupons are voided; existing products and coupons the campaign only named are left alone. The
 * reservation has no API: its record is forgotten and a person cancels it in 视频号 if the broadcast
 * is off. A create whose answer was lost is looked for (out_product_id, coupon notes) and handled as
 * the rest.
 */

const CANCEL_TASK =
  'no API cancels a 视频号 reservation: if the broadcast is off, cancel it in the 视频号 app (直播预告) or 视频号助手; record forgotten';

export async function channelsDestroyTargets(run: ApplyRun, s: StepContext): Promise<DestroyTarget[]> {
  const out: DestroyTarget[] = [];
  const r = run.resource('reservation');
  if (r)
    out.push({
      address: 'reservation',
      action: r.remoteId ? 'leave' : 'forget',
      ...(r.remoteId ? { remoteId: r.remoteId } : {}),
      reason: CANCEL_TASK,
    });
  for (const x of run.resources('showcase/')) {
    const pre = x.attributes.preexisting === true;
    out.push({
      address: x.address,
      action: x.remoteId && !pre ? 'delete' : 'forget',
      ...(x.remoteId ? { remoteId: x.remoteId } : {}),
      reason: pre ? 'was in the showcase before livectl: left there' : 'taken out of the 视频号 showcase',
    });
  }
  for (const x of run.resources('store-product/')) {
    if (x.remoteId && x.attributes.external)
      out.push({
        address: x.address,
        action: 'leave',
        remoteId: x.remoteId,
        reason: 'an existing product the campaign named: left as it is',
      });
    else if (x.remoteId)
      out.push({
        address: x.address,
        action: 'delete',
        remoteId: x.remoteId,
        reason: `delisted (the store keeps it, off sale)${x.auditStatus === 'pending' ? '; its audit is withdrawn first' : ''}`,
      });
    else out.push({ address: x.address, action: 'forget', reason: 'never confirmed in the 微信小店' });
  }
  for (const x of run.resources('store-coupon/')) {
    if (x.remoteId && x.attributes.external)
      out.push({
        address: x.address,
        action: 'leave',
        remoteId: x.remoteId,
        reason: 'an existing coupon the campaign named: left as it is',
      });
    else if (x.remoteId)
      out.push({ address: x.address, action: 'delete', remoteId: x.remoteId, reason: 'voided (status 4)' });
    else out.push({ address: x.address, action: 'forget', reason: 'never confirmed in the 微信小店' });
  }
  for (const x of run.resources('store-image/'))
    out.push({ address: x.address, action: 'forget', reason: 'local record (store images stay)' });
  const live = run.resource('channels-live');
  if (live) out.push({ address: live.address, action: 'forget', reason: 'local record' });
  out.push(...(await lostCreates(run, s)));
  return out;
}

/** Creates whose answer was lost: what they made is this campaign's (found by out_product_id or notes). */
async function lostCreates(run: ApplyRun, s: StepContext): Promise<DestroyTarget[]> {
  const out: DestroyTarget[] = [];
  const pendings = (await run.store.pendingCreates(run.name)).filter(
    (p) => (p.kind === 'store-product' || p.kind === 'store-coupon') && !run.resource(p.address)?.remoteId,
  );
  const tracked = new Set(
    [...run.snapshot.resources.values()].flatMap((r) => (r.remoteId ? [r.remoteId] : [])),
  );
  for (const p of pendings) {
    const id = p.address.slice(p.address.indexOf('/') + 1);
    const listed =
      p.kind === 'store-product'
        ? await listedByOutId(s, outProductId(run.name, id))
        : await listedByNotesOf(s, couponNotes(run.name, id));
    const found = await findEarlierAttempt(run, p.address, listed, tracked);
    if (found.found === 'one')
      out.push({
        address: p.address,
        action: 'delete',
        remoteId: found.id,
        reason: 'made by a create of this campaign whose answer was lost',
        pendingSince: p.startedAt,
      });
    else if (found.found === 'several')
      out.push({
        address: p.address,
        action: 'leave',
        remoteId: found.ids.join(', '),
        reason: 'several objects look like what a lost create of this campaign made; none is touched',
      });
    else
      out.push({
        address: p.address,
        action: 'forget',
        reason: 'a create whose answer was lost made nothing',
      });
  }
  return out;
}

/** Carries out the Channels deletes in order: showcase, products, coupons. */
export async function destroyChannels(
  run: ApplyRun,
  s: StepContext,
  deletes: readonly DestroyTarget[],
  step: (t: DestroyTarget, work: () => Promise<StepOutcome<{ message: string }>>) => Promise<void>,
): Promise<void> {
  for (const t of deletes.filter((x) => x.pendingSince && x.remoteId)) {
    const kind = t.address.startsWith('store-product/') ? 'store-product' : 'store-coupon';
    await run.put({
      address: t.address,
      kind,
      remoteId: t.remoteId!,
      attributes: { origin: 'adopted', adopted: true, pendingSince: t.pendingSince },
    });
    await run.dropPendingCreate(t.address);
  }
  for (const prefix of ['showcase/', 'store-product/', 'store-coupon/'] as const) {
    for (const t of deletes.filter((x) => x.address.startsWith(prefix))) {
      await step(t, async () => {
        if (prefix === 'showcase/') return takeOutOfShowcase(s, t.address);
        if (prefix === 'store-product/') {
          const showcase = `showcase/${t.address.slice(prefix.length)}`;
          if (run.resource(showcase)) await takeOutOfShowcase(s, showcase);
          return delistStoreProduct(s, t.address);
        }
        const end = await voidStoreCoupon(s, t.address);
        return end.kind === 'done' ? done(end.value) : end;
      });
    }
  }
}
