import { describe, it } from 'vitest';
import { edit, expectHits, expectNone } from './harness.js';

describe('E_LIKES_OFF', () => {
  it('rejects a like-threshold lottery when likes are off', async () => {
    const y = edit('  features: { replay: true }', '  features: { replay: true, likes: false }');
    await expectHits(y, 'E_LIKES_OFF', [
      { path: ['during', 'lotteries', 0, 'trigger', 'likes'], needle: '30000' },
    ]);
  });
  it('accepts likes off when every lottery is timed', async () => {
    let y = edit('  features: { replay: true }', '  features: { replay: true, likes: false }');
    y = edit('trigger: { likes: 30000 }', 'trigger: { at: +30m }', y);
    await expectNone(y, 'E_LIKES_OFF');
  });
});

describe('E_REPLAY_OFF', () => {
  it('rejects an after-wave that promises the replay when the room keeps none', async () => {
    const y = edit('  features: { replay: true }', '  features: { replay: false }');
    await expectHits(y, 'E_REPLAY_OFF', [
      { path: ['after', 1, 'message'], needle: 'message: replay', offset: 9 },
    ]);
  });
  it('accepts it with the replay on (base)', async () => {
    await expectNone(edit('message: feedback', 'message: feedback '), 'E_REPLAY_OFF');
  });
});

describe('during.productCards', () => {
  it('rejects a card of an unknown product, and a card outside the broadcast', async () => {
    const y = edit(
      '  couponDrops:\n',
      '  productCards:\n    - { at: +20m, product: lipstik }\n    - { at: +3h, product: mask }\n  couponDrops:\n',
    );
    await expectHits(y, 'E_UNKNOWN_PRODUCT', [
      { path: ['during', 'productCards', 0, 'product'], needle: 'lipstik' },
    ]);
    await expectHits(y, 'E_CUE_OUTSIDE_BROADCAST', [
      { path: ['during', 'productCards', 1, 'at'], needle: '+3h' },
    ]);
  });
  it('accepts cards of known products (base + cards)', async () => {
    const y = edit(
      '  couponDrops:\n',
      '  productCards:\n    - { at: +20m, product: lipstick }\n  couponDrops:\n',
    );
    await expectNone(y, 'E_UNKNOWN_PRODUCT');
  });
});
