/**
 * Why a reminder was skipped, retried or failed, in Chinese. Dispatch records the reason in English
 * (the outbox row, `--format json`, the robot's alert keep it); the text views of dispatch, the daemon
 * and status render it through these phrases, applied in order, each wherever it occurs (a reason is
 * built from parts: "past its grace window (…) while waiting: the room is not live yet…"). What the
 * platform said (errmsg) and phrases not here stay as they are.
 */
const AT = '([\\d-]+ [\\d:]+)';
const ISO = '(\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z)';
const re = (source: string) => new RegExp(source, 'g');

const PHRASES: [RegExp, string][] = [
  [/past its grace window after (\d+) attempts? \(/g, '已过宽限期，尝试了 $1 次（'],
  [/past its grace window \(/g, '已过宽限期（'],
  [/past its grace window: /g, '已过宽限期：'],
  [re(`due ${AT}, (\\w+) grace, now ${AT} ([^\\s);]+)`), '原定 $1，宽限 $2，现在 $3 $4'],
  [/\) while waiting: /g, '），一直在等：'],
  [/\); last error: /g, '）；最后一次错误：'],
  [
    re(`; whether the attempt at ${ISO} went out could not be checked: `),
    '；无法确认 $1 的那次尝试是否已发出：',
  ],
  [
    re(`; the attempt at ${ISO} may have gone out \\((\\S+) cannot be checked\\)`),
    '；$1 的那次尝试可能已经发出（$2 无法在平台上核对）',
  ],
  [/^could not check the earlier attempt: /, '无法核对上一次尝试：'],
  [
    re(
      `^the attempt at ${ISO} was not found on the platform; its sender lost the row mid-send, so livectl looks again after (\\w+) before sending$`,
    ),
    '平台上没有找到 $1 的那次尝试；它的发送进程中途失去了这条提醒，livectl 过 $2 再查一次才发送',
  ],
  [/^gave up after (\d+) attempts: /, '尝试 $1 次后放弃：'],
  [/ \(the outcome of the last attempt is unknown\)$/, '（最后一次尝试的结果未知）'],
  [/^unexpected error: /, '意外错误：'],
  [/^unexpected outcome of a send: /, '发送结果异常：'],
  [/^unknown channel type (\S+)$/, '未知的渠道类型 $1'],
  [
    /the room is not live \(([^)]+)\): cards can only be pushed during the broadcast/g,
    '直播间没有在直播（$1）：商品卡片只能在直播中推送',
  ],
  [/another card is being pushed/g, '另一张商品卡片正在推送'],
  [/the goods are not in this room/g, '商品不在这个直播间'],
  [/the goods are off the shelf in this room/g, '商品已在这个直播间下架'],
  [/the goods no longer exist in the goods library/g, '商品库里已没有这个商品'],
  [/the live room does not exist: no card to push/g, '直播间不存在：没有可推送的商品卡片'],
  [
    /the live room does not exist yet: nothing to push to its followers/g,
    '直播间还不存在：没有可以推送给关注者的内容',
  ],
  [/the room is not live yet: followers are pushed once it is/g, '直播间还没开播：开播后再推送给关注者'],
  [/the room has no followers yet/g, '直播间还没有关注者'],
  [/the menu was never switched: nothing to restore/g, '菜单从未切换过：无需恢复'],
  [
    /(\S+) is not set: the robot's webhook key comes from that environment variable/g,
    '没有设置 $1：群机器人的 webhook key 来自这个环境变量',
  ],
  [/^wave (\S+) or channel (\S+) is no longer in the campaign$/, '波次 $1 或渠道 $2 已不在活动文件中'],
];

/** A dispatch reason in Chinese (the phrases it does not know stay as they are). */
export function dispatchReasonZh(reason: string): string {
  let out = reason;
  for (const [pattern, to] of PHRASES) out = out.replace(pattern, to);
  return out;
}
