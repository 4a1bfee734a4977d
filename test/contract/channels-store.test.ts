import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retryDecision } from '../../src/wechat/index.js';
import {
  apiError,
  type ChannelsContract,
  headImages,
  type Json,
  png,
  productSpec,
  SHOP,
  startChannels,
} from './channels-harness.js';

let c: ChannelsContract;
beforeEach(async () => {
  c = await startChannels();
});
afterEach(async () => {
  await c.close();
});

const MINUTE = 60_000;

describe('store images', () => {
  it('uploads to /channels/ec/basics/img/upload and gets a permanent mmecimage.cn link', async () => {
    const { imgUrl } = await c.clients.store.uploadImage({
      bytes: png(800, 600),
      filename: 'a.png',
      width: 800,
      height: 600,
    });
    expect(imgUrl).toMatch(new RegExp(`^https://mmecimage\\.cn/p/${SHOP}/[0-9a-f]+$`));
    const [req] = (await c.requests()).filter((r) => r.path === '/channels/ec/basics/img/upload');
    expect(req?.query).toMatchObject({ upload_type: '0', resp_type: '1', width: '800', height: '600' });
  });

  it('reads the pixel size from the image when the caller does not give it', async () => {
    await c.clients.store.uploadImage({ bytes: png(640, 480), filename: 'c.png' });
    const [req] = (await c.requests()).filter((r) => r.path === '/channels/ec/basics/img/upload');
    expect(req?.query).toMatchObject({ width: '640', height: '480' });
    await expect(
      c.clients.store.uploadImage({ bytes: Buffer.from('not an image'), filename: 'x.txt' }),
    ).rejects.toThrow(/pixel size of x\.txt/);
  });

  it('is served on /shop/ec/basics/img/upload too', async () => {
    const token = await c.clients.store.tokens.getToken();
    const form = new FormData();
    form.append('media', new Blob([png(400)], { type: 'image/png' }), 'b.png');
    const u = `${c.url}/shop/ec/basics/img/upload?upload_type=0&resp_type=1&width=400&height=400&access_token=${token}`;
    const answer = (await (await fetch(u, { method: 'POST', body: form })).json()) as Json;
    expect(answer.errcode).toBe(0);
    expect(answer.pic_file.img_url).toMatch(/^https:\/\/mmecimage\.cn\/p\//);
  });
});

describe('store products', () => {
  it('adds a draft, audits the listing on the emulator clock, lists, delists and deletes', async () => {
    const store = c.clients.store;
    const imgs = await headImages(c);
    const { productId, createTime } = await store.addProduct(productSpec(imgs));
    expect(productId).toMatch(/^1\d{13}$/);
    expect(createTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const draft = await store.getProduct(productId);
    expect(draft).toMatchObject({ productId, editStatus: 1, status: 0 });
    expect(draft.online).toBeUndefined();
    expect(draft.draft).toMatchObject({
      title: '玫瑰丝绒口红礼盒',
      outProductId: 'lc-goddess-day-lipstick',
      catsV2: ['6033', '6057', '6091'],
      expressTemplateId: '7001',
      skus: [{ salePrice: 12900, marketPrice: 19900, stockNum: 100, skuId: expect.stringMatching(/^\d+$/) }],
    });
    // Never-listed drafts are left out unless asked for by status.
    expect((await store.listProducts()).productIds).toEqual([]);
    expect(await store.listAllProducts(0)).toEqual([productId]);

    await store.listing(productId);
    const inAudit = await store.getProduct(productId);
    expect(inAudit.editStatus).toBe(2);
    expect(inAudit.draft?.auditInfo?.submitTime).toBe(c.now().toISOString());
    for (const call of [
      () => store.updateProduct(productId, productSpec(imgs, { title: '玫瑰丝绒口红新款' })),
      () => store.delisting(productId),
      () => store.deleteProduct(productId),
    ]) {
      const e = await apiError(call());
      expect(e.errcode).toBe(10020049);
      expect(e.hintKind).toBe('wait');
      expect(e.rid).toMatch(/^[0-9a-f-]+$/);
    }

    await c.advance(5 * MINUTE);
    const listed = await store.getProduct(productId);
    expect(listed).toMatchObject({ editStatus: 4, status: 5 });
    expect(listed.online?.title).toBe('玫瑰丝绒口红礼盒');
    expect((await store.listProducts({ status: 5 })).productIds).toEqual([productId]);

    // An update changes only the draft until it is listed again.
    await store.updateProduct(productId, productSpec(imgs, { title: '玫瑰丝绒口红新款礼盒' }));
    const edited = await store.getProduct(productId);
    expect(edited.online?.title).toBe('玫瑰丝绒口红礼盒');
    expect(edited.draft?.title).toBe('玫瑰丝绒口红新款礼盒');

    await store.delisting(productId);
    expect((await store.getProduct(productId)).status).toBe(11);
    expect((await apiError(store.delisting(productId))).errcode).toBe(10020065);
    await store.deleteProduct(productId);
    const gone = await apiError(store.getProduct(productId));
    expect(gone.errcode).toBe(10020052);
  });

  it('refuses what the store refuses, with its codes and hints', async () => {
    const store = c.clients.store;
    const imgs = await headImages(c);
    const cases: [Parameters<typeof productSpec>[1], number][] = [
      [{ title: '' }, 10020020],
      [{ title: '口'.repeat(61) }, 10020021],
      [{ title: '口红 !' }, 10020042],
      [{ title: 'Lipstick 2027' }, 10020045],
      [{ headImgs: imgs.slice(0, 2) }, 10020022],
      [{ headImgs: [...imgs.slice(0, 2), 'https://example.com/a.png'] }, 10020035],
      [{ skus: [] }, 10020013],
      [{ skus: [{ salePrice: 0, marketPrice: 100, stockNum: 1 }] }, 10020039],
      [{ skus: [{ salePrice: 200, marketPrice: 100, stockNum: 1 }] }, 10020040],
      [{ expressTemplateId: undefined }, 10020019],
      [{ catsV2: ['6033', '6057'] }, 10020017],
      [{ catsV2: ['9999', '9998', '9997'] }, 10020017],
    ];
    for (const [overrides, code] of cases) {
      const e = await apiError(store.addProduct(productSpec(imgs, overrides)));
      expect([JSON.stringify(overrides), e.errcode]).toEqual([JSON.stringify(overrides), code]);
      expect(e.hint).not.toMatch(/does not know yet/);
    }
    expect(
      (await apiError(store.addProduct(productSpec(imgs, { headImgs: ['https://x.cn/a.png'] })))).errcode,
    ).toBe(10020022);
    const foreign = await apiError(
      store.addProduct(productSpec([...imgs.slice(0, 2), 'https://mmbiz.qpic.cn/x.png'])),
    );
    expect(foreign.hint).toMatch(/mmecimage\.cn/);
    // No shipping needs no freight template.
    await store.addProduct(productSpec(imgs, { deliverMethod: 1, expressTemplateId: undefined }));
  });

  it('rejects through the admin API, withdraws an audit, and keeps the reason', async () => {
    const store = c.clients.store;
    const imgs = await headImages(c);
    const a = (await store.addProduct(productSpec(imgs))).productId;
    await store.listing(a);
    await c.admin(`channels/products/${a}/reject`, { reason: '主图不清晰' });
    const rejected = await store.getProduct(a);
    expect(rejected.editStatus).toBe(3);
    expect(rejected.draft?.auditInfo?.rejectReason).toBe('主图不清晰');
    expect(rejected.online).toBeUndefined();

    const b = (await store.addProduct(productSpec(imgs, { outProductId: 'lc-b' }))).productId;
    await store.listing(b);
    await store.cancelAudit(b);
    expect((await store.getProduct(b)).editStatus).toBe(1);
    const again = await apiError(store.cancelAudit(b));
    expect(again.errcode).toBe(10020044);
    // The admin cannot reject what is not in audit.
    expect((await c.adminRaw(`channels/products/${b}/reject`, { reason: 'x' })).status).toBe(409);
  });

  it('counts listings against the audit quota: 1002001 and edit_status 72', async () => {
    const store = c.clients.store;
    await c.admin('channels/quota', { shopAppId: SHOP, total: 1 });
    expect(await store.auditQuota()).toMatchObject({ blockStatus: 0, availQuota: 1, totalQuota: 1 });
    const imgs = await headImages(c);
    const a = (await store.addProduct(productSpec(imgs))).productId;
    const b = (await store.addProduct(productSpec(imgs, { outProductId: 'lc-b' }))).productId;
    await store.listing(a);
    const e = await apiError(store.listing(b));
    expect(e.errcode).toBe(1002001);
    expect(e.hintKind).toBe('quota');
    expect((await store.getProduct(b)).editStatus).toBe(72);
    expect(await store.auditQuota()).toMatchObject({ blockStatus: 1, availQuota: 0 });
  });

  it('never repeats an add whose answer was lost, and treats product_id "0" as maybe applied', async () => {
    const store = c.clients.store;
    const imgs = await headImages(c);
    await c.fault({ path: '/channels/ec/product/add', kind: 'drop-after-effect', times: 1 });
    const lost = await apiError(store.addProduct(productSpec(imgs)));
    expect(lost.maybeApplied).toBe(true);
    expect((await c.requests()).filter((r) => r.path === '/channels/ec/product/add')).toHaveLength(1);
    // The product exists: found by its out_product_id among the store's products.
    const found = await store.findProductsByOutId('lc-goddess-day-lipstick');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ editStatus: 1, draft: { title: '玫瑰丝绒口红礼盒' } });
    expect(await store.findProductsByOutId('lc-other')).toEqual([]);

    await c.fault({
      path: '/channels/ec/product/add',
      kind: 'patch-answer',
      patch: { data: { product_id: '0' } },
      times: 1,
    });
    const zero = await apiError(store.addProduct(productSpec(imgs)));
    expect(zero).toMatchObject({ errcode: 0, maybeApplied: true });
    expect(retryDecision(zero).now).toBe(false);
  });

  it('accepts errcode as a string, ok or not', async () => {
    const store = c.clients.store;
    await c.fault({
      path: '/channels/ec/product/getauditquota',
      kind: 'patch-answer',
      patch: { errcode: '0' },
      times: 1,
    });
    expect((await store.auditQuota()).totalQuota).toBe(1000);
    await c.fault({
      path: '/channels/ec/product/getauditquota',
      kind: 'patch-answer',
      patch: { errcode: '1002001', errmsg: '提审次数超过限制 rid: 68c0d28f-6ee08999-2b2a6870' },
      times: 1,
    });
    const e = await apiError(store.auditQuota());
    expect(e).toMatchObject({ errcode: 1002001, rid: '68c0d28f-6ee08999-2b2a6870' });
  });

  it('retries busy reads through the fault table and logs every try', async () => {
    await c.fault({ path: '/channels/ec/product/getauditquota', kind: 'errcode', errcode: 45011, times: 1 });
    await c.clients.store.auditQuota();
    const tries = (await c.requests()).filter((r) => r.path === '/channels/ec/product/getauditquota');
    expect(tries.map((r) => r.errcode)).toEqual([45011, 0]);
    expect(c.events.filter((e) => e.path === '/channels/ec/product/getauditquota')).toHaveLength(2);
  });
});

describe('two accounts, two tokens', () => {
  it('keys each token by its app id and refuses the other account with 48001', async () => {
    const { store, finder } = c.clients;
    await store.auditQuota();
    await finder.finderAttr();
    expect(store.tokens.key).toContain(SHOP);
    expect(finder.tokens.key).not.toBe(store.tokens.key);
    expect(await store.tokens.getToken()).not.toBe(await finder.tokens.getToken());
    const storeToken = await store.tokens.getToken();
    const a = await c.raw('/channels/ec/finderlive/getfinderlivenoticerecordlist', {}, storeToken);
    expect(a.errcode).toBe(48001);
    expect(a.errmsg).toMatch(/ rid: [0-9a-f]+-[0-9a-f]+-[0-9a-f]+$/);
    const b = await c.raw('/channels/ec/product/getauditquota', {}, await finder.tokens.getToken());
    expect(b.errcode).toBe(48001);
  });

  it('redacts both secrets and tokens', async () => {
    await c.clients.store.auditQuota();
    const token = await c.clients.store.tokens.getToken();
    expect(c.clients.redact(`t=${token} s=shop-secret-0123456789abcdef`)).not.toMatch(/shop-secret|EMU_/);
  });
});
