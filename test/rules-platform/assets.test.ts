import { truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCampaignText } from '../../src/campaign/load.js';
import { filesExist } from '../../src/campaign/rules/platform/assets.js';
import { ruleContext } from '../../src/campaign/validate.js';
import { BASE, edit, expectHits, expectNone, NOW } from './harness.js';

const COVER = 'cover: assets/cover.png';
const KB = 1024;
const MB = 1024 * KB;
/** Grows a file to `bytes` (zeros after its header: the sniffed format and size stay). */
const grow = (file: string, bytes: number) => (dir: string) => truncateSync(path.join(dir, file), bytes);

describe('E_FILE_MISSING', () => {
  it('rejects an image that does not exist', async () => {
    const y = edit(COVER, 'cover: assets/cover2.png');
    await expectHits(y, 'E_FILE_MISSING', [
      { path: ['room', 'images', 'cover'], needle: 'assets/cover2.png' },
    ]);
  });
  it('accepts existing files (base)', async () => {
    await expectNone(BASE, 'E_FILE_MISSING');
  });
});

describe('E_PATH_OUTSIDE', () => {
  it('rejects ../../etc/passwd and an absolute audience path', async () => {
    let y = edit(COVER, 'cover: ../../etc/passwd');
    y = edit('audience: audience.csv', 'audience: /etc/passwd', y);
    await expectHits(y, 'E_PATH_OUTSIDE', [
      { path: ['room', 'images', 'cover'], needle: '../../etc/passwd' },
      { path: ['channels', 'subscribers', 'audience'], needle: '/etc/passwd\n' },
    ]);
  });
  it('accepts a sub-folder path that comes back inside', async () => {
    await expectNone(edit(COVER, 'cover: messages/../assets/cover.png'), 'E_PATH_OUTSIDE');
  });
});

describe('E_NOT_REGULAR_FILE', () => {
  it('rejects a folder', async () => {
    const y = edit(COVER, 'cover: assets');
    await expectHits(y, 'E_NOT_REGULAR_FILE', [
      { path: ['room', 'images', 'cover'], needle: 'cover: assets,', offset: 7 },
    ]);
  });
  it('accepts a file (base)', async () => {
    await expectNone(BASE, 'E_NOT_REGULAR_FILE');
  });
});

describe('E_FILE_UNREADABLE', () => {
  // Tests may run as root, where permissions do not stop reads: the probe's status is given directly.
  const campaign = parseCampaignText(BASE).campaign!;
  const ctx = (status: 'ok' | 'unreadable') =>
    ruleContext(campaign, {
      now: NOW,
      texts: new Map(),
      assets: new Map([
        ['assets/cover.png', { ref: 'assets/cover.png', resolved: '/x/assets/cover.png', status, size: 10 }],
      ]),
    });
  it('rejects an image the probe could not read', () => {
    expect(filesExist.check(ctx('unreadable')).map((f) => [f.code, f.path])).toEqual([
      ['E_FILE_UNREADABLE', ['room', 'images', 'cover']],
    ]);
  });
  it('accepts a readable one', () => {
    expect(filesExist.check(ctx('ok'))).toEqual([]);
  });
});

describe('E_ASSET_TOO_LARGE', () => {
  it('refuses an audience file over 10 MB', async () => {
    await expectHits(
      BASE,
      'E_ASSET_TOO_LARGE',
      [{ path: ['channels', 'subscribers', 'audience'], needle: 'audience.csv' }],
      grow('audience.csv', 10 * MB + 1),
    );
  });
  it('accepts exactly 10 MB', async () => {
    await expectNone(BASE, 'E_ASSET_TOO_LARGE', grow('audience.csv', 10 * MB));
  });
});

describe('E_IMAGE_FORMAT', () => {
  it('rejects a BMP goods image and a text file as the cover', async () => {
    let y = edit(
      'image: assets/goods.png\n    price: { type: discount',
      'image: assets/goods.bmp\n    price: { type: discount',
    );
    y = edit(COVER, 'cover: audience.csv', y);
    await expectHits(y, 'E_IMAGE_FORMAT', [
      { path: ['room', 'images', 'cover'], needle: 'audience.csv,' },
      { path: ['products', 0, 'image'], needle: 'assets/goods.bmp' },
    ]);
  });
  it('accepts PNG (base) and GIF', async () => {
    const gif = Buffer.from('GIF89a\x02\x00\x02\x00\x00\x00\x00;', 'latin1');
    await expectNone(edit(COVER, 'cover: assets/cover.gif'), 'E_IMAGE_FORMAT', (dir) =>
      writeFileSync(path.join(dir, 'assets', 'cover.gif'), gif),
    );
  });
});

describe('E_IMAGE_TOO_LARGE', () => {
  it('rejects a feeds image over 100 KB, a share image over 1 MB and a cover over 2 MB', async () => {
    await expectHits(
      BASE,
      'E_IMAGE_TOO_LARGE',
      [
        { path: ['room', 'images', 'cover'], needle: 'assets/cover.png' },
        { path: ['room', 'images', 'share'], needle: 'assets/share.png' },
        { path: ['room', 'images', 'feeds'], needle: 'assets/feeds.png' },
      ],
      (dir) => {
        grow('assets/cover.png', 2 * MB + 1)(dir);
        grow('assets/share.png', MB + 1)(dir);
        grow('assets/feeds.png', 100 * KB + 1)(dir);
      },
    );
  });
  it('accepts images exactly at their limits', async () => {
    await expectNone(BASE, 'E_IMAGE_TOO_LARGE', (dir) => {
      grow('assets/cover.png', 2 * MB)(dir);
      grow('assets/share.png', MB)(dir);
      grow('assets/feeds.png', 100 * KB)(dir);
    });
  });
});

describe('E_GOODS_IMAGE_PIXELS', () => {
  it('rejects a goods image wider than 300 px, and one whose size cannot be read', async () => {
    let y = edit(
      'image: assets/goods.png\n    price: { type: fixed',
      'image: assets/goods-301.png\n    price: { type: fixed',
    );
    y = edit(
      'image: assets/goods.png\n    price: { type: range',
      'image: assets/goods.jpg\n    price: { type: range',
      y,
    );
    await expectHits(
      y,
      'E_GOODS_IMAGE_PIXELS',
      [
        { path: ['products', 1, 'image'], needle: 'assets/goods-301.png' },
        { path: ['products', 2, 'image'], needle: 'assets/goods.jpg' },
      ],
      (dir) => writeFileSync(path.join(dir, 'assets', 'goods.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xd9])),
    );
  });
  it('accepts a 30×30 (base) and a 300×300 goods image', async () => {
    await expectNone(BASE, 'E_GOODS_IMAGE_PIXELS');
    // Only the header is read: signature, IHDR length and type, width, height.
    const head = Buffer.alloc(24);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(head);
    head.write('IHDR', 12, 'ascii');
    head.writeUInt32BE(300, 16);
    head.writeUInt32BE(300, 20);
    await expectNone(BASE, 'E_GOODS_IMAGE_PIXELS', (dir) =>
      writeFileSync(path.join(dir, 'assets', 'goods.png'), head),
    );
  });
});
