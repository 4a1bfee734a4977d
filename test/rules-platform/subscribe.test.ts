import { describe, expect, it } from 'vitest';
import { FIELD_RULES, type FieldPrefix, fieldPrefix } from '../../src/campaign/rules/platform/subscribe.js';
import { edit, expectHits, expectNone } from './harness.js';

describe('subscribe-message value rules (reference §9)', () => {
  const cases: [FieldPrefix, string[], string[]][] = [
    ['thing', ['女神节直播专场', 'a'.repeat(20)], ['a'.repeat(21)]],
    ['number', ['12', '3.14', '-5', '1'.repeat(32)], ['1'.repeat(33), '12a', '1,000']],
    ['letter', ['abc', 'A'.repeat(32)], ['abc1', 'a'.repeat(33), '中文']],
    ['symbol', ['!', '+-*/%'], ['a', '!!!!!!']],
    ['character_string', ['ORDER-2027-0308', 'x'.repeat(32)], ['has space', '中文', 'x'.repeat(33)]],
    [
      'time',
      ['15:01', '2019年10月1日 15:01', '2027-03-08 20:00', '20:00~22:00'],
      ['8pm', '25:00', '3月8日（周一）20:00–22:00'],
    ],
    ['date', ['2027年3月8日', '2027-03-08 20:00', '3月8日~3月9日'], ['tomorrow', '2027年3月8日 晚上']],
    ['amount', ['¥129', '129.50元', '￥1234567890', '99'], ['¥¥129', '$12345678901', 'RMB 129']],
    ['phone_number', ['+86-10-12345678', '13800138000'], ['call me', '1'.repeat(18)]],
    ['car_number', ['粤A12345', '京A1234学'], ['A中文123', '粤A1234567']],
    [
      'name',
      ['小美老师', 'Xiaomei Li', 'a'.repeat(20)],
      ['小'.repeat(11), 'a'.repeat(21), `小美${'a'.repeat(9)}`],
    ],
    ['phrase', ['限时秒杀', '五个汉字啊'], ['六个汉字啊啊', 'sale', '秒杀!']],
  ];
  it.each(cases)('%s', (prefix, good, bad) => {
    expect(good.filter((v) => !FIELD_RULES[prefix].ok(v))).toEqual([]);
    expect(bad.filter((v) => FIELD_RULES[prefix].ok(v))).toEqual([]);
  });
  it('reads key prefixes', () => {
    expect(
      ['thing1', 'character_string12', 'phone_number3', 'time0', 'things1', 'thing'].map(fieldPrefix),
    ).toEqual(['thing', 'character_string', 'phone_number', undefined, undefined, undefined]);
  });
});

describe('E_SUBSCRIBE_FIELD_KEY', () => {
  it('rejects a key with an unknown type, pointing at the key', async () => {
    const y = edit("thing1: '{{room.name}}'", "things1: '{{room.name}}'");
    await expectHits(y, 'E_SUBSCRIBE_FIELD_KEY', [
      { path: ['channels', 'subscribers', 'fields', 'things1'], needle: 'things1:' },
    ]);
  });
  it('accepts typed keys (base)', async () => {
    await expectNone(edit('amount4: ¥129', 'number4: 129'), 'E_SUBSCRIBE_FIELD_KEY');
  });
});

describe('E_SUBSCRIBE_FIELD_VALUE', () => {
  it('rejects rendered values that break their type: a date sentence as time, a 6-character phrase', async () => {
    let y = edit("time2: '{{room.time}}'", "time2: '{{room.when}}'");
    y = edit('phrase5: 限时秒杀', 'phrase5: 限时秒杀特惠', y);
    await expectHits(y, 'E_SUBSCRIBE_FIELD_VALUE', [
      { path: ['channels', 'subscribers', 'fields', 'time2'], needle: "'{{room.when}}'" },
      { path: ['channels', 'subscribers', 'fields', 'phrase5'], needle: '限时秒杀特惠' },
    ]);
  });
  it('rejects a value that renders empty', async () => {
    const y = edit('amount4: ¥129', "amount4: ''");
    await expectHits(y, 'E_SUBSCRIBE_FIELD_VALUE', [
      { path: ['channels', 'subscribers', 'fields', 'amount4'], needle: "amount4: ''", offset: 9 },
    ]);
  });
  it('accepts rendered values that fit (base, and a 20-character thing)', async () => {
    await expectNone(
      edit("thing1: '{{room.name}}'", `thing1: ${'直'.repeat(20)}`),
      'E_SUBSCRIBE_FIELD_VALUE',
    );
  });
});
