import type { Catalog } from './catalog.js';

/** `livectl init` 的中文文案。键和占位符与 init-en.ts 一一对应：缺一个键或写错占位符都编译不过。 */
export const initZh: Catalog['init'] = {
  ask: {
    title: '直播间名称（观众看得到）',
    start: (p) => `开播时间（日期和时间，${p.tz}）`,
    id: '活动 ID（小写字母、数字或 -）',
    duration: '直播时长',
    anchorName: '主播昵称（显示在直播间里）',
    anchorWechat: '主播微信号（须已实名认证）',
    productName: (p) => `商品 ${p.n}：名称`,
    productPrice: (p) => `商品 ${p.n}：价格（129 一口价 · 299-499 价格区间 · 199>129 划线价）`,
    productPage: (p) => `商品 ${p.n}：小程序页面路径`,
    productImage: (p) => `商品 ${p.n}：商品图（PNG/JPEG，不超过 300×300；留空则用占位图）`,
    anotherProduct: '再加一件商品吗？',
    coupon: '发预热券吗（开播前 3 天和前 1 天随预热发出）？',
    couponThreshold: '优惠券：使用门槛，满多少元可用（0 为无门槛）',
    couponAmount: '优惠券：减多少元',
    couponQuantity: '优惠券：发多少张',
    channels: '你有哪些渠道？（空格勾选，回车继续）',
    appId: '小程序 AppID',
    corpId: '企业微信 CorpID',
    agentId: '企业微信应用的 AgentId',
    senders: '负责群发的企业微信成员（userid，用逗号分隔）',
    oaAppId: '公众号 AppID',
  },
  keys: { navigate: '上下移动', select: '勾选', all: '全选', invert: '反选', submit: '确定' },
  channel: {
    'wecom-groups': '企业微信客户群',
    'wecom-moments': '企业微信朋友圈（导购发的朋友圈）',
    'official-account': '公众号',
    'subscribe-message': '订阅消息',
    robot: '群机器人（给工作人员发流程提示）',
  },
  check: {
    width: (p) =>
      `${p.what}须为 ${p.min}–${p.max} 个宽度单位（一个汉字算 2 个）；"${p.value}" 是 ${p.width} 个`,
    roomName: '直播间名称',
    anchorName: '主播昵称',
    productName: '商品名称',
    id: '活动 ID 是 1–32 个小写字母、数字或 "-"，例如 spring-sale-2027',
    anchorWechat: '微信号是 6–20 个字母、数字、"-" 或 "_"，以字母开头（填主播本人已实名认证的微信号）',
    page: '页面是小程序路径，开头不带 "/"，例如 pages/goods/detail?id=520',
    durationShape: '时长写成 2h、1h30m 或 90m 这样',
    durationRange: '一场直播的时长在 30m 到 24h 之间',
    price: '价格写成 129（一口价）、299-499（价格区间）或 199>129（划线价：原价>现价），单位元，最多两位小数',
    appId: 'AppID 是 wx 加 16 位十六进制数字',
    corpId: 'CorpID 是 ww 加 16 位十六进制数字',
    startShape: '开播时间写成 2027-03-08 20:00 这样（当地时间）',
    startPast: '开播时间已经过去了，请给一个 10 分钟以后的日期和时间',
    startSoon: '开播时间须在 10 分钟以后',
    startFar: '开播时间最晚在 6 个月以内',
    image: '请给一个 .png、.jpg 或 .gif 文件，或者留空',
    money: '单位元，最多两位小数',
    wholeNumber: '请填一个正整数',
    number: '请填一个数字',
    atLeastOneSender: '至少填一个',
    atLeastOneChannel: '至少选一个',
    couponWorth: '优惠券的减免金额须大于 0',
    couponLess: '减免金额须小于使用门槛',
    couponQuantity: '数量至少为 1',
  },
  flag: {
    bad: (p) => `${p.flag} "${p.value}"：${p.error}`,
    productShape:
      '应写成 "名称:价格:页面"（页面可以省略，后面还可以再跟图片路径），例如 "玫瑰丝绒口红:199>129:pages/goods/detail?id=520"',
    couponShape: '应写成 门槛:减免[:数量]（单位元），例如 199:50:1000（满199减50，共 1000 张），或 none',
    channelsUnknown: (p) => `--channels：不认识 ${p.bad}；可选 ${p.all}`,
    channelsNone: (p) => `--channels：至少写一个渠道，可选 ${p.all}`,
    timezone: '不是 IANA 时区（例如 Asia/Shanghai）',
    startShape: '开播时间写成 2027-03-08T20:00 这样（当地时间）',
    agentId: '填一个数字，例如 1000002',
    needsTerminal: (p) => `livectl init 要在终端里回答问题，或者用参数给出答案：缺少 ${p.missing.join('、')}`,
    needsTerminalHint:
      '请在终端里运行，或者给出这些参数（见 livectl init --help），或者加 --yes 采用默认值。',
  },
  exists: (p) => `${p.file} 已存在；livectl init 从不覆盖已有文件`,
  existsHint: (p) => `换一个文件名，或者加 --force 替换 ${p.file}。`,
  cancelled: '\n已取消：没有写入任何文件。\n',
  imageUnreadable: (p) => `读不到图片 ${p.file}`,
  imageUnreadableHint: '请给一个存在的 PNG、JPEG 或 GIF 文件。',
  notValid: '错误：活动文件没有通过检查，所以什么都没有写入。\n',
  wrote: (p) => `已写入 ${p.file}`,
  wroteDetail: (p) => `（${p.products} 件商品，按打法在 ${p.channels.join('、')} 上安排四波预热）`,
  placeholderImages: (p) => `  占位图：${p.files.join('、')}（请换成你自己的图片）`,
  placeholderAccounts: (p) => `  占位账号：${p.found.map(([what, v]) => `${what} ${v}`).join('，')}`,
  placeholderWhat: {
    appId: '小程序 AppID',
    corpId: '企业微信 CorpID',
    sender: '企业微信发送成员',
    oaAppId: '公众号 AppID',
  },
  placeholderFix: (p) =>
    `    apply 之前换成你自己的（${p.flags.join('、')}，或直接编辑文件）；在此之前 validate 会给出 W_PLACEHOLDER_ACCOUNT 警告`,
  next: (p) =>
    `\n下一步：\n  livectl validate ${p.file}\n  livectl plan ${p.file}       # 变更、时间线和海报\n  livectl doctor ${p.file}     # 密钥、access_token 和直播权限\n`,
  yaml: {
    head: (p) =>
      `# ${p.title}：由 \`livectl init\` 生成。用 \`livectl validate\` 检查，用 \`livectl plan\` 看会发生什么\n` +
      '# （它也会画出海报），然后 `livectl apply`。',
    metadata: '# 活动 ID（在状态库里唯一），以及下面所有当地时间所用的时区。',
    accounts:
      '# 这里只写账号 ID：密钥来自环境变量（LIVECTL_APP_SECRET、LIVECTL_WECOM_SECRET、LIVECTL_OA_SECRET），\n' +
      '# 绝不写进这个文件。`livectl doctor` 会检查它们。\n' +
      '# livePage：小程序里打开直播间的页面；每个分享码、企业微信卡片和菜单按钮都带 r=<roomId>&w=<wave>\n' +
      '# 打开它（见 README 的 "The live landing page"）。',
    room:
      '# 直播间。主播微信号须在「小程序直播」里完成实名认证。\n' +
      '# 图片在 apply 时按需上传；请把占位图换成你自己的图片\n' +
      '# （封面 1080×1920 ≤ 2 MB，分享图 800×640 ≤ 1 MB，购物直播频道封面 800×800 ≤ 100 KB）。',
    roomType: '# phone（手机直播）| push（用设备 RTMP 推流）',
    products:
      '# 商品：apply 时提交商品审核（1–7 个工作日），审核通过后放进直播间。\n' +
      '# 价格：{ type: fixed, amount } 一口价 | { type: range, min, max } 价格区间 | { type: discount, original, now } 划线价。',
    coupons:
      '# 优惠券（在店铺后台创建，或加上 accounts.wechatPay，apply 时建成微信支付商家券：见 README 的 "Coupons"）：\n' +
      '# 预热券为开播造势，全场券在直播中抢、可与预热券叠加，分享券奖励拉朋友来看的观众。',
    channels: '# 消息发到哪里。下面的每一波按这些名字引用渠道。',
    wecomGroups: '# 由这些企业微信成员群发到客户群（每人在企业微信里确认发送）',
    wecomMoments: '# 导购的朋友圈',
    officialAccount: '# 发文章的那一波；一级菜单会变成领券入口',
    subscribers: '# 给受众文件里的 openid 发订阅消息（每次授权发一条）',
    liveFollowers: '# 微信自己发给预约了直播间的用户的开播提醒',
    staff: '# 给工作群发流程提示；webhook key 放在这个环境变量里',
    waves:
      '# 打法里的四波预热：只发一波（一波流）很快就被忘了。`at` 相对于 room.start：\n' +
      '# -3d@10:00 是提前三天的当地 10:00，-30m 是开播前半小时，0 是开播时。',
    during:
      '# 直播中：主播的流程单和给工作人员的提示。先暖场（打招呼、求点赞、提醒领券）；\n' +
      '# 抽奖按点赞数门槛分几轮进行，不要整点抽。',
    hosts: '# "1 + 1"：一位懂商品，一位控节奏',
    after: '# 播后：感谢各群并问一句"下次几点播？"，然后分享回放。',
  },
};
