import type { RULE_ERROR_CODES, WARNING_CODES } from '../diagnostics/codes.js';
import type { Rendered, ZhRender } from './diagnostics-types.js';

type ChannelsCode = Extract<
  (typeof RULE_ERROR_CODES)[number] | (typeof WARNING_CODES)[number],
  `${string}_CHANNELS_${string}`
>;

const APPS: Record<string, { name: string; where: string }> = {
  shopAppId: { name: '微信小店', where: '微信小店后台 → 服务市场 → 经营工具 → 自研' },
  assistantAppId: { name: '视频号助手', where: '微信开发者平台 → 我的业务 → 视频号助手' },
};

const titleHint = (a: Parameters<ZhRender>[0]) =>
  `小店的商品标题就是商品名称：${a.min}–${a.max} 个字，要有中文，例如 玫瑰丝绒口红 3.5g。`;

const NO_WECHATPAY_HINT =
  '删掉它：platform: channels 下 livectl 创建的是小店优惠券（或用 coupons[].channels.couponId 指定已有的券）。';

/** The 视频号 (platform: channels) findings in Chinese (src/campaign/rules/platform/channels-*.ts). */
export const ZH_CHANNELS: Record<ChannelsCode, ZhRender> = {
  E_CHANNELS_ACCOUNT: () => ({
    message: 'platform: channels 需要 accounts.channels（shopAppId、assistantAppId、finderUserName）',
    hint: '添加 accounts.channels：微信小店的 AppID、视频号助手的 AppID 和视频号 ID（sph…）。',
  }),
  E_CHANNELS_ONLY: (a) => ({
    message: `${a.field} 只用于 platform: channels；这场活动用的是小程序直播`,
    hint: '删掉它，或在文件开头设置 platform: channels。',
  }),
  E_CHANNELS_ACCOUNT_FORMAT: (a): Rendered => {
    if (a.kind === 'same')
      return {
        message: 'assistantAppId 与 shopAppId 相同：小店和视频号助手是两个账号，各有自己的 AppID',
        hint: '从 微信开发者平台 → 我的业务 → 视频号助手 复制视频号助手的 AppID。',
      };
    if (a.kind === 'finder')
      return {
        message: `finderUserName "${a.id}" 不是视频号 ID（sph 加字母和数字）`,
        hint: '从视频号助手复制视频号 ID（首页 → 视频号ID），例如 sphAbCdEf123。',
      };
    const app = APPS[String(a.key)] ?? { name: String(a.key), where: '对应的后台' };
    return {
      message: `${app.name} AppID "${a.id}" 不是 "wx" 加 16 位十六进制数字`,
      hint: `从 ${app.where} 复制，例如 wx0123456789abcdef。`,
    };
  },
  E_CHANNELS_COUPON_ID: (a) => ({
    message: `couponId "${a.id}" 不是小店优惠券 ID（应为数字）`,
    hint: '从 微信小店后台 → 营销 → 优惠券 复制优惠券 ID，并加上引号。',
  }),
  E_CHANNELS_COUPON_NAME: (a) => ({
    message: `优惠券标题 "${a.title}" 有 ${a.length} 个字；小店优惠券名称最多 ${a.max} 个字（10021005）`,
    hint: `缩短到 ${a.max} 个字以内，例如 满199减50。`,
  }),
  E_CHANNELS_COUPON_AMOUNT: (a): Rendered => {
    if (a.kind === 'max')
      return {
        message: `优惠券 ${a.id} 减 ${a.amount} 元；小店优惠券最多减 ${a.max} 元`,
        hint: `把 amount 调到 ${a.max} 以内。`,
      };
    if (a.kind === 'product')
      return {
        message: `优惠券 ${a.id} 在售价 ${a.price} 元的商品 ${a.product} 上减 ${a.amount} 元：商品券至少要留下售价的 ${a.floor}%`,
        hint: '调低面额，或给优惠券设一个使用门槛。',
      };
    return {
      message: `优惠券 ${a.id} 满 ${a.threshold} 减 ${a.amount}：小店优惠券至少要留下门槛的 ${a.floor}%`,
      hint: `把 amount 调到 ${a.most} 以内，或提高门槛。`,
    };
  },
  E_CHANNELS_COUPON_WINDOW: (a): Rendered => {
    if (a.kind === 'past')
      return {
        message: `优惠券 ${a.id} 的领取截止时间 ${a.end} 已经过去；小店会拒绝它（10021071）`,
        hint: '把 validTo（或直播时间）改到将来。',
      };
    if (a.kind === 'empty')
      return {
        message: `优惠券 ${a.id} 的领取时间为 ${a.begin} 至 ${a.end}：这段时间是空的`,
        hint: '让 validTo 晚于 validFrom，也晚于第一个带这张券的波次。',
      };
    return {
      message: `优惠券 ${a.id} 的领取时间为 ${a.begin} 至 ${a.end}，超过小店允许的 365 天（10021077）`,
      hint: '把领取时间缩短到 365 天以内。',
    };
  },
  E_CHANNELS_PRODUCT: (a): Rendered => {
    switch (a.kind) {
      case 'none':
        return {
          message: `商品 ${a.id} 没有 channels 设置：小店需要一个已有商品，或创建商品所需的字段`,
          hint: '添加 channels: { productId: "<小店商品 ID>" }，或 channels: { category, images, stock, delivery }。',
        };
      case 'extra':
        return {
          message: `商品 ${a.id} 指定了已有的小店商品，又写了 ${a.fields}，这些 livectl 不会发送`,
          hint: '二选一：productId（已有商品，原样使用），或创建商品所需的字段。',
        };
      case 'stock':
        return {
          message: `库存 ${a.stock} 超过小店上限 ${a.max}`,
          hint: `库存最多填 ${a.max}。`,
        };
      default:
        return {
          message: `商品 ${a.id}：创建小店商品需要 ${a.fields}`,
          hint: '给出 category（类目 cat_id 路径，从一级到末级）、images（3–9 张主图）、stock 和 delivery（express 或 none），或已有商品的 productId。',
        };
    }
  },
  E_CHANNELS_PRODUCT_ID: (a) => ({
    message: `productId "${a.id}" 不是小店商品 ID（应为数字）`,
    hint: '从 微信小店后台 → 商品 → 商品管理 复制商品 ID，并加上引号：productId: "10000165397817"。',
  }),
  E_CHANNELS_FREIGHT: (a) => ({
    message: `商品 ${a.id} 用快递发货，但没有 freightTemplateId（小店会返回 10020019）`,
    hint: '添加 freightTemplateId：小店运费模板的 ID（微信小店后台 → 物流 → 运费模板）。',
  }),
  E_CHANNELS_TITLE: (a): Rendered => {
    switch (a.kind) {
      case 'few':
        return {
          message: `标题 "${a.name}" 只有 ${a.count} 个汉字、字母或数字；小店至少需要 ${a.min} 个（10020042）`,
          hint: titleHint(a),
        };
      case 'long':
        return {
          message: `标题 "${a.name}" 有 ${a.length} 个字；小店最多 ${a.max} 个（10020021）`,
          hint: titleHint(a),
        };
      case 'latin':
        return {
          message: `标题 "${a.name}" 只有字母和数字；小店会拒绝它（10020045）`,
          hint: titleHint(a),
        };
      default:
        return {
          message: `shortTitle "${a.name}" 有 ${a.length} 个字；小店最多 ${a.max} 个`,
          hint: `缩短到 ${a.max} 个字以内。`,
        };
    }
  },
  E_CHANNELS_IMAGES: (a): Rendered =>
    a.kind === 'twice'
      ? {
          message: `主图 "${a.image}" 列了两次；小店不接受重复的图片（10020023）`,
          hint: '每张图片只列一次。',
        }
      : {
          message: `商品 ${a.id} 有 ${a.count} 张主图；小店要求 ${a.min} 到 ${a.max} 张`,
          hint: `列出 ${a.min} 到 ${a.max} 张正方形图片（食品和生鲜需要 4 张）。`,
        },
  E_CHANNELS_PRICE: (a): Rendered => {
    switch (a.kind) {
      case 'range':
        return {
          message: `商品 ${a.id} 是价格区间；只有一个规格的小店商品只有一个价格`,
          hint: 'platform: channels 下使用 type: fixed {amount} 或 type: discount {original, now}。',
        };
      case 'zero':
        return { message: `商品 ${a.id} 价格为 0；小店要求价格大于 0（10020039）` };
      case 'max':
        return { message: `商品 ${a.id} 价格超过 ${a.yuan} 元；小店最多接受 ${a.yuan} 元（10020028）` };
      default:
        return {
          message: `商品 ${a.id} 售价 ${a.sale} 元，高于划线价 ${a.market} 元；小店会拒绝它（10020040）`,
          hint: '让 now 不高于 original。',
        };
    }
  },
  E_CHANNELS_WECHATPAY: (a) => ({
    message:
      a.kind === 'stock'
        ? `优惠券 ${a.id} 指定了微信支付的批次；视频号直播用的是小店优惠券`
        : 'accounts.wechatPay 用于小程序直播的优惠券（商家券）；视频号直播通过微信小店卖货，优惠券由 livectl 在小店创建',
    hint: NO_WECHATPAY_HINT,
  }),
  E_CHANNELS_LIVE_FOLLOWERS: (a) => ({
    message: `波次 ${a.wave} 使用了 "${a.name}"（直播间关注者）：视频号直播没有对应的关注者推送`,
    hint: '把它从这一波删掉：开播时视频号会自己通知所有预约了直播的人。',
  }),
  W_CHANNELS_NO_LIVE_PAGE: (a) => ({
    message: `${a.kind === 'no-mini-program' ? '没有 accounts.miniProgram' : '没有 accounts.miniProgram.livePage'}：各波提醒没有用来预约和打开视频号直播的小程序卡片和小程序码，只有文字和海报`,
    hint: '添加 accounts.miniProgram { appId, livePage }：一个与视频号同主体的小程序，其页面调用 wx.reserveChannelsLive / wx.openChannelsLive（见 README：视频号）。',
  }),
};
