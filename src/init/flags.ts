import { UsageError } from '../errors.js';
import { t } from '../i18n/catalog.js';
import {
  type Check,
  checkStart,
  checks,
  DEFAULTS,
  defaultStart,
  type InitAnswers,
  type InitCoupon,
  type InitProduct,
  normalizeStart,
  parseChannelsFlag,
  parseCouponFlag,
  parseProductFlag,
  suggestId,
} from './answers.js';

/** `livectl init`'s flags, as commander hands them over. */
export interface InitFlags {
  name?: string;
  id?: string;
  start?: string;
  duration?: string;
  timezone?: string;
  anchorName?: string;
  anchorWechat?: string;
  product?: string[];
  coupon?: string;
  channels?: string;
  appId?: string;
  corpId?: string;
  agentId?: string;
  oaAppId?: string;
  senders?: string;
  yes?: boolean;
  force?: boolean;
  now?: string;
}

/** The answers known so far (from flags, then the wizard); `coupon: null` means "no coupon". */
export type InitDraft = Partial<Omit<InitAnswers, 'products' | 'coupon'>> & {
  products?: InitProduct[];
  coupon?: InitCoupon | null;
};

function must<T>(v: T | string): T {
  if (typeof v === 'string') throw new UsageError(v);
  return v;
}

function flagCheck(flag: string, value: string | undefined, check: Check): string | undefined {
  if (value === undefined) return undefined;
  const err = check(value);
  if (err) throw new UsageError(t().init.flag.bad({ flag, value, error: err }));
  return value.trim();
}

export function splitList(s: string): string[] {
  return s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Every flag given, checked (a bad one is a usage error naming the flag). */
export function answersFromFlags(f: InitFlags): InitDraft {
  const a: InitDraft = {};
  if (f.name !== undefined) a.title = flagCheck('--name', f.name, checks.title);
  if (f.id !== undefined) a.id = flagCheck('--id', f.id, checks.id);
  if (f.timezone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: f.timezone });
      a.timezone = f.timezone;
    } catch {
      throw new UsageError(
        t().init.flag.bad({ flag: '--timezone', value: f.timezone, error: t().init.flag.timezone }),
      );
    }
  }
  if (f.start !== undefined) {
    const s = normalizeStart(f.start);
    if (!s)
      throw new UsageError(
        t().init.flag.bad({ flag: '--start', value: f.start, error: t().init.flag.startShape }),
      );
    a.start = s;
  }
  if (f.duration !== undefined) a.duration = flagCheck('--duration', f.duration, checks.duration);
  if (f.anchorName !== undefined) a.anchorName = flagCheck('--anchor-name', f.anchorName, checks.anchorName);
  if (f.anchorWechat !== undefined)
    a.anchorWechat = flagCheck('--anchor-wechat', f.anchorWechat, checks.anchorWechat);
  if (f.product?.length)
    a.products = f.product.map((spec, i) => {
      const p = must(parseProductFlag(spec));
      return p.page ? p : { ...p, page: `pages/goods/detail?id=${i + 1}` };
    });
  if (f.coupon !== undefined) a.coupon = must(parseCouponFlag(f.coupon));
  if (f.channels !== undefined) a.channels = must(parseChannelsFlag(f.channels));
  if (f.appId !== undefined) a.appId = flagCheck('--app-id', f.appId, checks.appId);
  if (f.corpId !== undefined) a.corpId = flagCheck('--corp-id', f.corpId, checks.corpId);
  if (f.oaAppId !== undefined) a.oaAppId = flagCheck('--oa-app-id', f.oaAppId, checks.appId);
  if (f.agentId !== undefined) {
    if (!/^\d+$/.test(f.agentId))
      throw new UsageError(
        t().init.flag.bad({ flag: '--agent-id', value: f.agentId, error: t().init.flag.agentId }),
      );
    a.agentId = Number(f.agentId);
  }
  if (f.senders !== undefined) a.senders = splitList(f.senders);
  return a;
}

const REQUIRED: [keyof InitDraft, string][] = [
  ['title', '--name'],
  ['start', '--start'],
  ['anchorName', '--anchor-name'],
  ['anchorWechat', '--anchor-wechat'],
  ['products', '--product'],
];

/** Without a terminal: the flags must answer the questions that have no safe default, unless --yes. */
export function completeWithDefaults(a: InitDraft, yes: boolean, now: Date): InitAnswers {
  if (!yes) {
    const missing = REQUIRED.filter(([k]) => a[k] === undefined).map(([, flag]) => flag);
    if (missing.length) {
      throw new UsageError(t().init.flag.needsTerminal({ missing }), t().init.flag.needsTerminalHint);
    }
  }
  const timezone = a.timezone ?? DEFAULTS.timezone;
  const title = a.title ?? DEFAULTS.title;
  const start = a.start ?? defaultStart(now, timezone);
  return finishAnswers({ ...a, title, start, timezone }, now);
}

/** The draft completed with the defaults; a start outside WeChat's window is a usage error. */
export function finishAnswers(a: InitDraft, now: Date): InitAnswers {
  const timezone = a.timezone ?? DEFAULTS.timezone;
  const start = a.start ?? defaultStart(now, timezone);
  const startErr = checkStart(start, timezone, now);
  if (startErr) throw new UsageError(t().init.flag.bad({ flag: '--start', value: start, error: startErr }));
  const title = a.title ?? DEFAULTS.title;
  return {
    id: a.id ?? suggestId(title, start),
    title,
    start,
    duration: a.duration ?? DEFAULTS.duration,
    timezone,
    anchorName: a.anchorName ?? DEFAULTS.anchorName,
    anchorWechat: a.anchorWechat ?? DEFAULTS.anchorWechat,
    products: a.products ?? [{ ...DEFAULTS.product }],
    coupon: a.coupon === undefined ? { ...DEFAULTS.coupon } : a.coupon,
    channels: a.channels ?? [...DEFAULTS.channels],
    appId: a.appId ?? DEFAULTS.appId,
    corpId: a.corpId ?? DEFAULTS.corpId,
    agentId: a.agentId ?? DEFAULTS.agentId,
    oaAppId: a.oaAppId ?? DEFAULTS.oaAppId,
    senders: a.senders?.length ? a.senders : [...DEFAULTS.senders],
  };
}
