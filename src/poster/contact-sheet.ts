import type { Campaign } from '../campaign/schema.js';
import { contactSheetEn } from '../i18n/contact-sheet-en.js';
import { contactSheetZh } from '../i18n/contact-sheet-zh.js';
import type { Lang } from '../i18n/lang.js';
import type { TimelineEntry } from './timeline.js';

type SheetText = typeof contactSheetZh;

/** The contact sheet's texts in a language. */
export function sheetText(lang: Lang | undefined): SheetText {
  return lang === 'zh-CN' ? contactSheetZh : contactSheetEn;
}

/**
 * index.html beside the posters: every poster next to the campaign's timeline, a picture of the whole
 * campaign. One self-contained file (inline CSS, relative image links), so it opens from the folder,
 * a zip or a CI artifact. Pure: the same input gives the same bytes.
 */
export interface SheetPoster {
  key: string;
  /** File name relative to the sheet. */
  fileName: string;
  template: string;
  width: number;
  height: number;
  code: 'qr' | 'mini-program';
  /** Rendered by an earlier run (only with --wave). */
  earlier?: boolean;
}

export interface SheetInput {
  campaign: Campaign;
  /** `3月8日（周一）20:00–22:00` */
  when: string;
  timeline: readonly TimelineEntry[];
  posters: readonly SheetPoster[];
  /** Entries before now are marked as past (from --now). */
  now?: Date;
  /** Waves without a poster, and why. */
  skipped: readonly { key: string; reason: string }[];
  /** Web font files beside the sheet (relative href) with their unicode-range: Noto Sans SC slices. */
  fonts?: readonly { href: string; unicodeRange: string; weight: number }[];
  /** The language of the sheet's own words (the timeline comes in already written in it). Default en. */
  lang?: Lang;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function posterFigure(p: SheetPoster | undefined, alt: string, T: SheetText): string {
  if (!p) return '';
  const src = esc(encodeURIComponent(p.fileName));
  const note = [
    p.template,
    `${p.width}×${p.height}`,
    p.code === 'qr' ? T.previewQr : T.miniProgramCode,
    ...(p.earlier ? [T.earlier] : []),
  ].join(' · ');
  return `<figure class="poster"><a href="${src}"><img src="${src}" alt="${esc(alt)}" width="225" height="${Math.round((225 * p.height) / p.width)}"></a><figcaption>${esc(note)}</figcaption></figure>`;
}

export function contactSheetHtml(input: SheetInput): string {
  const c = input.campaign;
  const T = sheetText(input.lang);
  const reason = (r: string) => (r === contactSheetEn.noReplayReason ? T.noReplayReason : r);
  const byKey = new Map(input.posters.map((p) => [p.key, p]));
  const skipped = new Map(input.skipped.map((s) => [s.key, s.reason]));
  const now = input.now?.getTime();
  const rows: string[] = [];
  let section: string | undefined;
  for (const e of input.timeline) {
    if (e.section !== section) {
      section = e.section;
      rows.push(`<li class="section"><h2>${esc(T.section[e.section])}</h2></li>`);
    }
    const past = now !== undefined && e.at !== undefined && e.at.getTime() < now;
    const poster = e.posterKey ? byKey.get(e.posterKey) : undefined;
    const noPoster = e.posterKey && !poster ? skipped.get(e.posterKey) : undefined;
    rows.push(
      [
        `<li class="entry ${e.kind}${past ? ' past' : ''}">`,
        `<div class="when"><time${e.at ? ` datetime="${e.at.toISOString()}"` : ''}>${esc(e.when)}</time>${e.written ? `<span class="written">${esc(e.written)}</span>` : ''}${past ? `<span class="tag">${esc(T.past)}</span>` : ''}</div>`,
        '<div class="dot"></div>',
        `<div class="card"><h3>${esc(e.title)}</h3>${e.details.map((d) => `<p>${esc(d)}</p>`).join('')}${noPoster ? `<p class="muted">${esc(T.noPoster({ reason: reason(noPoster) }))}</p>` : ''}</div>`,
        `<div class="art">${posterFigure(poster, T.posterAlt({ title: e.title }), T)}</div>`,
        '</li>',
      ].join(''),
    );
  }
  const room = byKey.get('room');
  const products = c.products.map((p) => `<li>${esc(p.name)}</li>`).join('');
  const coupons = c.coupons
    .map(
      (k) =>
        `<li>${esc(k.title)} <span class="muted">${esc(T.couponNote({ kind: T.couponKind[k.kind], quantity: k.quantity }))}</span></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(T.title({ name: c.metadata.name }))}</title>
<style>
${(input.fonts ?? []).map((f) => `@font-face { font-family: "livectl-sc"; src: url("${esc(f.href)}") format("woff2"); unicode-range: ${esc(f.unicodeRange)}; font-weight: ${f.weight >= 600 ? '600 900' : '100 599'}; font-display: block; }`).join('\n')}
:root { --rose: #e8365d; --ink: #1f1a1c; --muted: #857b80; --line: #eadfe3; --bg: #fbf7f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 "livectl-sc", system-ui, -apple-system, "PingFang SC", "Noto Sans SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: var(--bg); }
header { padding: 32px 40px 24px; background: linear-gradient(120deg, #ff3e6c, #ff8a65); color: #fff; }
header h1 { margin: 0 0 4px; font-size: 28px; }
header p { margin: 2px 0; opacity: .92; }
main { display: grid; grid-template-columns: 280px 1fr; gap: 32px; padding: 32px 40px; max-width: 1280px; }
aside h2, .section h2 { font-size: 13px; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); margin: 0 0 8px; }
aside ul { margin: 0 0 20px; padding-left: 18px; }
ol.timeline { list-style: none; margin: 0; padding: 0; }
.section { margin: 24px 0 8px; }
.section:first-child { margin-top: 0; }
.entry { display: grid; grid-template-columns: 190px 20px 1fr 245px; gap: 12px; align-items: start; padding: 10px 0; border-bottom: 1px solid var(--line); }
.when time { display: block; font-weight: 600; font-variant-numeric: tabular-nums; }
.written { display: block; color: var(--muted); font-size: 13px; font-family: ui-monospace, monospace; }
.tag { display: inline-block; margin-top: 4px; padding: 0 8px; border-radius: 10px; background: #eee; color: var(--muted); font-size: 12px; }
.dot { width: 12px; height: 12px; margin-top: 6px; border-radius: 50%; background: var(--rose); }
.entry.cue .dot { background: #f4a3b5; width: 8px; height: 8px; margin: 8px 2px 0; }
.entry.start .dot, .entry.end .dot { background: var(--ink); }
.card h3 { margin: 0 0 2px; font-size: 16px; }
.card p { margin: 0; color: #4d4448; }
.muted, .card p.muted { color: var(--muted); }
.past { opacity: .55; }
figure.poster { margin: 0; }
figure.poster img { display: block; width: 225px; height: auto; border-radius: 10px; box-shadow: 0 6px 20px rgba(90, 20, 40, .18); background: #fff; }
figcaption { margin-top: 6px; font-size: 12px; color: var(--muted); }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } .entry { grid-template-columns: 120px 16px 1fr; } .art { grid-column: 3; } }
</style>
</head>
<body>
<header>
<h1>${esc(c.room.name)}</h1>
<p>${esc(input.when)} · ${esc(c.metadata.timezone)} · ${esc(T.anchor({ name: c.room.anchor.name }))}</p>
<p>${esc(T.campaign({ name: c.metadata.name, n: input.posters.length }))}</p>
</header>
<main>
<aside>
<h2>${esc(T.roomPoster)}</h2>
${posterFigure(room, T.roomPosterAlt, T) || `<p class="muted">${esc(T.notRendered)}</p>`}
<h2 style="margin-top:20px">${esc(T.products)}</h2>
<ul>${products || `<li class="muted">${esc(T.none)}</li>`}</ul>
<h2>${esc(T.coupons)}</h2>
<ul>${coupons || `<li class="muted">${esc(T.none)}</li>`}</ul>
</aside>
<ol class="timeline">
${rows.join('\n')}
</ol>
</main>
</body>
</html>
`;
}
