/**
 * Pure validation rules from the references, shared by the route files. Each returns a boolean or a
 * reason; the routes decide the errcode, because the same rule maps to different codes per API.
 */

/**
 * Name width: one unit per ASCII character, two per any other code point (a surrogate pair is one code
 * point, so an emoji counts 2). The platform documents only "one Chinese character = 2"; this is the
 * [EMU] reading of §4.2.
 */
export function nameWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! < 0x80 ? 1 : 2;
  return w;
}

export function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** A number with at most two decimal places (prices are yuan). */
export function hasAtMostTwoDecimals(n: number): boolean {
  return Number.isFinite(n) && Math.abs(Math.round(n * 100) - n * 100) < 1e-6;
}

/** `scene` of getwxacodeunlimit: ≤32 visible characters from the published set (no `%`, no CJK). */
export function isValidScene(scene: string): boolean {
  return scene.length >= 1 && scene.length <= 32 && /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/.test(scene);
}

/** `page` of getwxacodeunlimit: no leading slash, no query string. */
export function isValidCodePage(page: string): boolean {
  return !page.startsWith('/') && !page.includes('?') && /^[\w\-./]+$/.test(page);
}

/** A mini-program page path with an optional query (goods url, subscribe `page`, getwxacode `path`). */
export function isValidPagePath(path: string): boolean {
  return path.length > 0 && !/\s/.test(path) && /^\/?[\w\-./]+(\?.*)?$/.test(path);
}

const CJK = /\p{Script=Han}/u;
const SYMBOL = /^[\p{P}\p{S}]+$/u;

/**
 * Subscribe-message value rules by key prefix (D-sub 注意事项). Returns false when the value breaks
 * the rule for its key (the platform answers 47003 naming the key).
 */
export function isValidSubscribeValue(key: string, value: string): boolean {
  const prefix = key.replace(/\d+$/, '');
  const chars = [...value];
  if (value.length === 0) return false;
  switch (prefix) {
    case 'thing':
      return chars.length <= 20;
    case 'number':
      return chars.length <= 32 && /^\d+(\.\d+)?$/.test(value);
    case 'letter':
      return chars.length <= 32 && /^[A-Za-z]+$/.test(value);
    case 'symbol':
      return chars.length <= 5 && SYMBOL.test(value);
    case 'character_string':
      return chars.length <= 32 && /^[\x21-\x7e]+$/.test(value);
    case 'time':
    case 'date':
      return isDateOrTime(value, prefix);
    case 'amount':
      return /^[¥￥$]?\d{1,10}(\.\d{1,2})?元?$/.test(value);
    case 'phone_number':
      return chars.length <= 17 && /^[\d+\-() ]+$/.test(value);
    case 'car_number':
      return (
        chars.length <= 8 && /^[\p{Script=Han}A-Za-z0-9][A-Za-z0-9]*[\p{Script=Han}A-Za-z0-9]?$/u.test(value)
      );
    case 'name':
      return chars.some((c) => CJK.test(c)) ? chars.length <= 10 : chars.length <= 20;
    case 'phrase':
      return chars.length <= 5 && chars.every((c) => CJK.test(c));
    default:
      // enum and unknown prefixes: the allowed values live in the template, which we do not model.
      return true;
  }
}

function isDateOrTime(value: string, prefix: 'time' | 'date'): boolean {
  const time = String.raw`\d{1,2}:\d{2}(:\d{2})?`;
  const date = String.raw`(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2})`;
  const one = prefix === 'time' ? `(${date}\\s*)?${time}` : `${date}(\\s*${time})?`;
  return new RegExp(`^${one}(\\s*~\\s*${one})?$`).test(value);
}

/** Width and height from a PNG, GIF or JPEG header, or undefined for anything else. */
export function imageSize(buf: Buffer): { width: number; height: number; format: string } | undefined {
  if (buf.length >= 24 && buf.readUInt32BE(0) === 0x89504e47) {
    return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), format: 'png' };
  }
  if (buf.length >= 10 && buf.toString('ascii', 0, 3) === 'GIF') {
    return { width: buf.readUInt16LE(6), height: buf.readUInt16LE(8), format: 'gif' };
  }
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xd8) {
    let i = 2;
    while (i + 9 < buf.length) {
      if (buf[i] !== 0xff) {
        i++;
        continue;
      }
      const marker = buf[i + 1]!;
      // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7), format: 'jpeg' };
      }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0xff) {
        i += marker === 0xff ? 1 : 2;
        continue;
      }
      i += 2 + buf.readUInt16BE(i + 2);
    }
  }
  return undefined;
}
