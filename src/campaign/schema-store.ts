import { z } from 'zod';
import { relativePath } from './schema-fields.js';

/**
 * The parts of the campaign model (schema.ts) that only the 视频号 (Channels) platform uses: the
 * platform switch, the two Channels accounts, and the 微信小店 (store) side of products and coupons.
 * Shape only; what the store accepts (title length, 3–9 images, prices, coupon limits) are platform
 * rules in src/campaign/rules/platform/channels-*.ts.
 */

export const PLATFORMS = ['mini-program', 'channels'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PlatformSchema = z
  .enum(PLATFORMS)
  .default('mini-program')
  .describe(
    'Where the broadcast runs: mini-program (小程序直播, default) or channels (视频号 live selling through 微信小店).',
  );

export const ChannelsAccountSchema = z
  .strictObject({
    shopAppId: z
      .string()
      .describe(
        'The 微信小店 AppID (wx…): products, images and coupons. Its secret comes from LIVECTL_CHANNELS_SHOP_SECRET.',
      ),
    assistantAppId: z
      .string()
      .describe(
        'The 视频号助手 AppID (wx…): reservations, live records, the showcase and live data. Its secret comes from LIVECTL_CHANNELS_ASSISTANT_SECRET.',
      ),
    finderUserName: z
      .string()
      .describe('The 视频号 id (sph…), shown in 视频号助手; the live page passes it to wx.openChannelsLive.'),
  })
  .describe('The 视频号 and its 微信小店 (platform: channels only).');

export const ProductChannelsSchema = z
  .strictObject({
    productId: z
      .string()
      .optional()
      .describe(
        'An existing 小店 product (digits): checked, put in the showcase, never delisted or deleted by destroy. Without it livectl creates the product from the fields below.',
      ),
    category: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('The store category path (cats_v2 cat_id), root to leaf.'),
    images: z
      .array(relativePath('product head image'))
      .optional()
      .describe('Head images: 3–9, paths relative to the campaign file (uploaded to the store).'),
    stock: z.number().int().nonnegative().optional().describe('Stock of the one SKU.'),
    delivery: z
      .enum(['express', 'none'])
      .optional()
      .describe('express: shipped by courier (needs freightTemplateId); none: no shipping.'),
    freightTemplateId: z.string().optional().describe('The store freight template id (with express).'),
    attrs: z
      .record(z.string(), z.string())
      .optional()
      .describe('Product attributes the category requires: key → value.'),
    shortTitle: z.string().optional().describe('Short title, at most 20 characters.'),
  })
  .describe('The 微信小店 product (platform: channels): an existing productId, or the fields to create one.');

export const CouponChannelsSchema = z
  .strictObject({
    couponId: z
      .string()
      .optional()
      .describe('An existing 小店 coupon (digits): checked and shown, never voided by destroy.'),
    products: z
      .array(z.string())
      .min(1)
      .optional()
      .describe('Product ids of this file: makes it a product coupon for them instead of a shop coupon.'),
  })
  .describe('The 微信小店 coupon (platform: channels).');
