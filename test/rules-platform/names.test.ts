import { describe, it } from 'vitest';
import { edit, expectHits, expectNone } from './harness.js';

const ROOM = 'name: 女神节直播专场';
const ANCHOR = '{ name: 小美老师,';
const GOODS = 'name: 玫瑰丝绒口红';
const cjk = (n: number) => '直'.repeat(n);

describe('E_ROOM_NAME_WIDTH', () => {
  it('rejects a room name under 6 units', async () => {
    const y = edit(ROOM, 'name: 直播');
    await expectHits(y, 'E_ROOM_NAME_WIDTH', [{ path: ['room', 'name'], needle: 'name: 直播', offset: 6 }]);
  });
  it('rejects a room name over 34 units (18 Chinese characters)', async () => {
    const y = edit(ROOM, `name: ${cjk(18)}`);
    await expectHits(y, 'E_ROOM_NAME_WIDTH', [{ path: ['room', 'name'], needle: cjk(18) }]);
  });
  it('accepts 17 Chinese characters and 6 letters', async () => {
    await expectNone(edit(ROOM, `name: ${cjk(17)}`), 'E_ROOM_NAME_WIDTH');
    await expectNone(edit(ROOM, 'name: Spring'), 'E_ROOM_NAME_WIDTH');
  });
});

describe('E_ANCHOR_NAME_WIDTH', () => {
  it('rejects an anchor nickname under 4 units', async () => {
    const y = edit(ANCHOR, '{ name: 美,');
    await expectHits(y, 'E_ANCHOR_NAME_WIDTH', [
      { path: ['room', 'anchor', 'name'], needle: '{ name: 美,', offset: 8 },
    ]);
  });
  it('rejects an anchor nickname over 30 units', async () => {
    const y = edit(ANCHOR, `{ name: ${cjk(16)},`);
    await expectHits(y, 'E_ANCHOR_NAME_WIDTH', [{ path: ['room', 'anchor', 'name'], needle: cjk(16) }]);
  });
  it('accepts 2 and 15 Chinese characters', async () => {
    await expectNone(edit(ANCHOR, '{ name: 小美,'), 'E_ANCHOR_NAME_WIDTH');
    await expectNone(edit(ANCHOR, `{ name: ${cjk(15)},`), 'E_ANCHOR_NAME_WIDTH');
  });
});

describe('E_PRODUCT_NAME_WIDTH', () => {
  it('rejects a goods name over 28 units', async () => {
    const y = edit(GOODS, `name: ${cjk(15)}`);
    await expectHits(y, 'E_PRODUCT_NAME_WIDTH', [{ path: ['products', 0, 'name'], needle: cjk(15) }]);
  });
  it('rejects a goods name under 3 Chinese characters (300002 observed)', async () => {
    const y = edit(GOODS, 'name: 口红');
    await expectHits(y, 'E_PRODUCT_NAME_WIDTH', [
      { path: ['products', 0, 'name'], needle: 'name: 口红\n', offset: 6 },
    ]);
  });
  it('accepts 3 and 14 Chinese characters', async () => {
    await expectNone(edit(GOODS, 'name: 口红笔'), 'E_PRODUCT_NAME_WIDTH');
    await expectNone(edit(GOODS, `name: ${cjk(14)}`), 'E_PRODUCT_NAME_WIDTH');
  });
});
