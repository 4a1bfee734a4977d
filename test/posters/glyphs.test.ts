import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATES_DIR } from '../../src/platform/paths.js';
import { loadCanvas } from '../../src/poster/canvas.js';
import { FontBook } from '../../src/poster/fonts.js';
import { ImageStore } from '../../src/poster/images.js';
import { SHIPPED_POSTERS } from '../../src/poster/index.js';
import { qrMatrix } from '../../src/poster/qr.js';
import { drawPoster } from '../../src/poster/render.js';
import { posterScope } from '../../src/poster/scope.js';
import { posterTargets } from '../../src/poster/targets.js';
import { loadTemplate, shippedTemplatePath } from '../../src/poster/template.js';
import { example } from './support.js';

/** Draws one character alone and returns its dark pixels as a string (to compare bitmaps). */
function glyphBitmap(canvas: Awaited<ReturnType<typeof loadCanvas>>) {
  const cv = canvas.createCanvas(96, 96);
  const ctx = cv.getContext('2d');
  return (ch: string, families: string, weight: number) => {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 96, 96);
    ctx.fillStyle = '#000';
    ctx.font = `${weight} 64px ${families}`;
    ctx.textBaseline = 'middle';
    ctx.fillText(ch, 12, 48);
    const { data } = ctx.getImageData(0, 0, 96, 96);
    let dark = 0;
    let bits = '';
    for (let i = 0; i < data.length; i += 4) {
      const on = data[i]! < 128;
      if (on) dark++;
      bits += on ? '1' : '0';
    }
    return { dark, bits };
  };
}

/** A FontBook that remembers every text the renderer drew, by weight. */
class RecordingFontBook extends FontBook {
  readonly drawn = new Map<number, Set<string>>();
  override families(text: string, weight: number, font?: string): string {
    const set = this.drawn.get(weight) ?? new Set<string>();
    this.drawn.set(weight, set);
    for (const ch of text) set.add(ch);
    return super.families(text, weight, font);
  }
}

describe('no missing glyphs in the shipped templates', () => {
  it('every character the templates draw (for both example campaigns) is in Noto Sans SC and is a real glyph', async () => {
    const canvas = await loadCanvas();
    const fonts = new RecordingFontBook(canvas);
    // Every shipped template with every poster target of both example campaigns.
    for (const file of ['goddess-day.yaml', 'minimal.yaml']) {
      const { campaign, times, dir } = example(file);
      const images = new ImageStore(canvas, dir);
      const { targets } = posterTargets(campaign, times);
      for (const name of SHIPPED_POSTERS) {
        const template = await loadTemplate(shippedTemplatePath(TEMPLATES_DIR, name), name, name);
        for (const target of targets) {
          const { scope, paths } = posterScope(campaign, times, { ...target, template: name });
          await drawPoster({
            canvas,
            fonts,
            images,
            template,
            scope,
            paths,
            code: { kind: 'qr', matrix: qrMatrix(target.sharePath) },
            scale: 1,
            poster: target.key,
            warnings: [],
          });
        }
      }
    }

    const plain = new FontBook(canvas);
    const bitmap = glyphBitmap(canvas);

    const problems: string[] = [];
    let checked = 0;
    for (const [weight, chars] of fonts.drawn) {
      // The box a missing character gets (U+E000 is in no slice), drawn with a real slice of this weight.
      const notdef = bitmap('\uE000', plain.families('女', weight), weight);
      for (const ch of chars) {
        if (/\s/.test(ch)) continue;
        checked++;
        const cp = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
        if (plain.uncovered(ch).length) problems.push(`${ch} ${cp} (weight ${weight}) is in no font slice`);
        const g = bitmap(ch, plain.families(ch, weight), weight);
        if (g.dark === 0) problems.push(`${ch} ${cp} (weight ${weight}) draws nothing`);
        else if (g.bits === notdef.bits)
          problems.push(`${ch} ${cp} (weight ${weight}) draws the missing-glyph box`);
      }
    }
    expect(problems).toEqual([]);
    // The check saw the texts: Chinese, digits, the currency sign, punctuation, in several weights.
    expect(checked).toBeGreaterThan(150);
    expect([...fonts.drawn.keys()].sort()).toEqual([400, 700, 900]);
    for (const ch of '女神节¥（）·…–0123589') {
      expect([...fonts.drawn.values()].some((s) => s.has(ch))).toBe(true);
    }
  });

  it('the check itself catches a missing glyph', async () => {
    const canvas = await loadCanvas();
    const fonts = new FontBook(canvas);
    expect(fonts.uncovered('女神节🎉')).toEqual(['🎉']);
    expect(fonts.uncovered('\uE000')).toEqual(['\uE000']);
    expect(path.basename(fonts.families('女', 400).split(',')[0]!)).toMatch(/livectl-sc-400-\d+/);
    // Two missing characters draw the same box; a real one does not.
    const bitmap = glyphBitmap(canvas);
    const families = fonts.families('女', 400);
    const box = bitmap('\uE000', families, 400);
    expect(box.dark).toBeGreaterThan(0);
    expect(bitmap('\uE001', families, 400).bits).toBe(box.bits);
    expect(bitmap('女', families, 400).bits).not.toBe(box.bits);
  });
});
