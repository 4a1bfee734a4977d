/**
 * The hints of the most common errcodes in Chinese: the failure envelope's hint, when it is the
 * English of src/wechat/error-hints.ts for one of these codes. That table has over 200 entries; the
 * codes not here keep their English hint.
 */
import { hintFor, type Platform } from '../wechat/error-hints.js';

/**
 * The hints of the most common errcodes in Chinese, by platform ("wechat": the mini program, the
 * Official Account and WeChat's shared codes; "channels": the 视频号 and 微信小店; "wecom").
 */
const API_HINTS_ZH: Partial<Record<Platform, Record<number, string>>> = {
  wechat: {
    [-1]: '微信系统繁忙。读取类请求 livectl 会自动重试；如果是创建操作，先用 livectl status 确认它是否已经生效，再重新运行 apply。',
    40001:
      'access_token 被拒绝（无效、被其他进程替换，或 AppSecret 不对）。livectl 会自动刷新一次；如果还是这样，请检查环境变量里的密钥。',
    40013: 'AppID 或 CorpID 不对。请检查活动文件里的 accounts。',
    40125: 'AppSecret 不对。请检查环境变量里的密钥（它可能已在管理后台被重置）。',
    40164: '本机 IP 不在这个账号的 IP 白名单里。请在管理后台（开发 → 基本配置）加上它，然后再试。',
    41001: '请求没有带 access_token。这是 livectl 的 bug，请报告。',
    42001: 'access_token 已过期。livectl 会自动刷新一次；如果还是这样，请检查本机时钟是否准确。',
    43003: '微信要求使用 https。请检查 LIVECTL_WECHAT_API / LIVECTL_WECOM_API。',
    44002: '微信收到的请求体是空的。这是 livectl 的 bug，请报告。',
    45001: '媒体文件太大。请缩小后再试。',
    45009: '每日调用额度（群机器人和部分接口是每分钟额度）已用完。请等到明天，或请管理员在管理后台重置额度。',
    47001:
      '微信无法解析请求（数据格式错误，或缺少必填字段）。请检查活动文件里的值；如果看起来没问题，请报告。',
    48001: '账号没有这个接口的权限（没有开通直播、插件未发布，或账号未认证）。请检查管理后台。',
    89503: '需要管理员批准这个 IP：管理员在微信里收到了确认请求。批准后再试。',
    200002:
      '微信拒绝了一个参数（200002）。这个错误码涵盖好几种不相关的问题，消息往往有误导性：开始/结束时间不在允许范围内（开播时间距现在至少 10 分钟、最多 6 个月，时长 30 分钟到 24 小时）、必填字段缺失或为空（如 goodsInfo、url、shareImg），或请求体不是 JSON。请检查消息里提到的字段和活动文件里的时间，然后再 apply。',
    300001: '这个账号被禁止创建或修改商品、直播间（相关能力可能被封禁）。请检查直播控制台。',
    300002: '名称长度不对。直播间名称：3–17 个汉字（一个汉字算 2 个字符）；商品名称：3–14 个。',
    300003: '价格无效：例如现价高于原价、价格区间颠倒，或小数超过 2 位。',
    300018: '商品图片大于 300×300 像素。请缩小到最多 300×300。',
    300022:
      '直播间不存在（已删除，或直播间 id 不对）。运行 livectl plan 查看直播间的状态。（用请求体而不是查询参数调用 getsharedcode 时也会这样说。）',
    300036:
      '主播需要扫描 qrcode_url，在“小程序直播”小程序里完成实名认证。把下面的二维码链接发给主播，然后再 apply。',
    268489001:
      '直播权限已冻结：微信不再为新账号开通小程序直播（系统维护）。没有权限的账号无法创建直播间；可以考虑改用视频号直播。',
    9410000: '没有直播间（空列表）。无需处理。',
  },
  channels: {
    48001:
      '这个账号关闭了该接口，或 access_token 属于另一个账号。请在 视频号助手 → 直播 → 直播管理 → 开放能力 → 开放场景 里打开这项能力的开关（橱窗、带货直播数据……）；并确认微信小店的 AppID 调用小店接口、视频号助手的 AppID 调用视频号接口（accounts.channels）。',
    10020013: '小店商品需要 1 到 500 个 SKU。请检查活动文件里的商品。',
    10020049: '小店商品正在审核中，现在不能修改、下架或删除。请等审核结束，或撤回审核。',
  },
  wecom: {
    60011: '企业微信应用无权代表这个成员或部门操作。请在企业微信管理后台扩大应用的可见范围。',
    60020: '本机 IP 不是这个企业微信应用的可信 IP。请在企业微信管理后台添加。',
  },
};

/** English hint → Chinese, for every errcode above (built on first use). */
let byEnglish: Map<string, string> | undefined;

/** The Chinese of an errcode hint from src/wechat/error-hints.ts (with its QR link), or undefined. */
export function apiHintZh(hint: string): string | undefined {
  if (!byEnglish) {
    byEnglish = new Map();
    for (const [platform, table] of Object.entries(API_HINTS_ZH) as [Platform, Record<number, string>][])
      for (const [code, zh] of Object.entries(table)) byEnglish.set(hintFor(Number(code), platform).hint, zh);
  }
  const qr = / QR link: (\S+)$/.exec(hint);
  const base = qr ? hint.slice(0, qr.index) : hint;
  const zh = byEnglish.get(base);
  return zh === undefined ? undefined : `${zh}${qr ? ` 二维码链接：${qr[1]}` : ''}`;
}

/** The errcodes whose hints are in Chinese, by platform. */
export const API_HINTS_ZH_CODES: [Platform, number][] = Object.entries(API_HINTS_ZH).flatMap(
  ([platform, table]) =>
    Object.keys(table ?? {}).map((code): [Platform, number] => [platform as Platform, Number(code)]),
);
