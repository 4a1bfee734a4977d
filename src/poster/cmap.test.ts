import { describe, expect, it } from 'vitest';
import { readCmap } from './cmap.js';

/** A minimal TrueType file holding only a cmap: format 4 (A–C, 女) or format 12 (A–C, 😀). */
function font(format: 4 | 12): Uint8Array {
  const sub: number[] = [];
  const u16 = (v: number) => sub.push((v >> 8) & 255, v & 255);
  const u32 = (v: number) => sub.push((v >>> 24) & 255, (v >> 16) & 255, (v >> 8) & 255, v & 255);
  if (format === 4) {
    // Segments: A–C (delta), 女 (delta), the 0xFFFF terminator.
    const ends = [0x43, 0x5973, 0xffff];
    const starts = [0x41, 0x5973, 0xffff];
    const deltas = [1 - 0x41, 4 - 0x5973, 1];
    u16(4);
    u16(16 + ends.length * 8);
    u16(0);
    u16(ends.length * 2);
    u16(0);
    u16(0);
    u16(0);
    for (const e of ends) u16(e);
    u16(0);
    for (const s of starts) u16(s);
    for (const d of deltas) u16(d & 0xffff);
    for (const _ of ends) u16(0);
  } else {
    u16(12);
    u16(0);
    u32(16 + 2 * 12);
    u32(0);
    u32(2);
    for (const [a, z, g] of [
      [0x41, 0x43, 1],
      [0x1f600, 0x1f600, 4],
    ]) {
      u32(a!);
      u32(z!);
      u32(g!);
    }
  }
  const cmap = [0, 0, 0, 1, 0, 3, 0, format === 4 ? 1 : 10, 0, 0, 0, 12, ...sub];
  const head = [0, 1, 0, 0, 0, 1, 0, 16, 0, 0, 0, 0];
  const record = [
    0x63,
    0x6d,
    0x61,
    0x70,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    28,
    0,
    0,
    (cmap.length >> 8) & 255,
    cmap.length & 255,
  ];
  return Uint8Array.from([...head, ...record, ...cmap]);
}

describe('readCmap', () => {
  it('reads format 4 (BMP) coverage', () => {
    const covers = readCmap(font(4))!;
    expect(['A', 'B', 'C', '女'].every((c) => covers(c.codePointAt(0)!))).toBe(true);
    expect(covers('D'.codePointAt(0)!)).toBe(false);
    expect(covers(0xffff)).toBe(false);
  });

  it('reads format 12 (beyond the BMP)', () => {
    const covers = readCmap(font(12))!;
    expect(covers(0x1f600)).toBe(true);
    expect(covers('B'.codePointAt(0)!)).toBe(true);
    expect(covers('女'.codePointAt(0)!)).toBe(false);
  });

  it('returns undefined for what it cannot read', () => {
    expect(readCmap(new TextEncoder().encode('wOF2 not a font'))).toBeUndefined();
    expect(readCmap(new Uint8Array(3))).toBeUndefined();
  });
});
