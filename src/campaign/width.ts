/**
 * WeChat's name width: one Chinese character counts 2. How other characters count is undocumented
 * (reference §4.2), so livectl takes the conservative reading the emulator also uses: every code
 * point outside ASCII counts 2 (full-width punctuation and emoji included), ASCII counts 1.
 */
export function wechatWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! < 0x80 ? 1 : 2;
  return w;
}

/** UTF-8 byte length (WeCom limits are in bytes: one Chinese character = 3). */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
