import { done, notYet } from '../outcome.js';
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
  adoptedFrom,
  beginCreate,
  createdHere,
  findEarlierAttempt,
  fingerprintOf,
  type ListedObject,
  severalNote,
} from './pending-create.js';
import {
  addressId,
  auditStatusOf,
  isApiError,
  productOf,
  type StepContext,
  type StepEnd,
  type StepResult,
} from './steps.js';

/**
 * Goods in the live library (reference §5). Add submits for audit (500 a day), and neither the
 * goodsId nor the auditId can be recovered later, so both are saved the moment the call returns.
 * Add is not idempotent: every add records a pending create first, and a later attempt adopts only
 * the goods that attempt added (pending-create.ts).
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

/**
 * Goods' identity as getapproved lists them: what picks out the goods an add made. The listing gives
 * no create time, so "appeared after the attempt" is decided by the ids listed before it (see
 * pending-create.ts).
 */
function goodsIdentity(g: { name: string; url: string }) {
  return fingerprintOf({ name: g.name, url: g.url });
}

export const listedGoods = (library: readonly ApprovedGoods[]): ListedObject[] =>
  library.map((g) => ({ id: String(g.goodsId), fingerprint: goodsIdentity(g) }));

type Look = { adopted: StepResult } | { adopted?: undefined; note: string };

/** Adopts the goods an earlier attempt of this campaign added (its answer lost), if there are any. */
async function adoptGoods(s: StepContext, address: string, spec: GoodsSpec): Promise<Look> {
  const library = await s.lookup.library();
  const earlier = await findEarlierAttempt(
    s.run,
    address,
    listedGoods(library),
    new Set([...trackedGoodsIds(s), ...(await trackedByOtherCampaigns(s, 'goods'))]),
  );
  if (earlier.found === 'several') return { note: severalNote('goods', earlier.ids) };
  if (earlier.found !== 'one') return { note: '' };
  const hit = library.find((g) => String(g.goodsId) === earlier.id)!;
  const goodsId = earlier.id;
  const status = auditStatusOf(hit.status);
  const onPlatform = remoteSpec(hit, spec);
  await saveGoods(s, address, goodsId, onPlatform, status, {
    ...adoptedFrom(earlier.pending),
    submittedAt: earlier.pending.startedAt,
  });
  await s.run.audit({
    address,
    at: s.run.now().toISOString(),
    status,
    reason: 'adopted: added by an earlier attempt whose answer was lost',
  });
  // Goods still in audit take the update on a later apply (updateGoods answers not-yet).
  if (specHash(onPlatform) !== specHash(spec)) await updateGoods(s, address);
  return {
    adopted: {
      message: `found the goods an earlier attempt of this campaign added (goodsId ${goodsId}, ${status}) and adopted them`,
      remoteId: goodsId,
      adopted: true,
    },
  };
}

/**
 * goods/<id> create: adopt what an earlier attempt of this campaign left, else record a pending
 * create and add (submitting for audit), saving both ids at once.
 */
export async function createGoods(s: StepContext, address: string): Promise<StepEnd> {
  const spec = specFor(s, address);
  if (s.run.resource(address)?.remoteId) return updateGoods(s, address);
  const first = await adoptGoods(s, address, spec);
  if (first.adopted) return done(first.adopted);
  const note = first.note;
  let forceMedia = false;
  for (let attempt = 1; ; attempt++) {
    // Only the create call's own lost answer is looked for (a media upload's is not the create's).
    let called = false;
    try {
      const { mediaId } = await s.media.ensure(spec.coverImg, { force: forceMedia });
      await beginCreate(s.run, {
        address,
        kind: 'goods',
        fingerprint: goodsIdentity(spec),
        listed: listedGoods(await s.lookup.library()),
        details: { name: spec.name, url: spec.url },
      });
      let added: Awaited<ReturnType<typeof s.run.mp.goods.add>>;
      called = true;
      try {
        added = await s.run.mp.goods.add(goodsInfo(spec, mediaId));
      } catch (err) {
        // Refused outright: nothing was added, so there is nothing to look for later.
        if (!(isApiError(err) && err.maybeApplied)) await s.run.dropPendingCreate(address);
        throw err;
      }
      const now = s.run.now().toISOString();
      await saveGoods(s, address, added.goodsId, spec, 'pending', {
        ...createdHere(),
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
      return done({
        message: `submitted for audit (goodsId ${added.goodsId})${note}`,
        remoteId: added.goodsId,
      });
    } catch (err) {
      if (isApiError(err, 300006) && !forceMedia) {
        forceMedia = true; // the cover's media id expired early: upload again once
        continue;
      }
      if (called && isApiError(err) && err.maybeApplied && attempt < MAX_CREATE_ATTEMPTS) {
        // The add may have happened although we never heard back: look for what this attempt added
        // before repeating it.
        s.lookup.invalidate();
        const found = await adoptGoods(s, address, spec);
        if (found.adopted) return done(found.adopted);
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
export async function updateGoods(s: StepContext, address: string): Promise<StepEnd> {
  const rec = s.run.resource(address);
  if (!rec?.remoteId) return createGoods(s, address);
  const spec = specFor(s, address);
  const before = (rec.sent ?? {}) as Partial<GoodsSpec>;
  const changed = changedFields(before, spec);
  if (changed.length === 0) return done({ message: 'already as desired', remoteId: rec.remoteId });
  const status = rec.auditStatus ?? 'pending';
  if (status === 'pending') {
    return notYet(
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
      return done({
        message: `price updated (${describePrice(before)} → ${describePrice(spec)})`,
        remoteId: goodsId,
      });
    }
    if (status === 'approved') {
      // Approved goods take only price changes: replace them (a new audit).
      const gone = await deleteGoods(s, address);
      if (gone.kind !== 'done') return gone;
      const r = await createGoods(s, address);
      if (r.kind !== 'done') return r;
      return done({
        ...r.value,
        message: `replaced (${changed.join(', ')} changed; approved goods take only price changes): ${r.value.message}`,
      });
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
    return done({ message: `updated (${changed.join(', ')}) and resubmitted for audit`, remoteId: goodsId });
  } catch (err) {
    if (isApiError(err, 300015, 300011)) {
      // Gone from the platform (deleted by hand, or a replace that crashed halfway): add it again.
      await forgetGoods(s, address);
      return createGoods(s, address);
    }
    if (isApiError(err, 300010)) {
      return notYet('in audit on the platform: WeChat accepts no changes until the audit ends', 'audit');
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
export async function deleteGoods(s: StepContext, address: string): Promise<StepEnd> {
  const rec = s.run.resource(address);
  if (!rec?.remoteId) {
    await forgetGoods(s, address);
    return done({ message: 'nothing on the platform' });
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
        return notYet(
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
  return done({ message: `deleted (goodsId ${goodsId})`, remoteId: goodsId });
}
