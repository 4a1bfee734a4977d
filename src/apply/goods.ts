import {
  canonicalJson,
  desiredGoods,
  GOODS_PRICE_FIELDS,
  type GoodsSpec,
  specHash,
} from '../plan/desired.js';
import type { ResourceRecord } from '../state/types.js';
import type { ApprovedGoods, GoodsInfo, AuditStatus as WireAudit } from '../wechat/index.js';
import { trackedByOtherCampaigns } from './other-campaigns.js';
import {
  addressId,
  auditStatusOf,
  isApiError,
  NotYet,
  productOf,
  type StepContext,
  type StepResult,
} from './steps.js';

/**
 * Goods in the live library (reference §5). Add submits for audit (500 a day), and neither the
 * goodsId nor the auditId can be recovered later, so both are saved the moment the call returns.
 * Add is not idempotent: before adding, apply looks for an earlier attempt (see lookup.ts).
 */

const MAX_CREATE_ATTEMPTS = 3;

function goodsInfo(spec: GoodsSpec, coverMediaId: string): GoodsInfo {
  return {
    coverImgUrl: coverMediaId,
    name: spec.name,
    priceType: spec.priceType,
    price: spec.price,
    ...(spec.priceType === 1 ? {} : { price2: spec.price2 }),
    url: spec.url,
  };
}

function specFor(s: StepContext, address: string): GoodsSpec {
  const id = addressId(address);
  const product = productOf(s.run, id);
  if (!product) throw new Error(`the campaign has no product "${id}" (address ${address})`);
  return desiredGoods(product, s.run.opts.assets);
}

/** Remote ids of goods this campaign already tracks: never adopt one of them for another address. */
function trackedGoodsIds(s: StepContext): Set<string> {
  return new Set(s.run.resources('goods/').flatMap((r) => (r.remoteId ? [r.remoteId] : [])));
}

async function saveGoods(
  s: StepContext,
  address: string,
  goodsId: string,
  sent: GoodsSpec,
  status: ResourceRecord['auditStatus'],
  attributes: Record<string, unknown>,
): Promise<ResourceRecord> {
  const prev = s.run.resource(address);
  return s.run.put({
    address,
    kind: 'goods',
    remoteId: goodsId,
    hash: specHash(sent),
    sent: { ...sent },
    ...(status ? { auditStatus: status } : {}),
    attributes: { ...(prev?.remoteId === goodsId ? prev.attributes : {}), ...attributes },
  });
}

/** The spec as the platform holds it for adopted goods (the cover cannot be compared: assume ours). */
function remoteSpec(g: ApprovedGoods, ours: GoodsSpec): GoodsSpec {
  const priceType = Number(g.priceType) as GoodsSpec['priceType'];
  return {
    name: g.name,
    priceType,
    price: Number(g.price),
    ...(priceType === 1 ? {} : { price2: Number(g.price2) }),
    url: g.url,
    coverImg: ours.coverImg,
  };
}

async function adoptGoods(s: StepContext, address: string, spec: GoodsSpec): Promise<StepResult | undefined> {
  const hit = await s.lookup.findGoods(
    spec,
    new Set([...trackedGoodsIds(s), ...(await trackedByOtherCampaigns(s, 'goods'))]),
  );
  if (!hit) return undefined;
  const goodsId = String(hit.goodsId);
  const status = auditStatusOf(hit.status);
  const onPlatform = remoteSpec(hit, spec);
  await saveGoods(s, address, goodsId, onPlatform, status, {
    adopted: true,
    submittedAt: s.run.now().toISOString(),
  });
  await s.run.audit({ address, at: s.run.now().toISOString(), status, reason: 'adopted an earlier attempt' });
  if (specHash(onPlatform) !== specHash(spec)) {
    try {
      await updateGoods(s, address);
    } catch (err) {
      if (!(err instanceof NotYet)) throw err;
    }
  }
  return {
    message: `found an earlier attempt on the platform (goodsId ${goodsId}, ${status}) and adopted it`,
    remoteId: goodsId,
    adopted: true,
  };
}

/** goods/<id> create: look first, then add (submitting for audit) and save both ids at once. */
export async function createGoods(s: StepContext, address: string): Promise<StepResult> {
  const spec = specFor(s, address);
  if (s.run.resource(address)?.remoteId) return updateGoods(s, address);
  const adopted = await adoptGoods(s, address, spec);
  if (adopted) return adopted;
  let forceMedia = false;
  for (let attempt = 1; ; attempt++) {
    try {
      const { mediaId } = await s.media.ensure(spec.coverImg, { force: forceMedia });
      const added = await s.run.mp.goods.add(goodsInfo(spec, mediaId));
      const now = s.run.now().toISOString();
      await saveGoods(s, address, added.goodsId, spec, 'pending', {
        auditId: added.auditId,
        submittedAt: now,
      });
      await s.run.audit({ address, at: now, status: 'pending' });
      s.lookup.noteGoods({
        goodsId: added.goodsId,
        name: spec.name,
        url: spec.url,
        coverImgUrl: '',
        price: spec.price,
        priceType: spec.priceType,
        status: 1 as WireAudit,
      });
      return { message: `submitted for audit (goodsId ${added.goodsId})`, remoteId: added.goodsId };
    } catch (err) {
      if (isApiError(err, 300006) && !forceMedia) {
        forceMedia = true; // the cover's media id expired early: upload again once
        continue;
      }
      if (isApiError(err) && err.maybeApplied && attempt < MAX_CREATE_ATTEMPTS) {
        // The add may have happened although we never heard back: look again before repeating it.
        s.lookup.invalidate();
        const found = await adoptGoods(s, address, spec);
        if (found) return found;
        continue;
      }
      if (isApiError(err) && err.kind === 'platform' && err.hintKind === 'input') {
        // getapproved never says why goods were refused; the add-time answer is the only reason we get.
        await s.run.audit({
          address,
          at: s.run.now().toISOString(),
          status: 'rejected',
          reason: `add refused: ${err.errmsg} (errcode ${err.errcode})`,
        });
      }
      throw err;
    }
  }
}

const changedFields = (before: Partial<GoodsSpec>, after: GoodsSpec): (keyof GoodsSpec)[] =>
  (Object.keys({ ...before, ...after }) as (keyof GoodsSpec)[]).filter(
    (k) => canonicalJson(before[k]) !== canonicalJson(after[k]),
  );

/**
 * goods/<id> update. The platform's rules (reference §5): goods in audit cannot change (wait);
 * approved goods may change only the price; anything else on approved goods means delete and add
 * again (a new audit); unaudited or rejected goods may change every field and are resubmitted.
 */
export async function updateGoods(s: StepContext, address: string): Promise<StepResult> {
  const rec = s.run.resource(address);
  if (!rec?.remoteId) return createGoods(s, address);
  const spec = specFor(s, address);
  const before = (rec.sent ?? {}) as Partial<GoodsSpec>;
  const changed = changedFields(before, spec);
  if (changed.length === 0) return { message: 'already as desired', remoteId: rec.remoteId };
  const status = rec.auditStatus ?? 'pending';
  if (status === 'pending') {
    throw new NotYet(
      `in audit: WeChat accepts no changes (${changed.join(', ')}) until the audit ends; apply again afterwards`,
      'audit',
    );
  }
  const goodsId = rec.remoteId;
  const priceOnly = changed.every((k) => (GOODS_PRICE_FIELDS as readonly string[]).includes(k));
  try {
    if (priceOnly && status === 'approved') {
      await s.run.mp.goods.update(goodsId, {
        priceType: spec.priceType,
        price: spec.price,
        ...(spec.priceType === 1 ? {} : { price2: spec.price2 }),
      });
      await saveGoods(s, address, goodsId, spec, status, {});
      return {
        message: `price updated (${describePrice(before)} → ${describePrice(spec)})`,
        remoteId: goodsId,
      };
    }
    if (status === 'approved') {
      // Approved goods take only price changes: replace them (a new audit).
      await deleteGoods(s, address);
      const r = await createGoods(s, address);
      return {
        ...r,
        message: `replaced (${changed.join(', ')} changed; approved goods take only price changes): ${r.message}`,
      };
    }
    const info: Partial<GoodsInfo> = {};
    for (const k of changed) {
      if (k === 'coverImg') info.coverImgUrl = (await s.media.ensure(spec.coverImg)).mediaId;
      else (info as Record<string, unknown>)[k] = spec[k];
    }
    if (changed.some((k) => k === 'priceType' || k === 'price' || k === 'price2')) {
      Object.assign(info, { priceType: spec.priceType, price: spec.price });
      if (spec.priceType !== 1) info.price2 = spec.price2;
    }
    await s.run.mp.goods.update(goodsId, info);
    await saveGoods(s, address, goodsId, spec, status, {});
    // Changed goods go back to audit (the add was refused or never submitted).
    const { auditId } = await s.run.mp.goods.audit(goodsId);
    const now = s.run.now().toISOString();
    await saveGoods(s, address, goodsId, spec, 'pending', { auditId, submittedAt: now });
    await s.run.audit({
      address,
      at: now,
      status: 'pending',
      reason: `resubmitted after ${changed.join(', ')} changed`,
    });
    return { message: `updated (${changed.join(', ')}) and resubmitted for audit`, remoteId: goodsId };
  } catch (err) {
    if (isApiError(err, 300015, 300011)) {
      // Gone from the platform (deleted by hand, or a replace that crashed halfway): add it again.
      await forgetGoods(s, address);
      return createGoods(s, address);
    }
    if (isApiError(err, 300010)) {
      throw new NotYet('in audit on the platform: WeChat accepts no changes until the audit ends', 'audit');
    }
    throw err;
  }
}

function describePrice(p: Partial<GoodsSpec>): string {
  if (p.priceType === 2) return `${p.price}–${p.price2}`;
  if (p.priceType === 3) return `${p.price}→${p.price2}`;
  return String(p.price);
}

async function forgetGoods(s: StepContext, address: string): Promise<void> {
  const roomGoods = `room-goods/${addressId(address)}`;
  if (s.run.resource(roomGoods)) await s.run.remove(roomGoods);
  if (s.run.resource(address)) await s.run.remove(address);
}

/**
 * goods/<id> delete (also removes it from the room, permanently). Goods in audit cannot be deleted
 * (300014): the audit is withdrawn first when we know its auditId.
 */
export async function deleteGoods(s: StepContext, address: string): Promise<StepResult> {
  const rec = s.run.resource(address);
  if (!rec?.remoteId) {
    await forgetGoods(s, address);
    return { message: 'nothing on the platform' };
  }
  const goodsId = rec.remoteId;
  try {
    await s.run.mp.goods.delete(goodsId);
  } catch (err) {
    if (isApiError(err, 300015)) {
      // already gone
    } else if (isApiError(err, 300014)) {
      const auditId = rec.attributes.auditId;
      if (typeof auditId !== 'string' || auditId === '') {
        throw new NotYet(
          `goods ${goodsId} is in audit and its auditId is unknown, so the audit cannot be withdrawn; delete it after the audit ends`,
          'audit',
        );
      }
      await s.run.mp.goods.resetAudit(goodsId, auditId);
      await s.run.put({ ...rec, auditStatus: 'unaudited' });
      await s.run.mp.goods.delete(goodsId);
    } else throw err;
  }
  s.lookup.forgetGoods(goodsId);
  await forgetGoods(s, address);
  return { message: `deleted (goodsId ${goodsId})`, remoteId: goodsId };
}
