import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, type Json, png, startHarness } from '../../test/support/emulator.js';
import { CATEGORY_FIXTURE, startEmulator } from './index.js';
import { emulatorOptions } from './run.js';

/** The 视频号 + 微信小店 emulation over HTTP with fetch: accounts, uploads, audit, admin endpoints. */

let h: Harness | undefined;
afterEach(async () => {
  await h?.emu.close();
  h = undefined;
});

async function images(x: Harness, n = 3): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await x.upload('/channels/ec/basics/img/upload', png(500), {
      upload_type: '0',
      resp_type: '1',
      width: '500',
      height: '500',
    });
    out.push(r.pic_file.img_url);
  }
  return out;
}

async function product(x: Harness, title = '玫瑰丝绒口红礼盒'): Promise<Json> {
  return x.post('/channels/ec/product/add', {
    title,
    head_imgs: await images(x),
    cats_v2: CATEGORY_FIXTURE[0]!.map((cat_id) => ({ cat_id })),
    deliver_method: 1,
    skus: [{ sale_price: 100, market_price: 100, stock_num: 1 }],
  });
}

async function adminStatus(x: Harness, p: string, body: unknown): Promise<{ status: number; body: Json }> {
  const r = await fetch(`${x.emu.url}/__emulator/${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Json };
}

describe('channels accounts', () => {
  it('lets the first channels call of an appid decide its kind when started without accounts', async () => {
    h = await startHarness();
    // Naming the 视频号 through the admin API keeps the other appids free to claim their kind.
    await h.admin('channels/accounts', { assistantAppId: 'wxassi', finderUserName: 'sphA' });
    expect((await h.post('/channels/ec/product/getauditquota', {})).errcode).toBe(0);
    const other = await h.post('/channels/ec/finderlive/getfinderliverecordlist', {});
    expect(other.errcode).toBe(48001);
    expect(other.errmsg).toMatch(/^api unauthorized rid: /);
  });

  it('refuses unknown appids when started with accounts, and keeps them across a reset', async () => {
    h = await startHarness({ channels: { shops: ['wxshop1'] } });
    expect((await h.post('/channels/ec/product/getauditquota', {})).errcode).toBe(48001);
    await h.admin('channels/accounts', { shopAppId: 'wxapp' });
    expect((await h.post('/channels/ec/product/getauditquota', {})).errcode).toBe(0);
    await h.admin('reset', {});
    await h.retoken();
    expect((await h.post('/channels/ec/product/getauditquota', {})).errcode).toBe(48001);
    const s = await h.state();
    expect(s.channels.accounts.map((a: Json) => a.appid)).toEqual(['wxshop1']);
  });

  it('starts `livectl emulator` with what the bundled example names, other appids still free', async () => {
    h = await startHarness(emulatorOptions({ port: '0', audit: 'auto' }, { cwd: '/', env: {} }));
    // wxapp is not one of the example's accounts: it still claims its kind on first use.
    expect((await h.post('/channels/ec/product/getauditquota', {})).errcode).toBe(0);
    const shop = (await (
      await fetch(`${h.emu.url}/cgi-bin/stable_token`, {
        method: 'POST',
        body: JSON.stringify({ grant_type: 'client_credential', appid: 'wx1111111111111111', secret: 's' }),
      })
    ).json()) as { access_token: string };
    const got = await h.post('/channels/ec/product/get', { product_id: '10000165397817' }, shop.access_token);
    expect(got.product).toMatchObject({ title: '玻尿酸补水面膜10片', status: 5, edit_status: 4 });
    const s = await h.admin('channels');
    expect(s.accounts.find((a: Json) => a.role === 'assistant')).toMatchObject({
      appid: 'wx2222222222222222',
      finderUserName: 'sphAbCdEf123',
      boundShops: ['wx1111111111111111'],
    });
  });

  it('keeps the channels state in the data file across restarts', async () => {
    const dataFile = path.join(mkdtempSync(path.join(tmpdir(), 'emu-ch-')), 'state.json');
    h = await startHarness({ dataFile });
    const added = await product(h);
    await h.emu.close();
    const again = await startEmulator({ dataFile });
    try {
      const s = (await (await fetch(`${again.url}/__emulator/channels`)).json()) as Json;
      expect(s.products.map((p: Json) => p.productId)).toEqual([added.data.product_id]);
    } finally {
      await again.close();
      h = undefined;
    }
  });
});

describe('store image upload', () => {
  it('answers media ids with resp_type 0, takes img_url as JSON with upload_type 1, and checks its input', async () => {
    h = await startHarness();
    const q = { upload_type: '0', resp_type: '0', width: '10', height: '10' };
    const ids = await h.upload('/shop/ec/basics/img/upload', png(10), q);
    expect(ids.pic_file).toEqual({ media_id: expect.any(String), pay_media_id: expect.any(String) });
    const byUrl = await fetch(
      `${h.emu.url}/channels/ec/basics/img/upload?upload_type=1&resp_type=1&access_token=${h.token}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"img_url":"https://a.cn/x.png"}',
      },
    );
    expect(((await byUrl.json()) as Json).pic_file.img_url).toMatch(/^https:\/\/mmecimage\.cn\/p\/wxapp\//);
    const noSize = await h.upload('/channels/ec/basics/img/upload', png(10), {
      upload_type: '0',
      resp_type: '1',
    });
    expect(noSize.errcode).toBe(10020055);
    const empty = await h.upload('/channels/ec/basics/img/upload', Buffer.alloc(0), q);
    expect(empty.errcode).toBe(10020059);
  });
});

describe('product audit', () => {
  it('rejects on its own a title matching the reject rule, after the configured minutes', async () => {
    h = await startHarness({ channels: { auditMinutes: 30 } });
    const { data } = await product(h, '违禁口红礼盒套装');
    expect((await h.post('/channels/ec/product/listing', { product_id: data.product_id })).errcode).toBe(0);
    await h.setClock(Date.parse('2027-03-01T02:29:00Z'));
    const still = await h.post('/channels/ec/product/get', { product_id: data.product_id, data_type: 2 });
    expect(still.edit_product.edit_status).toBe(2);
    await h.setClock(Date.parse('2027-03-01T02:30:00Z'));
    const got = await h.post('/channels/ec/product/get', { product_id: data.product_id, data_type: 3 });
    expect(got.edit_product).toMatchObject({
      edit_status: 3,
      audit_info: { reject_reason: expect.any(String) },
    });
    expect(got.product).toBeUndefined();
  });

  it('waits for the admin with audit: manual', async () => {
    h = await startHarness({ audit: 'manual' });
    const { data } = await product(h);
    await h.post('/channels/ec/product/listing', { product_id: data.product_id });
    await h.setClock(Date.parse('2027-03-01T03:00:00Z'));
    expect(
      (await h.post('/channels/ec/product/get', { product_id: data.product_id, data_type: 2 })).edit_product
        .edit_status,
    ).toBe(2);
    await h.admin(`channels/products/${data.product_id}/approve`, {});
    const got = await h.post('/channels/ec/product/get', { product_id: data.product_id });
    expect(got.product).toMatchObject({ status: 5, edit_status: 4, product_id: data.product_id });
  });
});

describe('channels admin API', () => {
  it('says what is wrong with a request', async () => {
    h = await startHarness({ channels: { assistants: [{ appId: 'wxassi', finderUserName: 'sphA' }] } });
    const unknown = await adminStatus(h, 'channels/notices', {
      finderUserName: 'sphZ',
      startTime: '2027-03-02T12:00:00Z',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/POST \/__emulator\/channels\/accounts/);
    expect(
      (await adminStatus(h, 'channels/notices', { finderUserName: 'sphA', startTime: 'soon' })).status,
    ).toBe(400);
    expect((await adminStatus(h, 'channels/switches', { window: 'off' })).status).toBe(400);
    const live = await h.admin('channels/lives', { finderUserName: 'sphA', description: 'x' });
    const id = encodeURIComponent(live.exportId);
    // Export ids hold a slash, like the platform's (export/…): encoded or not, the path finds it.
    expect(live.exportId).toMatch(/^export\/\d+$/);
    const data = await adminStatus(h, `channels/lives/${live.exportId}/data`, { viewers: 5 });
    expect(data.body).toMatchObject({ figures: { viewers: 5 }, ended: false });
    expect((await adminStatus(h, `channels/lives/${id}/end`, { viewers: 10 })).status).toBe(200);
    expect((await adminStatus(h, `channels/lives/${id}/end`, {})).status).toBe(409);
    expect((await adminStatus(h, 'channels/nothing', {})).status).toBe(404);
  });

  it('answers errcode 1 to a dashboard day that is not yyyymmdd', async () => {
    h = await startHarness({ channels: { assistants: [{ appId: 'wxapp', finderUserName: 'sphA' }] } });
    expect((await h.post('/channels/livedashboard/getlivelist', { ds: '2027-03-01' })).errcode).toBe(1);
    expect((await h.post('/channels/livedashboard/getlivelist', { ds: 20270301 })).live_items).toEqual([]);
  });
});
