/**
 * `livectl doctor` in Chinese, the findings doctor-zh.ts does not cover: the 视频号 (platform:
 * channels) checks — the 微信小店 and 视频号助手 tokens, the 视频号's attributes, the showcase, the
 * live dashboard, the audit quota, a switch that is off (48001) —, the credentials without a
 * campaign or from a credentials file, WeChat Pay's key files, a token refused, the live permission
 * WeChat no longer grants, a PostgreSQL state store, the campaign file's errors and the clock.
 * [pattern, replacement]: the first that matches wins; tried before doctor-zh.ts's own.
 */
type Rule = [RegExp, string | ((...m: string[]) => string)];

const NO_ANSWER: Record<string, string> = {
  'none within 5 s': '5 秒内没有应答',
  'connection refused': '连接被拒绝',
  'connection reset': '连接被重置',
  'host not found': '找不到主机',
  'name lookup failed': '域名解析失败',
  'network unreachable': '网络不可达',
  'host unreachable': '主机不可达',
  'timed out': '超时',
};

export const TITLES_MORE: Rule[] = [
  [/^Token: (微信小店|视频号助手) /, 'access_token：$1 '],
  [/^视频号 showcase \(橱窗\)$/, '视频号橱窗'],
  [/^Live dashboard \(带货直播数据\)$/, '带货直播数据'],
  [/^微信小店 audit quota$/, '微信小店商品审核额度'],
  [/^WeChat Pay private key$/, '微信支付商户私钥'],
  [/^WeChat Pay public key$/, '微信支付公钥'],
];

/** An account as doctor names it ("mini program wx…", "credentials file ./x.yaml"). */
export function accountZh(s: string): string {
  return s
    .replace(/\bcredentials file /g, '凭据文件 ')
    .replace(/\b(?:the )?mini program (wx\w+)/g, '小程序 $1')
    .replace(/\b(?:the )?Official Account (wx\w+)/g, '公众号 $1')
    .replace(/\bWeCom (ww\w+)/g, '企业微信 $1')
    .replace(/\b(?:the )?robot channel "([^"]+)"/g, '群机器人渠道 "$1"')
    .replace(/\bthe (微信小店|视频号助手) /g, '$1 ');
}

function countsZh(s: string): string {
  return s
    .replace(/(\d+) mini program\(s\)/, '$1 个小程序')
    .replace(/(\d+) WeCom corp\(s\)/, '$1 个企业微信')
    .replace(/(\d+) Official Account\(s\)/, '$1 个公众号')
    .replace(/(\d+) WeChat Pay merchant\(s\)/, '$1 个微信支付商户')
    .replace(/(\d+) (微信小店|视频号助手)/g, '$1 个$2')
    .replace(/, /g, '，');
}

export const DETAILS_MORE: Rule[] = [
  // A token or a probe that got no answer (src/wechat/http.ts's errmsg).
  [/^network error \((\w+)\)$/, '网络错误（$1）'],
  [/^no answer within (\d+) ms$/, '$1 毫秒内没有应答'],
  [
    /^LIVECTL_CREDENTIALS names (.+), which cannot be read \((\w+)\)$/,
    'LIVECTL_CREDENTIALS 指向的 $1 无法读取（$2）',
  ],
  [/^LIVECTL_CREDENTIALS names (.+), which is not a file$/, 'LIVECTL_CREDENTIALS 指向的 $1 不是文件'],
  [
    /^no campaign given, so no accounts to check \(set: (.*)\); tokens and the live permission need one$/,
    (_m, set) =>
      `没有给出活动文件，无从知道要检查哪些账号（已设置：${
        set === 'none' ? '无' : accountZh(countsZh(set)).replace(/ \(([^()]*)\)/g, '（$1）')
      }）；检查 access_token 和直播权限需要活动文件`,
  ],
  [/^(\S+) is not set \(nor (\S+), nor (\S+) in (.+)\)$/, '$1 未设置（$2 也没有，凭据文件 $4 里也没有 $3）'],
  [/^(\S+) is not set$/, '$1 未设置'],
  [/^48001: the (\S+) switch is off for this account$/, '48001：这个账号没有打开“$1”开关'],
  [/^48001: the API is not open for this account$/, '48001：这个账号没有开通该接口'],
  [/^(.+) \((\w+)\), (\d+) followers$/, '$1（$2），$3 位关注者'],
  [
    /^the 视频号助手 account is (\S+) \((.*)\), not accounts\.channels\.finderUserName (\S+)$/,
    '视频号助手账号是 $1（$2），不是 accounts.channels.finderUserName 写的 $3',
  ],
  [/^the showcase answers \((\d+) product\(s\) of the 微信小店\)$/, '橱窗接口有应答（微信小店的商品 $1 个）'],
  [
    /^the live dashboard answers \(status --refresh reads viewers, orders and GMV after the broadcast\)$/,
    '带货直播数据接口有应答（直播结束后 status --refresh 会读取观看人数、订单和 GMV）',
  ],
  [/^(\d+) of (\d+) product audit submissions left$/, '商品审核提交额度还剩 $1 次（共 $2 次）'],
  [
    /^product submissions are blocked \(block_status (\d+)\); (\d+) of (\d+) left$/,
    '商品提交已被限制（block_status $1）；额度还剩 $2 次（共 $3 次）',
  ],
  [
    /^merchant (\S+) uses 商品券 \(product-coupon\): livectl does not create those, so its coupons stay a person's task$/,
    '商户 $1 用的是商品券（product-coupon）：livectl 不创建商品券，优惠券仍由人来设置',
  ],
  [/^(.+) cannot be read \((\w+)\)$/, '$1 无法读取（$2）'],
  [/^(.+) is not a PEM key$/, '$1 不是 PEM 密钥'],
  [/^(.+) is a (\w+) key PEM, not a (\w+) key$/, '$1 是 $2 密钥的 PEM，不是 $3 密钥'],
  [/^(.+) is readable by every user \(mode (\d+)\)$/, '$1 所有用户都能读取（权限 $2）'],
  [
    /^(.+) \(from (.+)\): an RSA (\w+) key PEM(, not world-readable)?$/,
    (_m, p, from, want, safe) =>
      `${p}（来自 ${accountZh(from)}）：RSA ${want === 'private' ? '私钥' : '公钥'} PEM${safe ? '，其他用户不可读' : ''}`,
  ],
  [
    /^(.+) can be read by other users \(mode (\d+)\): livectl refuses a credentials file only its owner should read$/,
    '$1 其他用户也能读取（权限 $2）：凭据文件只应由所有者读取，livectl 拒绝使用',
  ],
  [/^(.+): (.+) \(not valid YAML or JSON\)$/, '$1：$2（不是有效的 YAML 或 JSON）'],
  [/^(.+) connects and is up to date$/, '$1 可以连接，表结构是最新的'],
  // The first error's message is the validator's English: its code names it, validate shows it in Chinese.
  [/^(.+): (\d+) errors?, first: (\S+) (.+)$/, '$1：$2 个错误，第一个是 $3（livectl validate 会逐个说明）'],
  [
    /^can't tell: no answer from (\S+) \((.+)\)$/,
    (_m, host, why) => `无法判断：${host} 没有应答（${NO_ANSWER[why] ?? why}）`,
  ],
  [/^can't tell: the platform's answer carried no Date header$/, '无法判断：平台的应答里没有 Date 头'],
  [/^can't tell: no answer from the platform \((.+)\)$/, '无法判断：平台没有应答（$1）'],
];

export const FIXES_MORE: Rule[] = [
  [
    /^In 视频号助手 → 直播 → 直播管理 → 开放能力 → 开放场景, turn on the switch of this capability, then run doctor again\. Check also that accounts\.channels\.assistantAppId is the 视频号助手 AppID \(a 微信小店 token gets 48001 too\)\.$/,
    '在 视频号助手 → 直播 → 直播管理 → 开放能力 → 开放场景 里打开这项能力的开关，然后再运行一次 doctor。另外确认 accounts.channels.assistantAppId 是视频号助手的 AppID（用微信小店的 access_token 也会得到 48001）。',
  ],
  [
    /^Set accounts\.channels\.finderUserName to (\S+), or use the 视频号助手 AppID of (\S+)\.$/,
    '把 accounts.channels.finderUserName 改为 $1，或改用 $2 的视频号助手 AppID。',
  ],
  [
    /^Products wait until the store may submit again: apply later \(微信小店后台 shows why\)\.$/,
    '商品要等小店恢复提交后才能送审：稍后再 apply（原因见微信小店后台）。',
  ],
  [
    /^Set the coupons up in the merchant platform; a merchant onboarded to 商家券 before 2025-12-15 can use product: busifavor instead\.$/,
    '请在商户平台上设置优惠券；2025-12-15 之前开通商家券的商户可以改用 product: busifavor。',
  ],
  [/^Fix the file named by (\S+), or unset it\.$/, '修正 $1 指向的文件，或取消这个变量。'],
  [
    /^Point LIVECTL_CREDENTIALS at the credentials file \(YAML or JSON\), or unset it\.$/,
    '让 LIVECTL_CREDENTIALS 指向凭据文件（YAML 或 JSON），或取消这个变量。',
  ],
  [
    /^The credentials file maps miniPrograms, wecom, officialAccounts, channelsShops and channelsAssistants ids to \{ secret \}, .*$/,
    '凭据文件把 miniPrograms、wecom、officialAccounts、channelsShops 和 channelsAssistants 下的 id 映射到 { secret }，把 wechatPay 下的商户号映射到 { privateKey, publicKey }（文件路径）。见 README 的“Many merchants”一节。',
  ],
  [
    /^This machine's IP address is not on the account's IP allow-list \(IP白名单\)\. .*$/,
    '本机 IP 不在这个账号的 IP 白名单里。请在管理后台加上它（小程序：mp.weixin.qq.com → 开发 → 开发管理 → IP 白名单；企业微信：应用 → 企业可信 IP），等一分钟后再运行一次 doctor。微信看到的 IP 在上面的消息里。',
  ],
  [
    /^The secret is wrong \(or was reset in the admin console\)\. Copy the current AppSecret into the variable\.$/,
    '密钥不对（或已在管理后台重置）。把当前的 AppSecret 复制到这个变量里。',
  ],
  [
    /^The AppID or CorpID is wrong: check accounts in the campaign file \(an AppID is wx \+ 16 hex digits\)\.$/,
    'AppID 或 CorpID 不对：请检查活动文件里的 accounts（AppID 是 wx 加 16 位十六进制数字）。',
  ],
  [
    /^The secret was refused\. Copy the current AppSecret into the variable\.$/,
    '密钥被拒绝。把当前的 AppSecret 复制到这个变量里。',
  ],
  [/^The secret is empty: set the variable\.$/, '密钥是空的：请设置这个变量。'],
  [
    /^WeChat froze new 小程序直播 permissions .*$/,
    '微信已冻结新的小程序直播权限开通（“系统维护阶段，暂时不支持新增开通直播权限”）；已有权限的账号不受影响。livectl 这边无法解决：请换用已有直播权限的小程序，或改用视频号直播。',
  ],
  [
    /^Reminders go out by this clock and rooms must start at least 10 minutes ahead: .*$/,
    '提醒按本机时钟发送，直播间必须至少提前 10 分钟开播：请打开时间同步（timedatectl set-ntp true，或 chrony），然后再运行一次 doctor。',
  ],
  [
    /^Check the URL in --state or LIVECTL_STATE, the password \(in the URL or PGPASSWORD\), and that the server accepts connections from this host\.$/,
    '检查 --state 或 LIVECTL_STATE 里的 URL、密码（在 URL 里或 PGPASSWORD 中），以及服务器是否接受本机的连接。',
  ],
  [
    /^Run livectl validate (.+) for every error with its line and a hint\.$/,
    '运行 livectl validate $1 查看每个错误的行号和提示。',
  ],
  [/^Point (.+) at the (\w+) key PEM file\.$/, '让 $1 指向$2密钥的 PEM 文件。'],
  [
    /^(.+) must name the merchant API private key \(apiclient_key\.pem\)\.$/,
    '$1 必须指向商户 API 私钥（apiclient_key.pem）。',
  ],
  [
    /^(.+) must name the WeChat Pay public key \(pub_key\.pem, downloaded with its PUB_KEY_ID_… from the merchant platform\)\.$/,
    '$1 必须指向微信支付公钥（pub_key.pem，和它的 PUB_KEY_ID_… 一起从商户平台下载）。',
  ],
  [/^Replace (.+) with an intact RSA PEM\.$/, '把 $1 换成完整的 RSA PEM。'],
  [
    /^export (\S+)=\/path\/to\/the (\w+) key PEM \(or (\S+), or the merchant's entry in the credentials file\)$/,
    (_m, v, want, per) =>
      `export ${v}=<${want === 'private' ? '私钥' : '公钥'} PEM 的路径>（或 ${per}，或凭据文件中该商户的一项）`,
  ],
  [
    /^export (\S+)=\/path\/to\/the (\w+) key PEM$/,
    (_m, v, want) => `export ${v}=<${want === 'private' ? '私钥' : '公钥'} PEM 的路径>`,
  ],
];
