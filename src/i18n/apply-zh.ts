/**
 * `apply` and `destroy` in Chinese: the executor's events carry English messages (the NDJSON of
 * `--format json` keeps them); the text views and the spinner render them through these phrases.
 * A phrase not here stays English. The rarer mini-program events are in apply-zh-more.ts.
 */
import { CHANNELS_SUMMARY, channelsEventZh } from './apply-zh-channels.js';
import { eventsMore, notesZh } from './apply-zh-more.js';
import { destroyReasonZh } from './destroy-zh-reasons.js';

type Rule = [RegExp, string | ((...m: string[]) => string)];

const EVENTS: [RegExp, string][] = [
  [/^uploaded (.+)$/, '已上传 $1'],
  [/^(.+) still valid$/, '$1 仍然有效'],
  [/^submitted for audit \(goodsId (\w+)\)(.*)$/, '已提交商品审核（goodsId $1）$2'],
  [/^created \(roomId (\w+)\)(.*)$/, '已创建（roomId $1）$2'],
  [/^scene (\S+), code written to (.+)$/, 'scene $1，小程序码已写入 $2'],
  [/^rendered (.+)$/, '已生成 $1'],
  [/^(\d+) outbox rows?, due (.+)$/, '$1 条待发提醒，$2 发送'],
  [/^outbox: (\d+) rows \((.+)\)$/, '发送队列：$1 条（$2）'],
  [/^put into the room \(goodsId (\w+)\)$/, '已放进直播间（goodsId $1）'],
  [/^goods sorted in campaign order \((\d+) goods\)$/, '商品已按活动文件的顺序排列（$1 个）'],
  [/^already as desired$/, '已是期望的状态'],
  [/^nothing on the platform$/, '平台上没有'],
  [/^in the room$/, '已在直播间'],
  [/^taken out of the room$/, '已从直播间移出'],
  [/^forgotten \(temporary media expires by itself\)$/, '已移除记录（临时素材会自行过期）'],
  [/^forgotten$/, '已移除记录'],
  [/^deleted \(goodsId (\w+)\)$/, '已删除（goodsId $1）'],
  [/^deleted \(roomId (\w+)\)$/, '已删除（roomId $1）'],
  [/^kept: the broadcast has started \(roomId (\w+)\)$/, '保留：直播已开始（roomId $1）'],
  [/^kept: /, '保留：'],
  [/^price updated \((.+) → (.+)\)$/, '价格已更新（$1 → $2）'],
  [/^updated \((.+)\) and resubmitted for audit$/, '已更新（$1）并重新提交审核'],
  [/^waiting on audit \((.+)\)$/, '等待商品审核（$1）'],
  [/^stock (\S+) created: (.+)$/, '商家券批次 $1 已创建：$2'],
  [
    /^found the room an earlier attempt of this campaign created \(roomId (\w+)\) and adopted it(.*)$/,
    '找到这场活动上一次尝试创建的直播间（roomId $1），直接沿用$2',
  ],
  [
    /^found the goods an earlier attempt of this campaign added \(goodsId (\w+), (\w+)\) and adopted them$/,
    '找到这场活动上一次尝试添加的商品（goodsId $1，$2），直接沿用',
  ],
  [/^(\d+) pending rows? rewritten with the campaign as it is now$/, '按当前活动文件重写了 $1 条待发提醒'],
];

const SUMMARY: [RegExp, string][] = [
  ...CHANNELS_SUMMARY,
  [
    /^Apply complete: (\d+) changes? made( \((\d+) adopted from an earlier attempt\))?\./,
    'apply 完成：执行了 $1 项变更$2。',
  ],
  [/^Apply (incomplete|failed): (\d+) done/, 'apply $1：完成 $2 项'],
  [/ \((\d+) adopted from an earlier attempt\)/, '（其中 $1 项沿用上一次尝试的结果）'],
  [/, (\d+) failed/, '，失败 $1 项'],
  [/ (\d+) failed/, '失败 $1 项'],
  [/(\d+) waiting for a person/, '$1 项等待人工'],
  [/some changes blocked/, '部分变更被阻塞'],
  [
    /\. Everything that succeeded is saved; fix the cause and apply again to resume\./,
    '。成功的部分都已保存；解决问题后再次 apply 即可继续。',
  ],
  [
    / ?(\d+) goods waiting on audit: apply again \(or livectl status --refresh\) to put them into the room once approved\./,
    '$1 个商品等待审核：审核通过后再次 apply（或 livectl status --refresh）即可放进直播间。',
  ],
  [/^Nothing to apply\.$/, '无需执行任何变更。'],
];

function apply(rules: readonly Rule[], s: string): string {
  for (const [re, to] of rules)
    if (re.test(s)) return typeof to === 'string' ? s.replace(re, to) : s.replace(re, to);
  return s;
}

let rules: Rule[] | undefined;

/** One change's message in Chinese (a message of parts joined by "; ", part by part). */
export function applyEventZh(message: string): string {
  const kept = /^kept: (.+)$/.exec(message);
  if (kept && destroyReasonZh(kept[1]!) !== kept[1]) return `保留：${destroyReasonZh(kept[1]!)}`;
  const channels = channelsEventZh(message);
  if (channels !== undefined) return channels;
  rules ??= [...eventsMore(applyEventZh), ...EVENTS];
  const whole = apply(rules, message);
  if (whole !== message) return notesZh(whole);
  // destroy's reasons and reports (its skipped and done events carry them).
  const destroyed = destroyReasonZh(message);
  if (destroyed !== message || !message.includes('; ')) return notesZh(destroyed);
  return message
    .split('; ')
    .map((part) => apply(rules!, part))
    .join('；');
}

/** The run's closing line in Chinese. */
export function applySummaryZh(message: string): string {
  let out = message;
  for (const [re, to] of SUMMARY) out = out.replace(re, to);
  return out.replace('incomplete', '未完成').replace('failed', '失败');
}
