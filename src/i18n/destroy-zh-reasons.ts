/**
 * Why destroy deletes, keeps, leaves or forgets each thing, and what its deletes report, in Chinese
 * (src/apply/destroy.ts and channels-destroy.ts write them in English; the NDJSON keeps them). Whole
 * phrases, first match wins; a phrase not here stays English.
 */
const LIVE: Record<string, string> = {
  live: '直播中',
  'not started': '未开始',
  ended: '已结束',
  banned: '已封禁',
  paused: '已暂停',
  abnormal: '异常',
  expired: '已过期',
};

const REASONS: [RegExp, string | ((...m: string[]) => string)][] = [
  [/^not started$/, '未开播'],
  [/^not on the platform$/, '平台上已没有'],
  [
    /^the broadcast has started \(([^)]+)\): a started room is kept$/,
    (_, s) => `直播已开始（${LIVE[s!] ?? s}）：开播过的直播间会保留`,
  ],
  [
    /^made by a create whose answer was lost; the broadcast has started: a started room is kept$/,
    '是一次丢失应答的创建做出来的；直播已开始：开播过的直播间会保留',
  ],
  [/^made by a create of this campaign whose answer was lost$/, '是这场活动一次丢失应答的创建做出来的'],
  [
    /^several objects look like what a lost create of this campaign made; which one cannot be told, so none is deleted$/,
    '有多个对象像是这场活动丢失应答的创建做出来的；分不清是哪一个，所以都不删除',
  ],
  [
    /^several objects look like what a lost create of this campaign made; none is touched$/,
    '有多个对象像是这场活动丢失应答的创建做出来的；都不动',
  ],
  [/^a create whose answer was lost made nothing$/, '丢失应答的那次创建没有做出任何东西'],
  [
    /^adopted by an older livectl from a look-alike on WeChat, which may be another campaign’s: left on WeChat, record forgotten \(delete it in the WeChat console if it is this campaign’s\)$/,
    '是旧版 livectl 按相似对象沿用的，可能属于另一场活动：留在微信上，不再记录（如果确实是这场活动的，请在微信后台删除）',
  ],
  [
    /^campaign (\S+) in this state store tracks it too: left on WeChat, record forgotten$/,
    '状态库里的活动 $1 也在记录它：留在微信上，不再记录',
  ],
  [/^never confirmed on the platform$/, '平台上从未确认过'],
  [
    /^on the shelf of the live room \(deleting it would pull it off the broadcast\)$/,
    '正在直播间货架上（删除会让它从直播中下架）',
  ],
  [/^in audit: the audit is withdrawn first$/, '审核中：先撤回商品审核'],
  [/^approved$/, '审核通过'],
  [/^rejected$/, '被驳回'],
  [/^unaudited$/, '未提交审核'],
  [/^goods$/, '商品'],
  [
    /^restore the Official Account menu backed up before the switch of (.+)$/,
    '恢复 $1 切换前备份的公众号菜单',
  ],
  [
    /^a stock can't be deleted: it stops issuing \(budget down to what was already sent\)$/,
    '商家券批次不能删除：停止发放（预算减到已发出的数量）',
  ],
  [/^stock not created by livectl: left as it is$/, '不是 livectl 创建的批次：保持原样'],
  [/^never confirmed on WeChat Pay$/, '微信支付上从未确认过'],
  [/^local record$/, '本地记录'],
  [/^local record \(store images stay\)$/, '本地记录（小店里的图片保留）'],
  [
    /^no API cancels a 视频号 reservation: if the broadcast is off, cancel it in the 视频号 app \(直播预告\) or 视频号助手; record forgotten$/,
    '没有接口能取消视频号直播预约：如果直播取消了，请在视频号 App（直播预告）或视频号助手里取消；不再记录',
  ],
  [/^was in the showcase before livectl: left there$/, '在 livectl 之前就在橱窗里：保留在橱窗'],
  [/^taken out of the 视频号 showcase$/, '移出视频号橱窗'],
  [/^an existing product the campaign named: left as it is$/, '活动文件指定的已有商品：保持原样'],
  [
    /^delisted \(the store keeps it, off sale\); its audit is withdrawn first$/,
    '下架（小店里保留，不再售卖）；先撤回商品审核',
  ],
  [/^delisted \(the store keeps it, off sale\)$/, '下架（小店里保留，不再售卖）'],
  [/^never confirmed in the 微信小店$/, '微信小店里从未确认过'],
  [/^an existing coupon the campaign named: left as it is$/, '活动文件指定的已有优惠券：保持原样'],
  [/^voided \(status 4\)$/, '作废（状态 4）'],
  // What the deletes report.
  [/^menu restored from its backup$/, '菜单已按备份恢复'],
  [/^menu removed \(there was none before\)$/, '菜单已删除（之前没有菜单）'],
  [
    /^stock (\S+) stopped issuing: budget (\S+) → (\d+) \(already sent\); a stock can't be deleted, claimed coupons stay usable$/,
    '商家券批次 $1 已停止发放：预算 $2 → $3（已发出的数量）；批次不能删除，已领取的券仍可使用',
  ],
  [
    /^stock (\S+) had already ended \((\d+) sent\); a stock can't be deleted$/,
    '商家券批次 $1 已经结束（已发出 $2 张）；批次不能删除',
  ],
];

/** A destroy reason or report in Chinese, or the message unchanged when no phrase knows it. */
export function destroyReasonZh(message: string): string {
  for (const [re, to] of REASONS) {
    if (!re.test(message)) continue;
    return typeof to === 'string' ? message.replace(re, to) : message.replace(re, to as never);
  }
  return message;
}
