/**
 * `livectl doctor` in Chinese. The checks (src/doctor) return English data, which `--format json`
 * keeps; the text view renders titles, findings and fixes through these phrases. A phrase not here
 * stays English. The rarer findings and the 视频号 checks are in doctor-zh-more.ts.
 */
import { accountZh, DETAILS_MORE, FIXES_MORE, TITLES_MORE } from './doctor-zh-more.js';
import { failureHintZh } from './errors-zh.js';

type Rule = [RegExp, string | ((...m: string[]) => string)];

const TITLES: [RegExp, string][] = [
  [/^Node\.js$/, 'Node.js'],
  [/^Campaign file$/, '活动文件'],
  [/^Credentials file$/, '凭据文件'],
  [/^Credentials$/, '密钥'],
  [/^Token: mini program/, 'access_token：小程序'],
  [/^Token: WeCom/, 'access_token：企业微信'],
  [/^Token: Official Account/, 'access_token：公众号'],
  [/^Live permission$/, '直播权限'],
  [/^State store$/, '状态库'],
  [/^Working-day calendar$/, '工作日日历'],
  [/^Poster font$/, '海报字体'],
  [/^Clock$/, '时钟'],
  [/^WeChat Pay coupons$/, '微信支付商家券'],
  [/^WeChat Pay (\S+) key$/, '微信支付 $1 密钥'],
];

const WHO: [RegExp, string][] = [
  [/\bthe mini program (wx\w+)/g, '小程序 $1'],
  [/\bmini program (wx\w+)/g, '小程序 $1'],
  [/\bthe Official Account (wx\w+)/g, '公众号 $1'],
  [/\bOfficial Account (wx\w+)/g, '公众号 $1'],
  [/\bWeCom (ww\w+)/g, '企业微信 $1'],
  [/\bthe robot channel "([^"]+)"/g, '群机器人渠道 "$1"'],
  [/\brobot channel "([^"]+)"/g, '群机器人渠道 "$1"'],
];

const DETAILS: [RegExp, string][] = [
  [/^Node (\S+) \(≥ (\S+)\)$/, 'Node $1（≥ $2）'],
  [/^Node (\S+) is too old: livectl needs (\S+) or newer$/, 'Node $1 版本过旧：livectl 需要 $2 或更新'],
  [/^(.+) is valid$/, '$1 检查通过'],
  [/^not set: /, '未设置：'],
  [/^access token obtained with (.+)$/, '已用 $1 获取 access_token'],
  [/^(\S+) is not set \(nor (\S+)\)$/, '$1 未设置（$2 也没有）'],
  [/^needs a mini-program token first$/, '需要先获取小程序的 access_token'],
  [/^the live API \(小程序直播\) answers getliveinfo$/, '直播接口（小程序直播）的 getliveinfo 有应答'],
  [
    /^268489001: this mini program has no live permission, and WeChat no longer grants new ones$/,
    '268489001：这个小程序没有直播权限，而微信已不再开通新的直播权限',
  ],
  [/^(.+) opens and is writable$/, '$1 可以打开并写入'],
  [
    /^(.+) does not exist yet; (.+) is writable \(apply creates it\)$/,
    '$1 还不存在；$2 可写（apply 会创建它）',
  ],
  [/^(.+) does not exist and (.+) is not writable$/, '$1 不存在，且 $2 不可写'],
  [/^covers (.+) \(holiday data (.+)\)$/, '覆盖 $1（节假日数据 $2）'],
  [
    /^no holiday data for (.+) \(covered: (.+)\); the goods-audit deadline counts weekends only there$/,
    '没有 $1 年的节假日数据（已覆盖：$2）；那一年的商品审核截止日只按周末计算',
  ],
  [/^Noto Sans SC at (.+)$/, 'Noto Sans SC，位于 $1'],
  [
    /^the noto-sans-sc package is missing: posters cannot draw Chinese text$/,
    '缺少 noto-sans-sc 包：海报无法绘制中文',
  ],
  [
    /^--now \(or LIVECTL_NOW\) fixes the clock: nothing to compare$/,
    '--now（或 LIVECTL_NOW）固定了时钟：无从比较',
  ],
  [/^local clock (\d+) s ahead of (.+) \(±1 s\)$/, '本机时钟比 $2 快 $1 秒（±1 秒）'],
  [/^local clock (\d+) s behind (.+) \(±1 s\)$/, '本机时钟比 $2 慢 $1 秒（±1 秒）'],
  [/^can't tell: /, '无法判断：'],
];

const FIXES: [RegExp, string][] = [
  [
    /^set (.+) in the environment \(export NAME=value, or the daemon's EnvironmentFile\)(?:, or per account (.+), or in the credentials file named by (\S+))?: the AppSecret \/ Secret from the admin console .*$/,
    '在环境变量中设置 $1（export NAME=value，或 daemon 的 EnvironmentFile）；或按账号设置 $2，或写进 $3 指向的凭据文件。值是管理后台里的 AppSecret / Secret（mp.weixin.qq.com → 开发 → 开发管理；企业微信管理后台 → 自建应用；群机器人则是其 webhook 地址里的 key）。密钥绝不写进活动文件。连接模拟器时任意值都可以。',
  ],
  [
    /^Update livectl \(npm update chinese-days .*$/,
    '升级 livectl（官方放假通知发布后——通常在每年 11 月公布下一年——npm update chinese-days 会带来它）。在那之前，安排商品审核时请自行核对法定节假日和调休上班日。',
  ],
  [
    /^Install Node 20 LTS or newer .*$/,
    '安装 Node 20 LTS 或更新版本（https://nodejs.org，或 `nvm install 20`），然后重新运行 npm ci。',
  ],
  [
    /^Give a writable file with --state or LIVECTL_STATE .*$/,
    '用 --state 或 LIVECTL_STATE 指定一个可写的文件（运行 livectl 的用户必须是它的所有者），或修正它的权限。',
  ],
  [
    /^Point --state or LIVECTL_STATE at a folder you can write to, (.*)$/,
    '把 --state 或 LIVECTL_STATE 指向一个你能写入的文件夹，例如 export LIVECTL_STATE=~/.livectl/state.db。',
  ],
  [
    /^Run npm ci in the livectl folder .*$/,
    '在 livectl 文件夹里运行 npm ci（字体作为 npm 依赖随附，不是系统字体）。',
  ],
  [/^Check the network, then run doctor again\.$/, '检查网络后再运行一次 doctor。'],
  [/^Check the network and the secret\.$/, '检查网络和密钥。'],
];

function apply(rules: readonly Rule[], s: string): string {
  for (const [re, to] of rules)
    if (re.test(s)) return typeof to === 'string' ? s.replace(re, to) : s.replace(re, to);
  return s;
}

function who(s: string): string {
  let out = s;
  for (const [re, to] of WHO) out = out.replace(re, to);
  return out.replace(/ \(([^()]*)\)/g, '（$1）').replace(/, /g, '，');
}

export function doctorTitleZh(s: string): string {
  return apply([...TITLES_MORE, ...TITLES], s);
}

export function doctorDetailZh(s: string): string {
  const out = apply([...DETAILS_MORE, ...DETAILS], s);
  if (out.startsWith('未设置：')) return who(accountZh(out));
  // The credentials that were found: "mini program wx…: LIVECTL_APP_SECRET; WeCom ww…: …".
  return /^(mini program|WeCom|Official Account|robot channel|微信小店|视频号助手) /.test(out)
    ? accountZh(out).replace(/; /g, '；').replace(/: /g, '：')
    : out;
}

export function doctorFixZh(s: string): string {
  const own = apply([...FIXES_MORE, ...FIXES], s);
  // Else a platform's hint (an errcode's, the network's): the failure envelope's phrases.
  if (own === s) return failureHintZh(s);
  return own.replace(/\$\d/g, '').replace(/；或按账号设置 ，或写进 {2}指向的凭据文件/, '');
}
