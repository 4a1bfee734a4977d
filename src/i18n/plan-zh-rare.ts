/**
 * The mini-program plan's less common reasons and tasks in Chinese (src/plan: plan-goods, plan-room,
 * plan-media, plan-waves, plan-coupons, tasks): audits that wait, are rejected or withdrawn, the
 * audit quota, started or ended rooms, replaced goods, media lists, removed waves, WeChat Pay stocks,
 * and the field changes a reason names ("price 129 → 119"). [pattern, replacement] applied in order
 * before the shared phrases of plan-zh.ts; src/i18n/plan-zh-reasons.test.ts runs the planner over
 * the update rules and checks no English sentence is left.
 */
const AT = '([\\d-]+ [\\d:]+)';
const re = (source: string) => new RegExp(source);

/** A field a reason names, as the planner labels it (src/plan/diff.ts, reminders and the menu). */
const FIELDS: Record<string, string> = {
  'sub-anchor WeChat': '副主播微信号',
  'anchor WeChat': '主播微信号',
  'creator WeChat': '创建者微信号',
  'anchor name': '主播昵称',
  'customer service': '客服',
  'official listing': '官方收录',
  'cover image': '封面图',
  'share image': '分享图',
  'feeds image': '直播卡片图',
  'goods shelf': '货架',
  'price type': '价格类型',
  'original price': '原价',
  'lowest price': '最低价',
  'highest price': '最高价',
  'second price': '第二价格',
  assistants: '助理',
  comments: '评论',
  sharing: '分享',
  replay: '回放',
  likes: '点赞',
  price: '价格',
  page: '页面',
  image: '图片',
  name: '名称',
  start: '开播时间',
  end: '结束时间',
  type: '类型',
  due: '发送时间',
  graceMs: '宽限时间（毫秒）',
  message: '文案',
  poster: '海报',
  'shows.room': '直播间名称',
  'shows.when': '开播时间',
  'shows.anchor': '主播',
  'shows.coupons': '优惠券',
  channel: '渠道',
};

const VALUES: Record<string, string> = {
  on: '开',
  off: '关',
  none: '无',
  push: '推流直播',
  phone: '手机直播',
  fixed: '一口价',
  range: '价格区间',
  discount: '折扣价',
  'the home page': '首页',
};

const LABELS = Object.keys(FIELDS)
  .sort((a, b) => b.length - a.length)
  .map((k) => k.replace(/[.]/g, '\\.'))
  .join('|');
const VALUE_WORDS = 'on|off|none|push|phone|fixed|range|discount';
const FIELD_AT = new RegExp(`(^|; |, |\\(|: |（|：|；|，)(${LABELS}) (?=.*→)`, 'g');
const VALUE_BEFORE = new RegExp(`(\\S+ )(${VALUE_WORDS}) → `, 'g');
const VALUE_AFTER = new RegExp(` → (${VALUE_WORDS})(?=$|[;,):；，）：]| )`, 'g');

/** "name 玫瑰 → 玫瑰口红; likes off → on" → "名称 玫瑰 → 玫瑰口红；点赞 关 → 开". */
export function fieldChangesZh(s: string): string {
  return s
    .replace(FIELD_AT, (_m, lead: string, label: string) => `${lead}${FIELDS[label] ?? label} `)
    .replace(VALUE_BEFORE, (_m, lead: string, v: string) => `${lead}${VALUES[v] ?? v} → `)
    .replace(VALUE_AFTER, (_m, v: string) => ` → ${VALUES[v] ?? v}`)
    .replace(/(图片|封面图|分享图|直播卡片图) changed \((\S+) → (\S+)\)/g, '$1已更换（$2 → $3）');
}

/** "goods/a, goods/b and 3 more" → "goods/a、goods/b 等另外 3 项". */
function listZh(s: string): string {
  return s
    .replace(/ and (\d+) more$/, ' 等另外 $1 项')
    .replace(/, /g, '、')
    .replace(/ and /g, '、');
}

/** A list of fields ("page, image") in Chinese. */
function fieldListZh(s: string): string {
  return s
    .split(', ')
    .map((f) => FIELDS[f] ?? f)
    .join('、');
}

const STOCK_ID = /its stock id \(livectl status after apply\)/;

export const RARE_REASONS: [RegExp, string | ((...m: string[]) => string)][] = [
  // goods
  [
    /^an earlier add was not confirmed: apply looks for it on the platform, then adds it for audit$/,
    '上次添加没有得到确认：apply 先在平台上查找它，再添加并提交商品审核',
  ],
  [
    /in audit for (\d+) working days? \(since ([\d-]+); the audit takes up to (\d+)\)/g,
    '商品审核中，已 $1 个工作日（自 $2 起；审核最长 $3 个工作日）',
  ],
  [
    /^(.*), but goods in audit can't be updated: (.+); planned again when it ends$/,
    '$1，但审核中的商品不能修改：$2；审核结束后重新计划',
  ],
  [/audit rejected \(no reason recorded\)/g, '商品审核未通过（没有记录原因）'],
  [/audit rejected: /g, '商品审核未通过：'],
  [/not in audit \(the audit was withdrawn\)/g, '不在审核中（审核已撤回）'],
  [
    /\. Change the product in the campaign \(or fix it on the platform's side\), then apply again to resubmit it$/,
    '。请在活动文件里修改商品（或在平台上修正），再运行 apply 重新提交',
  ],
  [
    /\. Resubmit it in the back office, or change it in the campaign and apply again$/,
    '。请在后台重新提交，或在活动文件里修改后再运行 apply',
  ],
  [/: updated and resubmitted for audit$/, '：将更新并重新提交商品审核'],
  [/resubmitted for audit after: (.+)$/, '重新提交商品审核（原因：$1）'],
  [
    /^changed, but what was last sent is not recorded: livectl cannot tell whether only the price changed\. Check it on the platform$/,
    '有改动，但没有记录上次提交的内容：livectl 无法判断是否只改了价格。请到平台上核对',
  ],
  [/^changed(?=, but |: |;)/, '有改动'],
  [
    /^(.+): approved goods may change only the price, so a new (.+) means delete and add again \(a new audit of up to (\d+) working days\)$/,
    (_m, what, fields, days) =>
      `${what}：审核通过的商品只能改价格，改${fieldListZh(fields)}就要删除后重新添加（重新审核，最长 ${days} 个工作日）`,
  ],
  [/^(\S+) is deleted and added again: it leaves the room/, '$1 将删除后重新添加：先移出直播间'],
  [/^(\S+) is deleted: it leaves the room/, '$1 将删除：先移出直播间'],
  [/ \(the broadcast is live: it leaves the shelf now\)/, '（直播中：立即下架）'],
  [/, and returns once the new audit passes$/, '，新的审核通过后再放回'],
  [/added again, a new audit$/, '重新添加，需要重新审核'],
  // room
  [
    /^an earlier create was not confirmed: apply looks for the room on the platform \(same name and start\), then creates it$/,
    '上次创建没有得到确认：apply 先在平台上查找这个直播间（名称和开播时间相同），再创建',
  ],
  [re(`^live since ${AT}; as in the campaign$`), '自 $1 起直播中；与活动文件一致'],
  [/^created; as in the campaign$/, '已创建；与活动文件一致'],
  [
    /^the broadcast has ended: changes to the room no longer apply \((.+)\)$/,
    '直播已结束：对直播间的修改不再生效（$1）',
  ],
  [
    /^the room's type can't change \((\w+) → (\w+)\)( and the broadcast has started)?: destroy the room \(livectl destroy\) and apply again to create it as (\w+), or keep type: (\w+)$/,
    (_m, from, to, started, _as, keep) =>
      `直播间类型不能修改（${VALUES[from] ?? from} → ${VALUES[to] ?? to}）${started ? '，且直播已开始' : ''}：请先删除直播间（livectl destroy），再运行 apply 按${VALUES[to] ?? to}重新创建；或保留 type: ${keep}`,
  ],
  [
    re(
      `^the broadcast started at ${AT}: a started room can't be edited \\((.+)\\)(?:; (.+) turned off at the start can't be turned back on)?\\. Replay and customer service can still be switched on in the back office; change the campaign back to silence this$`,
    ),
    (_m, at, what, reopened) =>
      `直播已于 ${at} 开始：开播后的直播间不能修改（${what}）${
        reopened ? `；开播时关闭的${fieldListZh(reopened)}不能再打开` : ''
      }。回放和客服仍可在后台打开；把活动文件改回原样即可不再提示`,
  ],
  [
    re(
      `^the broadcast starts at ${AT}, less than 10 minutes from now: too late to edit the room \\((.+)\\)$`,
    ),
    '直播 $1 开始，离现在不到 10 分钟：来不及修改直播间了（$2）',
  ],
  [
    /^changed since the last apply \(what was sent then is not recorded\)$/,
    '上次 apply 之后有改动（没有记录当时提交的内容）',
  ],
  // media
  [
    /^not needed: (.+) (?:is|are) up to date(?: \((.+)\))?$/,
    (_m, who, note) =>
      `不需要：${listZh(who)} 已是最新${
        note === undefined ? '' : note === 'expired, left to lapse' ? '（已过期，任其失效）' : `（${note}）`
      }`,
  ],
  [re(`valid until ${AT}`), '有效期至 $1'],
  [re(`^expires at ${AT}, too soon: uploaded again`), '将于 $1 过期，太快了：将重新上传'],
  [/\(for (.+? and .+?)\)$/, (_m, who) => `(for ${listZh(who)})`],
  // codes, posters, reminders, the menu
  [/^wave (\S+) is no longer in the campaign$/, '波次 $1 已不在活动文件中'],
  [/^channel (\S+) is no longer in wave (\S+)$/, '渠道 $1 已不在波次 $2 中'],
  [/^wave (\S+) no longer has one$/, '波次 $1 已不再需要它'],
  [
    /^opens (.+): made again for (.+)$/,
    (_m, from, to) => `打开的是 ${VALUES[from] ?? from}：将为 ${VALUES[to] ?? to} 重新生成`,
  ],
  [
    /^made for another room or scene \((.+)\): made again for (\S+)$/,
    '原先为其他直播间或 scene 生成（$1）：将为 $2 重新生成',
  ],
  [
    /^the share code is made again: rendered again \(template (\S+)\)$/,
    '分享码将重新生成：海报随之重新生成（模板 $1）',
  ],
  [
    /^made from an older share code: rendered again \(template (\S+)\)$/,
    '用的是旧的分享码：将重新生成（模板 $1）',
  ],
  [/^rendered \(template (\S+)\)$/, '已生成（模板 $1）'],
  [
    /^the Official Account's first-level menu becomes (.+) with wave (\S+)$/,
    '公众号一级菜单将改为 $1，随波次 $2',
  ],
  [/^due \? \((.+)\)$/, '发送时间未定（$1）'],
  [
    /^no menu in the campaign any more: the Official Account's menu is restored$/,
    '活动文件里已没有菜单：将恢复公众号原来的菜单',
  ],
  // WeChat Pay stocks (商家券)
  [
    /^use the existing stock (\S+): apply checks it belongs to merchant (\S+) and records it \(it is never destroyed\)$/,
    '使用已有的商家券批次 $1：apply 会核对它属于商户 $2 并记录（不会被销毁）',
  ],
  [/^existing stock (\S+); budget (\d+)$/, '已有批次 $1；发放总量 $2'],
  [/^budget (\d+) → (\d+) \(existing stock (\S+)\)$/, '发放总量 $1 → $2（已有批次 $3）'],
  [/^budget (\d+) → (\d+) \(stock (\S+)\)$/, '发放总量 $1 → $2（批次 $3）'],
  [
    /^the claim window cannot be computed \(the broadcast has no start or end\): fix the campaign$/,
    '无法计算领券时间（直播没有开始或结束时间）：请修正活动文件',
  ],
  [
    /^an earlier create was not confirmed: apply repeats it with the same out_request_no (\S+) \(never a second stock\)$/,
    '上次创建没有得到确认：apply 会用同一个 out_request_no $1 重试（不会建出第二个批次）',
  ],
  [/^not created yet: (\d+) × ¥([\d.]+) off ¥([\d.]+)$/, '尚未创建：$1 张，满 ¥$3 减 ¥$2'],
  [/^not created yet: (\d+) × ¥([\d.]+) off$/, '尚未创建：$1 张，立减 ¥$2'],
  [
    /^stock (\S+) can't change (.+): WeChat Pay only changes a stock's budget, and a stock cannot be deleted to make it again\. Put the coupon back as it was, or give it a new id \(a new stock; stop the old one with livectl destroy or by lowering its quantity first\)$/,
    (_m, id, what) =>
      `批次 ${id} 不能修改${what === 'its rules' ? '它的规则' : ` ${what}`}：微信支付只允许修改批次的发放总量，批次也不能删除后重建。请把优惠券改回原样，或给它一个新的 id（新批次；先用 livectl destroy 或调低数量停掉旧批次）`,
  ],
  [/^stock (\S+); as in the campaign$/, '批次 $1；与活动文件一致'],
  [
    re(`^stock (\\S+) ended at ${AT}: its budget can no longer change \\((\\d+) → (\\d+) not applied\\)$`),
    '批次 $1 已于 $2 结束：发放总量不能再改（$3 → $4 未执行）',
  ],
  [
    /^coupon (\S+) is no longer in the campaign: its stock (\S+) \(not created by livectl\) is only forgotten$/,
    '优惠券 $1 已不在活动文件中：它的批次 $2（不是 livectl 创建的）只是不再记录',
  ],
  [
    /^coupon (\S+) is no longer in the campaign: a stock can't be deleted, so apply stops it issuing \(budget down to what was already sent\)$/,
    '优惠券 $1 已不在活动文件中：批次不能删除，apply 会让它停止发放（发放总量降到已发出的数量）',
  ],
];

/** Applied last, to what the other phrases leave: whom a re-upload is for. */
export const FINAL_REASONS: [RegExp, string][] = [[/ \(for ([^()]+)\)$/, '（用于 $1）']];

/** A reason's closing clause about the audit's timing (added to another reason), in Chinese. */
const TAILS: [RegExp, string][] = [
  [
    re(`; beyond today's (\\d+) audit submissions: submitted on ([\\d-]+) \\(day (\\d+) of (\\d+)\\)`),
    '；超出今天 $1 件的提审额度：将在 $2 提交（第 $3 天，共 $4 天）',
  ],
  [
    /; late for a (\d+)-working-day audit before ([\d-]+) \(submit by ([\d-]+) to be sure\)/,
    '；离 $2 开播已不够 $1 个工作日的审核时间（稳妥起见应在 $3 前提交）',
  ],
];

/** Splits off the audit-timing clauses of a reason: [the rest, the clauses in Chinese]. */
export function splitTails(reason: string): [string, string] {
  let head = reason;
  let tail = '';
  for (const [pattern, to] of TAILS) {
    const m = pattern.exec(head);
    if (!m) continue;
    tail += m[0].replace(pattern, to);
    head = head.slice(0, m.index) + head.slice(m.index + m[0].length);
  }
  return [head, tail];
}

export const RARE_TASKS: [RegExp, string | ((...m: string[]) => string)][] = [
  [/^live room operator \(小程序直播 console\)$/, '直播间运营（小程序直播控制台）'],
  [/^the mini program's developer$/, '小程序开发者'],
  [STOCK_ID, '它的批次号（apply 后可用 livectl status 查看）'],
  [/with stock (\S+)/, 'with 批次 $1'],
  [
    re(
      `^for the in-room drop of coupon (\\S+) "(.*)"(?: at ${AT})?: link a goods item \\(or the room's coupon tool\\) to the claim page with (.+) — no API binds a stock to a live room$`,
    ),
    (_m, id, title, at, stock) =>
      `直播间发放优惠券 ${id} "${title}"${at ? `（${at}）` : ''}：把一件商品（或直播间的优惠券工具）链接到领券页，并使用${stock}——没有接口能把批次绑定到直播间`,
  ],
  [
    /^make coupon (\S+) "(.*)" claimable: the claim page \((\S+) or the page the waves link to\) needs the send-coupon plugin with (.+) \(README: Coupons\)$/,
    '让优惠券 $1 "$2" 可以领取：领券页（$3，或各波提醒链接的页面）需要接入发券插件并使用$4（见 README 的 Coupons 一节）',
  ],
];

/** Applies [pattern, replacement] rules in order. */
export function applyRules(
  rules: readonly [RegExp, string | ((...m: string[]) => string)][],
  s: string,
): string {
  let out = s;
  for (const [pattern, to] of rules)
    out = typeof to === 'string' ? out.replace(pattern, to) : out.replace(pattern, to);
  return out;
}

/** The one line a preview prints when apply would refuse the campaign's dates (date-findings.ts). */
const DATE_NOTICES: [RegExp, string][] = [
  [
    /^The dates are past: the broadcast was (.+), so this is a preview only and `livectl apply` would refuse it \((\w+)\)\. Start your own campaign with `livectl init`\.$/,
    '日期已经过去：直播时间是 $1，所以这只是预览，`livectl apply` 会拒绝它（$2）。用 `livectl init` 开始你自己的活动。',
  ],
  [
    /^The broadcast starts (.+), less than 10 minutes from now: this is a preview only and `livectl apply` would refuse it \((\w+)\)\. Move room\.start later, or start a new campaign with `livectl init`\.$/,
    '直播 $1 开始，离现在不到 10 分钟：这只是预览，`livectl apply` 会拒绝它（$2）。请把 room.start 往后挪，或用 `livectl init` 开始一场新活动。',
  ],
  [
    /^The broadcast starts (.+), more than 6 months from now: this is a preview only and `livectl apply` would refuse it \((\w+)\) until it is within 6 months\.$/,
    '直播 $1 开始，离现在超过 6 个月：这只是预览，在进入 6 个月以内之前，`livectl apply` 会拒绝它（$2）。',
  ],
];

export function dateNoticeZh(message: string): string {
  return applyRules(DATE_NOTICES, message);
}
