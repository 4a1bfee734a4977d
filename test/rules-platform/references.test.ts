import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { BASE, edit, expectHits, expectNone } from './harness.js';

describe('E_UNKNOWN_CHANNEL', () => {
  it('rejects a wave channel that is not configured', async () => {
    const y = edit('channels: [official-account, subscribers]', 'channels: [official-acount, subscribers]');
    await expectHits(y, 'E_UNKNOWN_CHANNEL', [
      { path: ['waves', 1, 'channels', 0], needle: 'official-acount' },
    ]);
  });
  it('accepts configured channels (base)', async () => {
    await expectNone(edit('channels: [wecom-groups, staff]', 'channels: [staff]'), 'E_UNKNOWN_CHANNEL');
  });
});

describe('E_UNKNOWN_COUPON', () => {
  it('rejects unknown coupons in a wave and in a coupon drop', async () => {
    let y = edit('coupons: [warmup-50]', 'coupons: [warmup-5]');
    y = edit('coupon: all-hands-20 }', 'coupon: all-hands-30 }', y);
    await expectHits(y, 'E_UNKNOWN_COUPON', [
      { path: ['waves', 0, 'coupons', 0], needle: 'warmup-5]' },
      { path: ['during', 'couponDrops', 0, 'coupon'], needle: 'all-hands-30' },
    ]);
  });
  it('accepts known coupons (base)', async () => {
    await expectNone(edit('coupon: all-hands-20 }', 'coupon: warmup-50 }'), 'E_UNKNOWN_COUPON');
  });
});

describe('E_UNKNOWN_PRODUCT / E_NO_GROUP_BUY', () => {
  it('rejects a group buy of an unknown product', async () => {
    const y = edit('product: mask,', 'product: masks,');
    await expectHits(y, 'E_UNKNOWN_PRODUCT', [
      { path: ['during', 'groupBuys', 0, 'product'], needle: 'masks' },
    ]);
  });
  it('rejects a group buy of a product without groupBuy', async () => {
    const y = edit('product: mask,', 'product: gift,');
    await expectHits(y, 'E_NO_GROUP_BUY', [
      { path: ['during', 'groupBuys', 0, 'product'], needle: 'product: gift', offset: 9 },
    ]);
  });
  it('accepts a product with groupBuy (base)', async () => {
    await expectNone(edit('product: mask,', 'product: mask ,'), 'E_NO_GROUP_BUY');
    await expectNone(edit('product: mask,', 'product: mask ,'), 'E_UNKNOWN_PRODUCT');
  });
});

describe('E_UNKNOWN_TEMPLATE', () => {
  it('rejects a message and a poster that are neither shipped nor files', async () => {
    let y = edit('message: teaser', 'message: teasr');
    y = edit('poster: teaser', 'poster: teasr', y);
    await expectHits(y, 'E_UNKNOWN_TEMPLATE', [
      { path: ['waves', 0, 'message'], needle: 'message: teasr', offset: 9 },
      { path: ['waves', 0, 'poster'], needle: 'poster: teasr', offset: 8 },
    ]);
  });
  it('reports a missing message file as a missing file, not as a template', async () => {
    const y = edit('message: messages/invite.txt', 'message: messages/invitation.txt');
    await expectNone(y, 'E_UNKNOWN_TEMPLATE');
    await expectHits(y, 'E_FILE_MISSING', [
      { path: ['waves', 2, 'message'], needle: 'messages/invitation.txt' },
    ]);
  });
  it('accepts a template-like name that is a file beside the campaign', async () => {
    await expectNone(edit('message: teaser', 'message: invite'), 'E_UNKNOWN_TEMPLATE', (dir) =>
      writeFileSync(path.join(dir, 'invite'), '{{room.name}}'),
    );
  });
});

describe('E_UNKNOWN_PLACEHOLDER', () => {
  it('rejects unknown placeholders in inline text, a message file and a subscribe field', async () => {
    let y = edit("text: '{{room.when}}，{{anchor.name}}", "text: '{{room.when}}，{{anchor.nmae}}");
    y = edit("thing1: '{{room.name}}'", "thing1: '{{room.nam}}'", y);
    await expectHits(
      y,
      'E_UNKNOWN_PLACEHOLDER',
      [
        { path: ['channels', 'subscribers', 'fields', 'thing1'], needle: "'{{room.nam}}'" },
        { path: ['waves', 1, 'message', 'text'], needle: "'{{room.when}}，" },
        { path: ['waves', 2, 'message'], needle: 'messages/invite.txt' },
      ],
      (dir) => writeFileSync(path.join(dir, 'messages', 'invite.txt'), '今晚{{product[3].name}}特价'),
    );
  });
  it('accepts known placeholders', async () => {
    await expectNone(
      edit("thing1: '{{room.name}}'", "thing1: '{{product[2].name}}'"),
      'E_UNKNOWN_PLACEHOLDER',
    );
  });
});

describe('E_LIVE_FOLLOWERS_NOT_LIVE', () => {
  it('rejects the go-live push in a wave before the start', async () => {
    const y = edit('channels: [wecom-groups, staff]', 'channels: [wecom-groups, live-followers]');
    await expectHits(y, 'E_LIVE_FOLLOWERS_NOT_LIVE', [
      { path: ['waves', 2, 'channels', 1], needle: 'live-followers]\n    message: messages' },
    ]);
  });
  it('rejects it after the end of the broadcast', async () => {
    const y = edit(
      'channels: [wecom-groups, wecom-moments]\n    message: replay',
      'channels: [live-followers]\n    message: replay',
    );
    await expectHits(y, 'E_LIVE_FOLLOWERS_NOT_LIVE', [
      { path: ['after', 1, 'channels', 0], needle: 'live-followers]\n    message: replay' },
    ]);
  });
  it('accepts it at go-live (base)', async () => {
    // After-waves start when the broadcast ends, so go-live is the one place for this channel.
    await expectNone(BASE, 'E_LIVE_FOLLOWERS_NOT_LIVE');
  });
});

describe('E_PLACEHOLDER_EMPTY', () => {
  it('rejects a known placeholder that has no value for the wave', async () => {
    const y = edit(
      "text: '{{room.when}}，{{anchor.name}}在直播间等你' }",
      "text: '{{product[0].groupBuy.price}}元拼团' }",
    );
    await expectHits(y, 'E_PLACEHOLDER_EMPTY', [
      { path: ['waves', 1, 'message', 'text'], needle: "'{{product[0]" },
    ]);
  });
  it('accepts the same placeholder inside a section that is skipped when it has no value', async () => {
    const y = edit(
      "text: '{{room.when}}，{{anchor.name}}在直播间等你' }",
      "text: '{{#product[0].groupBuy}}{{product[0].groupBuy.price}}元拼团{{/product[0].groupBuy}}' }",
    );
    await expectNone(y, 'E_PLACEHOLDER_EMPTY');
    await expectNone(y, 'E_UNKNOWN_PLACEHOLDER');
  });
});
