import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Canvas } from '@napi-rs/canvas';
import { formatWhenZh } from '../campaign/message-scope.js';
import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign } from '../campaign/schema.js';
import { isValidTimeZone } from '../campaign/time.js';
import { UserError } from '../errors.js';
import { currentLang } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';
import { TEMPLATES_DIR } from '../platform/paths.js';
import { type CanvasModule, loadCanvas } from './canvas.js';
import { contactSheetHtml, type SheetPoster } from './contact-sheet.js';
import { PosterError, type PosterWarning } from './errors.js';
import { FontBook } from './fonts.js';
import { ImageStore } from './images.js';
import { encodePng } from './png.js';
import { qrMatrix } from './qr.js';
import { drawPoster, imageRefs, type PosterCode } from './render.js';
import { posterScope } from './scope.js';
import { type PosterTarget, posterTargets, type SkippedTarget } from './targets.js';
import { type LoadedTemplate, loadTemplate, shippedTemplatePath } from './template.js';
import { campaignTimeline } from './timeline.js';
import { writeFileAtomic } from './write-atomic.js';

export { PosterError, type PosterWarning } from './errors.js';
export { type PosterTarget, posterScene, posterTargets, sharePath } from './targets.js';

/** Template names livectl ships (templates/posters/<name>.json); `room` is the room's share poster. */
export const SHIPPED_POSTERS = ['teaser', 'article', 'live-now', 'room'] as const;

export interface RenderCampaignPostersOptions {
  campaign: Campaign;
  times: CampaignTimes;
  /** The campaign file's folder: images and template files resolve against it. */
  campaignDir: string;
  /** Where the PNGs and index.html go (created if missing). */
  outDir: string;
  /** 1 → 750×1334 (default), 2 → 1500×2668. */
  scale?: 1 | 2;
  /** Only this wave's (or after-wave's) poster. The contact sheet still shows the whole campaign. */
  waveId?: string;
  /**
   * The real mini-program code for a poster (apply: getwxacodeunlimit with `posterScene(roomId, target)`),
   * as PNG or JPEG bytes; undefined → the offline QR of `target.sharePath`.
   */
  code?: (target: PosterTarget) => Promise<Buffer | undefined>;
  /** The clock: entries before it are marked past on the contact sheet. Never drawn on a poster. */
  now?: Date;
  /** The live room's id once created: it goes into the offline QR's share path. */
  roomId?: string;
  /** A .ttf/.otf font that replaces the bundled one (characters it lacks still come from Noto Sans SC). */
  fontFile?: string;
  /** Where shipped templates live (tests may point elsewhere). */
  templatesDir?: string;
  /** The language of the contact sheet's words (the posters are Chinese). Default: the command's. */
  lang?: Lang;
}

export interface PosterFile {
  target: PosterTarget;
  /** Absolute path of the PNG. */
  file: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  code: 'qr' | 'mini-program';
  /** The template as named: `teaser`, or the campaign's path. */
  template: string;
}

export interface RenderCampaignPostersResult {
  files: PosterFile[];
  /** Absolute path of index.html. */
  contactSheet: string;
  /** Waves that get no poster, and why. */
  skipped: SkippedTarget[];
  warnings: PosterWarning[];
}

/**
 * Renders a campaign's posters (every wave's, the room's share poster) and the contact sheet.
 * Everything is drawn and encoded in memory first; files are written only when every poster
 * succeeded, each atomically, so a failure leaves no half-written or half-updated set behind.
 * Throws PosterError (a UserError naming the field) for bad input; returns warnings for what was
 * still made (cut text, empty placeholders, characters missing from the font).
 */
export async function renderCampaignPosters(
  opts: RenderCampaignPostersOptions,
): Promise<RenderCampaignPostersResult> {
  const scale = opts.scale ?? 1;
  if (scale !== 1 && scale !== 2)
    throw new UserError(`scale must be 1 or 2, got ${String(scale)}`, { exitCode: 2 });
  const c = opts.campaign;
  const templatesDir = opts.templatesDir ?? TEMPLATES_DIR;
  const { targets, skipped } = posterTargets(c, opts.times, { roomId: opts.roomId, scale });
  let chosen = targets;
  if (opts.waveId !== undefined) {
    chosen = targets.filter((t) => t.waveId === opts.waveId);
    if (chosen.length === 0) {
      const skip = skipped.find((s) => s.waveId === opts.waveId);
      if (skip) throw new UserError(`wave "${opts.waveId}" has no poster: ${skip.reason}`);
      const ids = [...c.waves, ...c.after].map((w) => w.id);
      throw new UserError(`there is no wave "${opts.waveId}" in campaign ${c.metadata.name}`, {
        hint: `Waves: ${ids.join(', ') || 'none'}.`,
        exitCode: 2,
      });
    }
  }

  const canvas = await loadCanvas();
  const images = new ImageStore(canvas, opts.campaignDir);
  const warnings: PosterWarning[] = [];
  const templates = new Map<string, Promise<{ loaded: LoadedTemplate; fonts: FontBook }>>();
  const templateFor = (t: PosterTarget) => {
    let p = templates.get(t.template);
    if (!p) {
      p = prepareTemplate(t, {
        canvas,
        templatesDir,
        campaignDir: opts.campaignDir,
        fontFile: opts.fontFile,
      });
      templates.set(t.template, p);
    }
    return p;
  };

  const rendered: {
    target: PosterTarget;
    template: LoadedTemplate;
    png: Promise<Buffer>;
    w: number;
    h: number;
    code: 'qr' | 'mini-program';
  }[] = [];
  // Start every image decoding now (the renderer decodes off the main thread), so the first poster
  // does not wait for them one by one. Failures surface where the poster draws the image.
  const prepared = await Promise.all(
    chosen.map(async (target) => ({ target, ...(await templateFor(target)) })),
  );
  for (const { target, loaded } of prepared) {
    const { scope, paths } = posterScope(c, opts.times, target);
    for (const { ref, field } of imageRefs(loaded.template.layers, scope, paths)) {
      images.load(ref, field).catch(() => undefined);
    }
  }
  for (const { target, loaded, fonts } of prepared) {
    const bytes = opts.code ? await opts.code(target) : undefined;
    const code: PosterCode = bytes
      ? {
          kind: 'image',
          image: await images.decode(bytes, `code for ${target.key}`, 'the mini-program code'),
        }
      : { kind: 'qr', matrix: qrMatrix(target.sharePath) };
    const { scope, paths } = posterScope(c, opts.times, target);
    const cv = await drawPoster({
      canvas,
      fonts,
      images,
      template: loaded,
      scope,
      paths,
      code,
      scale,
      poster: target.key,
      warnings,
    });
    const png = encode(pixelsOf(canvas, cv, loaded.template.background), cv.width, cv.height);
    png.catch(() => undefined); // awaited below; never an unhandled rejection if a later poster fails
    rendered.push({
      target,
      template: loaded,
      png,
      w: cv.width,
      h: cv.height,
      code: bytes ? 'mini-program' : 'qr',
    });
  }
  const pngs = await Promise.all(rendered.map(async (r) => ({ r, png: await r.png })));

  await mkdir(opts.outDir, { recursive: true });
  const files: PosterFile[] = [];
  for (const { r, png } of pngs) {
    const file = path.join(opts.outDir, r.target.fileName);
    await writeFileAtomic(file, png);
    files.push({
      target: r.target,
      file,
      width: r.w,
      height: r.h,
      bytes: png.length,
      sha256: createHash('sha256').update(png).digest('hex'),
      code: r.code,
      template: r.target.template,
    });
  }

  // The sheet shows every poster of the campaign: this run's, and (with --wave) earlier runs' files.
  const sheetPosters: SheetPoster[] = targets.flatMap((t) => {
    const mine = files.find((f) => f.target.key === t.key);
    if (mine) {
      return [
        {
          key: t.key,
          fileName: t.fileName,
          template: t.template,
          width: mine.width,
          height: mine.height,
          code: mine.code,
        },
      ];
    }
    if (opts.waveId !== undefined && existsSync(path.join(opts.outDir, t.fileName))) {
      const w = 750 * scale;
      return [
        {
          key: t.key,
          fileName: t.fileName,
          template: t.template,
          width: w,
          height: Math.round(w * (1334 / 750)),
          code: 'qr' as const,
          earlier: true,
        },
      ];
    }
    return [];
  });
  const tz = c.metadata.timezone;
  const when =
    opts.times.start && isValidTimeZone(tz)
      ? formatWhenZh(opts.times.start, opts.times.end, tz)
      : c.room.start;
  const lang = opts.lang ?? currentLang();
  const sheet = {
    campaign: c,
    lang,
    when,
    timeline: campaignTimeline(c, opts.times, lang),
    posters: sheetPosters,
    now: opts.now,
    skipped,
  };
  // The sheet's own text in Noto Sans SC, from the slices it needs copied beside it (with the OFL).
  const noto = new FontBook(canvas);
  const sheetText = contactSheetHtml(sheet);
  const slices = [400, 700].flatMap((weight) =>
    noto.webFontSlices(sheetText, weight).map((s) => ({ ...s, weight })),
  );
  await mkdir(path.join(opts.outDir, 'fonts'), { recursive: true });
  const fonts: { href: string; unicodeRange: string; weight: number }[] = [];
  for (const s of [
    ...slices,
    { file: noto.licenseFile(), name: 'LICENSE_OFL.txt', unicodeRange: '', weight: 0 },
  ]) {
    const name = s.name;
    const target = path.join(opts.outDir, 'fonts', name);
    const size = await stat(s.file).then((x) => x.size);
    if (
      (await stat(target)
        .then((x) => x.size)
        .catch(() => -1)) !== size
    ) {
      await writeFileAtomic(target, await readFile(s.file));
    }
    if (s.unicodeRange) fonts.push({ href: `fonts/${name}`, unicodeRange: s.unicodeRange, weight: s.weight });
  }
  const contactSheet = path.join(opts.outDir, 'index.html');
  await writeFileAtomic(contactSheet, contactSheetHtml({ ...sheet, fonts }));
  return { files, contactSheet, skipped, warnings };
}

async function prepareTemplate(
  t: PosterTarget,
  o: { canvas: CanvasModule; templatesDir: string; campaignDir: string; fontFile?: string },
): Promise<{ loaded: LoadedTemplate; fonts: FontBook }> {
  const shipped = (SHIPPED_POSTERS as readonly string[]).includes(t.template);
  const field = t.templateField ?? `poster for ${t.key}`;
  let file: string;
  if (shipped) file = shippedTemplatePath(o.templatesDir, t.template);
  else {
    file = path.resolve(o.campaignDir, t.template);
    const rel = path.relative(path.resolve(o.campaignDir), file);
    if (path.isAbsolute(t.template) || rel.startsWith('..')) {
      throw new PosterError(field, `poster template "${t.template}" is outside the campaign's folder`);
    }
  }
  const loaded = await loadTemplate(file, t.template, field, shipped);
  const fonts = new FontBook(o.canvas);
  if (o.fontFile) fonts.addFont('sans', o.fontFile, '--font');
  for (const [name, rel] of Object.entries(loaded.template.fonts)) {
    fonts.addFont(name, path.resolve(path.dirname(file), rel), `${loaded.label} fonts.${name}`);
  }
  return { loaded, fonts };
}

/**
 * Straight RGBA pixels of a canvas, and whether they are all opaque. Layers are drawn source-over on
 * the template's background, so an opaque background means an opaque poster: then `data()`, a view
 * of the surface, is straight RGBA already when the surface is RGBA (checked once with a red test
 * pixel). Otherwise getImageData, which the canvas spec defines as straight RGBA.
 */
function pixelsOf(
  canvas: CanvasModule,
  cv: Canvas,
  background: string,
): { rgba: Uint8Array; opaque: boolean } {
  const probe = canvas.createCanvas(1, 1);
  const ctx = probe.getContext('2d');
  if (rgbaSurface === undefined) {
    ctx.fillStyle = '#ff0000';
    ctx.fillRect(0, 0, 1, 1);
    const d = probe.data();
    rgbaSurface = d[0] === 255 && d[2] === 0;
    ctx.clearRect(0, 0, 1, 1);
  }
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, 1, 1);
  const opaque = probe.data()[3] === 255;
  if (opaque && rgbaSurface) return { rgba: cv.data(), opaque };
  const img = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
  return { rgba: new Uint8Array(img.buffer, img.byteOffset, img.byteLength), opaque };
}

let rgbaSurface: boolean | undefined;

function encode(p: { rgba: Uint8Array; opaque: boolean }, width: number, height: number): Promise<Buffer> {
  return encodePng(p.rgba, width, height, p.opaque ? { opaque: true } : undefined);
}
