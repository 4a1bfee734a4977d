import { describe, expect, it } from 'vitest';
import { globToRegExp } from '../validate/expand-inputs.js';
import { sniffImage } from './image-info.js';
import { placeholdersIn, renderPlaceholders } from './placeholders.js';
import { editDistance, suggest } from './suggest.js';
import { utf8Bytes, wechatWidth } from './width.js';

describe('small helpers', () => {
  it('counts WeChat width (CJK = 2) and UTF-8 bytes', () => {
    expect(wechatWidth('女神节直播专场')).toBe(14);
    expect(wechatWidth('Live 直播')).toBe(9);
    expect(wechatWidth('🌹')).toBe(2);
    expect(utf8Bytes('直播')).toBe(6);
  });

  it('suggests close names only', () => {
    expect(suggest('duraton', ['duration', 'end'])).toBe('duration');
    expect(suggest('anchro', ['anchor', 'images'])).toBe('anchor');
    expect(suggest('zzz', ['duration'])).toBeUndefined();
    expect(editDistance('ab', 'ba')).toBe(1);
  });

  it('renders placeholders and reports missing ones', () => {
    const scope = { room: { name: '女神节' }, product: [{ price: { now: 129 } }] };
    expect(renderPlaceholders('{{room.name}} {{ product[0].price.now }}元', scope)).toEqual({
      text: '女神节 129元',
      missing: [],
    });
    expect(renderPlaceholders('{{room.nmae}}!', scope)).toEqual({ text: '!', missing: ['room.nmae'] });
    expect(placeholdersIn('{{a.b}} and {{c[1].d}}')).toEqual(['a.b', 'c[1].d']);
  });

  it('matches globs', () => {
    expect(globToRegExp('*.yaml').test('a.yaml')).toBe(true);
    expect(globToRegExp('*.yaml').test('x/a.yaml')).toBe(false);
    expect(globToRegExp('**/*.{yaml,yml}').test('x/y/a.yml')).toBe(true);
    expect(globToRegExp('**/*.yaml').test('a.yaml')).toBe(true);
  });

  it('reads image sizes from headers', () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000140000000f0', 'hex');
    expect(sniffImage(png)).toEqual({ format: 'png', width: 320, height: 240 });
    const gif = Buffer.from('474946383961' + '2c01' + 'c800', 'hex');
    expect(sniffImage(gif)).toEqual({ format: 'gif', width: 300, height: 200 });
    const jpeg = Buffer.from(
      'ffd8ffe000104a46494600010100000100010000ffc0001108012c019003012200021101031101',
      'hex',
    );
    expect(sniffImage(jpeg)).toEqual({ format: 'jpeg', width: 400, height: 300 });
    expect(sniffImage(Buffer.from('hello world!')).format).toBe('unknown');
  });
});

describe('placeholder sections', () => {
  it('renders {{#x}} bodies only when x has a value and {{^x}} only when it does not', () => {
    const t = '{{#coupon}}领{{coupon.title}}{{/coupon}}{{^coupon}}无券{{/coupon}}！';
    expect(renderPlaceholders(t, { coupon: { title: '满199减50' } }).text).toBe('领满199减50！');
    expect(renderPlaceholders(t, {})).toEqual({ text: '无券！', missing: [] });
    expect(renderPlaceholders(t, { coupon: [] }).text).toBe('无券！');
    expect(placeholdersIn(t)).toEqual(['coupon.title']);
  });
});
