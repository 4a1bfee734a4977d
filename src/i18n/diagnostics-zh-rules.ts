import type { RULE_ERROR_CODES } from '../diagnostics/codes.js';
import { formatPath } from '../diagnostics/diagnostic.js';
import type { Rendered, ZhRender } from './diagnostics-types.js';

type Args = Parameters<ZhRender>[0];

const width =
  (what: string): ZhRender =>
  (a) => {
    const long = Number(a.width) > Number(a.max);
    return {
      message: `${what} "${a.name}" 宽度为 ${a.width}；微信允许 ${a.min}–${a.max}（一个汉字算 2）`,
      hint: long
        ? `缩短到最多 ${Number(a.max) / 2} 个汉字或 ${a.max} 个字母（否则微信返回 ${a.errcode}）。`
        : `加长到至少 ${Number(a.min) / 2} 个汉字或 ${a.min} 个字母（否则微信返回 ${a.errcode}）。`,
    };
  };

const mean = (a: Args) => (a.guess ? `，你是不是想写 "${a.guess}"？` : '');
const wave = (a: Args) => (a.list === 'after' ? `直播后的提醒 "${a.wave}"` : `预热波次 "${a.wave}"`);

const textTooLong =
  (where: string): ZhRender =>
  (a) => ({
    message: `波次 "${a.wave}"：消息填入内容后为 ${a.size}，超出${where}的上限`,
    hint: '精简消息（一个汉字占 3 个字节）；详细内容放到文章或海报里。',
  });

/** WeChat would refuse these (src/campaign/rules/platform). */
export const ZH_RULE_ERRORS: Partial<Record<(typeof RULE_ERROR_CODES)[number], ZhRender>> = {
  E_ROOM_NAME_WIDTH: width('直播间名称'),
  E_ANCHOR_NAME_WIDTH: width('主播昵称'),
  E_PRODUCT_NAME_WIDTH: width('商品名称'),
  E_PRICE_DECIMALS: (a) => ({
    message: `${a.value} 有 ${a.places} 位小数；金额以元为单位，最多 2 位（到分）`,
    hint: `保留 2 位小数，例如 ${a.rounded}（否则微信返回 300003）。`,
  }),
  E_PRICE_DISCOUNT: (a) => ({
    message: `折后价 ${a.now} 不低于原价 ${a.original}`,
    hint: '把 now 设得比 original 低；没有折扣的商品用 {type: fixed, amount}（否则微信返回 300003）。',
  }),
  E_PRICE_RANGE: (a) => ({
    message: `价格区间 ${a.min}–${a.max} 是空的：max 必须大于 min`,
    hint: '把两个值对调，或用 {type: fixed, amount} 表示单一价格。',
  }),
  E_GROUP_BUY_PRICE: (a) => ({
    message: `拼团价 ${a.price} 不低于商品价 ${a.low}`,
    hint: '拼团必须比单独购买便宜；调低 groupBuy.price。',
  }),
  E_COUPON_AMOUNT: (a): Rendered => {
    if (a.kind === 'zero')
      return { message: `优惠券 "${a.id}" 面额为 0 元`, hint: '给优惠券一个大于 0 的面额。' };
    if (a.kind === 'pay-range')
      return {
        message: `${a.field} ${a.yuan} 超出微信支付允许的 0.01–100,000 元（1–10,000,000 分）`,
        hint: '把金额调整到 0.01 元到 10 万元之间。',
      };
    return {
      message: `优惠券 "${a.id}" 满 ${a.threshold} 减 ${a.amount}：订单会变成免费或负数`,
      hint: '把面额调到门槛以下，或设 threshold: 0 表示无门槛券。',
    };
  },
  E_APPID_FORMAT: (a) => ({
    message: `${a.what === 'Official Account' ? '公众号' : '小程序'} AppID "${a.id}" 不是 "wx" 加 16 位十六进制数字`,
    hint: `从${a.what === 'Official Account' ? '公众号' : '小程序'}后台复制 AppID（开发 → 开发管理），例如 wx0123456789abcdef。`,
  }),
  E_CORPID_FORMAT: (a) => ({
    message: `企业微信 CorpID "${a.id}" 不是 "ww" 加 16 位十六进制数字`,
    hint: '从企业微信管理后台复制（我的企业 → 企业信息 → 企业ID）。',
  }),
  E_CHANNEL_ACCOUNT: (a) => ({
    message: `渠道 "${a.name}"（${a.type}）需要 ${a.need}，但文件里没有`,
    hint: `在 accounts: 下添加 ${a.need}，或删掉这个渠道。`,
  }),
  E_PAGE_PATH: (a): Rendered => {
    const hint = '按 app.json 里的写法填写，例如 pages/goods/detail?id=520（开头不要 /，不要有空格）。';
    const pre = a.live ? 'livePage ' : '';
    switch (a.kind) {
      case 'empty':
        return { message: `${pre}页面路径是空的`, hint };
      case 'long':
        return {
          message: `${pre}页面路径有 ${a.length} 个字符；最多 ${a.max} 个`,
          hint: '缩短参数：参数里只放 id，不放完整网址或文字。',
        };
      case 'slash':
        return { message: `${pre}"${a.page}" 以 "/" 开头`, hint };
      case 'space':
        return { message: `${pre}"${a.page}" 里有空格`, hint };
      case 'url':
        return {
          message: `${pre}"${a.page}" 是网址，不是小程序页面`,
          hint: '填写小程序的页面（pages/…）；网页需要一个打开它的 web-view 页面。',
        };
      default:
        return { message: `${pre}"${a.page}" 不是 pages/goods/detail 这样的页面路径`, hint };
    }
  },
  E_PAGE_QUERY_ENCODING: (a) => ({
    message: `参数值 "${a.value}" 没有做 URL 编码`,
    hint: `携带网址的参数值要做 URL 编码，例如 ${a.encoded}。`,
  }),
  E_LIVE_PAGE: (a, d): Rendered => {
    if (a.kind === 'query')
      return {
        message: `livePage "${a.page}" 带了参数；小程序码的页面不能带参数`,
        hint: '参数由小程序码的 scene 携带；livePage 只写页面路径。',
      };
    const inner = ZH_RULE_ERRORS.E_PAGE_PATH!({ ...a, live: 1 }, d);
    return inner;
  },
  E_SCENE_TOO_LONG: (a) => ({
    message:
      a.platform === 'channels'
        ? `波次 id "${a.id}" 有 ${a.length} 个字符：它的小程序码 scene "w=${a.id}" 有 ${a.scene} 个字符，超过微信的 32 个`
        : `波次 id "${a.id}" 有 ${a.length} 个字符：它的小程序码 scene "r=<直播间 id>&w=${a.id}" 可能达到 ${a.scene} 个字符，超过微信的 32 个`,
    hint: `把波次 id 缩短到最多 ${a.max} 个字符（例如 t-3d、live、replay）。`,
  }),
  E_UNKNOWN_CHANNEL: (a) => ({
    message: `波次 "${a.wave}" 要通过 "${a.name}" 发送，但它不是本文件里的渠道${mean(a)}`,
    hint: a.names
      ? `已配置的渠道：${a.names}。在 channels: 下添加 "${a.name}"，或改正名称。`
      : `在 channels: 下配置它，例如 ${a.name}: {…}。`,
  }),
  E_UNKNOWN_COUPON: (a) => ({
    message: `没有 id 为 "${a.id}" 的优惠券${mean(a)}`,
    hint: a.ids ? `本文件里的优惠券：${a.ids}。` : '在 coupons: 下定义这张优惠券。',
  }),
  E_UNKNOWN_PRODUCT: (a) =>
    a.coupon !== undefined
      ? {
          message: `优惠券 ${a.coupon} 指定了商品 "${a.id}"，但它不是本文件里的商品`,
          hint: a.ids ? `可用的商品：${a.ids}。` : '本文件还没有商品；先在 products: 下添加。',
        }
      : { message: `没有 id 为 "${a.id}" 的商品${mean(a)}`, hint: '填写 products: 里的商品 id。' },
  E_NO_GROUP_BUY: (a) => ({
    message: `商品 "${a.id}" 没有设置 groupBuy，不能拼团`,
    hint: '给商品加上 groupBuy: {size, price}，或删掉这次拼团。',
  }),
  E_UNKNOWN_TEMPLATE: (a) => ({
    message: `"${a.name}" 既不是内置的${a.kind === 'poster' ? '海报' : '消息'}模板，也不是文件${mean(a)}`,
    hint:
      a.kind === 'poster'
        ? `内置海报模板：${a.shipped}；或给出模板文件路径。`
        : `内置消息模板：${a.shipped}；或给出文件路径，例如 messages/${a.name}.txt，或 {text: …}。`,
  }),
  E_UNKNOWN_PLACEHOLDER: (a) => ({
    message: `{{${a.expr ?? a.tag}}} 不是 livectl 能填写的占位符${a.guess ? `；你是不是想写 {{${a.guess}}}？` : ''}`,
    hint: '可用的占位符：room.{name, when, date, time, weekday, duration}、anchor.name、campaign.name、wave.id、coupon.{title, amount, threshold, quantity}、coupons[i].…、product[i].{name, price.now, …}。',
  }),
  E_PLACEHOLDER_EMPTY: (a) => ({
    message: `{{${a.expr}}} 在${wave(a)}里没有值：发出去的消息会缺一块`,
    hint: `给出这个值（例如列出该波次的优惠券），或用 {{#${a.head}}}…{{/${a.head}}} 把这一行包起来。`,
  }),
  E_LIVE_FOLLOWERS_NOT_LIVE: (a) => ({
    message: `波次 "${a.wave}" 在 ${a.at} 使用 "${a.name}"（直播间关注者），但那时直播间${a.kind === 'before' ? '还没开播' : '已经结束'}`,
    hint: '微信只在直播中向直播间关注者推送（9410006）；请在开播波次（at: 0）使用它。',
  }),
  E_FILE_MISSING: (a) => ({
    message: `文件 "${a.ref}" 不存在`,
    hint: '路径相对于活动文件所在的文件夹；检查拼写和文件夹。',
  }),
  E_PATH_OUTSIDE: (a) => ({
    message: `"${a.ref}" 指向活动文件夹之外`,
    hint: '把活动用到的每个文件都放在它的文件夹（或子文件夹）里，并用相对路径引用。',
  }),
  E_NOT_REGULAR_FILE: (a) => ({ message: `"${a.ref}" 不是普通文件（是文件夹？）`, hint: '请给出文件本身。' }),
  E_ASSET_TOO_LARGE: (a) => ({
    message: `"${a.ref}" 大小为 ${a.size}；livectl 不接受超过 10 MB 的文件`,
    hint: '确认是不是选错了文件？拆分或压缩它。',
  }),
  E_IMAGE_FORMAT: (a) => ({
    message: a.format
      ? `"${a.ref}" 是 ${a.format} 图片；微信只接受 PNG、JPEG 或 GIF`
      : `"${a.ref}" 不是 PNG、JPEG 或 GIF 图片`,
    hint: '把图片导出为 PNG 或 JPEG。',
  }),
  E_IMAGE_TOO_LARGE: (a) => ({
    message: `${ROLES[String(a.role)] ?? a.role} "${a.ref}" 大小为 ${a.size}；微信最多接受 ${a.limit}`,
    hint: a.huge
      ? '超过 10 MB 的文件会被拒绝；请导出更小的图片。'
      : `压缩或导出更小的图片（质量 80 的 JPEG 通常能控制在 ${a.limit} 以内）。`,
  }),
  E_GOODS_IMAGE_PIXELS: (a) =>
    a.width === undefined
      ? {
          message: `读不出 "${a.image}" 的像素尺寸；商品图片最大 300×300 像素`,
          hint: '重新导出为普通的 PNG 或 JPEG，最大 300×300 像素。',
        }
      : {
          message: `商品图片 "${a.image}" 为 ${a.width}×${a.height} 像素；微信最大接受 300×300（300018）`,
          hint: '把它缩小到最大 300×300 像素。',
        },
  E_LIKES_OFF: (a) => ({
    message: `这轮抽奖在点赞数达到 ${a.likes} 时开奖，但 room.features.likes 为 false（观众看不到也不能点赞）`,
    hint: '设置 room.features.likes: true，或改为按时间开奖（{at: +45m}）。',
  }),
  E_REPLAY_OFF: (a) => ({
    message: `直播后的提醒 "${a.wave}" 承诺有回放，但 room.features.replay 为 false（直播间不保留回放）`,
    hint: '设置 room.features.replay: true，或给这一波换一条消息和海报。',
  }),
  E_DUPLICATE_ASSISTANT: (a) => ({
    message: `助理 ${a.wechat} 已经列在 during.assistants[${a.first}]`,
    hint: '每个助理只列一次；微信为每个助理只保留一个昵称。',
  }),
  E_SUBSCRIBE_FIELD_KEY: (a) => ({
    message: `"${a.key}" 不是订阅消息的字段名：字段名是类型加编号，例如 thing1 或 time2${a.guess ? `（你是不是想写 "${a.guess}"？）` : ''}`,
    hint: `从小程序后台该模板的详情里复制字段名。类型：${a.types}。`,
  }),
  E_SUBSCRIBE_FIELD_VALUE: (a) => ({
    message: `订阅消息字段 ${a.key} = "${a.value}"${a.wave ? `（波次 "${a.wave}"）` : ''} 不符合 ${a.prefix} 类型的要求`,
    hint: `${a.prefix} 类型的值必须是：${a.rule}；否则微信返回 47003。`,
  }),
  E_WECHATPAY_MCHID: (a) => ({
    message: `商户号 "${a.mchId}" 不是 8–15 位数字`,
    hint: '从商户平台复制商户号（账户中心 → 商户信息）；在 YAML 里加引号：mchId: "1900000109"。',
  }),
  E_COUPON_STOCK_NAME: (a) => ({
    message: `优惠券标题 "${a.title}" 有 ${a.length} 个字；商家券批次名称最多 ${a.max} 个字`,
    hint: '缩短它：标题会成为批次名称，批次创建后不能再改。',
  }),
  E_COUPON_GOODS_NAME: (a) => ({
    message: `goodsName "${a.name}" 有 ${a.length} 个字；微信支付最多允许 ${a.max} 个字`,
    hint: '缩短适用商品说明。',
  }),
  E_COUPON_WINDOW: (a) => ({
    message: `优惠券 ${a.id} 的可用时间为 ${a.begin} 至 ${a.end}：微信支付要求结束晚于开始，且相隔不超过 1 年`,
    hint: '可用时间从第一个带这张券的波次（或 validFrom）开始，到直播结束（或 validTo）再加 validDays。',
  }),
  E_WECOM_TEXT_TOO_LONG: textTooLong('企业微信群发'),
  E_MOMENTS_TEXT_TOO_LONG: textTooLong('企业微信朋友圈'),
  E_ROBOT_TEXT_TOO_LONG: textTooLong('群机器人消息'),
  E_CARD_TITLE_TOO_LONG: (a) => ({
    message: `直播间名称有 ${a.bytes} 个字节；作为企业微信群发里小程序卡片的标题，最多 ${a.max} 个字节`,
    hint: '缩短直播间名称（emoji 占 4 个字节，汉字占 3 个）。',
  }),
  E_ARTICLE_TITLE_TOO_LONG: (a) => ({
    message: `波次 "${a.wave}"：文章标题有 ${a.length} 个字；公众号文章标题最多 ${a.max} 个字`,
    hint: '缩短标题；其余内容写进正文。',
  }),
  E_TIMEZONE: (a) => ({
    message: `"${a.zone}" 不是 IANA 时区`,
    hint: '使用 Asia/Shanghai（默认）或 Asia/Hong_Kong 这样的时区名。',
  }),
  E_DATE_INVALID: (a) => ({
    message: `${a.text} 不是真实存在的日期时间`,
    hint: '检查日期（2 月有 28 或 29 天；4、6、9、11 月只有 30 天）。',
  }),
  E_TIME_NONEXISTENT: (a) => ({
    message: `${a.what} 在 ${a.zone} 不存在：那天夜里为夏令时拨快了 ${a.skipped}`,
    hint: '选一个不在被跳过时段里的时间（例如晚一小时），或写明偏移，例如 2027-03-14T03:30-04:00。',
  }),
  E_END_OR_DURATION: (a) =>
    a.kind === 'both'
      ? {
          message: 'room 同时写了 end 和 duration；只能给其中一个',
          hint: '保留 end:（日期时间）或 duration:（例如 2h）之一。',
        }
      : {
          message: 'room 既没有 end 也没有 duration：微信需要结束时间',
          hint: '添加 duration: 2h（30m 到 24h），或用 end: 给出日期时间。',
        },
  E_END_BEFORE_START: (a) => ({
    message: `room.end ${a.end} 不晚于 room.start ${a.start}`,
    hint: '把结束时间设在开始之后，或改用 duration:。',
  }),
  E_DURATION_RANGE: (a) => ({
    message: `直播时长为 ${a.duration}；微信允许 30 分钟到 24 小时`,
    hint: '把直播时长控制在 30 分钟到 24 小时之间（否则微信返回 200002）。',
  }),
  E_START_PAST: (a) => ({
    message: `开播时间 ${a.start} 已经过去（现在是 ${a.now}）`,
    hint: '微信不能创建开播时间已过的直播间：把 room.start 改到将来（至少 10 分钟以后），或用 `livectl init` 新建一场活动。',
  }),
  E_START_TOO_SOON: (a) => ({
    message: `开播时间 ${a.start} 距现在（${a.now}）不到 10 分钟`,
    hint: '微信只能创建 10 分钟以后开播的直播间；把 room.start 往后挪。',
  }),
  E_START_TOO_FAR: (a) => ({
    message: `开播时间 ${a.start} 距现在超过 6 个月（最晚 ${a.latest}）`,
    hint: '微信最多只能提前 6 个月创建直播间；临近时再检查，或把 room.start 提前。',
  }),
  E_TIME_UNRESOLVED: (a) => ({
    message: `${a.at} 不是真实存在的时间`,
    hint: '用相对 room.start 的偏移（-3d@10:00、-30m、0、+15m）或真实的 ISO 日期时间。',
  }),
  E_WAVE_AFTER_START: (a) => ({
    message: `预热波次 "${a.wave}" 在 ${a.at}，晚于开播时间（${a.start}）`,
    hint: '预热波次在开播时或之前发出（at ≤ 0）；如果它在直播之后，请移到 `after:`。',
  }),
  E_AFTER_WAVE_BEFORE_END: (a) => ({
    message: `直播后的提醒 "${a.wave}" 在 ${a.at}，早于直播结束（${a.end}）`,
    hint: '直播后的提醒在直播结束后发出（例如 +1d@09:30，或超过时长的偏移）；如果它是预热，请移到 `waves:`。',
  }),
  E_CUE_OUTSIDE_BROADCAST: (a) => ({
    message: `${a.at}（${a.local}）不在直播时间内（${a.start}–${a.end}）`,
    hint: '直播中的环节要落在开播（0）和直播结束之间。',
  }),
  E_DUPLICATE_ID: (a, d) => ({
    message: `${WHAT[String(a.what)] ?? a.what} id "${a.id}" 用了两次（第一次在 ${a.first ?? formatPath(d.path)}）`,
    hint: `给每个${WHAT[String(a.what)] ?? a.what}一个自己的 id：状态、提醒和小程序码都按它区分。`,
  }),
  E_ROOMS_PER_DAY: (a) => ({
    message: `在给出的文件里，小程序 ${a.app} 在 ${a.day} 已有 ${a.n} 场直播开播；微信每天最多 ${a.max} 场`,
    hint: '把这场直播挪到别的日子。',
  }),
  E_ROOMS_OVERLAP: (a) => ({
    message: `小程序 ${a.app} 有另外 ${a.n} 场直播在 ${a.at}（北京时间）进行中；微信最多同时 ${a.max} 场`,
    hint: '调整这场直播的时间，避免与其他直播重叠。',
  }),
  E_GOODS_LIMIT: (a) => ({
    message: `加上这个文件，小程序 ${a.app} 在给出的文件里会有 ${a.n} 个商品（每场活动各自登记商品）；商品库最多 ${a.max} 个`,
    hint: '每场活动都会把自己的商品加进商品库，即使商品 id 与其他活动相同：减少商品，或对这个小程序已结束的活动运行 `livectl destroy` 删除它们的商品。',
  }),
};

const ROLES: Record<string, string> = {
  'room cover': '直播间封面',
  'share card image': '分享卡片图',
  'shopping-channel cover': '购物直播频道封面',
  'goods image': '商品图片',
};

const WHAT: Record<string, string> = { wave: '波次', product: '商品', coupon: '优惠券' };
