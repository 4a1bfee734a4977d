import { describe, expect, it } from 'vitest';
import { withCode } from '../support/validate.js';
import { CHANNELS, edit, expectHits, expectNone, run } from './channels-harness.js';

const EXISTING = '    channels: { productId: "10000165397817" }\n';

describe('store products', () => {
  it('E_CHANNELS_PRODUCT: a product without channels settings, or without what creating one needs', async () => {
    await expectHits(edit(EXISTING, ''), 'E_CHANNELS_PRODUCT', [
      { path: ['products', 1], needle: '- id: mask', offset: 2 },
    ]);
    const y = edit('      stock: 500\n      delivery: express\n', '');
    const list = (await run(y)).filter((d) => d.code === 'E_CHANNELS_PRODUCT');
    expect(list.map((d) => d.path)).toEqual([['products', 0, 'channels']]);
    expect(list[0]!.message).toMatch(/needs stock, delivery/);
    // productId together with create fields: the fields would not be sent.
    await expectHits(
      edit(EXISTING, '    channels: { productId: "10000165397817", stock: 3 }\n'),
      'E_CHANNELS_PRODUCT',
      [{ path: ['products', 1, 'channels', 'stock'], needle: 'stock: 3 }', offset: 7 }],
    );
    await expectNone(CHANNELS, 'E_CHANNELS_PRODUCT');
  });

  it('E_CHANNELS_PRODUCT_ID: an existing product id is digits', async () => {
    await expectHits(edit('productId: "10000165397817"', 'productId: "p-520"'), 'E_CHANNELS_PRODUCT_ID', [
      { path: ['products', 1, 'channels', 'productId'], needle: '"p-520"' },
    ]);
  });

  it('E_CHANNELS_FREIGHT: express needs a freight template', async () => {
    await expectHits(edit('      freightTemplateId: "1001"\n', ''), 'E_CHANNELS_FREIGHT', [
      { path: ['products', 0, 'channels', 'delivery'], needle: 'express' },
    ]);
    await expectNone(
      edit('      delivery: express\n      freightTemplateId: "1001"\n', '      delivery: none\n'),
      'E_CHANNELS_FREIGHT',
    );
  });

  it('E_CHANNELS_TITLE: too short, only letters and digits, too long; shortTitle over 20', async () => {
    await expectHits(edit('name: 玫瑰丝绒口红 3.5g', 'name: 口红'), 'E_CHANNELS_TITLE', [
      { path: ['products', 0, 'name'], needle: '口红\n' },
    ]);
    await expectHits(edit('name: 玫瑰丝绒口红 3.5g', 'name: Lipstick520'), 'E_CHANNELS_TITLE', [
      { path: ['products', 0, 'name'], needle: 'Lipstick520' },
    ]);
    const long = '玫'.repeat(61);
    await expectHits(edit('name: 玫瑰丝绒口红 3.5g', `name: ${long}`), 'E_CHANNELS_TITLE', [
      { path: ['products', 0, 'name'], needle: long },
    ]);
    const short = '短'.repeat(21);
    await expectHits(
      edit('      stock: 500\n', `      stock: 500\n      shortTitle: ${short}\n`),
      'E_CHANNELS_TITLE',
      [{ path: ['products', 0, 'channels', 'shortTitle'], needle: short }],
    );
    // A name of 6 width units is fine on the store; the mini-program name width rule is skipped on channels.
    await expectNone(
      edit('name: 玫瑰丝绒口红 3.5g', 'name: 玫瑰丝绒口红礼盒装限量版女神节特供款'),
      'E_PRODUCT_NAME_WIDTH',
    );
  });

  it('E_CHANNELS_IMAGES: 3–9 head images, none twice; missing files are E_FILE_MISSING', async () => {
    const two = edit(
      '[assets/head-1.png, assets/head-2.png, assets/head-3.png]',
      '[assets/head-1.png, assets/head-2.png]',
    );
    await expectHits(two, 'E_CHANNELS_IMAGES', [
      { path: ['products', 0, 'channels', 'images'], needle: '[assets/head-1.png' },
    ]);
    const dup = edit(
      '[assets/head-1.png, assets/head-2.png, assets/head-3.png]',
      '[assets/head-1.png, assets/head-2.png, assets/head-1.png]',
    );
    await expectHits(dup, 'E_CHANNELS_IMAGES', [
      { path: ['products', 0, 'channels', 'images', 2], needle: 'assets/head-1.png]' },
    ]);
    const missing = edit('assets/head-3.png]', 'assets/head-9.png]');
    await expectHits(missing, 'E_FILE_MISSING', [
      { path: ['products', 0, 'channels', 'images', 2], needle: 'assets/head-9.png' },
    ]);
  });

  it('E_CHANNELS_PRICE: no range, above 0, at most 100,000 yuan', async () => {
    await expectHits(
      edit(
        'price: { type: fixed, amount: 89.9 }\n    channels: { productId: "10000165397817" }',
        'price: { type: range, min: 1, max: 2 }\n    channels: { productId: "10000165397817" }',
      ),
      'E_CHANNELS_PRICE',
      [],
    );
    await expectHits(
      edit(
        'price: { type: discount, original: 199, now: 129.5 }',
        'price: { type: range, min: 129, max: 199 }',
      ),
      'E_CHANNELS_PRICE',
      [{ path: ['products', 0, 'price'], needle: '{ type: range' }],
    );
    await expectHits(
      edit(
        'price: { type: discount, original: 199, now: 129.5 }',
        'price: { type: fixed, amount: 100000.01 }',
      ),
      'E_CHANNELS_PRICE',
      [{ path: ['products', 0, 'price'], needle: '{ type: fixed, amount: 100000.01' }],
    );
    await expectHits(
      edit('price: { type: discount, original: 199, now: 129.5 }', 'price: { type: fixed, amount: 0 }'),
      'E_CHANNELS_PRICE',
      [{ path: ['products', 0, 'price'], needle: '{ type: fixed, amount: 0 }' }],
    );
    expect(withCode(await run(CHANNELS), 'E_CHANNELS_PRICE')).toEqual([]);
  });
});
