import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';
import { done, notYet } from '../outcome.js';
import { specHash } from '../plan/desired.js';
import type { AuditStatus, ResourceRecord } from '../state/types.js';
import { EDIT_STATUS, PRODUCT_STATUS, type StoreProductView } from '../wechat/index.js';
import { type PlannedProduct, plannedProduct, productBody } from './channels-spec.js';
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
import { addressId, isApiError, productOf, type StepContext, type StepEnd } from './steps.js';

/**
 * The 微信小店 side of products (channels-live-store.md §3–4): `store-image/<sha256>` uploads a head
 * image (its permanent URL is what products accept), `store-product/<id>` adds the product (draft),
 * submits it (listing: audit, then listed once approved) and tracks the audit like goods, and
 * `showcase/<id>` puts the listed product in the 视频号 showcase. product/add has no idempotency key:
 * a pending create is recorded first and, after a lost answer, only a product whose out_product_id is
 * this campaign's and that appeared after the attempt is adopted (pending-create.ts).
 */

const MAX_CREATE_ATTEMPTS = 3;
/** The store's audit submissions are used up (提审次数超过限制). */
export const AUDIT_QUOTA_ERRCODE = 1002001;
/** The 小店 is not bound to this 视频号 (合作账号). */
export const NOT_BOUND_ERRCODE = 10022008;

/** store-image/<sha256>: upload the image, record its URL (permanent: uploaded once). */
export async function uploadStoreImage(s: StepContext, address: string): Promise<StepEnd> {
  const sha = addressId(address);
  const rec = s.run.resource(address);
  if (rec?.remoteId) return done({ message: 'already uploaded', remoteId: rec.remoteId, quiet: true });
  const file = s.media.pathOf(sha);
  if (!file) throw new Error(`no campaign image has sha256 ${sha}`);
  const bytes = await (s.run.opts.readFile ?? readFile)(file);
  const { imgUrl } = await s.run.channels.store.uploadImage({ bytes, filename: path.basename(file) });
  await s.run.put({
    address,
    kind: 'store-image',
    remoteId: imgUrl,
    hash: sha,
    attributes: { file: path.basename(file), uploadedAt: s.run.now().toISOString() },
  });
  return done({ message: `uploaded ${path.basename(file)}`, remoteId: imgUrl });
}

function auditOf(v: Pick<StoreProductView, 'editStatus' | 'status'>): AuditStatus {
  if (v.editStatus === EDIT_STATUS.inAudit) return 'pending';
  if (v.editStatus === EDIT_STATUS.rejected) return 'rejected';
  if (v.editStatus === EDIT_STATUS.approved || v.status === PRODUCT_STATUS.listed) return 'approved';
  return 'unaudited';
}

const rejectReason = (v: StoreProductView) =>
  v.draft?.auditInfo?.rejectReason ?? v.online?.auditInfo?.rejectReason;

/** The audit's rejection reason as an attribute (the plan shows it), or none. */
function reasonOf(v: StoreProductView): Record<string, unknown> {
  const r = v.editStatus === EDIT_STATUS.rejected ? rejectReason(v) : undefined;
  return r ? { reason: r } : {};
}

/** China time `yyyy-MM-dd HH:mm:ss` (product create_time) as an instant. */
function chinaTime(s: string | undefined): Date | undefined {
  if (!s) return undefined;
  const d = new Date(`${s.replace(' ', 'T')}+08:00`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function wantOf(s: StepContext, id: string): PlannedProduct {
  const p = productOf(s.run, id);
  if (!p) throw new Error(`the campaign has no product "${id}"`);
  return plannedProduct(s.run.opts.campaign, p, s.run.opts.assets);
}

function urlOf(s: StepContext, id: string) {
  return (sha: string): string => {
    const url = s.run.resource(`store-image/${sha}`)?.remoteId;
    if (!url) throw new Error(`product ${id}: image ${sha.slice(0, 12)} is not uploaded to the store yet`);
    return url;
  };
}

async function saveProduct(
  s: StepContext,
  address: string,
  productId: string,
  v: Pick<StoreProductView, 'editStatus' | 'status'>,
  extra: { want?: PlannedProduct; attributes?: Record<string, unknown> } = {},
): Promise<ResourceRecord> {
  const prev = s.run.resource(address);
  const keep = prev?.remoteId === productId ? prev : undefined;
  const hash = extra.want ? specHash(extra.want) : keep?.hash;
  return s.run.put({
    address,
    kind: 'store-product',
    remoteId: productId,
    ...(hash ? { hash } : {}),
    ...(extra.want ? { sent: { ...extra.want } } : keep?.sent ? { sent: keep.sent } : {}),
    auditStatus: auditOf(v),
    attributes: {
      ...(keep?.attributes ?? {}),
      ...(hash ? { specHash: hash } : {}),
      editStatus: v.editStatus,
      status: v.status,
      checkedAt: s.run.now().toISOString(),
      ...('draft' in v || 'online' in v ? reasonOf(v as StoreProductView) : {}),
      ...extra.attributes,
    },
  });
}

/** Records an audit change in the history (the same audit_events table as goods). */
async function noteAudit(
  s: StepContext,
  address: string,
  before: AuditStatus | undefined,
  v: StoreProductView,
) {
  const now = auditOf(v);
  if (now === before) return;
  const reason = now === 'rejected' ? rejectReason(v) : undefined;
  await s.run.audit({ address, at: s.run.now().toISOString(), status: now, ...(reason ? { reason } : {}) });
}

/** The store's products whose out_product_id is this one (drafts included), with their create time. */
export async function listedByOutId(s: StepContext, outId: string): Promise<ListedObject[]> {
  return (await s.run.channels.store.findProductsByOutId(outId)).map((v) => {
    const createdAt = chinaTime((v.draft ?? v.online)?.createTime);
    return {
      id: v.productId,
      fingerprint: fingerprintOf({ outProductId: outId }),
      ...(createdAt ? { createdAt } : {}),
    };
  });
}

/** Adopts the product an earlier attempt of this campaign added (its answer lost), if there is one. */
async function adoptProduct(
  s: StepContext,
  address: string,
  want: PlannedProduct,
): Promise<{ adopted?: StepEnd; note: string }> {
  if (!(await s.run.pendingCreate(address))) return { note: '' };
  const outId = want.outProductId!;
  // Never what this campaign's other addresses or another campaign of the store track.
  const tracked = new Set([
    ...s.run.resources('store-product/').flatMap((r) => (r.remoteId ? [r.remoteId] : [])),
    ...(await trackedByOtherCampaigns(s, 'store-product')),
  ]);
  const earlier = await findEarlierAttempt(s.run, address, await listedByOutId(s, outId), tracked);
  if (earlier.found === 'several') return { note: severalNote('products', earlier.ids) };
  if (earlier.found !== 'one') return { note: '' };
  const v = await s.run.channels.store.getProduct(earlier.id);
  await saveProduct(s, address, earlier.id, v, {
    want,
    attributes: { ...adoptedFrom(earlier.pending), outProductId: outId },
  });
  await s.run.store.dropPendingCreate(s.run.name, address);
  const submitted = await submit(s, address, earlier.id);
  return {
    adopted: done({
      message: `found the product an earlier attempt of this campaign added (product ${earlier.id}) and adopted it; ${submitted}`,
      remoteId: earlier.id,
      adopted: true,
    }),
    note: '',
  };
}

/**
 * Submits the draft for audit (listing) unless it is in audit or approved already. The audit quota
 * used up is not a failure: the product waits for the next apply.
 */
async function submit(s: StepContext, address: string, productId: string, changed = false): Promise<string> {
  const store = s.run.channels.store;
  const v = await store.getProduct(productId);
  // A changed draft is always submitted (listing copies it online once approved), unless in audit.
  if (v.editStatus === EDIT_STATUS.inAudit || (!changed && auditOf(v) === 'approved')) {
    await saveProduct(s, address, productId, v);
    return auditOf(v) === 'pending' ? 'in audit' : 'approved';
  }
  try {
    await store.listing(productId);
  } catch (err) {
    if (isApiError(err, AUDIT_QUOTA_ERRCODE)) {
      await saveProduct(s, address, productId, { editStatus: EDIT_STATUS.quotaExceeded, status: v.status });
      return "not submitted: the store's audit quota is used up (apply again later)";
    }
    throw err;
  }
  const after = await store.getProduct(productId);
  const before = s.run.resource(address)?.auditStatus;
  await saveProduct(s, address, productId, after, { attributes: { submittedAt: s.run.now().toISOString() } });
  await noteAudit(s, address, before, after);
  return auditOf(after) === 'approved' ? 'approved and listed' : 'submitted for audit';
}

/** store-product/<id> create (or check an existing product named by `productId`). */
export async function createStoreProduct(s: StepContext, address: string): Promise<StepEnd> {
  const id = addressId(address);
  const p = productOf(s.run, id);
  if (!p) throw new Error(`the campaign has no product "${id}"`);
  const existing = p.channels?.productId;
  if (existing !== undefined) return checkExternal(s, address, existing);
  if (s.run.resource(address)?.remoteId) return updateStoreProduct(s, address);
  const want = wantOf(s, id);
  const first = await adoptProduct(s, address, want);
  if (first.adopted) return first.adopted;
  const spec = productBody(want, id, urlOf(s, id));
  const store = s.run.channels.store;
  for (let attempt = 1; ; attempt++) {
    // The listing before the call is not read: the out_product_id names this campaign and product,
    // and the store's create_time tells an older product of the same name from this attempt's.
    await beginCreate(s.run, {
      address,
      kind: 'store-product',
      fingerprint: fingerprintOf({ outProductId: want.outProductId }),
      listed: [],
      details: { outProductId: want.outProductId, title: want.title },
    });
    let productId: string;
    try {
      productId = (await store.addProduct(spec)).productId;
    } catch (err) {
      if (isApiError(err) && err.maybeApplied && attempt < MAX_CREATE_ATTEMPTS) {
        const found = await adoptProduct(s, address, want);
        if (found.adopted) return found.adopted;
        continue;
      }
      if (!(isApiError(err) && err.maybeApplied)) await s.run.dropPendingCreate(address);
      throw located(err, s, id);
    }
    await saveProduct(
      s,
      address,
      productId,
      { editStatus: 1, status: 0 },
      {
        want,
        attributes: { ...createdHere(), outProductId: want.outProductId },
      },
    );
    await s.run.dropPendingCreate(address);
    const submitted = await submit(s, address, productId);
    return done({ message: `added (product ${productId}), ${submitted}${first.note}`, remoteId: productId });
  }
}

/** An existing store product named by the campaign: checked and recorded as not ours (never delisted). */
async function checkExternal(s: StepContext, address: string, productId: string): Promise<StepEnd> {
  let v: StoreProductView;
  try {
    v = await s.run.channels.store.getProduct(productId);
  } catch (err) {
    if (isApiError(err, 10020052)) {
      const i = s.run.opts.campaign.products.findIndex((x) => x.id === addressId(address));
      throw new UserError(
        `products[${i}].channels.productId ${productId} is not a product of this 微信小店`,
        {
          hint: 'Copy the product id from 微信小店后台 → 商品 → 商品管理, or remove productId to let livectl create it.',
        },
      );
    }
    throw err;
  }
  await saveProduct(s, address, productId, v, { attributes: { external: true } });
  const listed = v.status === PRODUCT_STATUS.listed;
  return done({
    message: `existing product ${productId} checked (${listed ? 'listed' : `status ${v.status}`}); destroy leaves it alone`,
    remoteId: productId,
  });
}

/** The store's refusal of a product, said with the product it is about. */
function located(err: unknown, s: StepContext, id: string): unknown {
  if (!(isApiError(err) && err.kind === 'platform')) return err;
  const code = err.errcode ?? 0;
  const store = code >= 10020000 && code < 10030000;
  if (!store && err.hintKind !== 'input') return err;
  const i = s.run.opts.campaign.products.findIndex((x) => x.id === id);
  return new UserError(
    `products[${i}] (${id}): the 微信小店 refused the product: ${err.errmsg} (errcode ${err.errcode})`,
    {
      ...(err.hint ? { hint: err.hint } : {}),
    },
  );
}

/**
 * store-product/<id> while it waits (in audit) or to bring it to the campaign's spec: the audit is
 * read and recorded; a rejected product fails with the store's reason; a changed spec is sent
 * (updateProduct) and submitted again (listing) once no audit is in progress.
 */
export async function updateStoreProduct(s: StepContext, address: string): Promise<StepEnd> {
  const id = addressId(address);
  const p = productOf(s.run, id);
  const rec = s.run.resource(address);
  if (!p || !rec?.remoteId) return createStoreProduct(s, address);
  if (p.channels?.productId !== undefined) return checkExternal(s, address, p.channels.productId);
  const store = s.run.channels.store;
  const productId = rec.remoteId;
  let v: StoreProductView;
  try {
    v = await store.getProduct(productId);
  } catch (err) {
    if (!isApiError(err, 10020052)) throw err;
    // Deleted in the store by hand: add it again.
    await s.run.remove(address);
    return createStoreProduct(s, address);
  }
  await noteAudit(s, address, rec.auditStatus, v);
  await saveProduct(s, address, productId, v);
  const want = wantOf(s, id);
  const changed = specHash(want) !== rec.hash;
  if (v.editStatus === EDIT_STATUS.inAudit) {
    return notYet(
      `in audit${changed ? ' (the changes are sent once it ends)' : ''}: apply again later`,
      'audit',
    );
  }
  if (!changed) {
    if (auditOf(v) === 'rejected') {
      const i = s.run.opts.campaign.products.findIndex((x) => x.id === id);
      throw new UserError(
        `products[${i}] (${id}): the 微信小店 audit rejected product ${productId}: ${rejectReason(v) ?? 'no reason given'}`,
        {
          hint: 'Fix what the reason names (title, images, category, attributes) in the campaign file and apply again: livectl sends the change and submits it again. 微信小店后台 → 商品 shows the details.',
        },
      );
    }
    // A draft not submitted yet: never listed, edited (1), or refused by the quota last time (72).
    const unsent =
      v.editStatus === EDIT_STATUS.quotaExceeded ||
      rec.attributes.editStatus === EDIT_STATUS.quotaExceeded ||
      v.editStatus === 1;
    if (unsent || auditOf(v) === 'unaudited') {
      const r = await submit(s, address, productId, unsent);
      return r.startsWith('not submitted') ? notYet(r, 'date') : done({ message: r, remoteId: productId });
    }
    return done({
      message: v.status === PRODUCT_STATUS.listed ? 'approved and listed' : `approved (status ${v.status})`,
      remoteId: productId,
    });
  }
  try {
    await store.updateProduct(productId, productBody(want, id, urlOf(s, id)));
  } catch (err) {
    throw located(err, s, id);
  }
  await saveProduct(s, address, productId, v, { want });
  const submitted = await submit(s, address, productId, true);
  if (submitted.startsWith('not submitted')) return notYet(`updated; ${submitted}`, 'date');
  return done({ message: `updated, ${submitted}`, remoteId: productId });
}

/** store-product/<id> delete: delisted when this campaign made it (an audit in progress is withdrawn first). */
export async function delistStoreProduct(s: StepContext, address: string): Promise<StepEnd> {
  const rec = s.run.resource(address);
  if (!rec?.remoteId || rec.attributes.external) {
    if (rec) await s.run.remove(address);
    return done({
      message: rec?.remoteId
        ? `forgotten (product ${rec.remoteId} was not created by livectl: left as it is)`
        : 'forgotten',
    });
  }
  const store = s.run.channels.store;
  const productId = rec.remoteId;
  try {
    await store.delisting(productId);
  } catch (err) {
    if (isApiError(err, 10020047, 10020049)) {
      await store.cancelAudit(productId);
      try {
        await store.delisting(productId);
      } catch (e) {
        if (!isApiError(e, 10020065)) throw e;
      }
    } else if (!isApiError(err, 10020065, 10020052)) throw err;
  }
  await s.run.remove(address);
  return done({
    message: `delisted (product ${productId}; the store keeps it, off sale)`,
    remoteId: productId,
  });
}

/** showcase/<id>: the product in the 视频号 showcase once it is listed. */
export async function addToShowcase(s: StepContext, address: string): Promise<StepEnd> {
  const id = addressId(address);
  const rec = s.run.resource(address);
  if (rec?.remoteId) return done({ message: 'in the showcase', remoteId: rec.remoteId, quiet: true });
  const prod = s.run.resource(`store-product/${id}`);
  if (!prod?.remoteId) return notYet('the store product does not exist yet', 'dependency');
  const listed = prod.attributes.status === PRODUCT_STATUS.listed || prod.auditStatus === 'approved';
  if (!listed)
    return notYet(`waiting on the store's audit (${prod.auditStatus ?? 'not submitted'})`, 'audit');
  const appid = s.run.opts.campaign.accounts.channels!.shopAppId;
  const finder = s.run.channels.finder;
  let already = false;
  try {
    already = (await finder.getWindowProduct({ productId: prod.remoteId, appid })).status === 1;
  } catch (err) {
    if (!isApiError(err, 10022003)) throw notBound(err);
  }
  if (!already) {
    try {
      await finder.addWindowProduct({ productId: prod.remoteId, appid });
    } catch (err) {
      throw notBound(err);
    }
  }
  await s.run.put({
    address,
    kind: 'showcase',
    remoteId: prod.remoteId,
    attributes: { appid, addedAt: s.run.now().toISOString(), ...(already ? { preexisting: true } : {}) },
  });
  return done({
    message: already ? 'already in the showcase (left there by destroy)' : 'put in the 视频号 showcase',
    remoteId: prod.remoteId,
  });
}

function notBound(err: unknown): unknown {
  if (!isApiError(err, NOT_BOUND_ERRCODE)) return err;
  return new UserError(
    `the 微信小店 is not bound to this 视频号 (errcode ${NOT_BOUND_ERRCODE}): the showcase takes only products of a bound store`,
    {
      hint: 'Bind them in 视频号助手 → 带货中心 → 合作账号 (or 微信小店后台 → 合作账号 → 视频号): a person scans the invitation code. Then apply again.',
    },
  );
}

/** showcase/<id> delete: taken out unless it was there before livectl. */
export async function takeOutOfShowcase(s: StepContext, address: string): Promise<StepEnd> {
  const rec = s.run.resource(address);
  if (rec?.remoteId && !rec.attributes.preexisting) {
    const appid = String(rec.attributes.appid ?? s.run.opts.campaign.accounts.channels?.shopAppId ?? '');
    try {
      await s.run.channels.finder.offWindowProduct({ productId: rec.remoteId, appid });
    } catch (err) {
      if (!isApiError(err, 10022003)) throw err;
    }
  }
  if (rec) await s.run.remove(address);
  return done({
    message: rec?.attributes.preexisting
      ? 'forgotten (it was in the showcase before livectl)'
      : 'taken out of the showcase',
  });
}
