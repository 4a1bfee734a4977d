import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PosterError } from './errors.js';

/**
 * Poster templates: JSON files a marketer can edit (templates/posters/*.json, or a file a wave names
 * with `poster:`). A template is a canvas size and a list of layers drawn in order:
 *
 * - `rect`   a box: fill colour or gradient, corner radius, stroke (dashed or not), shadow;
 * - `image`  a campaign image (`src: room.images.cover`, `product[0].image`, `item.image`), fit cover|contain;
 * - `text`   text with {{placeholders}}: font, size (shrinks to minSize to fit), weight, colour, align,
 *            width (max width), maxLines with an ellipsis, lineHeight, strike-through, a pill background;
 * - `code`   the mini-program code (offline: a QR of the room's share path);
 * - `repeat` its layers once per item of a list (`coupons`, `products`) in a row or a column; inside,
 *            `item` is the current item and `index` its number (1, 2, …).
 *
 * Geometry: `x`, `y`, `width`, `height`, `right`, `bottom` in poster pixels (750-wide design), or a
 * percentage of the parent box ("50%"); inside a repeat the parent is the item's cell. Any layer can
 * have `when: field` / `unless: field` to show it only if a value is (or is not) there, and `opacity`.
 */

const Length = z.union([
  z.number(),
  z.string().regex(/^-?\d+(?:\.\d+)?%$/, 'must be a number or a percentage'),
]);
export type Length = z.infer<typeof Length>;

const Color = z
  .string()
  .regex(
    /^(?:#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|rgba?\([\d\s.,%]+\)|[a-zA-Z]+)$/,
    'must be a colour: #rgb, #rrggbb, #rrggbbaa, rgb(…), rgba(…) or a name',
  );

const FieldPath = z
  .string()
  .regex(
    /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*$/,
    'must name a field, such as room.images.cover or item.image',
  );

const Gradient = z.strictObject({
  type: z.enum(['linear', 'radial']).default('linear'),
  /** Linear: direction in degrees, CSS style (180 = top to bottom, 90 = left to right). */
  angle: z.number().default(180),
  stops: z.array(z.tuple([z.number().min(0).max(1), Color])).min(2),
});

const Shadow = z.strictObject({
  color: Color,
  blur: z.number().min(0).max(200),
  x: z.number().default(0),
  y: z.number().default(0),
});

const geometry = {
  x: Length.optional(),
  y: Length.optional(),
  width: Length.optional(),
  height: Length.optional(),
  right: Length.optional(),
  bottom: Length.optional(),
  opacity: z.number().min(0).max(1).optional(),
  when: FieldPath.optional(),
  unless: FieldPath.optional(),
  /** A name for messages ("layer title"). */
  id: z.string().optional(),
};

const RectLayer = z.strictObject({
  type: z.literal('rect'),
  ...geometry,
  fill: Color.optional(),
  gradient: Gradient.optional(),
  radius: z.number().min(0).optional(),
  stroke: z
    .strictObject({
      color: Color,
      width: z.number().positive(),
      dash: z.array(z.number().positive()).optional(),
    })
    .optional(),
  shadow: Shadow.optional(),
});

const ImageLayer = z.strictObject({
  type: z.literal('image'),
  ...geometry,
  src: FieldPath,
  fit: z.enum(['cover', 'contain']).default('cover'),
  radius: z.number().min(0).optional(),
  /** Drawn behind the image (shows around a `contain` image). */
  background: Color.optional(),
});

const TextLayer = z.strictObject({
  type: z.literal('text'),
  ...geometry,
  text: z.string(),
  font: z.string().default('sans'),
  size: z.number().min(4).max(400),
  /** Shrink down to this size before cutting lines. */
  minSize: z.number().min(4).max(400).optional(),
  weight: z.number().int().min(100).max(900).default(400),
  color: Color.default('#222222'),
  align: z.enum(['left', 'center', 'right']).default('left'),
  valign: z.enum(['top', 'middle', 'bottom']).default('top'),
  maxWidth: z.number().positive().optional(),
  maxLines: z.number().int().positive().optional(),
  lineHeight: z.number().positive().default(1.3),
  strike: z.boolean().optional(),
  /** What to do when the text does not fit in maxLines: cut it with "…" (a warning), or fail. */
  overflow: z.enum(['ellipsis', 'error']).default('ellipsis'),
  /** A pill behind the text (badges, tags). */
  background: z
    .strictObject({
      fill: Color,
      radius: z.number().min(0).default(0),
      padX: z.number().min(0).default(0),
      padY: z.number().min(0).default(0),
    })
    .optional(),
});

const CodeLayer = z.strictObject({
  type: z.literal('code'),
  ...geometry,
  size: z.number().min(64).max(1000),
  color: Color.default('#000000'),
  background: Color.default('#ffffff'),
  /** White space inside the background around the code, in poster pixels. */
  padding: z.number().min(0).default(12),
  radius: z.number().min(0).default(0),
});

export type RectLayer = z.output<typeof RectLayer>;
export type ImageLayer = z.output<typeof ImageLayer>;
export type TextLayer = z.output<typeof TextLayer>;
export type CodeLayer = z.output<typeof CodeLayer>;
export interface RepeatLayer {
  type: 'repeat';
  x?: Length;
  y?: Length;
  width?: Length;
  height?: Length;
  right?: Length;
  bottom?: Length;
  opacity?: number;
  when?: string;
  unless?: string;
  id?: string;
  items: string;
  max: number;
  direction: 'row' | 'column';
  gap: number;
  itemWidth?: number;
  itemHeight?: number;
  justify: 'start' | 'center';
  layers: Layer[];
}
export type Layer = RectLayer | ImageLayer | TextLayer | CodeLayer | RepeatLayer;

const RepeatLayerSchema: z.ZodType<RepeatLayer> = z.lazy(() =>
  z.strictObject({
    type: z.literal('repeat'),
    ...geometry,
    items: FieldPath,
    max: z.number().int().positive().max(20),
    direction: z.enum(['row', 'column']).default('row'),
    gap: z.number().min(0).default(0),
    itemWidth: z.number().positive().optional(),
    itemHeight: z.number().positive().optional(),
    justify: z.enum(['start', 'center']).default('start'),
    layers: z.array(LayerSchema),
  }),
) as z.ZodType<RepeatLayer>;

const LayerSchema: z.ZodType<Layer> = z.lazy(() =>
  z.discriminatedUnion('type', [RectLayer, ImageLayer, TextLayer, CodeLayer, RepeatLayerSchema as never]),
) as z.ZodType<Layer>;

export const PosterTemplateSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  width: z.number().int().min(100).max(4000).default(750),
  height: z.number().int().min(100).max(8000).default(1334),
  background: Color.default('#ffffff'),
  /** Font files by the name layers use (`font: brand`), relative to the template file. */
  fonts: z.record(z.string(), z.string()).default({}),
  layers: z.array(LayerSchema).min(1),
});

export type PosterTemplate = z.output<typeof PosterTemplateSchema>;

export interface LoadedTemplate {
  template: PosterTemplate;
  /** Absolute path of the template file. */
  file: string;
  /** How the template is named in messages: `teaser` or the path as the campaign wrote it. */
  label: string;
}

/** Template files are small; a bigger one is a mistake. */
const MAX_TEMPLATE_BYTES = 1024 * 1024;

/** Shipped poster templates by name (templates/posters/<name>.json); `room` is the room's share poster. */
export function shippedTemplatePath(templatesDir: string, name: string): string {
  return path.join(templatesDir, 'posters', `${name}.json`);
}

/**
 * The schema's defaults, applied by hand: shipped templates are checked against the schema by the
 * tests (which also check that this gives the same result as the schema), so at run time they skip
 * zod's first parse (~20 ms of a fresh `livectl posters`).
 */
export function withDefaults(raw: unknown): PosterTemplate {
  const t = raw as Record<string, unknown> & { layers: Record<string, unknown>[] };
  const layer = (l: Record<string, unknown>): Layer => {
    const grad = l.gradient as Record<string, unknown> | undefined;
    const shadow = l.shadow as Record<string, unknown> | undefined;
    const common = {
      ...l,
      ...(grad ? { gradient: { type: 'linear', angle: 180, ...grad } } : {}),
      ...(shadow ? { shadow: { x: 0, y: 0, ...shadow } } : {}),
    };
    switch (l.type) {
      case 'image':
        return { fit: 'cover', ...common } as Layer;
      case 'text': {
        const bg = l.background as Record<string, unknown> | undefined;
        return {
          font: 'sans',
          weight: 400,
          color: '#222222',
          align: 'left',
          valign: 'top',
          lineHeight: 1.3,
          overflow: 'ellipsis',
          ...common,
          ...(bg ? { background: { radius: 0, padX: 0, padY: 0, ...bg } } : {}),
        } as Layer;
      }
      case 'code':
        return { color: '#000000', background: '#ffffff', padding: 12, radius: 0, ...common } as Layer;
      case 'repeat':
        return {
          direction: 'row',
          gap: 0,
          justify: 'start',
          ...common,
          layers: (l.layers as Record<string, unknown>[]).map(layer),
        } as Layer;
      default:
        return common as Layer;
    }
  };
  return {
    width: 750,
    height: 1334,
    background: '#ffffff',
    fonts: {},
    ...t,
    layers: t.layers.map(layer),
  } as PosterTemplate;
}

/**
 * Reads and checks a template. `field` names where it was chosen (`waves[0].poster`) for errors about
 * the reference itself; errors inside the file name the file and the JSON path. `trusted` (shipped
 * templates, checked by the tests) skips the schema.
 */
export async function loadTemplate(
  file: string,
  label: string,
  field: string,
  trusted = false,
): Promise<LoadedTemplate> {
  let text: string;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new PosterError(field, `poster template "${label}" is not a file`);
    if (st.size > MAX_TEMPLATE_BYTES) {
      throw new PosterError(
        field,
        `poster template "${label}" is ${(st.size / 1048576).toFixed(1)} MB; at most 1 MB`,
      );
    }
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (e instanceof PosterError) throw e;
    throw new PosterError(field, `poster template "${label}" does not exist (${file})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new PosterError(label, `poster template is not valid JSON: ${(e as Error).message}`);
  }
  if (trusted) return { template: withDefaults(json), file, label };
  const parsed = PosterTemplateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    throw new PosterError(
      `${label}${where ? ` ${where}` : ''}`,
      issue.message,
      'See "Posters" in the README for the template format.',
    );
  }
  return { template: parsed.data, file, label };
}
