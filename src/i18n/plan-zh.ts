/**
 * The plan's reasons and tasks in Chinese. The planner (src/plan, pure) writes them in English, and
 * a saved plan and `plan --format json` keep them so; the text view renders them through these
 * phrases, longest first. A phrase not here stays English (plan-zh.test.ts checks a first plan of
 * the bundled examples has none left).
 */
import { CHANNELS_REASONS, CHANNELS_TASKS } from './plan-zh-channels.js';
import {
  applyRules,
  FINAL_REASONS,
  fieldChangesZh,
  RARE_REASONS,
  RARE_TASKS,
  splitTails,
} from './plan-zh-rare.js';

const CHANNELS: [string, string][] = [
  ['WeCom customer-group send', '企业微信客户群群发'],
  ['WeCom Moments post', '企业微信朋友圈'],
  ['Official Account article', '公众号文章'],
  ['subscribe message', '订阅消息'],
  ["the room's followers", '直播间关注者'],
  ['group robot', '群机器人'],
];

/** [pattern, replacement]: applied in order; `$1`… as in String.replace. */
const REASONS: [RegExp, string][] = [
  [/^not created yet: added and submitted for audit$/, '尚未创建：将添加商品并提交商品审核'],
  [/^waits for ([^:]+): /, '等待 $1：'],
  [
    /not created yet \(only approved goods go into the room\)/,
    '尚未创建（只有审核通过的商品才能放进直播间）',
  ],
  [/in audit \(only approved goods go into the room\)/, '商品审核中（只有审核通过的商品才能放进直播间）'],
  [/^not made yet \(once the room exists\)$/, '尚未生成（直播间创建后生成）'],
  [/^not made yet$/, '尚未生成'],
  [/^not rendered yet \(template ([^)]+)\)$/, '尚未生成（模板 $1）'],
  [/^rendered \(([^)]+)\)$/, '已生成（$1）'],
  [/^not created yet$/, '尚未创建'],
  [/^not uploaded yet \(for ([^)]+)\)$/, '尚未上传（用于 $1）'],
  [/^uploaded, (.+) \(for ([^)]+)\)$/, '已上传，$1（用于 $2）'],
  [/^uploaded, expiry unknown: uploaded again/, '已上传但不知何时过期：将重新上传'],
  [/^expired at ([^:]+:\d\d): uploaded again/, '已于 $1 过期：将重新上传'],
  [/ when needed, ([\d-]+ [\d:]+) \(for ([^)]+)\)$/, '，在需要时（$1）进行（用于 $2）'],
  [
    /^the Official Account's first-level menu becomes (.+) with wave (\S+) \(([^)]+)\)$/,
    '公众号一级菜单将改为 $1，随波次 $2（$3）',
  ],
  [/^the Official Account's first-level menu becomes (.+)$/, '公众号一级菜单将改为 $1'],
  [/^switched to (.+)$/, '已切换为 $1'],
  [/^due ([\d-]+ [\d:]+) \((.+)\)$/, '$1 发送（$2）'],
  [/^scheduled for ([\d-]+ [\d:]+) \((.+)\)$/, '已排定 $1 发送（$2）'],
  [/^was due at ([\d-]+ [\d:]+): past, not scheduled$/, '原定 $1 发送：已过时，不再安排'],
  [/^was due at ([\d-]+ [\d:]+): past$/, '原定 $1 发送：已过时'],
  [/^the wave went out at ([\d-]+ [\d:]+)$/, '该波次已于 $1 发出'],
  [/^approved; as in the campaign$/, '已审核通过；与活动文件一致'],
  [
    /^approved: added to the room \(live: it appears on the shelf now\)$/,
    '已审核通过：放进直播间（直播中：立即上架）',
  ],
  [/^approved: added to the room$/, '已审核通过：放进直播间'],
  [/^approved, but the broadcast has ended: not added$/, '已审核通过，但直播已结束：不再放入'],
  [/^the broadcast has ended: not added$/, '直播已结束：不再放入'],
  [/^in the room$/, '已在直播间'],
  [
    /^removed from the campaign \(in audit: apply withdraws the audit first\)$/,
    '已从活动文件中删除（审核中：apply 会先撤回审核）',
  ],
  [/^removed from the campaign$/, '已从活动文件中删除'],
  [/^made for room (\S+)$/, '已为直播间 $1 生成'],
  [/^as in the campaign$/, '与活动文件一致'],
  [/^changed$/, '有改动'],
];

const TASKS: [RegExp, string][] = [
  [/^anchor (\S+)$/, '主播 $1'],
  [/^merchant back office$/, '商户后台'],
  [/^WeCom member (\S+)$/, '企业微信成员 $1'],
  [/^WeCom members of departments (.+)$/, '企业微信部门 $1 的成员'],
  [/^every WeCom member in the app's visible range$/, '应用可见范围内的每位企业微信成员'],
  [
    /^pass the real-name check in the 小程序直播 mini program \(apply shows a QR code to scan if WeChat asks: errcode 300036\)$/,
    '在“小程序直播”小程序里完成实名认证（如果微信要求，apply 会显示一个二维码供扫码：errcode 300036）',
  ],
  [
    /^confirm the customer-group send of wave (\S+) in WeCom when it arrives$/,
    '收到波次 $1 的客户群群发后，在企业微信里确认发送',
  ],
  [
    /^confirm the Moments post of wave (\S+) in WeCom when it arrives$/,
    '收到波次 $1 的朋友圈任务后，在企业微信里确认发表',
  ],
];

const COUPON_TASK = /^set up coupon (\S+) "(.*)" \((.+)\) before it is first featured$/;

/** The coupon summary of a task ("preheat, 50 off 199, 1000 of them, stackable"). */
function couponZh(s: string): string {
  return s
    .replace(/(\d+(?:\.\d+)?) off (\d+(?:\.\d+)?)/, '满 $2 减 $1')
    .replace(/(\d+(?:\.\d+)?) off\b/, '立减 $1')
    .replace(/(\d+) of them/, '共 $1 张')
    .replace(/not stackable/, '不可叠加')
    .replace(/stackable/, '可叠加')
    .replace(/, /g, '，');
}

function channelsZh(s: string): string {
  let out = s;
  for (const [en, zh] of CHANNELS) out = out.split(en).join(zh);
  return out;
}

function apply(rules: readonly [RegExp, string][], s: string): string {
  let out = s;
  for (const [re, to] of rules) out = out.replace(re, to);
  return out;
}

/** A change's reason in Chinese (phrases it does not know stay English). */
export function reasonZh(reason: string): string {
  const [head, tail] = splitTails(reason);
  const out = channelsZh(apply(REASONS, apply(CHANNELS_REASONS, applyRules(RARE_REASONS, head))));
  return applyRules(FINAL_REASONS, fieldChangesZh(out)).replace(/; /g, '；') + tail;
}

/** A task's who and what in Chinese. */
export function taskZh(text: string): string {
  const coupon = COUPON_TASK.exec(text);
  if (coupon) return `在首次露出前设置好优惠券 ${coupon[1]} "${coupon[2]}"（${couponZh(coupon[3]!)}）`;
  const rare = applyRules(RARE_TASKS, text);
  return apply(TASKS, apply(CHANNELS_TASKS, rare.replace(/\bthe 视频号/g, '视频号')));
}
