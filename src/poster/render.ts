import type { Canvas, Image, SKRSContext2D } from '@napi-rs/canvas';
import { lookup, placeholdersIn, renderPlaceholders } from '../campaign/placeholders.js';
import type { CanvasModule } from './canvas.js';
import { PosterError, type PosterWarning } from './errors.js';
import { type FontBook, isIdeographChar } from './fonts.js';
import type { ImageStore } from './images.js';
import { breakLines } from './line-break.js';
import type { QrMatrix } from './qr.js';
import { type FieldPaths, fieldOf, type PosterScope } from './scope.js';
import type {
  CodeLayer,
  ImageLayer,
  Layer,
  Length,
  LoadedTemplate,
  RectLayer,
  RepeatLayer,
  TextLayer,
} from './template.js';

/** What goes in the code layer: a QR of the share path (offline), or the platform's mini-program code. */
export type PosterCode = { kind: 'qr'; matrix: QrMatrix } | { kind: 'image'; image: Image };

export interface DrawInput {
  canvas: CanvasModule;
  fonts: FontBook;
  images: ImageStore;
  template: LoadedTemplate;
  scope: PosterScope;
  paths: FieldPaths;
  code: PosterCode;
  /** 1 → 750×1334 for the shipped templates, 2 → 1500×2668. */
  scale: number;
  /** The poster's key, for warnings. */
  poster: string;
  warnings: PosterWarning[];
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Draws a template with a scope onto a new canvas. Deterministic: same input, same pixels. */
export async function drawPoster(input: DrawInput): Promise<Canvas> {
  const t = input.template.template;
  const cv = input.canvas.createCanvas(Math.round(t.width * input.scale), Math.round(t.height * input.scale));
  const ctx = cv.getContext('2d');
  ctx.scale(input.scale, input.scale);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.fillStyle = t.background;
  ctx.fillRect(0, 0, t.width, t.height);
  const root: Box = { x: 0, y: 0, w: t.width, h: t.height };
  await drawLayers(ctx, input, t.layers, root, input.scope, 'layers');
  return cv;
}

async function drawLayers(
  ctx: SKRSContext2D,
  input: DrawInput,
  layers: readonly Layer[],
  parent: Box,
  scope: PosterScope,
  where: string,
): Promise<void> {
  for (const [i, layer] of layers.entries()) {
    const at = `${where}[${i}]`;
    if (layer.when !== undefined && !present(lookup(scope, layer.when))) continue;
    if (layer.unless !== undefined && present(lookup(scope, layer.unless))) continue;
    ctx.save();
    if (layer.opacity !== undefined) ctx.globalAlpha *= layer.opacity;
    try {
      switch (layer.type) {
        case 'rect':
          drawRect(ctx, input, layer, boxOf(layer, parent));
          break;
        case 'image':
          await drawImage(ctx, input, layer, boxOf(layer, parent), scope, at);
          break;
        case 'text':
          drawText(ctx, input, layer, boxOf(layer, parent), scope, at);
          break;
        case 'code':
          drawCode(ctx, input, layer, codeBox(layer, parent));
          break;
        case 'repeat':
          await drawRepeat(ctx, input, layer, boxOf(layer, parent), scope, at);
          break;
      }
    } finally {
      ctx.restore();
    }
  }
}

/**
 * The images a template will draw for a scope (same when/unless/repeat rules as drawing), so the
 * caller can start decoding them all at once, off the main thread, before drawing needs them.
 */
export function imageRefs(
  layers: readonly Layer[],
  scope: PosterScope,
  paths: FieldPaths,
): { ref: string; field: string }[] {
  const out: { ref: string; field: string }[] = [];
  for (const layer of layers) {
    if (layer.when !== undefined && !present(lookup(scope, layer.when))) continue;
    if (layer.unless !== undefined && present(lookup(scope, layer.unless))) continue;
    if (layer.type === 'image') {
      const ref = lookup(scope, layer.src);
      if (typeof ref === 'string' && ref !== '') out.push({ ref, field: fieldOf(layer.src, scope, paths) });
    } else if (layer.type === 'repeat') {
      const list = lookup(scope, layer.items);
      if (!Array.isArray(list)) continue;
      list.slice(0, layer.max).forEach((item, i) => {
        out.push(...imageRefs(layer.layers, { ...scope, item, index: i + 1 }, paths));
      });
    }
  }
  return out;
}

function present(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === '') return false;
  return !(Array.isArray(v) && v.length === 0);
}

function len(v: Length | undefined, ref: number): number | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'number' ? v : (Number.parseFloat(v) / 100) * ref;
}

/** x/y/width/height/right/bottom against the parent box, CSS-like. */
function boxOf(
  l: { x?: Length; y?: Length; width?: Length; height?: Length; right?: Length; bottom?: Length },
  parent: Box,
): Box {
  const right = len(l.right, parent.w);
  const bottom = len(l.bottom, parent.h);
  let w = len(l.width, parent.w);
  let h = len(l.height, parent.h);
  let x = len(l.x, parent.w);
  let y = len(l.y, parent.h);
  if (x === undefined) x = w !== undefined && right !== undefined ? parent.w - right - w : 0;
  if (y === undefined) y = h !== undefined && bottom !== undefined ? parent.h - bottom - h : 0;
  w ??= parent.w - x - (right ?? 0);
  h ??= parent.h - y - (bottom ?? 0);
  return { x: parent.x + x, y: parent.y + y, w, h };
}

function codeBox(l: CodeLayer, parent: Box): Box {
  return boxOf({ ...l, width: l.width ?? l.size, height: l.height ?? l.size }, parent);
}

function roundRectPath(ctx: SKRSContext2D, b: Box, r: number): void {
  const rr = Math.max(0, Math.min(r, b.w / 2, b.h / 2));
  ctx.beginPath();
  ctx.moveTo(b.x + rr, b.y);
  ctx.arcTo(b.x + b.w, b.y, b.x + b.w, b.y + b.h, rr);
  ctx.arcTo(b.x + b.w, b.y + b.h, b.x, b.y + b.h, rr);
  ctx.arcTo(b.x, b.y + b.h, b.x, b.y, rr);
  ctx.arcTo(b.x, b.y, b.x + b.w, b.y, rr);
  ctx.closePath();
}

function drawRect(ctx: SKRSContext2D, input: DrawInput, l: RectLayer, b: Box): void {
  if (b.w <= 0 || b.h <= 0) return;
  roundRectPath(ctx, b, l.radius ?? 0);
  if (l.gradient) {
    const g = l.gradient;
    let grad: ReturnType<SKRSContext2D['createLinearGradient']>;
    if (g.type === 'radial') {
      const cx = b.x + b.w / 2;
      const cy = b.y + b.h / 2;
      // The circle touches the nearer edges, so the gradient has faded out before the box ends (no seam).
      grad = ctx.createRadialGradient(cx, cy, 0, cx, cy, Math.min(b.w, b.h) / 2);
    } else {
      // CSS angles: 0deg points up, 90deg right; the line spans the box's corners.
      const a = (g.angle * Math.PI) / 180;
      const dx = Math.sin(a);
      const dy = -Math.cos(a);
      const half = (Math.abs(b.w * dx) + Math.abs(b.h * dy)) / 2;
      const cx = b.x + b.w / 2;
      const cy = b.y + b.h / 2;
      grad = ctx.createLinearGradient(cx - dx * half, cy - dy * half, cx + dx * half, cy + dy * half);
    }
    for (const [offset, color] of g.stops) grad.addColorStop(offset, color);
    ctx.fillStyle = grad;
  } else if (l.fill) {
    ctx.fillStyle = l.fill;
  }
  if (l.shadow) applyShadow(ctx, input, l.shadow);
  if (l.gradient || l.fill) ctx.fill();
  if (l.stroke) {
    ctx.shadowColor = 'transparent';
    ctx.strokeStyle = l.stroke.color;
    ctx.lineWidth = l.stroke.width;
    if (l.stroke.dash) ctx.setLineDash(l.stroke.dash);
    ctx.stroke();
  }
}

function applyShadow(
  ctx: SKRSContext2D,
  input: DrawInput,
  s: { color: string; blur: number; x: number; y: number },
): void {
  // Shadow sizes ignore the transform (canvas spec): scale them with the poster.
  ctx.shadowColor = s.color;
  ctx.shadowBlur = s.blur * input.scale;
  ctx.shadowOffsetX = s.x * input.scale;
  ctx.shadowOffsetY = s.y * input.scale;
}

async function drawImage(
  ctx: SKRSContext2D,
  input: DrawInput,
  l: ImageLayer,
  b: Box,
  scope: PosterScope,
  at: string,
): Promise<void> {
  const ref = lookup(scope, l.src);
  const field = fieldOf(l.src, scope, input.paths);
  if (typeof ref !== 'string' || ref === '') {
    input.warnings.push({
      poster: input.poster,
      field,
      message: `no image for ${l.src} (${input.template.label} ${at}); the layer is left out`,
    });
    return;
  }
  const img = await input.images.load(ref, field);
  drawFitted(ctx, img, b, l.fit, l.radius ?? 0, l.background);
}

function drawFitted(
  ctx: SKRSContext2D,
  img: Image,
  b: Box,
  fit: 'cover' | 'contain',
  radius: number,
  background?: string,
): void {
  if (b.w <= 0 || b.h <= 0) return;
  ctx.save();
  roundRectPath(ctx, b, radius);
  ctx.clip();
  if (background) {
    ctx.fillStyle = background;
    ctx.fillRect(b.x, b.y, b.w, b.h);
  }
  const iw = img.width;
  const ih = img.height;
  if (fit === 'cover') {
    const s = Math.max(b.w / iw, b.h / ih);
    const sw = b.w / s;
    const sh = b.h / s;
    ctx.drawImage(img, (iw - sw) / 2, (ih - sh) / 2, sw, sh, b.x, b.y, b.w, b.h);
  } else {
    const s = Math.min(b.w / iw, b.h / ih);
    const dw = iw * s;
    const dh = ih * s;
    ctx.drawImage(img, 0, 0, iw, ih, b.x + (b.w - dw) / 2, b.y + (b.h - dh) / 2, dw, dh);
  }
  ctx.restore();
}

function drawText(
  ctx: SKRSContext2D,
  input: DrawInput,
  l: TextLayer,
  b: Box,
  scope: PosterScope,
  at: string,
): void {
  const { text, missing } = renderPlaceholders(l.text, scope);
  const where = `${input.template.label} ${at}`;
  for (const expr of missing) {
    input.warnings.push({
      poster: input.poster,
      field: fieldOf(expr, scope, input.paths),
      message: `{{${expr}}} has no value here (${where}); it is left empty`,
    });
  }
  if (text.trim() === '') return;
  if (!input.fonts.has(l.font)) {
    throw new PosterError(
      `${where}.font`,
      `font "${l.font}" is not defined`,
      'Use "sans" (the bundled Noto Sans SC) or add the font file under "fonts" in the template.',
    );
  }
  const fields = placeholdersIn(l.text).map((e) => fieldOf(e, scope, input.paths));
  const field = fields.length ? [...new Set(fields)].join(', ') : `${where}.text`;
  const uncovered = input.fonts.uncovered(text, l.font);
  if (uncovered.length) {
    input.warnings.push({
      poster: input.poster,
      field,
      message: `${uncovered.map((c) => `"${c}"`).join(' ')} ${uncovered.length === 1 ? 'is' : 'are'} not in the poster font and will print as a box (${where})`,
    });
  }
  const maxWidth = Math.min(l.maxWidth ?? b.w, b.w);
  if (maxWidth <= 0) return;
  const explicitHeight = l.height !== undefined || l.bottom !== undefined;
  const minSize = Math.min(l.minSize ?? l.size, l.size);
  const layout = (families: string) => {
    let size = l.size;
    for (;;) {
      ctx.font = `${l.weight} ${size}px ${families}`;
      const fitLines = explicitHeight
        ? Math.max(1, Math.floor(b.h / (size * l.lineHeight) + 1e-6))
        : undefined;
      const maxLines = Math.min(l.maxLines ?? Number.POSITIVE_INFINITY, fitLines ?? Number.POSITIVE_INFINITY);
      const em = input.fonts.ideographEm(l.font, l.weight, size, text, ctx);
      const broken = breakLines(
        text,
        (s) => (em && isIdeographChar(s) ? em * size : ctx.measureText(s).width),
        {
          maxWidth,
          maxLines: Number.isFinite(maxLines) ? maxLines : undefined,
        },
      );
      if (!broken.truncated || size <= minSize) return { broken, size };
      size = Math.max(minSize, size - 2);
    }
  };
  // The font slices the text needs; the ellipsis's slice only when the text has to be cut.
  let { broken, size } = layout(input.fonts.families(text, l.weight, l.font));
  if (broken.truncated) ({ broken, size } = layout(input.fonts.families(`${text}…`, l.weight, l.font)));
  if (broken.truncated) {
    if (l.overflow === 'error') {
      throw new PosterError(
        field,
        `"${text}" does not fit on the poster (${where}: ${Math.round(maxWidth)} px wide, ${l.maxLines ?? 'as many'} line(s) at ${size} px)`,
        'Shorten it, or use a template with more room for it.',
      );
    }
    input.warnings.push({
      poster: input.poster,
      field,
      message: `"${text}" was cut to ${broken.lines.length} line(s) as "${broken.lines.join('')}"; "${broken.dropped}" did not fit (${where})`,
    });
  }
  const lines = broken.lines;
  const lineH = size * l.lineHeight;
  const total = lines.length * lineH;
  let y0 = b.y;
  if (explicitHeight && l.valign === 'middle') y0 = b.y + (b.h - total) / 2;
  else if (explicitHeight && l.valign === 'bottom') y0 = b.y + b.h - total;
  const measured = lines.map((line) => ({ line, width: ctx.measureText(line).width }));
  const widths = measured.map((m) => m.width);
  const xOf = (w: number) =>
    l.align === 'center' ? b.x + (b.w - w) / 2 : l.align === 'right' ? b.x + b.w - w : b.x;
  if (l.background) {
    const bg = l.background;
    const wMax = Math.max(...widths);
    const box = { x: xOf(wMax) - bg.padX, y: y0 - bg.padY, w: wMax + 2 * bg.padX, h: total + 2 * bg.padY };
    roundRectPath(ctx, box, bg.radius);
    ctx.fillStyle = bg.fill;
    ctx.fill();
  }
  ctx.fillStyle = l.color;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  measured.forEach(({ line, width }, i) => {
    const x = xOf(width);
    const y = y0 + i * lineH + lineH / 2;
    ctx.fillText(line, x, y);
    if (l.strike) {
      const th = Math.max(1.5, size / 16);
      ctx.fillRect(x - 1, y - th / 2, width + 2, th);
    }
  });
}

function drawCode(ctx: SKRSContext2D, input: DrawInput, l: CodeLayer, b: Box): void {
  const side = Math.min(b.w, b.h);
  const box = { x: b.x + (b.w - side) / 2, y: b.y + (b.h - side) / 2, w: side, h: side };
  roundRectPath(ctx, box, l.radius);
  ctx.fillStyle = l.background;
  ctx.fill();
  const inner = side - 2 * l.padding;
  if (inner <= 0) return;
  if (input.code.kind === 'image') {
    drawFitted(
      ctx,
      input.code.image,
      { x: box.x + l.padding, y: box.y + l.padding, w: inner, h: inner },
      'contain',
      0,
    );
    return;
  }
  // Whole device pixels per module keep the code sharp (and easy to scan) at any scale.
  const m = input.code.matrix;
  const s = input.scale;
  const px = Math.max(1, Math.floor((inner * s) / m.size));
  const qrPx = px * m.size;
  const ox = Math.round((box.x + l.padding) * s + (inner * s - qrPx) / 2);
  const oy = Math.round((box.y + l.padding) * s + (inner * s - qrPx) / 2);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = l.color;
  for (const [r, row] of m.dark.entries()) {
    let c = 0;
    while (c < m.size) {
      if (!row[c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < m.size && row[c]) c++;
      ctx.fillRect(ox + start * px, oy + r * px, (c - start) * px, px);
    }
  }
  ctx.restore();
}

async function drawRepeat(
  ctx: SKRSContext2D,
  input: DrawInput,
  l: RepeatLayer,
  b: Box,
  scope: PosterScope,
  at: string,
): Promise<void> {
  const list = lookup(scope, l.items);
  if (!Array.isArray(list)) {
    if (list !== undefined) {
      throw new PosterError(
        `${input.template.label} ${at}.items`,
        `"${l.items}" is not a list (coupons, products)`,
      );
    }
    return;
  }
  const n = Math.min(list.length, l.max);
  if (n === 0) return;
  const row = l.direction === 'row';
  const cellW = row ? (l.itemWidth ?? (b.w - l.gap * (n - 1)) / n) : (l.itemWidth ?? b.w);
  const cellH = row ? (l.itemHeight ?? b.h) : (l.itemHeight ?? (b.h - l.gap * (n - 1)) / n);
  const total = row ? n * cellW + (n - 1) * l.gap : n * cellH + (n - 1) * l.gap;
  const offset = l.justify === 'center' ? ((row ? b.w : b.h) - total) / 2 : 0;
  for (let i = 0; i < n; i++) {
    const cell: Box = row
      ? { x: b.x + offset + i * (cellW + l.gap), y: b.y, w: cellW, h: cellH }
      : { x: b.x, y: b.y + offset + i * (cellH + l.gap), w: cellW, h: cellH };
    await drawLayers(ctx, input, l.layers, cell, { ...scope, item: list[i], index: i + 1 }, `${at}.layers`);
  }
}
