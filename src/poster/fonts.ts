import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CanvasModule } from './canvas.js';
import { readCmap } from './cmap.js';
import { PosterError } from './errors.js';

/**
 * Fonts for posters.
 *
 * The bundled face is Noto Sans SC (SIL Open Font License 1.1) from the `noto-sans-sc` npm package,
 * which ships it as Google Fonts' unicode-range slices: ~100 small WOFF2 files per weight (2.7 MB a
 * weight instead of 10 MB). Each slice is registered with the renderer under its own alias the first
 * time a text needs one of its characters, and a text is drawn with the list of slices it needs as
 * its font families: Skia picks, per character, the first family that has it. So a poster loads only
 * the slices its texts use, and nothing depends on the fonts installed on the machine.
 *
 * A user font (a template's `fonts`, or `--font`) goes first in that list; characters it lacks fall
 * back to Noto Sans SC.
 */

/** The family name templates use for the bundled font. */
export const BUNDLED_FONT = 'sans';

const WEIGHT_DIRS: Record<number, string> = {
  100: 'thin',
  300: 'light',
  400: 'regular',
  500: 'medium',
  700: 'bold',
  900: 'black',
};
const WEIGHTS = Object.keys(WEIGHT_DIRS).map(Number);

/** The available Noto Sans SC weight nearest to the one asked for. */
export function nearestWeight(w: number): number {
  return WEIGHTS.reduce((best, x) => (Math.abs(x - w) < Math.abs(best - w) ? x : best), 400);
}

interface Slice {
  index: number;
  file: string;
}

/**
 * Which slice has which code point: a 64 KB table for the Basic Multilingual Plane (slice index + 1,
 * 0 for none) and a short list of ranges above it (emoji). Built without sorting or regex match
 * objects: it is parsed in every fresh `livectl posters`.
 */
interface SliceRanges {
  bmp: Uint8Array;
  /** Triples: first, last, slice index. */
  astral: number[];
}

interface WeightSlices {
  ranges: SliceRanges;
  /** Slice index → font file. */
  files: string[];
  /** Slice index → its CSS unicode-range, as the package's css.css says it. */
  unicodeRanges: string[];
}

/** Every weight of the package is cut into the same slices: the ranges are parsed once per process. */
let sharedRanges: { ranges: SliceRanges; signature: string } | undefined;
const sliceCache = new Map<string, WeightSlices>();
/** Font files already registered with the renderer (process-wide, like the renderer's font registry) → alias. */
const registered = new Map<string, string>();
/** Weight → ideograph advance in em for the bundled font (0: not uniform). */
const ideographEms = new Map<number, number>();

export function notoDirectory(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('noto-sans-sc/package.json'));
}

const BLOCK =
  /@font-face\s*\{[^}]*?src:\s*url\(\s*['"]?([^'")]+)['"]?\s*\)[^}]*?unicode-range:\s*([^;}]+)[^}]*\}/g;

/**
 * Parses one weight's css.css: `@font-face { src: url(FILE); unicode-range: U+4e00-4e3f, … }` blocks,
 * in order (a block's position is its slice index).
 */
export function parseSlices(css: string, dir: string): WeightSlices {
  const files: string[] = [];
  const lists: string[] = [];
  for (const m of css.matchAll(BLOCK)) {
    files.push(path.join(dir, m[1]!));
    lists.push(m[2]!);
  }
  const signature = lists.join('|');
  if (sharedRanges?.signature !== signature) sharedRanges = { ranges: parseRanges(lists), signature };
  return { ranges: sharedRanges.ranges, files, unicodeRanges: lists.map((l) => l.trim()) };
}

function parseRanges(lists: readonly string[]): SliceRanges {
  const bmp = new Uint8Array(0x10000);
  const astral: number[] = [];
  lists.forEach((list, slice) => {
    // `U+4e00-4e3f, U+4e41, …`: hex digits read by char code; the first slice to claim a code point keeps it.
    let i = 0;
    const n = list.length;
    const hex = (): number => {
      let v = 0;
      for (; i < n; i++) {
        const c = list.charCodeAt(i) | 0x20; // lower case
        const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
        if (d < 0) break;
        v = v * 16 + d;
      }
      return v;
    };
    while (i < n) {
      const c = list.charCodeAt(i);
      if (c !== 0x55 && c !== 0x75) {
        i++;
        continue;
      }
      i += 2; // "U+"
      const first = hex();
      let last = first;
      if (list.charCodeAt(i) === 0x2d) {
        i++;
        last = hex();
      }
      for (let cp = first; cp <= Math.min(last, 0xffff); cp++) if (bmp[cp] === 0) bmp[cp] = slice + 1;
      if (last > 0xffff) astral.push(Math.max(first, 0x10000), last, slice);
    }
  });
  return { bmp, astral };
}

/** The slice that has a code point, if any. */
export function sliceOf(s: WeightSlices, cp: number): Slice | undefined {
  let index = -1;
  if (cp <= 0xffff) index = s.ranges.bmp[cp]! - 1;
  else {
    const r = s.ranges.astral;
    for (let k = 0; k < r.length; k += 3) {
      if (cp >= r[k]! && cp <= r[k + 1]!) {
        index = r[k + 2]!;
        break;
      }
    }
  }
  const file = s.files[index]; // none when index < 0
  return file === undefined ? undefined : { index, file };
}

/** A CJK ideograph (one em wide in Noto Sans SC). */
export function isIdeographChar(s: string): boolean {
  if (s.length !== 1) return false;
  const cp = s.charCodeAt(0);
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf);
}

function isInvisible(cp: number): boolean {
  return cp <= 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp === 0x3000 || (cp >= 0x200b && cp <= 0x200f);
}

interface UserFont {
  alias: string;
  covers: (cp: number) => boolean;
}

export class FontBook {
  private readonly notoDir: string;
  private readonly user = new Map<string, UserFont>();
  private readonly familyCache = new Map<string, string>();

  constructor(
    private readonly canvas: CanvasModule,
    opts: { notoDir?: string } = {},
  ) {
    this.notoDir = opts.notoDir ?? notoDirectory();
  }

  /**
   * Adds a font file under a name layers can use (`font: brand`); `sans` replaces the bundled font's
   * first choice for every layer. `field` names where the file was given, for errors.
   */
  addFont(name: string, file: string, field: string): void {
    const ext = path.extname(file).toLowerCase();
    if (ext !== '.ttf' && ext !== '.otf') {
      throw new PosterError(
        field,
        `font "${file}" is not a TrueType (.ttf) or OpenType (.otf) file`,
        'Give a .ttf or .otf file (convert WOFF/WOFF2 web fonts first).',
      );
    }
    let bytes: Buffer;
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new Error('not a file');
      if (st.size > 64 * 1024 * 1024) {
        throw new PosterError(field, `font "${file}" is ${(st.size / 1048576).toFixed(1)} MB; at most 64 MB`);
      }
      bytes = readFileSync(file);
    } catch (e) {
      if (e instanceof PosterError) throw e;
      throw new PosterError(field, `font file "${file}" does not exist or cannot be read`);
    }
    const covers = readCmap(bytes);
    if (!covers) {
      throw new PosterError(
        field,
        `font "${file}" is not a readable TrueType/OpenType font (no Unicode cmap)`,
      );
    }
    let alias = registered.get(file);
    if (!alias) {
      alias = `livectl-user-${registered.size}`;
      if (!this.canvas.GlobalFonts.register(bytes, alias)) {
        throw new PosterError(field, `font "${file}" could not be loaded by the renderer`);
      }
      registered.set(file, alias);
    }
    this.user.set(name, { alias, covers });
    this.familyCache.clear();
  }

  /**
   * The advance of a CJK ideograph as a fraction of the font size, when every ideograph has the same
   * one (Noto Sans SC: one em), so line breaking need not shape each character; undefined for a user
   * font, whose ideographs may be proportional. Measured once per weight and process.
   */
  ideographEm(
    font: string,
    weight: number,
    size: number,
    text: string,
    ctx: { measureText(s: string): { width: number } },
  ): number | undefined {
    if (this.user.has(font) || this.user.has(BUNDLED_FONT)) return undefined;
    const w = nearestWeight(weight);
    let em = ideographEms.get(w);
    if (em === undefined) {
      // Two different ideographs of the text itself (ctx is set to its font): no extra font slices.
      const samples = [...new Set([...text].filter((c) => isIdeographChar(c)))].slice(0, 2);
      if (samples.length < 2) return undefined;
      const widths = samples.map((c) => ctx.measureText(c).width / size);
      em = Math.abs(widths[0]! - widths[1]!) < 1e-6 ? widths[0]! : 0;
      ideographEms.set(w, em);
    }
    return em || undefined;
  }

  /** Whether layers may use this font name. */
  has(name: string): boolean {
    return name === BUNDLED_FONT || this.user.has(name);
  }

  /** The CSS font-family list to draw `text` with: the user font, then the Noto slices it needs. */
  families(text: string, weight: number, font: string = BUNDLED_FONT): string {
    const w = nearestWeight(weight);
    const key = `${font}\u0000${w}\u0000${text}`;
    const hit = this.familyCache.get(key);
    if (hit) return hit;
    const slices = this.slices(w);
    const needed = new Map<number, Slice>();
    for (const ch of text) {
      const s = sliceOf(slices, ch.codePointAt(0)!);
      if (s) needed.set(s.index, s);
    }
    const names: string[] = [];
    // A layer's own font first; else a font that replaces the bundled one (`--font`).
    const user = this.user.get(font) ?? this.user.get(BUNDLED_FONT);
    if (user) names.push(user.alias);
    for (const s of [...needed.values()].sort((a, b) => a.index - b.index)) {
      let alias = registered.get(s.file);
      if (!alias) {
        alias = `livectl-sc-${w}-${s.index}`;
        this.canvas.GlobalFonts.registerFromPath(s.file, alias);
        registered.set(s.file, alias);
      }
      names.push(alias);
    }
    if (names.length === 0) names.push('sans-serif');
    const list = names.map((n) => `"${n}"`).join(', ');
    this.familyCache.set(key, list);
    return list;
  }

  /** The distinct visible characters of `text` that no font in its list has (they would print as boxes). */
  uncovered(text: string, font: string = BUNDLED_FONT): string[] {
    const slices = this.slices(400);
    const user = this.user.get(font) ?? this.user.get(BUNDLED_FONT);
    const out = new Set<string>();
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (isInvisible(cp) || sliceOf(slices, cp) || user?.covers(cp)) continue;
      out.add(ch);
    }
    return [...out];
  }

  /**
   * The bundled font's slice files a web page needs to show `text` (the contact sheet ships them beside
   * itself, so it reads the same on a machine without Chinese fonts), with their CSS unicode-range.
   */
  webFontSlices(text: string, weight = 400): { file: string; name: string; unicodeRange: string }[] {
    const s = this.slices(nearestWeight(weight));
    const needed = new Map<number, Slice>();
    for (const ch of text) {
      const slice = sliceOf(s, ch.codePointAt(0)!);
      if (slice) needed.set(slice.index, slice);
    }
    return [...needed.values()]
      .sort((a, b) => a.index - b.index)
      .map((x) => ({
        file: x.file,
        name: `noto-sans-sc-${nearestWeight(weight)}-${x.index}.woff2`,
        unicodeRange: s.unicodeRanges[x.index]!,
      }));
  }

  /** The bundled font's licence file (SIL OFL 1.1), to ship with copies of the font. */
  licenseFile(): string {
    return path.join(this.notoDir, 'LICENSE_OFL.txt');
  }

  private slices(weight: number): WeightSlices {
    const dir = path.join(this.notoDir, `noto_sans_sc_${WEIGHT_DIRS[weight]}`);
    let s = sliceCache.get(dir);
    if (!s) {
      let css: string;
      try {
        css = readFileSync(path.join(dir, 'css.css'), 'utf8');
      } catch {
        throw new Error(`the bundled font is missing (${dir}); reinstall livectl's dependencies (npm ci)`);
      }
      s = parseSlices(css, dir);
      sliceCache.set(dir, s);
    }
    return s;
  }
}
