/**
 * `apply`'s mini-program events in Chinese that apply-zh.ts does not cover: changes not attempted
 * (a stopped run, the audit quota, a dependency), waits, tasks for a person (real-name checks, the
 * frozen live permission, a lost WeChat Pay answer), room and sub-anchor edits, codes, WeChat Pay
 * stocks, and the notes a create adds (adopted, several look-alikes). [pattern, replacement]: the
 * first that matches wins; tried before apply-zh.ts's own. A message made of parts joined by "; "
 * is translated part by part (applyEventZh).
 */
import { currentLang } from './catalog.js';

type Rule = [RegExp, string | ((...m: string[]) => string)];

const STOPPED: Record<string, string> = {
  'the credentials were refused': '凭据被拒绝',
  'WeChat cannot be reached': '无法连接微信',
};

/** The rules; `again` translates a part of a message (the whole phrase set, apply-zh.ts). */
export function eventsMore(again: (s: string) => string): Rule[] {
  return [
    [
      /^not attempted: (.+)$/,
      (_m, why) =>
        `未执行：${STOPPED[why] ?? why.replace(/^the API frequency limit or daily quota is reached \((\d+)\)$/, '接口调用频率或每日额度已达上限（$1）')}`,
    ],
    [
      /^not submitted: today's (\d+) audit submissions are used up \(apply again tomorrow\)$/,
      '未提交：今天 $1 件的提审额度已用完（明天再 apply）',
    ],
    [/^(\S+) did not complete$/, '$1 没有完成'],
    [
      /^not before (\S+) \(the daily audit quota is spread over days\)$/,
      '不早于 $1（每日提审额度分摊到多天）',
    ],
    [/^the reservation is not found yet$/, '还没有找到直播预约'],
    [/^the room does not exist yet$/, '直播间还不存在'],
    [/^the share code of wave (\S+) does not exist yet$/, '波次 $1 的分享码还不存在'],
    [
      /^in audit: WeChat accepts no changes \((.+)\) until the audit ends; apply again afterwards$/,
      '审核中：审核结束前微信不接受修改（$1）；审核结束后再 apply',
    ],
    [
      /^in audit on the platform: WeChat accepts no changes until the audit ends$/,
      '平台上正在审核：审核结束前微信不接受修改',
    ],
    [
      /^goods (\S+) is in audit and its auditId is unknown, so the audit cannot be withdrawn; delete it after the audit ends$/,
      '商品 $1 正在审核，且不知道它的 auditId，无法撤回审核；请在审核结束后删除',
    ],
    [
      /^(The sub-anchor|The assistant)(?: \((\S+)\))? has not passed WeChat's real-name check for live streaming \(errcode (\d+)\)\. Ask them to finish the check in the "小程序直播" mini program \(or correct (\S+)\), then run apply again\.$/,
      (_m, who, id, code, field) =>
        `${who === 'The sub-anchor' ? '副主播' : '助理'}${id ? `（${id}）` : ''}还没有通过微信直播的实名认证（errcode ${code}）。请对方在“小程序直播”小程序里完成认证（或修改 ${field}），然后再运行 apply。`,
    ],
    [
      /^The anchor(?: \((\S+)\))? has not passed WeChat's real-name check for live streaming\. Ask them to scan this code with WeChat and finish the check in the "小程序直播" mini program, then run apply again\.$/,
      (_m, id) =>
        `主播${id ? `（${id}）` : ''}还没有通过微信直播的实名认证。请主播用微信扫描这个二维码，在“小程序直播”小程序里完成认证，然后再运行 apply。`,
    ],
    [
      /^This mini program has no live-streaming permission, and WeChat no longer opens 小程序直播 to new accounts .*$/,
      '这个小程序没有直播权限，而微信已不再为新账号开通小程序直播（errcode 268489001，“系统维护”）。已有权限的账号不受影响。livectl 无论怎么做都无法创建直播间：请换用有权限的账号，或改在视频号直播。',
    ],
    [
      /^WeChat Pay already made the stock for coupon (\S+) \(out_request_no (\S+)\) but its answer was lost, .* — the stock named "(.*)" — then add `stockId: "<that id>"` to coupons\[(\d+)\] \(id: \S+\) in the campaign file and apply again: .*$/,
      '微信支付已经为优惠券 $1 创建了批次（out_request_no $2），但应答丢失了，而商家券没有按 out_request_no 查询批次号的接口。请在商户平台找到名为 "$3" 的批次，读出它的批次号，在活动文件的 coupons[$4] 里加上 `stockId: "<批次号>"` 后再 apply：livectl 会核对它，并把它当作这场活动的批次。',
    ],
    [/^scene (\S+) for (\S+), code written to (.+)$/, 'scene $1（页面 $2），小程序码已写入 $3'],
    [
      /^stock (\S+) \(([^,]+), (\d+) sent\) recorded(?:; (.+))?$/,
      (_m, id, state, sent, more) =>
        `已记录批次 ${id}（${state}，已发 ${sent} 张）${more ? `；${again(more)}` : ''}`,
    ],
    [/^budget (\d+) → (\d+) \(stock (\S+), (\d+) sent\)$/, '发放总量 $1 → $2（批次 $3，已发 $4 张）'],
    [
      /^stock (\S+) created: (\d+) × (\d+) fen off (\d+) fen$/,
      '商家券批次 $1 已创建：$2 张，满 $4 分减 $3 分',
    ],
    [
      /^stock (\S+) had already ended \((\d+) sent\); a stock can't be deleted$/,
      '批次 $1 已经结束（已发 $2 张）；批次不能删除',
    ],
    [
      /^stock (\S+) stopped issuing: budget (\d+) → (\d+) \(already sent\); a stock can't be deleted, claimed coupons stay usable$/,
      '批次 $1 已停止发放：发放总量 $2 → $3（已发出的数量）；批次不能删除，已领取的券仍可使用',
    ],
    [
      /^replaced \((.+) changed; approved goods take only price changes\): (.+)$/,
      (_m, fields, rest) => `已替换（${fields} 有改动；审核通过的商品只能改价格）：${again(rest)}`,
    ],
    [/^updated \((.+)\)$/, '已更新（$1）'],
    [/^sub-anchor (\S+) removed$/, '已移除副主播 $1'],
    [/^sub-anchor (\S+) added$/, '已添加副主播 $1'],
    [/^sub-anchor (\S+) \(already set\)$/, '副主播 $1（已经设置）'],
    [/^sub-anchor (\S+) → (\S+)$/, '副主播 $1 → $2'],
    [/^assistant (\S+) removed$/, '已移除助理 $1'],
    [/^assistant (\S+) added$/, '已添加助理 $1'],
    [/^assistant (\S+) (.+) → (.+)$/, '助理 $1 $2 → $3'],
  ];
}

/** The notes a create or an adoption adds at its end. */
const NOTES: [RegExp, string][] = [
  [/; sub-anchor (\S+) removed/g, '；已移除副主播 $1'],
  [/; sub-anchor (\S+) added/g, '；已添加副主播 $1'],
  [/; assistant (\S+) removed/g, '；已移除助理 $1'],
  [/; assistant (\S+) added/g, '；已添加助理 $1'],
  [/, then brought it up to date/, '，并已更新到最新'],
  [
    /; (\d+) (goods|coupons|products) on WeChat look like an earlier attempt of this campaign \((.+)\) but which one it made cannot be told \(another campaign created the same meanwhile\), so none was adopted: check for a stray copy/,
    '；微信上有 $1 个看起来像这场活动上一次尝试创建的（$3），但分不清是哪一个（期间另一场活动也创建了相同的），所以都没有沿用：请检查有没有多余的副本',
  ],
];

/** A message's notes in Chinese. */
export function notesZh(s: string): string {
  let out = s;
  for (const [re, to] of NOTES) out = out.replace(re, to);
  return out;
}

/** The line apply prints before it starts ("Applying <campaign>"). */
export function applyingLine(name: string): string {
  return currentLang() === 'zh-CN' ? `开始执行 ${name}` : `Applying ${name}`;
}
