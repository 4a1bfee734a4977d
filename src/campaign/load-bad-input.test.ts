import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCampaignBytes, parseCampaignText } from './load.js';

/** Hostile and odd text through stage 1 and 2 (syntax, shape): located errors, cut to size. */
const minimal = readFileSync(new URL('../../campaigns/minimal.yaml', import.meta.url), 'utf8');
const codes = (text: string) => parseCampaignText(text).diagnostics.map((d) => d.code);
const find = (text: string, code: string) => parseCampaignText(text).diagnostics.find((d) => d.code === code);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('encodings and line ends', () => {
  it('names UTF-16 with a BOM (and without) instead of calling it binary', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(minimal, 'utf16le')]);
    const d = parseCampaignBytes(le).diagnostics[0]!;
    expect(d.code).toBe('E_ENCODING');
    expect(d.message).toContain('UTF-16 (little-endian, with a BOM)');
    expect(d.hint).toMatch(/UTF-8/);
    const be = Buffer.from(minimal, 'utf16le').swap16();
    expect(
      parseCampaignBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be])).diagnostics[0]!.message,
    ).toContain('UTF-16 (big-endian');
    expect(parseCampaignBytes(Buffer.from(minimal, 'utf16le')).diagnostics[0]!.message).toContain(
      'UTF-16 (little-endian, no BOM)',
    );
  });

  it('reads a CR-only file like the same file with LF, lines and all', () => {
    const cr = parseCampaignText(minimal.replace(/\n/g, '\r'));
    expect(cr.diagnostics).toEqual([]);
    expect(cr.campaign?.room.name).toBe('春茶上新直播');
    const bad = minimal.replace('duration: 1h30m', 'duratoin: 1h30m');
    const d = parseCampaignText(bad.replace(/\n/g, '\r')).diagnostics.find(
      (x) => x.code === 'E_UNKNOWN_KEY',
    )!;
    expect(d.line).toBe(lineOf(bad, 'duratoin'));
  });
});

describe('aliases: expansion size, not alias uses', () => {
  it('accepts 150 uses of one scalar anchor', () => {
    const text = `${minimal}x-tags: &t tea\n`;
    const many = text
      .replace('x-tags: &t tea\n', '')
      .replace(
        'metadata:\n  name: spring-tea',
        `metadata:\n  name: &n spring-tea\n  labels: {${Array.from({ length: 150 }, (_, i) => `k${i}: *n`).join(', ')}}`,
      );
    expect(codes(many)).toEqual([]);
  });

  it('refuses a billion laughs at the alias that passes the limit', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 0; i < 9; i++) {
      const [prev, next] = [String.fromCharCode(97 + i), String.fromCharCode(98 + i)];
      lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const d = find(lines.join('\n'), 'E_YAML_ALIAS_BOMB')!;
    expect(d.line).toBeGreaterThan(1);
    expect(d.message).toMatch(/more than 10,000 values/);
  });
});

describe('what was found, in words', () => {
  it.each([
    ['1e309', 'infinity'],
    ['.inf', 'infinity'],
    ['-.inf', 'minus infinity'],
    ['.nan', 'NaN'],
  ])('price %s: "must be a number, not %s"', (raw, found) => {
    const text = minimal.replace('amount: 168', `amount: ${raw}`);
    const d = find(text, 'E_TYPE')!;
    expect(d.message).toMatch(new RegExp(`must be a number, not ${found}`));
    expect(d.line).toBe(lineOf(text, 'longjing'));
  });

  it('!!binary is binary data, not a mapping', () => {
    const d = find(minimal.replace('name: 春茶上新直播', 'name: !!binary aGVsbG8='), 'E_TYPE')!;
    expect(d.message).toBe('name must be text, not binary data (!!binary)');
  });

  it('type-checks a key named __proto__ like any other', () => {
    const text = minimal.replace(
      '  name: spring-tea',
      '  name: spring-tea\n  labels: { brand: tea, __proto__: { a: 1 } }',
    );
    const d = find(text, 'E_TYPE')!;
    expect(d.path).toEqual(['metadata', 'labels', '__proto__']);
    expect(d.line).toBe(lineOf(text, '__proto__'));
    expect(codes(text.replace('__proto__: { a: 1 }', '__proto__: fine'))).toEqual([]);
  });
});

describe('control, bidi and invisible characters', () => {
  it.each([
    [
      'room name with ESC',
      'name: 春茶上新直播',
      'name: "春茶\\e[31m上新直播"',
      ['room', 'name'],
      'U+001B (ESC)',
    ],
    [
      'anchor name with BEL',
      'name: 茶师小林',
      'name: "茶师\\a小林"',
      ['room', 'anchor', 'name'],
      'U+0007 (BEL)',
    ],
    [
      'anchor id with BS',
      'wechat: tea_lin',
      'wechat: "tea\\blin"',
      ['room', 'anchor', 'wechat'],
      'U+0008 (BS)',
    ],
    [
      'product name with NUL',
      'name: 明前龙井250克',
      'name: "明前龙井\\0克"',
      ['products', 0, 'name'],
      'U+0000 (NUL)',
    ],
    [
      'product id with RLO',
      'id: longjing',
      'id: "long\u202ejing"',
      ['products', 0, 'id'],
      'U+202E (RIGHT-TO-LEFT OVERRIDE)',
    ],
    [
      'message text with an isolate',
      'message: soon',
      'message: { text: "soon\u2066!" }',
      ['waves', 2, 'message', 'text'],
      'U+2066',
    ],
  ])('%s: E_CONTROL_CHAR at the value', (_, from, to, path, what) => {
    const text = minimal.replace(from, to);
    const d = find(text, 'E_CONTROL_CHAR')!;
    expect(d).toBeDefined();
    expect(d.path).toEqual(path);
    expect(d.line).toBe(lineOf(text, to.slice(0, 12)));
    expect(d.message).toContain(what);
    expect(d.message).not.toMatch(/[\u0000-\u0008\u001b\u202a-\u202e\u2066-\u2069]/);
  });

  it('raw control characters typed into the file are located exactly, before YAML sees them', () => {
    const text = minimal.replace('wechat: tea_lin', 'wechat: tea\u001b[2Jlin\u0007');
    const ds = parseCampaignText(text).diagnostics;
    expect(ds.map((d) => [d.code, d.line, d.column])).toEqual([
      [
        'E_CONTROL_CHAR',
        lineOf(text, 'tea\u001b'),
        text.split('\n')[lineOf(text, 'tea\u001b') - 1]!.indexOf('\u001b') + 1,
      ],
      [
        'E_CONTROL_CHAR',
        lineOf(text, 'tea\u001b'),
        text.split('\n')[lineOf(text, 'tea\u001b') - 1]!.indexOf('\u0007') + 1,
      ],
    ]);
    expect(ds[0]!.message).toContain('U+001B (ESC)');
  });

  it('a coupon title with ESC, and a key with ESC (pointing at the key)', () => {
    const text = `${minimal}coupons:\n  - { id: c1, title: "满199\\e]0;hi\\a减50", kind: preheat, threshold: 199, amount: 50, quantity: 10 }\n`;
    expect(find(text, 'E_CONTROL_CHAR')!.path).toEqual(['coupons', 0, 'title']);
    const key = minimal.replace('  name: spring-tea', '  name: spring-tea\n  labels: { "br\\eand": x }');
    const d = find(key, 'E_CONTROL_CHAR')!;
    expect(d.path).toEqual(['metadata', 'labels', 'br\u001band']);
    expect(d.column).toBe(key.split('\n')[lineOf(key, 'labels') - 1]!.indexOf('"br') + 1);
  });

  it('a name made only of zero-width characters is E_INVISIBLE_TEXT', () => {
    const text = minimal.replace('name: 茶师小林', 'name: "\u200b\u200c\u200d\u2060"');
    const d = find(text, 'E_INVISIBLE_TEXT')!;
    expect(d.path).toEqual(['room', 'anchor', 'name']);
    expect(codes(minimal.replace('name: 茶师小林', 'name: "茶师\u200d小林"'))).toEqual([]);
  });

  it('tabs and newlines in message text are fine', () => {
    expect(codes(minimal.replace('message: soon', 'message: { text: "还有\\t30分钟\\n开播" }'))).toEqual([]);
  });
});

describe('size of what is echoed', () => {
  it('a 1 MB value gives a short diagnostic', () => {
    const value = 'k'.repeat(1024 * 1024);
    const ds = parseCampaignText(
      minimal.replace('duration: 1h30m', `duration: 1h30m\n  type: ${value}`),
    ).diagnostics;
    const d = ds.find((x) => x.code === 'E_VALUE')!;
    expect(d.path).toEqual(['room', 'type']);
    expect(JSON.stringify(d).length).toBeLessThan(1000);
    expect(d.message).toContain('…');
  });
});
