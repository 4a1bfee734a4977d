/**
 * The 视频号 (platform: channels) apply in Chinese: the messages of src/apply/channels-*.ts and the
 * closing line's 微信小店 part, by phrase (apply-zh.ts tries these before its own). The NDJSON keeps
 * the English.
 */
const AT = '([\\d-]+ [\\d:]+)';
const re = (source: string) => new RegExp(source);

const COUPON_STATUS: Record<string, string> = {
  'not effective': '未生效',
  effective: '已生效',
  expired: '已过期',
  voided: '已作废',
  deleted: '已删除',
};
const couponStatus = (s: string) => COUPON_STATUS[s] ?? `状态 ${s}`;

const SUBMITTED: Record<string, string> = {
  'in audit': '审核中',
  approved: '审核通过',
  'approved and listed': '审核通过并已上架',
  'submitted for audit': '已提交商品审核',
  "not submitted: the store's audit quota is used up (apply again later)":
    '未提交：小店的商品审核额度已用完（稍后再 apply）',
};
const submitted = (s: string) => SUBMITTED[s] ?? s;

/** The person's task of making the reservation (reservationTask in channels-reservation.ts). */
const TASK = re(
  `in 视频号, create a live reservation for ${AT} \\(([^)]+)\\), described "([^"]*)" \\(视频号 app → 发起直播 → 直播预告, or 视频号助手 → 直播 → 直播预约\\); livectl finds it on the next apply \\(a reservation starting within ±(\\d+) min of the start counts\\)`,
);
const TASK_ZH =
  '在视频号里创建 $1（$2）开播的直播预约，描述填写 "$3"（视频号 App → 发起直播 → 直播预告，或视频号助手 → 直播 → 直播预约）；下次 apply 时 livectl 会找到它（开播时间相差 ±$4 分钟以内的预约都算）';

/** What a recorded reservation turned out to be ("was cancelled", "is no longer listed"…). */
function was(s: string): string {
  const moved = re(`^is for ${AT}, not the room's start ${AT}$`).exec(s);
  if (moved) return `预约的是 ${moved[1]}，不是直播间的开播时间 ${moved[2]}`;
  if (s === 'is no longer listed') return '已不在列表里';
  if (s === 'was cancelled') return '已取消';
  if (s === 'was used') return '已使用';
  return s.replace(/^was status (\d+)$/, '状态为 $1');
}

const SEVERAL =
  /; (\d+) (products|coupons) on WeChat look like an earlier attempt of this campaign \((.+)\) but which one it made cannot be told \(another campaign created the same meanwhile\), so none was adopted: check for a stray copy$/;

type Rule = [RegExp, string | ((...m: string[]) => string)];

export const CHANNELS_EVENTS: Rule[] = [
  [/^reservation (\S+) used \(the broadcast took place\)$/, '直播预约 $1 已使用（直播已进行）'],
  [re(`^reservation (\\S+) for ${AT} is available$`), '直播预约 $1（$2 开播）有效'],
  [
    re(`^reservation (\\S+) (.+); found reservation (\\S+) for ${AT} and recorded it$`),
    (_, a, w, b, at) => `直播预约 ${a} ${was(w!)}；找到了直播预约 ${b}（${at} 开播）并已记录`,
  ],
  [
    re(`^found reservation (\\S+) for ${AT} \\("(.*)"\\) and recorded it$`),
    '找到了直播预约 $1（$2 开播，"$3"）并已记录',
  ],
  [/^no reservation yet: (.+)$/, (_, task) => `还没有直播预约：${task!.replace(TASK, TASK_ZH)}`],
  [
    /^reservation (\S+) ((?:is|was) .+?): (in 视频号, create .+)$/,
    (_, id, w, task) => `直播预约 ${id} ${was(w!)}：${task!.replace(TASK, TASK_ZH)}`,
  ],
  [
    /^found the product an earlier attempt of this campaign added \(product (\S+)\) and adopted it; (.+)$/,
    (_, id, s) => `找到这场活动上一次尝试添加的商品（商品 ${id}），直接沿用；${submitted(s!)}`,
  ],
  [
    /^added \(product (\S+)\), ([^;]+)(;.*)?$/,
    (_, id, s, n) => `已添加（商品 ${id}），${submitted(s!)}${n ?? ''}`,
  ],
  [
    /^existing product (\S+) checked \((listed|status \d+)\); destroy leaves it alone$/,
    (_, id, st) =>
      `已核对已有商品 ${id}（${st === 'listed' ? '已上架' : st!.replace('status', '状态')}）；destroy 不会动它`,
  ],
  [
    /^in audit \(the changes are sent once it ends\): apply again later$/,
    '审核中（审核结束后再发送改动）：稍后再 apply',
  ],
  [/^in audit: apply again later$/, '审核中：稍后再 apply'],
  [/^approved and listed$/, '审核通过并已上架'],
  [/^approved \(status (\d+)\)$/, '审核通过（状态 $1）'],
  [/^updated[;,] (.+)$/, (_, s) => `已更新，${submitted(s!)}`],
  [
    /^forgotten \(product (\S+) was not created by livectl: left as it is\)$/,
    '已移除记录（商品 $1 不是 livectl 创建的：保持原样）',
  ],
  [
    /^forgotten \(coupon (\S+) was not created by livectl: left as it is\)$/,
    '已移除记录（优惠券 $1 不是 livectl 创建的：保持原样）',
  ],
  [/^delisted \(product (\S+); the store keeps it, off sale\)$/, '已下架（商品 $1；小店里保留，不再售卖）'],
  [/^the store product does not exist yet$/, '小店商品还不存在'],
  [/^waiting on the store's audit \(pending\)$/, '等待小店商品审核（审核中）'],
  [/^waiting on the store's audit \(rejected\)$/, '等待小店商品审核（被驳回）'],
  [
    /^waiting on the store's audit \((.+)\)$/,
    (_, s) => `等待小店商品审核（${s === 'not submitted' ? '未提交' : s}）`,
  ],
  [/^already in the showcase \(left there by destroy\)$/, '已在橱窗里（destroy 时保留在橱窗）'],
  [/^put in the 视频号 showcase$/, '已放进视频号橱窗'],
  [/^in the showcase$/, '已在橱窗里'],
  [/^forgotten \(it was in the showcase before livectl\)$/, '已移除记录（它在 livectl 之前就在橱窗里）'],
  [/^taken out of the showcase$/, '已移出橱窗'],
  [
    /^found the coupon an earlier attempt of this campaign created \(coupon (\S+)\) and adopted it$/,
    '找到这场活动上一次尝试创建的优惠券（优惠券 $1），直接沿用',
  ],
  [
    /^existing coupon (\S+) checked \(([^,]+), (\d+) received\); destroy leaves it alone$/,
    (_, id, st, n) => `已核对已有优惠券 ${id}（${couponStatus(st!)}，已领取 ${n} 张）；destroy 不会动它`,
  ],
  [
    /^coupon (\S+) created \(([^,]+), effective from (\S+)\)(;.*)?$/,
    (_, id, st, from, n) => `优惠券 ${id} 已创建（${couponStatus(st!)}，${from} 起生效）${n ?? ''}`,
  ],
  [
    /^coupon (\S+) voided \(claimed coupons can no longer be used\)$/,
    '优惠券 $1 已作废（已领取的券也不能再用）',
  ],
  [
    /^coupon (\S+) (not effective|effective|expired|voided|deleted)$/,
    (_, id, st) => `优惠券 ${id} ${couponStatus(st!)}`,
  ],
  [
    /^coupon (\S+) \(([^,]+), (\d+) received\) was created with other terms; livectl does not change an issued 小店 coupon: put the campaign's (coupons\[\d+\]) back as it was, or void the coupon in 微信小店后台 → 营销 → 优惠券 and name a new one with channels\.couponId$/,
    (_, id, st, n, path) =>
      `优惠券 ${id}（${couponStatus(st!)}，已领取 ${n} 张）是按别的条件创建的；livectl 不修改已发放的小店优惠券：请把活动文件的 ${path} 改回原样，或在 微信小店后台 → 营销 → 优惠券 里作废它，再用 channels.couponId 指定一张新券`,
  ],
  [
    /^forgotten \(a person cancels the reservation in 视频号 if it is not wanted\)$/,
    '已移除记录（如果不需要这个直播预约，请人工在视频号里取消）',
  ],
  [/^forgotten \(store images stay in the store\)$/, '已移除记录（图片仍留在小店里）'],
  [/^the reservation is not found yet$/, '还没有找到直播预约'],
  [/^scene (\S+) for (\S+), code written to (.+)$/, 'scene $1（页面 $2），小程序码已写入 $3'],
];

/** The closing line's part about products waiting on the 微信小店's audit. */
export const CHANNELS_SUMMARY: [RegExp, string][] = [
  [
    / ?(\d+) products? waiting on the 微信小店's audit: apply again to put (?:it|them) in the showcase once approved\./,
    '$1 个商品等待微信小店审核：审核通过后再次 apply 即可放进橱窗。',
  ],
];

/** The "; N products on WeChat look like…" note of an adoption that could not choose, in Chinese. */
export function severalNoteZh(message: string): string {
  return message.replace(
    SEVERAL,
    (_, n, kind, ids) =>
      `；微信上有 ${n} 个${kind === 'products' ? '商品' : '优惠券'}像是这场活动上一次尝试创建的（${ids}），但分不清是哪一个（期间另一场活动也创建了同样的），所以都没有沿用：请检查是否多出一份`,
  );
}

/** A 视频号 apply message in Chinese, or undefined when no phrase knows it. */
export function channelsEventZh(message: string): string | undefined {
  for (const [pattern, to] of CHANNELS_EVENTS) {
    if (!pattern.test(message)) continue;
    const out = typeof to === 'string' ? message.replace(pattern, to) : message.replace(pattern, to as never);
    return severalNoteZh(out);
  }
  return undefined;
}
