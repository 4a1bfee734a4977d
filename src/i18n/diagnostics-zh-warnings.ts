import type { INTERNAL_CODES, WARNING_CODES } from '../diagnostics/codes.js';
import type { ZhRender } from './diagnostics-types.js';

const SLOTS: Record<string, { label: string; hint: string }> = {
  'three-days': {
    label: '第 1 波，开播前约 3 天（2–4 天）',
    hint: '在 -3d@10:00 加一波，发到客户群和助理的朋友圈：运营手册在开播前 3 天发海报和优惠券预告，唤醒老客户，也给老带新留出时间。',
  },
  'one-day': {
    label: '第 2 波，开播前约 1 天（前一天，或 18–36 小时）',
    hint: '在 -1d@12:00 加一波：运营手册在前一天发布公众号文章讲清规则（尤其是怎么领券），让粉丝预约直播间。',
  },
  'thirty-minutes': {
    label: '第 3 波，开播前约 30 分钟（10–90 分钟）',
    hint: '在 -30m 加一波，发到群和朋友圈：运营手册在开播前 30 分钟再强化一次，吸引还在犹豫的人。',
  },
  'go-live': {
    label: '第 4 波，开播时（开始后 10 分钟内）',
    hint: '在 0 加一波，附上直播间链接和限量优惠券：运营手册称之为微信自带开播提醒之外的“双保险”。',
  },
};

const GROUP_BUY =
  '运营手册按买家对价格的感知来决定是否拼团：品类型商品（锅、碗、刀）不在直播中拼团；单品（爆款降价）或品牌（折扣促销）才适合拼团。';
const WARM_UP =
  '运营手册用开播后的 5–10 分钟暖场：打招呼、引导刷“666”和点赞、提醒商品列表里的优惠券、做小游戏，同时等晚到的观众。设置 during.warmUp: 10m。';

/** The playbook's advice and the setup checks (src/campaign/rules/playbook, setup). */
export const ZH_WARNINGS: Partial<
  Record<(typeof WARNING_CODES)[number] | (typeof INTERNAL_CODES)[number], ZhRender>
> = {
  W_AUDIT_DAYS: (a) => ({
    message: `${a.count} 个商品需要 ${a.days} 天才能提交完商品审核（每天 ${a.perDay} 个）`,
    hint: `平台每个小程序每天只接受 ${a.perDay} 个商品提交审核；apply 会分批提交，所以第一批要在 7 个工作日的期限之前再提前 ${Number(a.days) - 1} 个工作日提交。`,
  }),
  W_AUDIT_DEADLINE: (a) => ({
    message: `商品最晚应在 ${a.deadline}${Number(a.days) > 1 ? `（${a.days} 批中的第一批）` : ' '}提交审核：即 ${a.start} 之前 ${a.workingDays} 个工作日`,
    hint: '商品审核需要 1 到 7 个工作日（法定节假日和调休上班日都计算在内），只有审核通过的商品才能放进直播间。现在就提交，并准备好在还有商品审核中的情况下开播，或推迟开播时间。',
  }),
  W_CALENDAR_UNCOVERED: (a) => ({
    message: `审核截止日 ${a.deadline} 只按周末计算：livectl 的节假日日历还不包括 ${a.years} 年`,
    hint: '那一年的法定节假日和调休上班日还不在日历数据（chinese-days）里，而离截止日已经近到会受影响。请查看官方放假通知，或升级 livectl。',
  }),
  W_COUPONS_BY_HAND: (a) =>
    a.kind === 'product-coupon'
      ? {
          message: `product-coupon：livectl 不创建商品券，所以这个商户的 ${a.n} 张优惠券仍是人工待办`,
          hint: '商品券 API 只对品牌方（brand_id）和服务商开放，有自己的商品和批次模型；请在商户平台上设置这些优惠券。2025-12-15 之前入驻的商户可以使用 product: busifavor。',
        }
      : {
          message: `${a.n} 张优惠券不会被创建：没有 accounts.wechatPay，它们仍是在商户后台手工完成的待办`,
          hint: '添加 accounts.wechatPay { mchId, serialNo, publicKeyId }，apply 时每张优惠券都会成为一个微信支付商家券批次（README：Coupons）。',
        },
  W_GROUPBUY_CATEGORY: (a) => ({
    message: a.scheduled
      ? `对品类型商品 "${a.id}" 安排了拼团`
      : `"${a.id}" 设置了拼团，但买家是按品类感知它的价格`,
    hint: GROUP_BUY,
  }),
  W_LIVE_WITHOUT_COUPON: () => ({
    message: '开播波次没有全员券',
    hint: '运营手册在开播时直接发直播间链接并附限量优惠券，直播中再发一轮可与直播前优惠券叠加的全员抢券；请添加一张 kind 为 all-hands 的优惠券。',
  }),
  W_LONG_BROADCAST: (a) => ({
    message: `直播时长为 ${a.duration}，超过 12 小时`,
    hint: '运营手册引用的平台常见问题把单场直播限制在 12 小时（当前 API 允许 24 小时）。把更长的活动拆成几个直播间，或控制在 12 小时以内。',
  }),
  W_LOTTERY_ON_THE_HOUR: (a) => ({
    message: `抽奖 "${a.prize}" 在整点（${a.hh}:00）开奖`,
    hint: '不要整点开奖：薅羊毛的人只在整点进来。运营手册更推荐按点赞数开奖（“点赞到 3 万就抽奖”），不确定性能留住观众；或者把开奖时间避开整点。',
  }),
  W_NO_FEEDBACK: () => ({
    message: '没有直播后的反馈提醒（`after` 里 message: feedback 的一项）',
    hint: '直播结束后，运营手册会在群里致谢、请大家打分并问“下次几点播？”，再把评论热点记下来用于下一场脚本。添加 { id: feedback, at: +1h, channels: [wecom-groups], message: feedback }。',
  }),
  W_NO_LIVE_PAGE: () => ({
    message:
      'accounts.miniProgram 没有 livePage：每个小程序码都会打开小程序首页，首页必须自己读取 scene（r=<roomId>&w=<wave>）并打开直播间',
    hint: '添加 accounts.miniProgram.livePage（例如 pages/live/entry），即小程序里转到直播组件的一个页面：见 README 的“The live landing page”。',
  }),
  W_NO_PREHEAT_COUPON: () => ({
    message: '第一波预热没有预热券',
    hint: '运营手册的第一波在开播前 3 天发海报和优惠券预告，唤醒老客户和会员；在它的 coupons 里加一张 kind 为 preheat 的优惠券。',
  }),
  W_NO_SHARE_INCENTIVE: () => ({
    message: '没有分享券（kind: share）',
    hint: '运营手册的“分享领券”让分享的观众（小程序码、海报、卡片）和被邀请来的好友都得到一张可叠加的优惠券：直播间借商家的客户扩散。',
  }),
  W_NO_WARMUP: (a) => ({
    message: a.warmUp === undefined ? '没有安排暖场时间（during.warmUp）' : `暖场 ${a.warmUp} 不足 5 分钟`,
    hint: WARM_UP,
  }),
  W_PLACEHOLDER_ACCOUNT: (a) => ({
    message: `${ACCOUNTS[String(a.what)] ?? a.what} "${a.value}" 是 livectl init 填的占位值，不是你的账号`,
    hint: `换成真实的值（${WHERE[String(a.where)] ?? a.where}）；用这个值 apply 时微信会报错。`,
  }),
  W_QUIET_HOURS: (a) => ({
    message: `"${a.wave}" 在 ${a.at} 触达客户，处于免打扰时段（${a.from}–${a.to}）`,
    hint: `活动消息是为了让客户记住这场直播，而不是把人吵醒：深夜的群发或朋友圈会被屏蔽或招人反感。把它挪到 ${a.to} 到 ${a.from} 之间，或设置 metadata.quietHours。`,
  }),
  W_SINGLE_HOST: () => ({
    message: '这场直播只有一位主播',
    hint: '运营手册的主播常是“1 + 1”：一位懂商品，一位控节奏、带气氛。',
  }),
  W_SINGLE_LOTTERY: () => ({
    message: '这场直播只有一轮抽奖',
    hint: '运营手册会安排多轮抽奖，奖品分散在整场直播里，每次公布中奖者并预告下一轮（“点赞到 6 万抽下一轮”），让观众留下来。',
  }),
  W_SINGLE_WAVE: () => ({
    message: '整个预热只有一波（一波流）',
    hint: '运营手册安排四波：开播前 3 天、前 1 天、前 30 分钟和开播时，让用户既知道也记得这场直播；每一波都会缩小并重新定位受众。',
  }),
  W_TIME_AMBIGUOUS: (a) => ({
    message: `${a.what} 在 ${a.zone} 出现两次（那天夜里时钟回拨）；livectl 取第一次，${a.first}`,
    hint: '写明偏移（例如第二次写作 2027-11-07T01:30-05:00），或换一个时间，避免歧义。',
  }),
  W_WAVE_MISSING: (a) => ({
    message: `没有预热波次对应${SLOTS[String(a.slot)]?.label ?? a.slot}`,
    hint: SLOTS[String(a.slot)]?.hint ?? '',
  }),
  E_INTERNAL_RULE: (a) => ({
    message: `规则 ${a.rule} 出错：这是 livectl 的缺陷`,
    hint: '请把活动文件和所用命令一并报告；其他规则的检查结果仍然有效。',
  }),
};

const ACCOUNTS: Record<string, string> = {
  'the mini program AppID': '小程序 AppID',
  'the Official Account AppID': '公众号 AppID',
  'the WeCom CorpID': '企业微信 CorpID',
  'the WeCom sender': '企业微信发送人',
};

const WHERE: Record<string, string> = {
  'WeCom admin: 我的企业 → 企业信息 → 企业ID': '企业微信管理后台：我的企业 → 企业信息 → 企业ID',
  "a member's userid, WeCom admin: 通讯录 → the member → 账号":
    '成员的 userid，企业微信管理后台：通讯录 → 该成员 → 账号',
};
