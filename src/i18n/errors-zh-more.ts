/**
 * Failures in Chinese that errors-zh.ts does not cover: the saved plan's staleness, state stores
 * (SQLite and PostgreSQL), secrets and credentials files, apply's refusals, the network, and the
 * platform's refusals — the frame of a WeChatApiError's message (`<api>: <errmsg> (errcode N)`: the
 * errmsg is WeChat's own and stays as sent), WeChat Pay's refusals. The errcode hints are in
 * error-hints-zh.ts. [pattern, replacement]: the first that matches wins; tried before errors-zh.ts's own.
 */
type Rule = [RegExp, string | ((...m: string[]) => string)];

const STATE_HINT = '检查 --state / LIVECTL_STATE；livectl 不会改动这个文件。';

export const MESSAGES_MORE: Rule[] = [
  // the saved plan
  [/^cannot read the saved plan (.+) \((\w+)\)$/, '无法读取保存的计划 $1（$2）'],
  [
    /^(.+) is not a saved plan this livectl understands \(formatVersion (.*)\)$/,
    '$1 不是这个版本的 livectl 能读懂的计划（formatVersion $2）',
  ],
  [
    /^the saved plan (\S+) is stale: it is for campaign (\S+), the file now says (\S+)$/,
    '保存的计划 $1 已过时：它是活动 $2 的计划，而文件里现在是 $3',
  ],
  [
    /^the saved plan (\S+) is stale: (.+) changed since the plan was made$/,
    '保存的计划 $1 已过时：生成计划后 $2 有改动',
  ],
  [
    /^the saved plan (\S+) is stale: it does not record its images' hashes \(made by an earlier livectl\)$/,
    '保存的计划 $1 已过时：它没有记录图片的哈希（由更早版本的 livectl 生成）',
  ],
  [
    /^the saved plan (\S+) is stale: image (.+) changed since the plan was made$/,
    '保存的计划 $1 已过时：生成计划后图片 $2 有改动',
  ],
  [
    /^the saved plan (\S+) is stale: the state changed since \(serial (\d+) → (\d+): another apply ran in between\)$/,
    '保存的计划 $1 已过时：状态库在此之后有变化（序号 $2 → $3：中间另有一次 apply）',
  ],
  [
    /^the saved plan (\S+) is stale: it was made against another state store \(or before the campaign was destroyed and applied again\)$/,
    '保存的计划 $1 已过时：它是针对另一个状态库生成的（或是在活动被 destroy 并重新 apply 之前生成的）',
  ],
  [/^cannot write the plan to (.+) \((.+)\)$/, '无法把计划写入 $1（$2）'],
  // commands and flags
  [
    /^status --all lists every campaign in the state store: drop the campaign file \((.+)\)$/,
    'status --all 会列出状态库里的每场活动：请去掉活动文件（$1）',
  ],
  [
    /^unknown shell "(.*)"; livectl completion supports (.+)$/,
    '不支持的 shell "$1"；livectl completion 支持 $2',
  ],
  [/^scale must be 1 or 2, got (.+)$/, 'scale 只能是 1 或 2，收到的是 $1'],
  [/^there is no wave "(.*)" in campaign (\S+)$/, '活动 $2 里没有波次 "$1"'],
  [
    /^wave "(.*)" has no poster: after the broadcast, and the room keeps no replay: add `poster:` to make one$/,
    '波次 "$1" 没有海报：它在直播结束后，而直播间不保留回放：要海报就加上 `poster:`',
  ],
  [
    /^--port expects a TCP port \(0–65535, 0 picks a free one\), got "(.*)"$/,
    '--port 需要一个 TCP 端口（0–65535，0 表示自动选一个空闲端口），收到的是 "$1"',
  ],
  [
    /^--lease expects a duration from 1s to 1d such as 5m or 30s, got "(.*)"$/,
    '--lease 需要 1s 到 1d 之间的时长，例如 5m 或 30s，收到的是 "$1"',
  ],
  [/^--scale must be 1 or 2, got "(.*)"$/, '--scale 只能是 1 或 2，收到的是 "$1"'],
  [
    /^destroy needs --yes when it cannot ask \(no terminal, or --format json\)$/,
    '无法询问确认时（不在终端里，或用了 --format json），destroy 需要 --yes',
  ],
  [
    /^another livectl daemon is running on this host \((\S+)\) for (.+)$/,
    '本机（$1）上已有另一个 livectl daemon 在处理 $2',
  ],
  [/^another livectl daemon is running on (.+)$/, '已有另一个 livectl daemon 在使用 $1'],
  [/^(LIVECTL_\w+) is not a URL$/, '$1 不是一个 URL'],
  [/^(LIVECTL_\w+) must be an http\(s\) address, got (\S+)$/, '$1 必须是 http(s) 地址，收到的是 $2'],
  [
    /^(LIVECTL_\w+) is (.+): plain http:\/\/ to a host that is not this machine would send secrets and access tokens in clear$/,
    '$1 是 $2：用明文 http:// 连接非本机的主机，会以明文发送密钥和 access_token',
  ],
  [/^Cannot read the pixel size of (.+)$/, '无法读取 $1 的像素尺寸'],
  // the state store
  [
    /^(--state|LIVECTL_STATE) (\S+): (\S+):\/\/ is not a state store livectl knows; the supported forms are the path of a SQLite file and a postgres:\/\/ URL$/,
    '$1 $2：livectl 不认识 $3:// 这种状态库；支持的是 SQLite 文件的路径和 postgres:// URL',
  ],
  [
    /^The state store (.+) is busy: another livectl \(apply, dispatch or daemon\) held it for more than (\d+) s\.$/,
    '状态库 $1 正忙：另一个 livectl（apply、dispatch 或 daemon）占用它超过 $2 秒。',
  ],
  [
    /^(.+) is not a livectl state store: it is not an SQLite database\.$/,
    '$1 不是 livectl 的状态库：它不是 SQLite 数据库。',
  ],
  [/^The state store (.+) is damaged \((.+)\)\.$/, '状态库 $1 已损坏（$2）。'],
  [/^The state store (.+) could not be read or written \((.+)\)\.$/, '状态库 $1 无法读写（$2）。'],
  [
    /^The disk holding the state store (.+) is full; nothing was written\.$/,
    '状态库 $1 所在的磁盘已满；什么都没有写入。',
  ],
  [/^Cannot use the state store (.+?): (.+)$/, '无法使用状态库 $1：$2'],
  [
    /^The state store (.+) is a folder; --state and LIVECTL_STATE name a file\.$/,
    '状态库 $1 是一个文件夹；--state 和 LIVECTL_STATE 要指向一个文件。',
  ],
  [
    /^(.+) is an SQLite database, but not a livectl state store\.$/,
    '$1 是 SQLite 数据库，但不是 livectl 的状态库。',
  ],
  [
    /^(.+) is an SQLite database of another program, not a livectl state store\.$/,
    '$1 是其他程序的 SQLite 数据库，不是 livectl 的状态库。',
  ],
  [
    /^(.+) is a PostgreSQL database, but not a livectl state store\.$/,
    '$1 是 PostgreSQL 数据库，但不是 livectl 的状态库。',
  ],
  [
    /^(.+) was written by a newer livectl \(state schema (\d+); this livectl knows up to (\d+)\)\.$/,
    '$1 由更新版本的 livectl 写入（状态库结构版本 $2；这个 livectl 最高只认识 $3）。',
  ],
  [/^The state store (.+) cannot be reached \((.+)\)\.$/, '无法连接状态库 $1（$2）。'],
  [/^The state store (.+) refused the login \((.+)\)\.$/, '状态库 $1 拒绝登录（$2）。'],
  [/^The state store (.+) does not exist \((.+)\)\.$/, '状态库 $1 不存在（$2）。'],
  [/^The state store (.+) refused a change \((.+)\)\.$/, '状态库 $1 拒绝了修改（$2）。'],
  [/^The connection to the state store (.+) was lost \((.+)\)\.$/, '与状态库 $1 的连接断开了（$2）。'],
  [/^The state store (.+) is out of resources \((.+)\)\.$/, '状态库 $1 资源不足（$2）。'],
  [/^campaign (\S+) is not in the state store$/, '状态库里没有活动 $1'],
  [
    /^lost the lock (\S+): this run stalled and another run may have started$/,
    '失去了锁 $1：这次运行卡住了，可能已有另一次运行开始',
  ],
  // secrets and credentials
  [
    /^LIVECTL_APP_SECRET is not set \(nor (\S+), nor (\S+) in (.+)\): livectl needs the AppSecret of the mini program (\S+) to call WeChat$/,
    'LIVECTL_APP_SECRET 未设置（$1 也没有，凭据文件 $3 里也没有 $2）：livectl 需要小程序 $4 的 AppSecret 才能调用微信',
  ],
  [
    /^the AppSecret of (?:the )?(微信小店|视频号助手) (\S+) is not set: livectl needs it to call the 视频号 \/ 微信小店 APIs$/,
    '$1 $2 的 AppSecret 未设置：livectl 需要它来调用视频号 / 微信小店接口',
  ],
  [
    /^campaign (\S+) is on platform channels but has no accounts\.channels$/,
    '活动 $1 的 platform 是 channels，但没有 accounts.channels',
  ],
  [
    /^this run has no Channels clients \(accounts\.channels and its two secrets\)$/,
    '这次运行没有视频号接口客户端（需要 accounts.channels 和它的两个密钥）',
  ],
  [/^No (.+) credentials$/, '没有 $1 的凭据'],
  [
    /^LIVECTL_CREDENTIALS names (.+), which cannot be read \((\w+)\)$/,
    'LIVECTL_CREDENTIALS 指向的 $1 无法读取（$2）',
  ],
  [/^LIVECTL_CREDENTIALS names (.+), which is not a file$/, 'LIVECTL_CREDENTIALS 指向的 $1 不是文件'],
  [
    /^(.+) can be read by other users \(mode (\d+)\): livectl refuses a credentials file only its owner should read$/,
    '$1 其他用户也能读取（权限 $2）：凭据文件只应由所有者读取，livectl 拒绝使用',
  ],
  [
    /^(\S+) is not set: coupons become WeChat Pay stocks when accounts\.wechatPay is present$/,
    '$1 未设置：有 accounts.wechatPay 时，优惠券会成为微信支付商家券批次',
  ],
  [/^(\S+) names (.+), which cannot be read \((\w+)\)$/, '$1 指向的 $2 无法读取（$3）'],
  [
    /^cannot read the (shipped message template|message file|audience file) (\S+) \((.+)\): (?:(\w+): )?.*$/,
    (_m, what, name, file, code) =>
      `无法读取${{ 'shipped message template': '内置文案模板', 'message file': '文案文件', 'audience file': '人群文件' }[what] ?? what} ${name}（${file}）${code ? `：${code}` : ''}`,
  ],
  [/^campaign (\S+) has no accounts\.miniProgram$/, '活动 $1 没有 accounts.miniProgram'],
  [/^product (\S+) has no page$/, '商品 $1 没有 page'],
  // apply's refusals
  [
    /^the room's type cannot change after it is created \((\w+) → (\w+)\)$/,
    '直播间创建后类型不能再改（$1 → $2）',
  ],
  [
    /^the broadcast has started \(or ended\): WeChat allows no more edits to the room$/,
    '直播已开始（或已结束）：微信不再允许修改直播间',
  ],
  [/^the sub-anchor (\S+) is the room's anchor$/, '副主播 $1 就是直播间的主播'],
  [
    /^room (\S+) is no longer on the platform: its (sub-anchor|assistants) cannot change$/,
    (_m, id, what) => `直播间 ${id} 已不在平台上：无法修改它的${what === 'sub-anchor' ? '副主播' : '助理'}`,
  ],
  [
    /^coupons are WeChat Pay stocks \(accounts\.wechatPay\) but no WeChat Pay client was opened$/,
    '优惠券是微信支付商家券批次（accounts.wechatPay），但没有打开微信支付客户端',
  ],
  [
    /^coupons\[(\d+)\]\.stockId (\S+) belongs to merchant (\S+), not (\S+)$/,
    'coupons[$1].stockId $2 属于商户 $3，不是 $4',
  ],
  [
    /^coupon (\S+): the claim window cannot be computed \(no broadcast start or end\)$/,
    '优惠券 $1：无法计算领券时间（直播没有开始或结束时间）',
  ],
  [
    /^coupon (\S+): stock (\S+) has already sent (\d+), so its quantity can't go down to (\d+)$/,
    '优惠券 $1：批次 $2 已经发出 $3 张，数量不能降到 $4',
  ],
  [
    /^coupon (\S+): product (\S+) is not in the 微信小店 yet \(apply creates it first\)$/,
    '优惠券 $1：商品 $2 还不在微信小店里（apply 会先创建它）',
  ],
  [
    /^coupons\[(\d+)\] \((\S+)\): the 微信小店 refused the coupon: (.*) \(errcode (\S+)\)$/,
    'coupons[$1]（$2）：微信小店拒绝了这张优惠券：$3（errcode $4）',
  ],
  [
    /^coupons\[(\d+)\]\.channels\.couponId (\S+) is not a coupon of this 微信小店$/,
    'coupons[$1].channels.couponId $2 不是这个微信小店的优惠券',
  ],
  [
    /^products\[(\d+)\]\.channels\.productId (\S+) is not a product of this 微信小店$/,
    'products[$1].channels.productId $2 不是这个微信小店的商品',
  ],
  [
    /^products\[(\d+)\] \((\S+)\): the 微信小店 refused the product: (.*) \(errcode (\S+)\)$/,
    'products[$1]（$2）：微信小店拒绝了这个商品：$3（errcode $4）',
  ],
  [
    /^products\[(\d+)\] \((\S+)\): the 微信小店 audit rejected product (\S+): (.+)$/,
    (_m, i, id, pid, why) =>
      `products[${i}]（${id}）：商品 ${pid} 未通过微信小店的审核：${why === 'no reason given' ? '没有给出原因' : why}`,
  ],
  [
    /^the 微信小店 is not bound to this 视频号 \(errcode (\d+)\): the showcase takes only products of a bound store$/,
    '微信小店没有绑定这个视频号（errcode $1）：橱窗只能添加已绑定小店的商品',
  ],
  [
    /^cannot restore the Official Account menu without its credentials$/,
    '没有公众号的凭据，无法恢复公众号菜单',
  ],
  [
    /^cannot stop the coupon stocks without WeChat Pay \(accounts\.wechatPay and its keys\)$/,
    '没有微信支付（accounts.wechatPay 和它的密钥），无法停止商家券批次',
  ],
  // the platform's refusals: `<api>: <errmsg> (errcode N | network | timeout | http | rate-limited)`
  [/^(\S+): no answer within (\d+) ms \(timeout\)$/, '$1：$2 毫秒内没有应答（超时）'],
  [/^(\S+): network error \((\w+)\) \(network\)$/, '$1：网络错误（$2）'],
  [
    /^(\S+): unreadable answer \(HTTP (\d+), (.+)\) \((http|platform)\)$/,
    '$1：无法读取的应答（HTTP $2，$3）',
  ],
  [
    /^(\S+): answered ok without a usable (\S+) \(got (.+)\) \(errcode 0\)$/,
    '$1：应答成功，但没有可用的 $2（收到 $3）（errcode 0）',
  ],
  [
    /^(\/\S+): (.*) \((http|rate-limited)\)$/,
    (_m, api, msg, k) => `${api}：${msg}（${k === 'http' ? 'HTTP 错误' : '已限流'}）`,
  ],
  [/^(\/\S+): (.*) \(errcode (-?\d+)\)$/, '$1：$2（errcode $3）'],
  // WeChat Pay (src/wechatpay/client.ts): `<api>: <detail> (<CODE>[, HTTP n])`; the detail is WeChat Pay's
  [/^(\/v3\/\S+): answer refused: (.+) \(SIGNATURE(, HTTP \d+)?\)$/, '$1：应答未通过验签：$2（SIGNATURE$3）'],
  [/^(\/v3\/\S+): unreadable answer \(HTTP, HTTP (\d+)\)$/, '$1：无法读取的应答（HTTP $2）'],
  [/^(\/v3\/\S+): no stock_id in the answer \(HTTP(, HTTP \d+)?\)$/, '$1：应答里没有 stock_id（HTTP$2）'],
];

export const HINTS_MORE: Rule[] = [
  [
    /^Make a new one with `livectl plan <campaign> --out plan\.json`\.$/,
    '用 `livectl plan <活动> --out plan.json` 重新生成一个。',
  ],
  [/^Check that the folder exists and is writable\.$/, '检查文件夹是否存在并且可写。'],
  [
    /^Use `livectl status --all` \(the store from --state, LIVECTL_STATE or \.livectl\/state\.db here\), or `livectl status <campaign>` for one\.$/,
    '用 `livectl status --all`（状态库来自 --state、LIVECTL_STATE 或这里的 .livectl/state.db），或用 `livectl status <活动>` 查看一场。',
  ],
  [/^Waves: (.+)\.$/, (_m, w) => `波次：${w === 'none' ? '无' : w}。`],
  [
    /^Give the path of a SQLite file \(e\.g\. --state \/var\/lib\/livectl\/state\.db\) or a PostgreSQL URL \(e\.g\. LIVECTL_STATE=postgres:\/\/livectl@db\.internal:5432\/livectl\)\.( Fix or unset LIVECTL_STATE\.)?$/,
    (_m, env) =>
      `给出 SQLite 文件的路径（例如 --state /var/lib/livectl/state.db）或 PostgreSQL URL（例如 LIVECTL_STATE=postgres://livectl@db.internal:5432/livectl）。${env ? '请修正或取消 LIVECTL_STATE。' : ''}`,
  ],
  [
    /^Wait for the other run to finish and try again\. If none is running, a stuck process may still have the file open\.$/,
    '等另一个运行结束后再试。如果没有别的运行，可能是某个卡住的进程还打开着这个文件。',
  ],
  [/^Check --state \/ LIVECTL_STATE\. livectl never overwrites this file\.$/, STATE_HINT],
  [/^Check --state \/ LIVECTL_STATE; livectl leaves this file as it is\.$/, STATE_HINT],
  [
    /^Check --state \/ LIVECTL_STATE; livectl leaves this database as it is\. Give it a database of its own \(CREATE DATABASE livectl\)\.$/,
    '检查 --state / LIVECTL_STATE；livectl 不会改动这个数据库。请给它一个单独的数据库（CREATE DATABASE livectl）。',
  ],
  [
    /^Restore it from a backup, or keep a copy and try `sqlite3 <file> \.recover`\. .*$/,
    '从备份恢复，或先留一份副本再试 `sqlite3 <file> .recover`。livectl 不会覆盖它；把它移走会开始一个新的空状态库（livectl 就不再知道自己创建过什么）。',
  ],
  [
    /^Its -wal or -shm file may have been deleted or replaced while livectl had it open, or the disk failed\. .*$/,
    '可能在 livectl 打开它时，它的 -wal 或 -shm 文件被删除或替换了，或者磁盘出了故障。停掉所有使用它的 livectl（dispatch、daemon、apply）后再运行；如果错误仍在，请从备份恢复状态库（`sqlite3 <file> ".backup copy.db"` 可以安全地做备份）。',
  ],
  [
    /^Check that the path is a file you may read and write \(and its folder too: SQLite writes -wal and -shm files beside it\)\.$/,
    '检查这个路径是否是你能读写的文件（它所在的文件夹也要可写：SQLite 会在旁边写 -wal 和 -shm 文件）。',
  ],
  [/^For example (.+)\.$/, '例如 $1。'],
  [
    /^Upgrade livectl; an older one cannot safely use this store\.$/,
    '请升级 livectl；旧版本无法安全地使用这个状态库。',
  ],
  [
    /^Check that the PostgreSQL server is running and accepts connections from this host, then run again\. .*$/,
    '检查 PostgreSQL 服务器是否在运行、是否接受本机的连接，然后再运行。没有确认的写入都没有生效；正在处理的行的租约会过期，这些行会回到队列。',
  ],
  [
    /^Give the password in the URL \(postgres:\/\/user:password@host\/db\) or in PGPASSWORD; livectl never prints it\.$/,
    '在 URL（postgres://user:password@host/db）或 PGPASSWORD 里给出密码；livectl 不会打印它。',
  ],
  [
    /^Create it first \(e\.g\. `createdb livectl`\); livectl creates its tables on first open\.$/,
    '先创建它（例如 `createdb livectl`）；livectl 第一次打开时会建表。',
  ],
  [
    /^The user in the URL needs to create tables in the database \(first open\) and to read and write them\.$/,
    'URL 里的用户需要能在数据库里建表（第一次打开时），并能读写这些表。',
  ],
  [
    /^The server restarted or dropped the connection; run again\. Writes not confirmed were not made\.$/,
    '服务器重启了或断开了连接；请再运行一次。没有确认的写入都没有生效。',
  ],
  [
    /^Reminders are written by `livectl apply` once the campaign exists\.$/,
    '活动创建后，提醒由 `livectl apply` 写入。',
  ],
  [
    /^Run the command again; what succeeded so far is saved\.$/,
    '再运行一次这个命令；已经成功的部分都已保存。',
  ],
  [
    /^Set LIVECTL_CHANNELS_SHOP_SECRET and LIVECTL_CHANNELS_ASSISTANT_SECRET \(or the per-account forms\)\.$/,
    '设置 LIVECTL_CHANNELS_SHOP_SECRET 和 LIVECTL_CHANNELS_ASSISTANT_SECRET（或按账号的变量）。',
  ],
  [
    /^Set the account id in the campaign and the secret in (\S+) \(or the credentials file\)\.$/,
    '在活动文件里写上账号 id，并在 $1（或凭据文件）里设置密钥。',
  ],
  [
    /^Point LIVECTL_CREDENTIALS at the credentials file \(YAML or JSON\), or unset it\.$/,
    '让 LIVECTL_CREDENTIALS 指向凭据文件（YAML 或 JSON），或取消这个变量。',
  ],
  [/^livectl doctor checks both key files\.$/, 'livectl doctor 会检查两个密钥文件。'],
  [
    /^Run `livectl validate` on the campaign; every file it refers to must be readable\.$/,
    '对活动文件运行 `livectl validate`；它引用的每个文件都必须可读。',
  ],
  [
    /^Add accounts\.miniProgram \{appId, livePage\} \(a mini program of the same subject as the 视频号 on platform: channels\)\.$/,
    '添加 accounts.miniProgram {appId, livePage}（platform: channels 时，要与视频号同一主体的小程序）。',
  ],
  [
    /^Give products\[\]\.page, the mini-program page of the product \(required on platform: mini-program\)\.$/,
    '填写 products[].page，即商品的小程序页面（platform: mini-program 时必填）。',
  ],
  [
    /^Change room\.type back, or destroy the campaign and apply it again to get a new room\.$/,
    '把 room.type 改回去，或 destroy 这场活动后重新 apply，得到一个新的直播间。',
  ],
  [
    /^Changes to a started room must be made by the anchor in the live console\.$/,
    '已开播的直播间只能由主播在直播中控台修改。',
  ],
  [
    /^room\.subAnchor\.wechat must be another person than room\.anchor\.wechat\.$/,
    'room.subAnchor.wechat 必须是和 room.anchor.wechat 不同的人。',
  ],
  [
    /^`livectl status --refresh` shows what the platform has\.$/,
    '`livectl status --refresh` 会显示平台上现有的内容。',
  ],
  [
    /^Name a stock of accounts\.wechatPay\.mchId, or remove stockId to create one\.$/,
    '填写属于 accounts.wechatPay.mchId 的批次，或去掉 stockId 让 livectl 创建一个。',
  ],
  [
    /^Set quantity to (\d+) or more \((\d+) stops it issuing\)\.$/,
    '把 quantity 设为 $1 或更多（设为 $2 即停止发放）。',
  ],
  [
    /^Copy the id from 微信小店后台 → 营销 → 优惠券, or remove couponId to let livectl create it\.$/,
    '从 微信小店后台 → 营销 → 优惠券 复制 id，或去掉 couponId 让 livectl 创建。',
  ],
  [
    /^Copy the product id from 微信小店后台 → 商品 → 商品管理, or remove productId to let livectl create it\.$/,
    '从 微信小店后台 → 商品 → 商品管理 复制商品 id，或去掉 productId 让 livectl 创建。',
  ],
  [
    /^Fix what the reason names \(title, images, category, attributes\) in the campaign file and apply again: .*$/,
    '在活动文件里改好原因里提到的内容（标题、图片、类目、属性）后再 apply：livectl 会发送修改并重新提交审核。详情见 微信小店后台 → 商品。',
  ],
  [
    /^Bind them in 视频号助手 → 带货中心 → 合作账号 \(or 微信小店后台 → 合作账号 → 视频号\): a person scans the invitation code\. Then apply again\.$/,
    '在 视频号助手 → 带货中心 → 合作账号（或 微信小店后台 → 合作账号 → 视频号）里绑定：由人扫描邀请码。然后再 apply。',
  ],
  [
    /^Set LIVECTL_OA_SECRET and run destroy again; until then the menu keeps the campaign entry\.$/,
    '设置 LIVECTL_OA_SECRET 后再运行 destroy；在此之前，菜单会保留活动的入口。',
  ],
  [
    /^Check what would go with `livectl status <campaign>`, then run `livectl destroy <campaign> --yes`\.$/,
    '先用 `livectl status <活动>` 查看会删除什么，再运行 `livectl destroy <活动> --yes`。',
  ],
  [
    /^One daemon per host: daemons on other hosts share the rows with it\. Stop the other one \(or wait 3 minutes after it crashed\)\.$/,
    '每台主机一个 daemon：其他主机上的 daemon 与它分担待发的行。请停掉另一个（如果它崩溃了，等 3 分钟）。',
  ],
  [
    /^One daemon per state store\. Stop the other one \(or wait 3 minutes after it crashed\), or use `livectl dispatch` from cron instead\.$/,
    '每个状态库一个 daemon。请停掉另一个（如果它崩溃了，等 3 分钟），或改用 cron 运行 `livectl dispatch`。',
  ],
  [
    /^Set (LIVECTL_\w+) to an https:\/\/ address, or http:\/\/127\.0\.0\.1:PORT for the emulator\.$/,
    '把 $1 设为 https:// 地址；连接模拟器时用 http://127.0.0.1:PORT。',
  ],
  [
    /^Use https:\/\/, or http:\/\/ only to loopback \(127\.0\.0\.1, ::1, localhost\)\. To accept the risk on a network you trust, set (\w+)=1\.$/,
    '请用 https://，http:// 只用于本机回环地址（127.0.0.1、::1、localhost）。如果是在你信任的网络里、愿意承担风险，设置 $1=1。',
  ],
  [
    /^Set accounts\.channels\.(\w+) in the campaign and the secret in (\S+) \(or the credentials file\)\.$/,
    '在活动文件里填写 accounts.channels.$1，并在 $2（或凭据文件）里设置密钥。',
  ],
  [/^Use a PNG, JPEG, GIF or WebP image for the store\.$/, '小店图片请用 PNG、JPEG、GIF 或 WebP。'],
  // WeChat Pay (src/wechatpay/client.ts)
  [
    /^WeChat Pay refused the request signature: check accounts\.wechatPay\.serialNo \(the merchant API certificate serial\) and LIVECTL_WECHATPAY_PRIVATE_KEY \(its private key\)\.$/,
    '微信支付拒绝了请求签名：请检查 accounts.wechatPay.serialNo（商户 API 证书序列号）和 LIVECTL_WECHATPAY_PRIVATE_KEY（它的私钥）。',
  ],
  [
    /^WeChat Pay refused a field: fix the coupon in the campaign file \(livectl validate\) and apply again\.$/,
    '微信支付拒绝了一个字段：请在活动文件里修正这张优惠券（livectl validate），然后再 apply。',
  ],
  [
    /^The merchant has no 商家券 permission \(busifavor takes no merchants onboarded after 2025-12-15\): use product: product-coupon or set the coupons up by hand\.$/,
    '这个商户没有商家券权限（2025-12-15 之后开通的商户不能用 busifavor）：请改用 product: product-coupon，或手动设置优惠券。',
  ],
  [
    /^The mini program is not bound to this merchant: bind accounts\.miniProgram\.appId to the mchId in the merchant platform \(产品中心 → AppID账号管理\)\.$/,
    '小程序没有绑定这个商户：请在商户平台（产品中心 → AppID账号管理）把 accounts.miniProgram.appId 绑定到这个 mchId。',
  ],
  [
    /^WeChat Pay does not know this stock for this merchant: check coupons\[\]\.stockId and accounts\.wechatPay\.mchId\.$/,
    '微信支付在这个商户下找不到这个批次：请检查 coupons[].stockId 和 accounts.wechatPay.mchId。',
  ],
  [
    /^The answer did not verify with the WeChat Pay public key, so livectl did not believe it\. .*$/,
    '应答没能用微信支付公钥验签，livectl 不采信它。请检查 LIVECTL_WECHATPAY_PUBLIC_KEY 和 accounts.wechatPay.publicKeyId，以及你和 LIVECTL_WECHATPAY_API 之间的一切（如代理）。',
  ],
  // the network and HTTP (src/wechat/http.ts)
  [
    /^Could not reach (\S+)\. Check the network \(or LIVECTL_WECHAT_API \/ LIVECTL_WECOM_API\), then try again\.$/,
    '无法连接 $1。请检查网络（或 LIVECTL_WECHAT_API / LIVECTL_WECOM_API），然后再试。',
  ],
  [
    /^The connection broke before WeChat answered, so the request may or may not have taken effect\. .*$/,
    '连接在微信应答前断开了，请求可能生效了，也可能没有。安全的调用 livectl 会自己重试；创建或发送类的操作，请运行 livectl status 查看（或再次 apply：它会先查找）。',
  ],
  [
    /^Nothing answers (\S+) at (\S+)\. Check LIVECTL_WECHAT_API \/ LIVECTL_WECOM_API\.$/,
    '$2 上没有 $1 这个接口。请检查 LIVECTL_WECHAT_API / LIVECTL_WECOM_API。',
  ],
  [
    /^WeChat's servers had a problem\. Try again in a few minutes; for a create, check livectl status first\.$/,
    '微信服务器出了问题。几分钟后再试；如果是创建操作，先用 livectl status 查看。',
  ],
  [
    /^WeChat answered HTTP (\d+)\. Check LIVECTL_WECHAT_API \/ LIVECTL_WECOM_API and any proxy in between\.$/,
    '微信应答了 HTTP $1。请检查 LIVECTL_WECHAT_API / LIVECTL_WECOM_API 以及中间的代理。',
  ],
  [/^Try again later\.$/, '请稍后再试。'],
  [
    /^WeChat said the call succeeded but sent no id, so it may have taken effect\. .*$/,
    '微信说调用成功了，却没有返回 id，所以它可能已经生效。请再次 apply：它会先查找这场活动已创建的内容，不会重复创建。',
  ],
  [
    /^WeChat answered with error (-?\d+), which livectl does not know yet\. .*$/,
    '微信返回了错误 $1，livectl 还不认识它。请在微信文档（错误码）里查一下，或报告给 livectl 以便补上说明。',
  ],
];
