import { error, type Finding } from '../../../diagnostics/diagnostic.js';
import {
  STORE_IMAGES_MAX,
  STORE_IMAGES_MIN,
  STORE_PRICE_MAX_FEN,
  STORE_SHORT_TITLE_MAX,
  STORE_STOCK_MAX,
  STORE_TITLE_MAX,
  STORE_TITLE_MIN,
  storePrices,
} from '../../../plan/channels-spec.js';
import type { Rule } from '../context.js';

/**
 * The 微信小店 product rules (product/add, reference channels-live-store §3.3): what the store would
 * refuse, checked before apply. Channels only.
 */

const DIGITS = /^\d{1,20}$/;
/** Fields that create a product; with `productId` none of them is sent. */
const CREATE_FIELDS = ['category', 'images', 'stock', 'delivery', 'freightTemplateId', 'attrs', 'shortTitle'];
const REQUIRED_TO_CREATE = ['category', 'images', 'stock', 'delivery'] as const;

export const channelsProducts: Rule = {
  id: 'channels-products',
  platforms: ['channels'],
  codes: ['E_CHANNELS_PRODUCT', 'E_CHANNELS_PRODUCT_ID', 'E_CHANNELS_FREIGHT'],
  description:
    'Each product names an existing 小店 product (channels.productId, digits) or carries what creating one needs (category, images, stock, delivery; express needs freightTemplateId).',
  check(ctx) {
    const out: Finding[] = [];
    ctx.campaign.products.forEach((p, i) => {
      const ch = p.channels;
      if (ch === undefined) {
        out.push({
          ...error(
            'E_CHANNELS_PRODUCT',
            ['products', i],
            `product ${p.id} has no channels settings: the 小店 needs an existing product or the fields to create one`,
            'Add channels: { productId: "<小店 product id>" }, or channels: { category, images, stock, delivery }.',
            { kind: 'none', id: p.id },
          ),
          target: 'key',
        });
        return;
      }
      const path = ['products', i, 'channels'];
      if (ch.productId !== undefined) {
        if (!DIGITS.test(ch.productId)) {
          out.push(
            error(
              'E_CHANNELS_PRODUCT_ID',
              [...path, 'productId'],
              `productId "${ch.productId}" is not a 小店 product id (digits)`,
              'Copy the product id from 微信小店后台 → 商品 → 商品管理, and quote it: productId: "10000165397817".',
              { id: ch.productId },
            ),
          );
        }
        const extra = CREATE_FIELDS.filter((k) => (ch as Record<string, unknown>)[k] !== undefined);
        if (extra.length > 0) {
          out.push(
            error(
              'E_CHANNELS_PRODUCT',
              [...path, extra[0]!],
              `product ${p.id} names an existing 小店 product and also ${extra.join(', ')}, which livectl would not send`,
              'Give either productId (an existing product, used as it is) or the fields to create one.',
              { kind: 'extra', id: p.id, fields: extra.join(', ') },
            ),
          );
        }
        return;
      }
      const missing = REQUIRED_TO_CREATE.filter((k) => ch[k] === undefined);
      if (missing.length > 0) {
        out.push({
          ...error(
            'E_CHANNELS_PRODUCT',
            path,
            `product ${p.id}: creating a 小店 product needs ${missing.join(', ')}`,
            'Give category (cat_id path, root to leaf), images (3–9 head images), stock and delivery (express or none), or an existing productId.',
            { kind: 'missing', id: p.id, fields: missing.join(', ') },
          ),
          target: 'key',
        });
      }
      if (ch.stock !== undefined && ch.stock > STORE_STOCK_MAX) {
        out.push(
          error(
            'E_CHANNELS_PRODUCT',
            [...path, 'stock'],
            `stock ${ch.stock} is over the store's ${STORE_STOCK_MAX.toLocaleString('en')}`,
            `Give at most ${STORE_STOCK_MAX.toLocaleString('en')}.`,
            { kind: 'stock', stock: ch.stock, max: STORE_STOCK_MAX },
          ),
        );
      }
      if (ch.delivery === 'express' && ch.freightTemplateId === undefined) {
        out.push({
          ...error(
            'E_CHANNELS_FREIGHT',
            [...path, 'delivery'],
            `product ${p.id} ships by express but has no freightTemplateId (the store answers 10020019)`,
            'Add freightTemplateId: the id of a freight template of the 小店 (微信小店后台 → 物流 → 运费模板).',
            { id: p.id },
          ),
        });
      }
    });
    return out;
  },
};

/** Characters the store counts toward a title's length: CJK, letters and digits. */
const EFFECTIVE = /[\p{Script=Han}\p{L}\p{N}]/gu;

export const channelsTitles: Rule = {
  id: 'channels-titles',
  platforms: ['channels'],
  codes: ['E_CHANNELS_TITLE'],
  description: `A 小店 product title (the product's name) has at least ${STORE_TITLE_MIN} Chinese characters, letters or digits, at most ${STORE_TITLE_MAX} characters, not only letters and digits; shortTitle at most ${STORE_SHORT_TITLE_MAX}.`,
  check(ctx) {
    const out: Finding[] = [];
    ctx.campaign.products.forEach((p, i) => {
      if (p.channels === undefined || p.channels.productId !== undefined) return;
      const path = ['products', i, 'name'];
      const effective = p.name.match(EFFECTIVE)?.length ?? 0;
      const length = [...p.name].length;
      const hint =
        'The 小店 title is the product name: 5–60 characters, with Chinese words, e.g. 玫瑰丝绒口红 3.5g.';
      if (effective < STORE_TITLE_MIN) {
        out.push(
          error(
            'E_CHANNELS_TITLE',
            path,
            `title "${p.name}" has ${effective} Chinese characters, letters or digits; the store needs at least ${STORE_TITLE_MIN} (10020042)`,
            hint,
            { kind: 'few', name: p.name, count: effective, min: STORE_TITLE_MIN, max: STORE_TITLE_MAX },
          ),
        );
      } else if (length > STORE_TITLE_MAX) {
        out.push(
          error(
            'E_CHANNELS_TITLE',
            path,
            `title "${p.name}" is ${length} characters; the store takes at most ${STORE_TITLE_MAX} (10020021)`,
            hint,
            { kind: 'long', name: p.name, length, min: STORE_TITLE_MIN, max: STORE_TITLE_MAX },
          ),
        );
      } else if (/^[A-Za-z0-9\s]+$/.test(p.name)) {
        out.push(
          error(
            'E_CHANNELS_TITLE',
            path,
            `title "${p.name}" is only letters and digits; the store refuses it (10020045)`,
            hint,
            { kind: 'latin', name: p.name, min: STORE_TITLE_MIN, max: STORE_TITLE_MAX },
          ),
        );
      }
      const short = p.channels.shortTitle;
      if (short !== undefined && [...short].length > STORE_SHORT_TITLE_MAX) {
        out.push(
          error(
            'E_CHANNELS_TITLE',
            ['products', i, 'channels', 'shortTitle'],
            `shortTitle "${short}" is ${[...short].length} characters; the store takes at most ${STORE_SHORT_TITLE_MAX}`,
            `Shorten it to ${STORE_SHORT_TITLE_MAX} characters.`,
            { kind: 'short-title', name: short, length: [...short].length, max: STORE_SHORT_TITLE_MAX },
          ),
        );
      }
    });
    return out;
  },
};

export const channelsImages: Rule = {
  id: 'channels-images',
  platforms: ['channels'],
  codes: ['E_CHANNELS_IMAGES'],
  description: `A 小店 product has ${STORE_IMAGES_MIN}–${STORE_IMAGES_MAX} head images (channels.images), none twice.`,
  check(ctx) {
    const out: Finding[] = [];
    ctx.campaign.products.forEach((p, i) => {
      const images = p.channels?.images;
      if (images === undefined || p.channels?.productId !== undefined) return;
      const path = ['products', i, 'channels', 'images'];
      if (images.length < STORE_IMAGES_MIN || images.length > STORE_IMAGES_MAX) {
        out.push(
          error(
            'E_CHANNELS_IMAGES',
            path,
            `product ${p.id} has ${images.length} head image${images.length === 1 ? '' : 's'}; the store takes ${STORE_IMAGES_MIN} to ${STORE_IMAGES_MAX}`,
            `List ${STORE_IMAGES_MIN} to ${STORE_IMAGES_MAX} square images (food and fresh produce need 4).`,
            { kind: 'count', id: p.id, count: images.length, min: STORE_IMAGES_MIN, max: STORE_IMAGES_MAX },
          ),
        );
      }
      images.forEach((img, j) => {
        if (images.indexOf(img) !== j) {
          out.push(
            error(
              'E_CHANNELS_IMAGES',
              [...path, j],
              `head image "${img}" is listed twice; the store refuses duplicates (10020023)`,
              'List each image once.',
              { kind: 'twice', image: img },
            ),
          );
        }
      });
    });
    return out;
  },
};

export const channelsPrices: Rule = {
  id: 'channels-prices',
  platforms: ['channels'],
  codes: ['E_CHANNELS_PRICE'],
  description:
    'A 小店 price is fixed or discount (no range), above 0, at most 100,000 yuan (10,000,000 fen), the sale price at most the market price.',
  check(ctx) {
    const out: Finding[] = [];
    ctx.campaign.products.forEach((p, i) => {
      if (p.channels?.productId !== undefined) return;
      const path = ['products', i, 'price'];
      const prices = storePrices(p.price);
      if (prices === undefined) {
        out.push(
          error(
            'E_CHANNELS_PRICE',
            path,
            `product ${p.id} has a price range; a 小店 product of one SKU has one price`,
            'Use type: fixed {amount} or type: discount {original, now} on platform: channels.',
            { kind: 'range', id: p.id },
          ),
        );
        return;
      }
      if (prices.sale <= 0) {
        out.push(
          error(
            'E_CHANNELS_PRICE',
            path,
            `product ${p.id} costs 0; the store needs a price above 0 (10020039)`,
            undefined,
            { kind: 'zero', id: p.id },
          ),
        );
      } else if (prices.sale > STORE_PRICE_MAX_FEN || prices.market > STORE_PRICE_MAX_FEN) {
        out.push(
          error(
            'E_CHANNELS_PRICE',
            path,
            `product ${p.id} costs over ${STORE_PRICE_MAX_FEN / 100} yuan; the store takes at most ${STORE_PRICE_MAX_FEN.toLocaleString('en')} fen (10020028)`,
            undefined,
            { kind: 'max', id: p.id, yuan: STORE_PRICE_MAX_FEN / 100 },
          ),
        );
      } else if (prices.sale > prices.market) {
        out.push(
          error(
            'E_CHANNELS_PRICE',
            path,
            `product ${p.id} sells at ${prices.sale / 100} yuan, above its market price ${prices.market / 100}; the store refuses it (10020040)`,
            'Make now at most original.',
            { kind: 'market', id: p.id, sale: prices.sale / 100, market: prices.market / 100 },
          ),
        );
      }
    });
    return out;
  },
};
