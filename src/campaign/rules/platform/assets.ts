import { error, type Finding } from '../../../diagnostics/diagnostic.js';
import { collectAssetRefs } from '../../resolve.js';
import type { AssetInfo, AssetRef, Rule } from '../context.js';
import { looksLikeTemplateName } from './shared.js';

const KB = 1024;
const MB = 1024 * KB;

/** Nothing livectl uploads may exceed this (media/upload's most generous reading, reference §3). */
export const MAX_ASSET_BYTES = 10 * MB;
/** Image formats WeChat's media upload takes (PNG/JPEG/JPG/GIF, reference §3). */
export const IMAGE_FORMATS = ['png', 'jpeg', 'gif'] as const;
/** Goods images at most 300×300 px (300018, reference §5.1). */
export const MAX_GOODS_PIXELS = 300;

/** Byte limits per image role (reference §4.1: cover 2 MB, share 1 MB, feeds 100 KB; §3: 2 MB). */
function imageLimit(ref: AssetRef): { bytes: number; label: string; role: string } {
  const p = ref.path;
  if (p[0] === 'room' && p[2] === 'cover') return { bytes: 2 * MB, label: '2 MB', role: 'room cover' };
  if (p[0] === 'room' && p[2] === 'share') return { bytes: 1 * MB, label: '1 MB', role: 'share card image' };
  if (p[0] === 'room' && p[2] === 'feeds')
    return { bytes: 100 * KB, label: '100 KB', role: 'shopping-channel cover' };
  // A store head image is uploaded with resp_type=1, whose cap is 10 MB [U: the predecessor's doc].
  if (p[0] === 'products' && p[2] === 'channels')
    return { bytes: 10 * MB, label: '10 MB', role: 'store head image' };
  return { bytes: 2 * MB, label: '2 MB', role: 'goods image' };
}

const size = (n: number) => (n >= MB ? `${(n / MB).toFixed(1)} MB` : `${Math.ceil(n / KB)} KB`);

/** Whether the template-name rule reports this reference instead (an unknown template name). */
function reportedAsTemplate(r: AssetRef): boolean {
  return (r.kind === 'message' || r.kind === 'poster-template') && looksLikeTemplateName(r.ref);
}

export const filesExist: Rule = {
  id: 'files-exist',
  codes: ['E_FILE_MISSING', 'E_PATH_OUTSIDE', 'E_NOT_REGULAR_FILE', 'E_FILE_UNREADABLE', 'E_ASSET_TOO_LARGE'],
  description: "Referenced files exist inside the campaign's folder, are readable and at most 10 MB.",
  check(ctx) {
    const out: Finding[] = [];
    for (const r of collectAssetRefs(ctx.campaign)) {
      const a = ctx.assets.get(r.ref);
      if (!a) continue;
      switch (a.status) {
        case 'missing':
          if (!reportedAsTemplate(r)) {
            out.push(
              error(
                'E_FILE_MISSING',
                r.path,
                `file "${r.ref}" does not exist`,
                "Paths are relative to the campaign file's folder; check the spelling and the folder.",
              ),
            );
          }
          break;
        case 'outside':
          out.push(
            error(
              'E_PATH_OUTSIDE',
              r.path,
              `"${r.ref}" points outside the campaign's folder`,
              'Keep every file the campaign uses in its folder (or a sub-folder), and refer to it by a relative path.',
            ),
          );
          break;
        case 'not-file':
          out.push(
            error(
              'E_NOT_REGULAR_FILE',
              r.path,
              `"${r.ref}" is not a regular file (a folder?)`,
              'Name the file itself.',
            ),
          );
          break;
        case 'unreadable':
          out.push(
            error('E_FILE_UNREADABLE', r.path, `"${r.ref}" cannot be read`, 'Check the file permissions.'),
          );
          break;
        case 'ok':
          if (r.kind !== 'image' && (a.size ?? 0) > MAX_ASSET_BYTES) {
            out.push(
              error(
                'E_ASSET_TOO_LARGE',
                r.path,
                `"${r.ref}" is ${size(a.size!)}; livectl refuses files over 10 MB`,
                'Is this the right file? Split or shrink it.',
              ),
            );
          }
          break;
      }
    }
    return out;
  },
};

const okImages = (refs: AssetRef[], assets: ReadonlyMap<string, AssetInfo>) =>
  refs
    .filter((r) => r.kind === 'image')
    .map((r) => ({ r, a: assets.get(r.ref) }))
    .filter((x): x is { r: AssetRef; a: AssetInfo } => x.a?.status === 'ok');

export const imageFormat: Rule = {
  id: 'image-format',
  codes: ['E_IMAGE_FORMAT'],
  description: 'Images are PNG, JPEG or GIF.',
  check: (ctx) =>
    okImages(collectAssetRefs(ctx.campaign), ctx.assets)
      .filter(({ a }) => !(IMAGE_FORMATS as readonly string[]).includes(a.format ?? 'unknown'))
      .map(({ r, a }) =>
        error(
          'E_IMAGE_FORMAT',
          r.path,
          a.format && a.format !== 'unknown'
            ? `"${r.ref}" is a ${a.format.toUpperCase()} image; WeChat takes PNG, JPEG or GIF`
            : `"${r.ref}" is not a PNG, JPEG or GIF image`,
          'Export the image as PNG or JPEG.',
        ),
      ),
};

export const imageBytes: Rule = {
  id: 'image-bytes',
  codes: ['E_IMAGE_TOO_LARGE'],
  description:
    'Images are within their byte limits: cover 2 MB, share 1 MB, feeds 100 KB, goods 2 MB, store head images 10 MB.',
  check: (ctx) =>
    okImages(collectAssetRefs(ctx.campaign), ctx.assets).flatMap(({ r, a }) => {
      const limit = imageLimit(r);
      if ((a.size ?? 0) <= limit.bytes) return [];
      return [
        error(
          'E_IMAGE_TOO_LARGE',
          r.path,
          `the ${limit.role} "${r.ref}" is ${size(a.size!)}; WeChat takes at most ${limit.label}`,
          (a.size ?? 0) > MAX_ASSET_BYTES
            ? 'Files over 10 MB are refused; export a smaller image.'
            : `Compress it or export it smaller (JPEG at quality 80 usually fits ${limit.label}).`,
        ),
      ];
    }),
};

export const goodsImagePixels: Rule = {
  id: 'goods-image-pixels',
  platforms: ['mini-program'],
  codes: ['E_GOODS_IMAGE_PIXELS'],
  description: 'Goods images are at most 300×300 px (WeChat answers 300018 otherwise).',
  check(ctx) {
    const out: Finding[] = [];
    ctx.campaign.products.forEach((p, i) => {
      const a = ctx.assets.get(p.image);
      if (a?.status !== 'ok' || !(IMAGE_FORMATS as readonly string[]).includes(a.format ?? 'unknown')) return;
      const path = ['products', i, 'image'];
      if (a.width === undefined || a.height === undefined) {
        out.push(
          error(
            'E_GOODS_IMAGE_PIXELS',
            path,
            `cannot read the pixel size of "${p.image}"; goods images must be at most 300×300 px`,
            'Re-export the image as a plain PNG or JPEG of at most 300×300 px.',
          ),
        );
      } else if (a.width > MAX_GOODS_PIXELS || a.height > MAX_GOODS_PIXELS) {
        out.push(
          error(
            'E_GOODS_IMAGE_PIXELS',
            path,
            `goods image "${p.image}" is ${a.width}×${a.height} px; WeChat takes at most 300×300 (300018)`,
            'Resize it to at most 300×300 px.',
          ),
        );
      }
    });
    return out;
  },
};
