/**
 * Which code points a TrueType/OpenType font maps to glyphs (its `cmap` table, formats 4 and 12),
 * so a poster can warn before a character prints as a box. Pure: bytes in, a predicate out.
 * Returns undefined for what it cannot read (WOFF, collections, a damaged file): coverage unknown.
 */
export function readCmap(b: Uint8Array): ((cp: number) => boolean) | undefined {
  try {
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const tag = dv.getUint32(0);
    // 0x00010000 TrueType, 'OTTO' CFF, 'true' old Apple TrueType.
    if (tag !== 0x00010000 && tag !== 0x4f54544f && tag !== 0x74727565) return undefined;
    const numTables = dv.getUint16(4);
    let cmap = -1;
    for (let i = 0; i < numTables; i++) {
      const rec = 12 + i * 16;
      if (dv.getUint32(rec) === 0x636d6170) cmap = dv.getUint32(rec + 8);
    }
    if (cmap < 0) return undefined;
    const n = dv.getUint16(cmap + 2);
    let best: { offset: number; format: number } | undefined;
    for (let i = 0; i < n; i++) {
      const platform = dv.getUint16(cmap + 4 + i * 8);
      const encoding = dv.getUint16(cmap + 6 + i * 8);
      const offset = cmap + dv.getUint32(cmap + 8 + i * 8);
      const format = dv.getUint16(offset);
      const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
      if (!unicode) continue;
      if (format === 12 && best?.format !== 12) best = { offset, format };
      else if (format === 4 && !best) best = { offset, format };
    }
    if (!best) return undefined;
    const ranges: [number, number][] = [];
    if (best.format === 12) {
      const groups = dv.getUint32(best.offset + 12);
      for (let g = 0; g < groups; g++) {
        const p = best.offset + 16 + g * 12;
        ranges.push([dv.getUint32(p), dv.getUint32(p + 4)]);
      }
    } else {
      const segX2 = dv.getUint16(best.offset + 6);
      const ends = best.offset + 14;
      const starts = ends + segX2 + 2;
      const deltas = starts + segX2;
      const rangeOffsets = deltas + segX2;
      for (let s = 0; s < segX2 / 2; s++) {
        const end = dv.getUint16(ends + s * 2);
        const start = dv.getUint16(starts + s * 2);
        if (start === 0xffff) continue;
        const delta = dv.getUint16(deltas + s * 2);
        const ro = dv.getUint16(rangeOffsets + s * 2);
        for (let c = start; c <= end; c++) {
          let glyph: number;
          if (ro === 0) glyph = (c + delta) & 0xffff;
          else {
            const at = rangeOffsets + s * 2 + ro + (c - start) * 2;
            glyph = dv.getUint16(at);
            if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
          }
          if (glyph !== 0) ranges.push([c, c]);
        }
      }
    }
    const set = new Set<number>();
    let big: [number, number][] = [];
    for (const [a, z] of ranges) {
      if (z - a > 4096) big.push([a, z]);
      else for (let c = a; c <= z; c++) set.add(c);
    }
    big = big.sort((x, y) => x[0] - y[0]);
    return (cp) => set.has(cp) || big.some(([a, z]) => cp >= a && cp <= z);
  } catch {
    return undefined;
  }
}
