/**
 * The most common failures in Chinese (their message and hint are written in English where they are
 * thrown). The failure envelope, text and JSON, is rendered through these phrases; others stay
 * English. The rarer ones, the network's and the platform's refusals are in errors-zh-more.ts.
 */
import { apiHintZh } from './error-hints-zh.js';
import { HINTS_MORE, MESSAGES_MORE } from './errors-zh-more.js';

type Rule = [RegExp, string | ((...m: string[]) => string)];

const MESSAGES: [RegExp, string][] = [
  [
    /^LIVECTL_APP_SECRET is not set \(nor ([^)]*)\): livectl needs the AppSecret of the mini program (\S+) to call WeChat$/,
    'LIVECTL_APP_SECRET 未设置（$1 也没有）：livectl 需要小程序 $2 的 AppSecret 才能调用微信',
  ],
  [/^no state store at (.+) \(given by (\S+)\)$/, '$1 没有状态库（路径由 $2 指定）'],
  [
    /^no state store at (.+) \(the default: (\S+) in the working directory, (.+)\)$/,
    '$1 没有状态库（默认位置：工作目录 $3 下的 $2）',
  ],
  [/^no state store at (.+) \((.+)\)$/, '$1 没有状态库（$2）'],
  [
    /^apply needs --yes when it cannot ask \(no terminal, or --format json\)$/,
    '无法询问确认时（不在终端里，或用了 --format json），apply 需要 --yes',
  ],
  [
    /^another (\S+) is running right now \(lock (\S+) is held\); not starting a second one$/,
    '另一个 $1 正在运行（锁 $2 被占用）；不会再启动第二个',
  ],
  [/^the saved plan (\S+) is stale: (.+)$/, '保存的计划 $1 已过时：$2'],
  [/^(\S+) is not a saved plan \(not JSON\)$/, '$1 不是保存的计划（不是 JSON）'],
  [
    /^status needs a campaign file, or --all for every campaign in the state store$/,
    'status 需要一个活动文件，或用 --all 查看状态库中的每场活动',
  ],
  [/^status --all reads the state store only: drop --refresh$/, 'status --all 只读状态库：去掉 --refresh'],
  [/^--limit expects a positive whole number, got "(.*)"$/, '--limit 需要一个正整数，收到的是 "$1"'],
  [/^--state needs a path to the state file\.$/, '--state 需要状态库文件的路径。'],
];

const HINTS: [RegExp, string][] = [
  [
    /^Set (.+) \(never in the campaign file\)\. Against the emulator any value works\.$/,
    '设置 $1（绝不要写进活动文件）。连接模拟器时任意值都可以。',
  ],
  [
    /^`livectl apply` writes the store beside the campaign file .*$/,
    '`livectl apply` 会把状态库写在活动文件旁（例如 campaigns/.livectl/state.db），除非 --state 或 LIVECTL_STATE 另有指定。让 dispatch 指向同一个文件：--state <路径>，或设置 LIVECTL_STATE（crontab 里也要设置）。',
  ],
  [
    /^Review the changes with `livectl plan <campaign>`, then run `livectl apply <campaign> --yes`\.$/,
    '先用 `livectl plan <活动>` 检查变更，再运行 `livectl apply <活动> --yes`。',
  ],
  [
    /^Wait for the other run to finish \(or, if it crashed, about (\d+) s for its lock to lapse\), then run the command again\.$/,
    '等另一个运行结束（如果它崩溃了，等大约 $1 秒让锁失效），然后再运行一次。',
  ],
  [/^Make a new plan \((.+)\), review it, and apply that\.$/, '重新生成计划（$1），检查后再 apply 它。'],
  [
    /^Make one with `livectl plan <campaign> --out plan\.json`\.$/,
    '用 `livectl plan <活动> --out plan.json` 生成一个。',
  ],
  [
    /^e\.g\. livectl status campaigns\/goddess-day\.yaml, or livectl status --all$/,
    '例如 livectl status campaigns/goddess-day.yaml，或 livectl status --all',
  ],
];

/** Inside a translated hint: where a secret may be set. */
const SECRET_PLACES: [RegExp, string][] = [
  [/, or an entry in the credentials file named by ([A-Z_]+)/, '，或 $1 指向的凭据文件中的一项'],
  [/ or /g, ' 或 '],
];

function first(rules: readonly Rule[], s: string): string {
  for (const [re, to] of rules)
    if (re.test(s)) return typeof to === 'string' ? s.replace(re, to) : s.replace(re, to);
  return s;
}

/** A failure's message in Chinese. */
export function failureMessageZh(message: string): string {
  return first([...MESSAGES_MORE, ...MESSAGES], message);
}

/** A failure's hint in Chinese. */
export function failureHintZh(hint: string): string {
  const api = apiHintZh(hint);
  if (api !== undefined) return api;
  let out = first([...HINTS_MORE, ...HINTS], hint);
  if (out !== hint && out.startsWith('设置 '))
    for (const [re, to] of SECRET_PLACES) out = out.replace(re, to);
  return out;
}
