import { describe, expect, it } from 'vitest';
import { parseJsonSafe, quoteUnsafeIntegers, stringifyWire, toId, wireInt } from './ids.js';
import { camelizeAnswer } from './wire-shape.js';

describe('parseJsonSafe', () => {
  it('keeps integers beyond 2^53 exact, as strings', () => {
    const v = parseJsonSafe(
      '{"errcode":0,"goodsId":12345678901234567890,"auditId":9007199254740993}',
    ) as Record<string, unknown>;
    expect(v.goodsId).toBe('12345678901234567890');
    expect(v.auditId).toBe('9007199254740993');
    expect(v.errcode).toBe(0);
  });

  it('leaves safe integers, floats, negatives and exponents as numbers', () => {
    const v = parseJsonSafe('{"a":9007199254740991,"b":-12.5,"c":1e21,"d":-9223372036854775808}');
    expect(v).toEqual({
      a: 9007199254740991,
      b: -12.5,
      c: 1e21,
      d: '-9223372036854775808',
    });
  });

  it('never touches digits inside strings, including escaped quotes', () => {
    const text = '{"errmsg":"id 12345678901234567890 \\" 99999999999999999999","n":[1,22222222222222222222]}';
    expect(parseJsonSafe(text)).toEqual({
      errmsg: 'id 12345678901234567890 " 99999999999999999999',
      n: [1, '22222222222222222222'],
    });
  });

  it('returns the input unchanged when nothing needs quoting', () => {
    const text = '{"a":1,"b":"x"}';
    expect(quoteUnsafeIntegers(text)).toBe(text);
  });
});

describe('ids on the way out and in', () => {
  it('wireInt emits exact JSON integers', () => {
    expect(stringifyWire({ goodsId: wireInt('12345678901234567890'), ids: [wireInt(7)] })).toBe(
      '{"goodsId":12345678901234567890,"ids":[7]}',
    );
  });

  it('rejects non-integer ids', () => {
    expect(() => wireInt('12a')).toThrow(TypeError);
  });

  it('toId accepts numbers and strings', () => {
    expect(toId(2247483655)).toBe('2247483655');
    expect(toId('3147494276')).toBe('3147494276');
    expect(toId(undefined)).toBeUndefined();
  });

  it('camelizeAnswer turns id fields into strings and keeps other fields', () => {
    const a = camelizeAnswer(
      parseJsonSafe(
        '{"goods":[{"goods_id":12,"audit_status":2,"third_party_tag":2,"cover_img_url":"u"}],"msg_id":1}',
      ),
    );
    expect(a).toEqual({
      goods: [{ goodsId: '12', auditStatus: 2, thirdPartyTag: 2, coverImgUrl: 'u' }],
      msgId: '1',
    });
  });
});
