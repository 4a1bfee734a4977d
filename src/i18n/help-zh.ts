/**
 * `--help` in Chinese: per command its description, arguments, options (keyed by the long flag, or
 * the short one when it has none) and the text after the options. A command or flag missing here
 * shows its English text; help.test.ts lists what is missing.
 */
export interface CommandHelp {
  description: string;
  args?: Record<string, string>;
  options?: Record<string, string>;
  after?: string;
}

const STATE = '状态库（默认：$LIVECTL_STATE，否则为活动文件旁的 .livectl/state.db）';
const STATE_HERE = '状态库（默认：$LIVECTL_STATE，否则为当前目录下的 .livectl/state.db）';
const NOW = '当前时刻，例如 2027-03-01T10:00:00+08:00（默认：现在）';
const CAMPAIGN = '活动文件';

export const PROGRAM_ZH = {
  description: '用一个 YAML 文件运营一场微信小程序直播带货活动。',
  after:
    '\n示例：\n' +
    '  livectl init                                   # 回答几个问题，新建一场活动\n' +
    '  livectl validate campaigns/goddess-day.yaml    # 按平台规则和运营手册检查它\n' +
    '  livectl plan campaigns/goddess-day.yaml        # 预览 apply 会做什么，并生成海报\n' +
    '  livectl doctor campaigns/goddess-day.yaml      # 检查密钥、access_token 和直播权限\n' +
    '\n退出码：0 成功，1 活动文件有误或操作失败，2 用法错误。\n' +
    '命令补全：source <(livectl completion bash)   （或 zsh）\n',
};

export const HELP_ZH: Record<string, CommandHelp> = {
  init: {
    description: '回答几个问题（或用参数）写出一个符合运营手册的新活动文件。',
    args: { file: '要写入的活动文件' },
    options: {
      '--name': '观众看到的直播间名称，例如 女神节直播专场',
      '--id': '活动 id（metadata.name；默认取自名称，否则为 live-<日期>）',
      '--start': '开播时间（当地时间），例如 2027-03-08T20:00',
      '--duration': '例如 2h、1h30m（默认 2h）',
      '--timezone': 'IANA 时区（默认 Asia/Shanghai）',
      '--anchor-name': '直播间里显示的主播昵称',
      '--anchor-wechat': '主播微信号（已实名认证）',
      '--product': '一个商品 "名称:价格:页面[:图片]"；价格写 129 | 299-499 | 199>129（可重复）',
      '--coupon': '预热优惠券 门槛:面额[:数量]，例如 199:50:1000，或 none',
      '--channels': '逗号分隔：wecom-groups, wecom-moments, official-account, subscribe-message, robot',
      '--app-id': '小程序 AppID',
      '--corp-id': '企业微信 CorpID',
      '--agent-id': '企业微信应用 AgentId',
      '--senders': '负责发送的企业微信成员 userid，用逗号分隔',
      '--oa-app-id': '公众号 AppID',
      '--yes': '没有用参数回答的问题一律取默认值',
      '--force': '文件已存在时覆盖',
      '--now': '用于默认开播时间及其检查的当前时刻（默认：现在）',
    },
    after:
      '\n示例：\n' +
      '  livectl init                                  # 在终端里按向导填写\n' +
      '  livectl init spring.yaml --yes --name 春茶上新直播专场 --start 2027-03-20T19:30 \\\n' +
      '      --anchor-name 茶师小林 --anchor-wechat tea_lin01 --product "明前龙井250克:168:pages/goods/detail?id=12" \\\n' +
      '      --channels wecom-groups,wecom-moments,robot\n' +
      '\n不在终端里运行时，请给出 --name、--start、--anchor-name、--anchor-wechat 和 --product，或使用 --yes。\n' +
      '退出码：0 已写入，1 文件已存在（用 --force）或未通过检查，2 用法错误，130 已取消。\n',
  },
  validate: {
    description: '按平台规则（错误）和运营手册（警告）检查活动文件。',
    args: { paths: '活动文件、文件夹（查找其中的 *.yaml）或通配符' },
    options: {
      '--format': 'text | json | github | junit',
      '--now': '时间规则所用的当前时刻，例如 2027-03-01T10:00:00+08:00（默认：现在）',
      '--strict': '有警告也算失败（退出码 1）',
      '--cache': '复用上次（同一 --now）检查过且未改动的文件的结果',
      '--cache-location': '--cache 保存结果的位置',
    },
    after:
      '\n示例：\n  livectl validate campaigns/goddess-day.yaml\n  livectl validate campaigns/ --format github --strict\n  livectl validate "campaigns/**/*.yaml" --format junit > report.xml\n\n退出码：0 没有错误，1 有错误（或用 --strict 时有警告），2 用法错误。\n',
  },
  schema: {
    description: '输出活动文件的 JSON Schema（供编辑器和 CI 使用）。',
    after: '\n示例：\n  livectl schema > schema/campaign.schema.json\n',
  },
  plan: {
    description:
      '预览 apply 会做什么：每项变更及其原因、活动时间线和人工待办。只读取活动文件和状态库，从不访问网络。',
    args: { campaign: CAMPAIGN },
    options: {
      '--state': STATE,
      '--now': NOW,
      '--format': 'text | json',
      '--out': '同时把计划存成 JSON，供 `livectl apply <文件>` 使用',
      '--detailed-exitcode': '无事可做时退出码为 0，有待执行的变更时为 2',
      '--posters-dir': '海报的输出目录（默认：活动文件旁的 out/<活动>）',
      '--no-posters': '不生成海报和总览页',
    },
    after:
      '\n示例：\n  livectl plan campaigns/goddess-day.yaml\n  livectl plan campaigns/goddess-day.yaml --out plan.json && livectl apply plan.json\n  livectl plan campaigns/goddess-day.yaml --format json --detailed-exitcode\n\n' +
      '符号：+ 新建  ~ 更新  - 删除  -/+ 重建  * 等待中（审核、额度或日期）  ! 需要人工\n' +
      '退出码：0 成功，1 活动文件有误或失败，2 用法错误；用 --detailed-exitcode 时 0 无事可做，2 有待执行的变更。\n',
  },
  apply: {
    description: '让平台与活动文件一致：先展示计划并询问，再创建和更新（可放心重复运行）。',
    args: { campaign: '活动文件，或用 `livectl plan --out plan.json` 保存的计划' },
    options: {
      '--state': STATE,
      '--now': NOW,
      '--yes': '不询问确认（不在终端里运行时必须给出）',
      '--format': 'text | json（NDJSON 事件，每行一个）',
      '--out': '小程序码（和海报）的输出目录（默认：活动文件旁的 out/<活动名>/）',
    },
    after:
      '\n示例：\n  livectl apply campaigns/goddess-day.yaml\n  livectl plan campaigns/goddess-day.yaml --out plan.json && livectl apply plan.json --yes\n  livectl apply campaigns/goddess-day.yaml --yes --format json | jq .type\n\n' +
      '密钥来自环境变量：LIVECTL_APP_SECRET，或按账号的 LIVECTL_APP_SECRET_<APPID>，或 LIVECTL_CREDENTIALS 指向的文件（权限 0600）；\n' +
      '设置 LIVECTL_WECHAT_API 可改用模拟器。\n' +
      '重复运行是安全的：已存在的不会再创建。失败或中断的 apply 再运行一次即可接着完成。\n' +
      '退出码：0 已执行，1 活动文件有误或某项变更失败（再次 apply 可续做），2 用法错误（例如在 CI 里没给 --yes）。\n',
  },
  status: {
    description:
      '查看 livectl 为一场活动创建了什么：直播间、商品及其审核、小程序码、提醒、上次 apply；用 --all 时每场活动一行。',
    args: { campaign: '活动文件（不能与 --all 同用）' },
    options: {
      '--all': '状态库中的每场活动各占一行：序号、上次 apply、下一条待发提醒、失败和重试中的条目、问题',
      '--state':
        '状态库（默认：$LIVECTL_STATE，否则为活动文件旁的 .livectl/state.db；用 --all 时为当前目录）',
      '--refresh': '立即向微信查询：直播间状态、推流地址、商品审核（审核通过的商品会放进直播间）',
      '--show-push-url': '显示推流直播间的 RTMP 地址及其推流密钥（否则打码）',
      '--now': NOW,
      '--format': 'text | json',
    },
    after:
      '\n示例：\n  livectl status campaigns/goddess-day.yaml\n  livectl status campaigns/goddess-day.yaml --refresh --format json\n  livectl status --all --state /var/lib/livectl/state.db\n\n' +
      '不加 --refresh 时，status 只读状态库（不访问网络）。--refresh 需要 LIVECTL_APP_SECRET。\n' +
      '--all 不接活动文件，只读状态库；问题包括：失败的条目、失败的 apply、审核被驳回的商品、超时未释放的锁。\n' +
      '退出码：0 已显示，1 活动文件有误或刷新失败，2 用法错误（例如 --all 又给了活动文件）。\n',
  },
  destroy: {
    description: '删除 livectl 在微信上为一场活动创建的内容（已开播的直播间保留），然后从状态库中移除。',
    args: { campaign: CAMPAIGN },
    options: {
      '--state': STATE,
      '--yes': '不询问确认（不在终端里运行时必须给出）',
      '--now': NOW,
      '--format': 'text | json（NDJSON 事件）',
    },
    after:
      '\n示例：\n  livectl destroy campaigns/goddess-day.yaml\n  livectl destroy campaigns/goddess-day.yaml --yes --format json\n\n' +
      '删除直播间（除非已开播）、商品（撤回进行中的商品审核）及其在直播间里的位置；清除小程序码和素材 id。需要 LIVECTL_APP_SECRET。\n' +
      '退出码：0 已删除（或无可删除），1 有内容无法删除，2 用法错误。\n',
  },
  emulator: {
    description: '在 127.0.0.1 上运行本地的微信 / 企业微信 / 公众号模拟器（离线演示和测试）。',
    options: {
      '--port': 'TCP 端口（0 表示自动选一个空闲端口）',
      '--host': '监听的网卡地址',
      '--apps': '接受的凭据，appid:secret,...（默认：任意 id 配任意 secret）',
      '--now': '把模拟器时钟定在此刻并保持不动（之后可通过 /__emulator/clock 调整）',
      '--audit': '商品审核：auto（延时后自动通过）| manual（通过管理接口）',
      '--data': '把模拟器状态保存在这个 JSON 文件里，重启后保留',
      '--strict-duration': '拒绝超过 12 小时（而非 24 小时）的直播',
      '--wechatpay-merchant':
        '由 /v3/ 校验请求签名的微信支付商户：mchId 及其 API 公钥 PEM 的路径（多个用逗号分隔）',
    },
    after:
      '\n示例：\n  livectl emulator --port 8930 --apps wx0123456789abcdef:dev-secret\n  # 在另一个终端粘贴它输出的 export 行，然后：\n  livectl apply campaign.yaml --yes\n',
  },
  posters: {
    description: '为每一波预热和直播间生成分享海报，外加一个 index.html 总览页。',
    args: { campaign: CAMPAIGN },
    options: {
      '--out': 'PNG 和 index.html 的输出目录（默认：活动文件旁的 out/<活动名>/）',
      '--wave': '只生成这一波的海报（总览页仍展示整场活动）',
      '--scale': '1 → 750×1334，2 → 1500×2668',
      '--font': '用这个 .ttf/.otf 字体代替内置的 Noto Sans SC',
      '--now': '检查和总览页所用的当前时刻，例如 2027-03-01T10:00:00+08:00',
      '--format': 'text | json',
    },
    after:
      '\n示例：\n  livectl posters campaigns/goddess-day.yaml\n  livectl posters campaigns/goddess-day.yaml --wave t-3d --scale 2\n  livectl posters campaigns/goddess-day.yaml --out /tmp/posters --format json\n\n' +
      '离线时每张海报上是直播间分享路径的二维码；`apply` 会换成正式的小程序码。\n' +
      '退出码：0 海报已生成，1 活动文件有误或输入有误，2 用法错误。\n',
  },
  dispatch: {
    description: '发送到点的提醒，每条只发一次（可放心用 cron 每分钟运行，即使相互重叠）。',
    options: {
      '--now': '当前时刻，例如 2027-03-07T12:00:00+08:00（默认：现在）',
      '--limit': '本次最多发送多少条',
      '--campaign': '只发这场活动的提醒（metadata.name）',
      '--lease':
        '认领的条目归本次运行多久，之后其他发送进程可接手（发送期间会续期；按真实时间，不受 --now 影响）',
      '--state': STATE_HERE,
      '--format': 'text | json',
    },
    after:
      '\n示例：\n  livectl dispatch\n  livectl dispatch --campaign goddess-day-2027 --format json\n  # crontab: * * * * * cd /srv/campaigns && npx livectl dispatch >> dispatch.log 2>&1\n\n' +
      '密钥来自环境变量：LIVECTL_APP_SECRET、LIVECTL_WECOM_SECRET、LIVECTL_OA_SECRET，以及每个群机器人渠道的 keyEnv；\n' +
      '按账号的 LIVECTL_APP_SECRET_<APPID>、LIVECTL_WECOM_SECRET_<CORPID>、LIVECTL_OA_SECRET_<APPID>，\n' +
      '或 LIVECTL_CREDENTIALS 指向的文件（权限 0600）。\n' +
      '退出码：0 没有失败（等待重试的不算失败），1 有提醒发送失败，2 用法错误。\n',
  },
  daemon: {
    description: '每分钟运行一次 dispatch 和商品审核同步，直到被停止（每个状态库只能有一个 daemon）。',
    options: {
      '--state': STATE_HERE,
      '--campaign': '只发这场活动的提醒（metadata.name）',
      '--limit': '每分钟最多发送多少条',
      '--timezone': '定时任务所用的 IANA 时区（默认：各活动的时区）',
      '--format': 'text | json（NDJSON，每行一个事件）',
    },
    after:
      '\n示例：\n  livectl daemon\n  livectl daemon --state /srv/livectl/state.db --format json\n\n' +
      'SIGTERM 或 Ctrl-C：不再开始新的发送，进行中的发送完成并记录后以 0 退出。\n' +
      '退出码：0 被信号停止，1 另一个 daemon 占用着状态库或状态库打不开，2 用法错误。\n',
  },
  doctor: {
    description: '检查本机和各账号：Node、密钥、access_token、直播权限、状态库、节假日日历、字体、时钟。',
    args: { campaign: '要检查其账号的活动文件' },
    options: {
      '--format': 'text | json',
      '--state': STATE,
      '--now': '当前时刻，例如 2027-03-01T10:00:00+08:00（默认：现在；给出时跳过时钟检查）',
    },
    after:
      '\n示例：\n  livectl doctor campaigns/goddess-day.yaml\n  livectl doctor campaigns/goddess-day.yaml --format json\n\n' +
      '它只为获取 access_token 和读取一个直播间（getliveinfo）调用微信；不创建也不发送任何内容。\n' +
      '退出码：0 所有检查通过（允许有警告），1 有检查未通过，2 用法错误。\n',
  },
  console: {
    description: '场控助理的本地网页：带实时倒计时的流程单、推送商品卡片、上下架、标记已开奖。',
    args: { campaign: CAMPAIGN },
    options: {
      '--port': '127.0.0.1 上的 TCP 端口（默认：自动选一个空闲端口）',
      '--state': STATE,
      '--now': '把时钟定在此刻，例如 2027-03-08T20:20:00+08:00（默认：现在）',
    },
    after:
      '\n示例：\n  livectl console campaigns/goddess-day.yaml\n  livectl console campaigns/goddess-day.yaml --port 8931\n\n' +
      '第一行输出网页地址（带访问令牌）；在 127.0.0.1 上提供服务，直到按下 Ctrl-C。\n' +
      '需要 LIVECTL_APP_SECRET（页面上的按钮会调用微信）。退出码：0 已停止，1 活动文件有误，2 用法错误。\n',
  },
  completion: {
    description: '输出 shell 命令补全脚本（命令及其参数）。',
    args: { shell: 'bash | zsh' },
    after:
      '\n示例：\n  source <(livectl completion bash)                       # 当前 shell\n  livectl completion bash > /etc/bash_completion.d/livectl  # 所有 shell\n  livectl completion zsh > "$' +
      '{fpath[1]}/_livectl"\n',
  },
  help: { description: '显示命令帮助' },
};
