import { z } from 'zod';
import { type ChannelSettings, ChannelValueSchema } from './schema-channels.js';
import { DATETIME_PATTERN, duration, ID_PATTERN, id, moment, money, relativePath } from './schema-fields.js';
import {
  ChannelsAccountSchema,
  CouponChannelsSchema,
  PlatformSchema,
  ProductChannelsSchema,
} from './schema-store.js';

/**
 * The campaign model: the single source of the TypeScript types, of the shape checks and of
 * schema/campaign.schema.json (`livectl schema`). Key names are binding: they are the file
 * format campaign authors write (design.md).
 * Descriptions here become the campaign file reference in the README and the editor's hover text.
 *
 * Only shape lives here. Rules that need arithmetic, other fields, files or the clock are named
 * functions in src/campaign/rules (platform rules are errors, playbook rules warnings).
 */

export {
  CHANNEL_TYPES,
  ChannelSchemas,
  type ChannelSettings,
  type ChannelType,
  ChannelValueSchema,
} from './schema-channels.js';
export { DATETIME_PATTERN, DURATION_PATTERN, ID_PATTERN, OFFSET_PATTERN } from './schema-fields.js';
export { PLATFORMS, type Platform } from './schema-store.js';

export const AccountsSchema = z
  .strictObject({
    miniProgram: z
      .strictObject({
        appId: z.string().describe('The mini program AppID (wx + 16 hex characters).'),
        livePage: z
          .string()
          .optional()
          .describe(
            "A page of the merchant's own mini program that opens the live room (e.g. pages/live/entry; no leading /, no query). Every share code is made for it, and WeCom cards and the Official Account menu open it with the scene's query (r=<roomId>&w=<wave>); it forwards to the live-player plugin. Coupons open it by default. Without it, codes open the home page, which must route the scene itself.",
          ),
      })
      .optional()
      .describe(
        'The mini program that hosts the live room (required on mini-program). On channels: a mini program of the same subject whose livePage reserves and opens the 视频号 live; without it waves carry text and the poster only.',
      ),
    channels: ChannelsAccountSchema.optional(),
    wecom: z
      .strictObject({
        corpId: z.string().describe('WeCom CorpID (ww or wx + 16 hex characters).'),
        agentId: z
          .number()
          .int()
          .positive()
          .describe('The self-built app allowed to call customer-contact APIs.'),
      })
      .optional()
      .describe('WeCom (企业微信), for group sends and Moments. Its secret comes from LIVECTL_WECOM_SECRET.'),
    officialAccount: z
      .strictObject({ appId: z.string().describe('The Official Account AppID.') })
      .optional()
      .describe(
        'The Official Account (公众号), for the article wave. Its secret comes from LIVECTL_OA_SECRET.',
      ),
    wechatPay: z
      .strictObject({
        mchId: z.string().describe('WeChat Pay merchant id (商户号), 8–15 digits.'),
        serialNo: z.string().describe('Serial number of the merchant API certificate (signs every request).'),
        publicKeyId: z
          .string()
          .describe('Id of the WeChat Pay public key (PUB_KEY_ID_…) that verifies every answer.'),
        product: z
          .enum(['busifavor', 'product-coupon'])
          .optional()
          .describe(
            "busifavor (商家券, default): every coupon becomes a stock at apply. product-coupon (商品券, merchants onboarded after 2025-12-15): coupons stay a person's task.",
          ),
      })
      .optional()
      .describe(
        'WeChat Pay merchant (微信支付): with it every coupon becomes a 商家券 stock at apply. Keys come from LIVECTL_WECHATPAY_PRIVATE_KEY and LIVECTL_WECHATPAY_PUBLIC_KEY (PEM paths).',
      ),
  })
  .describe('Account ids only. Secrets never go in a campaign file; they come from the environment.');

export const RoomSchema = z
  .strictObject({
    name: z.string().describe('Room name: 6–34 width units (one Chinese character counts 2).'),
    start: z
      .string()
      .regex(DATETIME_PATTERN, 'must be a date-time such as 2027-03-08T20:00')
      .describe('Broadcast start, local time in metadata.timezone unless it carries Z or an offset.'),
    end: z
      .string()
      .regex(DATETIME_PATTERN, 'must be a date-time such as 2027-03-08T22:00')
      .optional()
      .describe('Broadcast end. Give either end or duration.'),
    duration: duration.optional().describe('Broadcast length, 30m to 24h. Give either end or duration.'),
    type: z
      .enum(['phone', 'push'])
      .default('phone')
      .describe('phone: from the anchor phone; push: RTMP from equipment.'),
    anchor: z
      .strictObject({
        name: z.string().describe('Anchor nickname shown in the room: 4–30 width units.'),
        wechat: z.string().describe('Anchor WeChat ID; must be real-name verified in the 小程序直播 app.'),
      })
      .describe('The anchor.'),
    subAnchor: z
      .strictObject({ wechat: z.string().describe('Sub-anchor WeChat ID (real-name verified).') })
      .optional()
      .describe('A second anchor who can also go live in the room.'),
    creator: z
      .strictObject({
        wechat: z.string().describe('Creator WeChat ID; with it only the creator and admins see the room.'),
      })
      .optional()
      .describe('Who creates the room; without it every member of the live team sees the room.'),
    images: z
      .strictObject({
        cover: relativePath('room background image (1080×1920 recommended, ≤ 2 MB)'),
        share: relativePath('share card image (800×640 recommended, ≤ 1 MB)'),
        feeds: relativePath('shopping-channel cover (800×800 recommended, ≤ 100 KB)'),
      })
      .describe('Room images; uploaded as media just in time at apply.'),
    features: z
      .strictObject({
        likes: z.boolean().default(true).describe('Show likes (needed for like-threshold lotteries).'),
        goods: z.boolean().default(true).describe('Show the goods shelf.'),
        comments: z.boolean().default(true).describe('Allow comments.'),
        replay: z
          .boolean()
          .default(false)
          .describe('Keep a replay after the broadcast (can be turned on later).'),
        share: z.boolean().default(true).describe('Allow sharing the room (cannot change after the start).'),
        customerService: z
          .boolean()
          .default(false)
          .describe('Customer service in the room (configure it in the mini program admin first).'),
      })
      .default({
        likes: true,
        goods: true,
        comments: true,
        replay: false,
        share: true,
        customerService: false,
      })
      .describe(
        'Room features. Likes, goods and comments turned off cannot be turned back on after the start.',
      ),
    feedsPublic: z
      .boolean()
      .optional()
      .describe('List the room in the official shopping channel (default on).'),
  })
  .describe('The live room.');

export const PriceSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('fixed'), amount: money }),
    z.strictObject({ type: z.literal('range'), min: money, max: money }),
    z.strictObject({ type: z.literal('discount'), original: money, now: money }),
  ])
  .describe('fixed {amount} | range {min, max} | discount {original, now}.');

export const ProductSchema = z.strictObject({
  id: id('product'),
  name: z.string().describe('Goods name: at most 28 width units (14 Chinese characters).'),
  image: relativePath('goods image (at most 300×300 px)'),
  price: PriceSchema,
  page: z
    .string()
    .optional()
    .describe(
      'Mini-program page of the product, e.g. pages/goods/detail?id=520 (no leading /). Required on mini-program.',
    ),
  channels: ProductChannelsSchema.optional(),
  perception: z
    .enum(['item', 'brand', 'category'])
    .optional()
    .describe('How buyers perceive its price: item (milk, fruit), brand (Nike), category (pots, knives).'),
  groupBuy: z
    .strictObject({
      size: z.number().int().min(2).describe('People needed to complete the group.'),
      price: money.describe('Group price in yuan.'),
    })
    .optional()
    .describe('A group buy (拼团) on this product.'),
});

export const CouponSchema = z.strictObject({
  id: id('coupon'),
  title: z.string().min(1).describe('Coupon title, e.g. 满199减50.'),
  kind: z
    .enum(['preheat', 'all-hands', 'share', 'product-list'])
    .describe(
      'preheat (warm-up), all-hands (grab during the broadcast), share (share-to-claim), product-list.',
    ),
  threshold: money.describe('Minimum spend in yuan (0 for none).'),
  amount: money.describe('Discount in yuan.'),
  quantity: z.number().int().positive().describe('How many can be claimed.'),
  stackable: z.boolean().describe('Whether it stacks with other coupons.'),
  validFrom: moment.optional(),
  validTo: moment.optional(),
  stockId: z
    .string()
    .regex(/^\d{1,20}$/, 'must be a WeChat Pay stock id (digits)')
    .optional()
    .describe(
      'An existing WeChat Pay stock to use instead of creating one: checked and shown, its budget follows quantity, never destroyed.',
    ),
  page: z
    .string()
    .optional()
    .describe('Mini-program page "use now" opens (default accounts.miniProgram.livePage).'),
  validDays: z
    .number()
    .int()
    .min(1)
    .max(365)
    .optional()
    .describe('Days a claimed coupon stays usable (within the claim window).'),
  perUser: z
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe('How many one customer may claim (default 1, at most 100).'),
  goodsName: z
    .string()
    .optional()
    .describe('"Applicable goods" shown in the card wallet, at most 15 characters (default 直播间商品可用).'),
  channels: CouponChannelsSchema.optional(),
});

export const MessageSchema = z
  .union([
    z.string().min(1),
    z.strictObject({
      title: z.string().optional().describe('Title (Official Account article, robot news).'),
      text: z.string().min(1).describe('The message text; may use {{placeholders}}.'),
    }),
  ])
  .describe(
    'A shipped message template name (teaser, article, soon, live-now, feedback, replay), a file path, or {text}.',
  );

export const WaveSchema = z.strictObject({
  id: id('wave'),
  at: moment,
  channels: z.array(z.string()).min(1).describe('Names of channels (keys of `channels`).'),
  message: MessageSchema.optional(),
  poster: z
    .string()
    .optional()
    .describe('A shipped poster template name (teaser, article, live-now) or a template file path.'),
  coupons: z.array(z.string()).optional().describe('Coupon ids featured in this wave.'),
  grace: duration.optional().describe('How late the wave may still be sent; later it is skipped.'),
});

export const AfterWaveSchema = z.strictObject({
  id: id('after-broadcast wave'),
  at: moment,
  channels: z.array(z.string()).min(1).describe('Names of channels (keys of `channels`).'),
  message: MessageSchema.optional(),
  poster: z
    .string()
    .optional()
    .describe(
      'A shipped poster template name or a template file path (default: a replay poster when the room keeps a replay).',
    ),
  grace: duration.optional().describe('How late the wave may still be sent; later it is skipped.'),
});

export const DuringSchema = z
  .strictObject({
    warmUp: duration
      .optional()
      .describe('Warm-up minutes at the start (greet, ask for likes, point to coupons).'),
    hosts: z
      .array(
        z.strictObject({
          name: z.string().min(1).describe('What the viewers call the host.'),
          role: z.string().optional().describe('e.g. products, pace.'),
        }),
      )
      .optional()
      .describe('The hosts, often 1 + 1: one who knows the products, one who keeps the pace.'),
    assistants: z
      .array(
        z.strictObject({
          wechat: z.string().min(1).describe('Assistant WeChat ID (real-name verified).'),
          nickname: z.string().min(1).describe('Nickname shown for the assistant in the room.'),
        }),
      )
      .max(10)
      .optional()
      .describe(
        'Room assistants (moderate comments, push products) registered with the room at apply: addassistant, modifyassistant on a new nickname, removeassistant when dropped. At most 10.',
      ),
    lotteries: z
      .array(
        z.strictObject({
          trigger: z
            .union([
              z.strictObject({
                likes: z.number().int().positive().describe('Draw when likes reach this number.'),
              }),
              z.strictObject({ at: moment.describe('Draw at this time.') }),
            ])
            .describe('{likes: N} or {at: +45m}.'),
          prize: z.string().min(1).describe('What the winners get, e.g. 口红礼盒.'),
          quantity: z.number().int().positive().optional().describe('How many winners this round.'),
        }),
      )
      .default([])
      .describe(
        'Lottery rounds: by like threshold (not on the hour), several rounds spread over the broadcast.',
      ),
    couponDrops: z
      .array(z.strictObject({ at: moment, coupon: z.string().describe('Coupon id.') }))
      .default([])
      .describe('Coupons released during the broadcast (all-hands grabs), with when.'),
    productCards: z
      .array(
        z.strictObject({
          at: moment.describe('When to push the card, e.g. +20m.'),
          product: z.string().describe('Product id (a product of this file).'),
        }),
      )
      .default([])
      .describe(
        'Product cards pushed into the room (goods/push) at their time, once each, only while the room is live.',
      ),
    groupBuys: z
      .array(
        z.strictObject({
          product: z.string().describe('Product id (it must have groupBuy).'),
          at: moment.optional(),
        }),
      )
      .optional()
      .describe('Group buys (拼团) announced during the broadcast; only for single-item or brand products.'),
  })
  .describe('During the broadcast: becomes the host run sheet and staff cues.');

export const CampaignSchema = z
  .strictObject({
    $schema: z.string().optional(),
    apiVersion: z.literal('livectl/v1').describe('The file format version: livectl/v1.'),
    kind: z.literal('Campaign').describe('Always Campaign.'),
    platform: PlatformSchema,
    metadata: z
      .strictObject({
        name: z
          .string()
          .regex(ID_PATTERN, 'must be 1–32 lower-case letters, digits or "-"')
          .describe('Campaign name; unique per state store.'),
        timezone: z
          .string()
          .default('Asia/Shanghai')
          .describe('IANA time zone for every local time in the file.'),
        labels: z
          .record(z.string(), z.string())
          .optional()
          .describe('Free-form key: value tags (brand, season…).'),
        quietHours: z
          .strictObject({
            start: z
              .string()
              .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/)
              .describe('HH:MM local, when quiet hours begin.'),
            end: z
              .string()
              .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/)
              .describe('HH:MM local, when they end.'),
          })
          .optional()
          .describe('Hours when no message should go out (default 22:00–08:00).'),
      })
      .describe('The campaign as a whole: its name, time zone and labels.'),
    accounts: AccountsSchema,
    room: RoomSchema,
    products: z
      .array(ProductSchema)
      .default([])
      .describe('The goods sold in the room (added to the goods library and sent for audit).'),
    coupons: z
      .array(CouponSchema)
      .default([])
      .describe(
        'Coupons featured by waves and drops: WeChat Pay 商家券 stocks when accounts.wechatPay is set, otherwise set up by a person.',
      ),
    channels: z
      .record(z.string(), ChannelValueSchema)
      .default({})
      .describe('Where messages go: name → settings; the name is the type unless `type:` says otherwise.'),
    waves: z
      .array(WaveSchema)
      .default([])
      .describe(
        'The warm-up before the broadcast: the playbook has four waves (3 days, 1 day, 30 minutes before, go-live).',
      ),
    during: DuringSchema.optional(),
    after: z
      .array(AfterWaveSchema)
      .default([])
      .describe('Follow-ups once the broadcast has ended: feedback, replay.'),
  })
  .describe('A livectl campaign: one WeChat mini-program live broadcast with its warm-up and follow-up.');

export type CampaignInput = z.input<typeof CampaignSchema>;
export type RawCampaign = z.output<typeof CampaignSchema>;
/** The validated campaign, with channel types resolved. */
export type Campaign = Omit<RawCampaign, 'channels'> & { channels: Record<string, ChannelSettings> };
export type Product = z.output<typeof ProductSchema>;
export type Coupon = z.output<typeof CouponSchema>;
export type Wave = z.output<typeof WaveSchema>;
export type AfterWave = z.output<typeof AfterWaveSchema>;
export type Price = z.output<typeof PriceSchema>;
export type Message = z.output<typeof MessageSchema>;
