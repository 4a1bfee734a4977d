import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PLACEHOLDER_ACCOUNTS } from '../campaign/rules/setup/placeholder-accounts.js';
import { renderReportText, type TextStyle } from '../diagnostics/render-text.js';
import { UsageError, UserError } from '../errors.js';
import {
  CHANNEL_LABELS,
  type Check,
  checkCoupon,
  checkStart,
  checks,
  DEFAULTS,
  defaultStart,
  INIT_CHANNELS,
  type InitAnswers,
  type InitChannel,
  type InitCoupon,
  type InitProduct,
  normalizeStart,
  PRICE_HELP,
  parseChannelsFlag,
  parseCouponFlag,
  parsePrice,
  parseProductFlag,
  suggestId,
} from '../init/answers.js';
import { buildCampaignText, productIds } from '../init/campaign-text.js';
import type { Deps } from '../platform/deps.js';
import { PACKAGE_ROOT } from '../platform/paths.js';
import { discPng, gradientPng, type Rgb } from '../platform/png.js';
import { validateFiles } from '../validate/validate-files.js';
import { resolveNow } from './options.js';
import { styleFor } from './style.js';

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

/** The questions the wizard asks; tests may pass their own (the CLI loads @inquirer/prompts lazily). */
export interface Prompter {
  input(q: { message: string; default?: string; validate?: (v: string) => true | string }): Promise<string>;
  confirm(q: { message: string; default?: boolean }): Promise<boolean>;
  checkbox<T extends string>(q: {
    message: string;
    choices: { name: string; value: T; checked?: boolean }[];
    validate?: (v: readonly unknown[]) => true | string;
  }): Promise<T[]>;
}

async function inquirerPrompter(): Promise<Prompter> {
  const p = await import('@inquirer/prompts');
  return {
    input: (q) => p.input(q),
    confirm: (q) => p.confirm(q),
    checkbox: async (q) =>
      (await p.checkbox({
        message: q.message,
        choices: q.choices,
        ...(q.validate ? { validate: (v: readonly unknown[]) => q.validate!(v) } : {}),
      })) as never,
  };
}

const asValidate =
  (check: Check) =>
  (v: string): true | string =>
    check(v) ?? true;

/**
 * `livectl init [file]`: the answers come from flags, then (on a terminal, without --yes) from the
 * wizard, else defaults with --yes. Nothing is written before every answer is in: the images first
 * (each atomically), then the campaign to a temporary name, validated, and renamed into place.
 * Ctrl-C during the questions writes nothing.
 */
export async function runInit(
  target: string | undefined,
  flags: InitFlags,
  deps: Deps & { prompter?: Prompter },
): Promise<number> {
  const now = resolveNow(flags.now, deps);
  const file = path.resolve(deps.cwd, target ?? 'campaign.yaml');
  const shown = path.relative(deps.cwd, file) || file;
  if (!flags.force && (await exists(file))) {
    throw new UserError(`${shown} already exists; livectl init never overwrites a file`, {
      hint: `Give another file name, or --force to replace ${shown}.`,
    });
  }

  const fromFlags = answersFromFlags(flags);
  const interactive = deps.stdinIsTTY && !flags.yes;
  let answers: InitAnswers;
  if (interactive) {
    const prompter = deps.prompter ?? (await inquirerPrompter());
    try {
      answers = await askMissing(fromFlags, flags, prompter, now, deps.cwd);
    } catch (err) {
      if (err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError')) {
        deps.stderr.write('\nCancelled: nothing was written.\n');
        return 130;
      }
      throw err;
    }
  } else {
    answers = completeWithDefaults(fromFlags, flags, now);
  }

  const dir = path.dirname(file);
  const written = await writeCampaign(file, answers, dir, Boolean(flags.force), deps.cwd, now);
  const style = styleFor(deps.stdout);
  if (written.errors > 0) {
    deps.stderr.write(written.report);
    deps.stderr.write(`error: the campaign did not validate, so nothing was written.\n`);
    return 1;
  }
  if (written.warnings > 0) deps.stderr.write(written.report);
  const rel = (p: string) => path.relative(deps.cwd, p) || p;
  deps.stdout.write(
    `${style.bold(`Wrote ${shown}`)} (${answers.products.length} product${answers.products.length === 1 ? '' : 's'}, the playbook's four warm-up waves on ${answers.channels.join(', ')})\n` +
      (written.images.length
        ? `${style.dim(`  placeholder images: ${written.images.map(rel).join(', ')} — replace them with your own pictures`)}\n`
        : '') +
      placeholderLine(answers, style) +
      `\nNext:\n  livectl validate ${shown}\n  livectl plan ${shown}       # the changes, the timeline and the posters\n  livectl doctor ${shown}     # credentials, tokens and the live permission\n`,
  );
  return 0;
}

/**
 * The account ids and senders init filled in for want of an answer, said out loud: apply fails on
 * WeChat with them, and validate warns (W_PLACEHOLDER_ACCOUNT) until they are replaced.
 */
export function placeholderLine(a: InitAnswers, style: TextStyle): string {
  const P = PLACEHOLDER_ACCOUNTS;
  const wecom = a.channels.includes('wecom-groups') || a.channels.includes('wecom-moments');
  const found: [string, string, string][] = [];
  if (a.appId === P.appId) found.push(['mini program AppID', a.appId, '--app-id']);
  if (wecom && a.corpId === P.corpId) found.push(['WeCom CorpID', a.corpId, '--corp-id']);
  if (wecom && a.senders.includes(P.sender)) found.push(['WeCom sender', P.sender, '--senders']);
  if (a.channels.includes('official-account') && a.oaAppId === P.oaAppId)
    found.push(['Official Account AppID', a.oaAppId, '--oa-app-id']);
  if (found.length === 0) return '';
  return `${style.warning(`  placeholder accounts: ${found.map(([what, v]) => `${what} ${v}`).join(', ')}`)}\n${style.dim(
    `    put in your own before apply (${found.map(([, , flag]) => flag).join(', ')}, or edit the file); validate warns W_PLACEHOLDER_ACCOUNT until then`,
  )}\n`;
}

type Partial2 = Partial<Omit<InitAnswers, 'products' | 'coupon'>> & {
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
  if (err) throw new UsageError(`${flag} "${value}": ${err}`);
  return value.trim();
}

/** Every flag given, checked (a bad one is a usage error naming the flag). */
function answersFromFlags(f: InitFlags): Partial2 {
  const a: Partial2 = {};
  if (f.name !== undefined) a.title = flagCheck('--name', f.name, checks.title);
  if (f.id !== undefined) a.id = flagCheck('--id', f.id, checks.id);
  if (f.timezone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: f.timezone });
      a.timezone = f.timezone;
    } catch {
      throw new UsageError(`--timezone "${f.timezone}": not an IANA time zone such as Asia/Shanghai`);
    }
  }
  if (f.start !== undefined) {
    const s = normalizeStart(f.start);
    if (!s) throw new UsageError(`--start "${f.start}": a start looks like 2027-03-08T20:00 (local time)`);
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
    if (!/^\d+$/.test(f.agentId)) throw new UsageError(`--agent-id "${f.agentId}": a number such as 1000002`);
    a.agentId = Number(f.agentId);
  }
  if (f.senders !== undefined) a.senders = splitList(f.senders);
  return a;
}

const REQUIRED: [keyof Partial2, string][] = [
  ['title', '--name'],
  ['start', '--start'],
  ['anchorName', '--anchor-name'],
  ['anchorWechat', '--anchor-wechat'],
  ['products', '--product'],
];

/** Without a terminal: the flags must answer the questions that have no safe default, unless --yes. */
function completeWithDefaults(a: Partial2, f: InitFlags, now: Date): InitAnswers {
  if (!f.yes) {
    const missing = REQUIRED.filter(([k]) => a[k] === undefined).map(([, flag]) => flag);
    if (missing.length) {
      throw new UsageError(
        `livectl init needs a terminal for its questions, or flags: missing ${missing.join(', ')}`,
        'Run it in a terminal, give the flags (see livectl init --help), or add --yes to take the defaults.',
      );
    }
  }
  const timezone = a.timezone ?? DEFAULTS.timezone;
  const title = a.title ?? DEFAULTS.title;
  const start = a.start ?? defaultStart(now, timezone);
  return finish({ ...a, title, start, timezone }, now);
}

function finish(a: Partial2, now: Date): InitAnswers {
  const timezone = a.timezone ?? DEFAULTS.timezone;
  const start = a.start ?? defaultStart(now, timezone);
  const startErr = checkStart(start, timezone, now);
  if (startErr) throw new UsageError(`--start "${start}": ${startErr}`);
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

/** The wizard: asks what the flags did not answer, in the order a marketer thinks of it. */
async function askMissing(
  a: Partial2,
  f: InitFlags,
  p: Prompter,
  now: Date,
  cwd: string,
): Promise<InitAnswers> {
  const timezone = a.timezone ?? DEFAULTS.timezone;
  const title =
    a.title ??
    (await p.input({
      message: 'Room name (shown to viewers)',
      default: DEFAULTS.title,
      validate: asValidate(checks.title),
    }));
  const startText =
    a.start ??
    normalizeStart(
      await p.input({
        message: `Start (date and time, ${timezone})`,
        default: defaultStart(now, timezone).replace('T', ' '),
        validate: (v) => checkStart(v, timezone, now) ?? true,
      }),
    )!;
  const id =
    a.id ??
    (await p.input({
      message: 'Campaign id (letters, digits, -)',
      default: suggestId(title, startText),
      validate: asValidate(checks.id),
    }));
  const duration =
    a.duration ??
    (await p.input({
      message: 'Duration',
      default: DEFAULTS.duration,
      validate: asValidate(checks.duration),
    }));
  const anchorName =
    a.anchorName ??
    (await p.input({
      message: "Anchor's name (shown in the room)",
      default: DEFAULTS.anchorName,
      validate: asValidate(checks.anchorName),
    }));
  const anchorWechat =
    a.anchorWechat ??
    (await p.input({
      message: "Anchor's WeChat ID (real-name verified)",
      validate: asValidate(checks.anchorWechat),
    }));

  let products = a.products;
  if (!products) {
    products = [];
    do {
      const n = products.length + 1;
      const name = await p.input({ message: `Product ${n}: name`, validate: asValidate(checks.productName) });
      const priceText = await p.input({
        message: `Product ${n}: price (129 fixed · 299-499 range · 199>129 discount)`,
        validate: (v) => (parsePrice(v) ? true : PRICE_HELP),
      });
      const page = await p.input({
        message: `Product ${n}: mini-program page`,
        default: `pages/goods/detail?id=${n}`,
        validate: asValidate(checks.page),
      });
      const image = await p.input({
        message: `Product ${n}: image (PNG/JPEG ≤ 300×300; empty for a placeholder)`,
        default: '',
        validate: (v) =>
          v.trim() === '' || looksLikeImage(path.resolve(cwd, v.trim()))
            ? true
            : 'give a .png, .jpg or .gif file, or leave it empty',
      });
      products.push({
        name: name.trim(),
        price: parsePrice(priceText)!,
        page: page.trim(),
        ...(image.trim() ? { image: image.trim() } : {}),
      });
    } while (await p.confirm({ message: 'Add another product?', default: false }));
  }

  let coupon = a.coupon;
  if (coupon === undefined) {
    if (await p.confirm({ message: 'A warm-up coupon (sent 3 days and 1 day before)?', default: true })) {
      const money = (v: string) => (/^\d+(?:\.\d{1,2})?$/.test(v.trim()) ? true : 'yuan, at most 2 decimals');
      const threshold = Number(
        await p.input({
          message: 'Coupon: minimum spend (0 for none)',
          default: String(DEFAULTS.coupon.threshold),
          validate: money,
        }),
      );
      const amount = Number(
        await p.input({
          message: 'Coupon: discount',
          default: String(DEFAULTS.coupon.amount),
          validate: (v) => {
            const m = money(v);
            return m === true ? (checkCoupon({ threshold, amount: Number(v), quantity: 1 }) ?? true) : m;
          },
        }),
      );
      const quantity = Number(
        await p.input({
          message: 'Coupon: how many',
          default: String(DEFAULTS.coupon.quantity),
          validate: (v) => (/^[1-9]\d*$/.test(v.trim()) ? true : 'a whole number'),
        }),
      );
      coupon = { threshold, amount, quantity };
    } else coupon = null;
  }

  const channels =
    a.channels ??
    (await p.checkbox<InitChannel>({
      message: 'Which channels do you have? (space to choose, enter to go on)',
      choices: INIT_CHANNELS.map((c) => ({
        name: CHANNEL_LABELS[c],
        value: c,
        checked: (DEFAULTS.channels as readonly string[]).includes(c),
      })),
      validate: (v) => (v.length > 0 ? true : 'choose at least one'),
    }));

  const appId =
    a.appId ??
    (await p.input({
      message: 'Mini program AppID',
      default: DEFAULTS.appId,
      validate: asValidate(checks.appId),
    }));
  const wecom = channels.includes('wecom-groups') || channels.includes('wecom-moments');
  const corpId =
    a.corpId ??
    (wecom
      ? await p.input({
          message: 'WeCom CorpID',
          default: DEFAULTS.corpId,
          validate: asValidate(checks.corpId),
        })
      : DEFAULTS.corpId);
  const agentId =
    a.agentId ??
    (wecom
      ? Number(
          await p.input({
            message: 'WeCom app AgentId',
            default: String(DEFAULTS.agentId),
            validate: (v) => (/^\d+$/.test(v.trim()) ? true : 'a number'),
          }),
        )
      : DEFAULTS.agentId);
  const senders =
    a.senders ??
    (wecom
      ? splitList(
          await p.input({
            message: 'WeCom members who send (userids, comma-separated)',
            default: DEFAULTS.senders.join(','),
            validate: (v) => (splitList(v).length ? true : 'at least one'),
          }),
        )
      : [...DEFAULTS.senders]);
  const oaAppId =
    a.oaAppId ??
    (channels.includes('official-account')
      ? await p.input({
          message: 'Official Account AppID',
          default: DEFAULTS.oaAppId,
          validate: asValidate(checks.appId),
        })
      : DEFAULTS.oaAppId);
  void f;
  return finish(
    {
      title: title.trim(),
      start: startText,
      id: id.trim(),
      duration: duration.trim(),
      timezone,
      anchorName: anchorName.trim(),
      anchorWechat: anchorWechat.trim(),
      products,
      coupon,
      channels,
      appId: appId.trim(),
      corpId: corpId.trim(),
      agentId,
      senders,
      oaAppId: oaAppId.trim(),
    },
    now,
  );
}

function splitList(s: string): string[] {
  return s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

function looksLikeImage(file: string): boolean {
  return /\.(png|jpe?g|gif)$/i.test(file);
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

const ROSE: Rgb = [233, 84, 118];
const PEACH: Rgb = [255, 200, 170];
const DISCS: Rgb[] = [
  [178, 34, 52],
  [120, 180, 220],
  [212, 160, 60],
  [90, 140, 70],
  [140, 90, 180],
];

/** Writes the images (placeholders, or copies of given ones), then the campaign through a temp name. */
async function writeCampaign(
  file: string,
  answers: InitAnswers,
  dir: string,
  force: boolean,
  cwd: string,
  now: Date,
): Promise<{ errors: number; warnings: number; report: string; images: string[] }> {
  const assetDir = path.join(dir, 'assets', answers.id);
  const rel = (p: string) => path.relative(dir, p).split(path.sep).join('/');
  const planned: { dest: string; bytes?: () => Buffer; from?: string }[] = [];
  const place = (name: string, bytes: () => Buffer) => {
    const dest = path.join(assetDir, name);
    planned.push({ dest, bytes });
    return rel(dest);
  };
  const cover = place('cover.png', () => gradientPng(1080, 1920, ROSE, PEACH));
  const share = place('share.png', () => gradientPng(800, 640, PEACH, ROSE));
  const feeds = place('feeds.png', () => gradientPng(800, 800, [250, 235, 240], ROSE));
  const ids = productIds(answers.products.length);
  const productImages = answers.products.map((p, i) => {
    if (!p.image) return place(`${ids[i]}.png`, () => discPng(300, DISCS[i % DISCS.length]!));
    const src = path.resolve(cwd, p.image);
    const inside = !path.relative(dir, src).startsWith('..') && !path.isAbsolute(path.relative(dir, src));
    if (inside) return rel(src);
    const dest = path.join(assetDir, `${ids[i]}${path.extname(src).toLowerCase()}`);
    planned.push({ dest, from: src });
    return rel(dest);
  });
  let audience = '';
  if (answers.channels.includes('subscribe-message')) {
    const dest = path.join(dir, 'audience', `${answers.id}.csv`);
    planned.push({ dest, bytes: () => Buffer.from('openid\n') });
    audience = rel(dest);
  }
  const schema = rel(path.join(PACKAGE_ROOT, 'schema', 'campaign.schema.json'));
  const text = buildCampaignText(answers, { cover, share, feeds, products: productImages, audience, schema });

  const created: string[] = [];
  const tmp = (p: string) => path.join(path.dirname(p), `.${path.basename(p)}.tmp-${process.pid}`);
  try {
    for (const f of planned) {
      if (!force && (await exists(f.dest))) continue; // keep what is there (the user's own picture)
      await mkdir(path.dirname(f.dest), { recursive: true });
      const t = tmp(f.dest);
      if (f.from) {
        try {
          await copyFile(f.from, t);
        } catch {
          throw new UserError(`cannot read the image ${f.from}`, {
            hint: 'Give a PNG, JPEG or GIF file that exists.',
          });
        }
      } else await writeFile(t, f.bytes!());
      await rename(t, f.dest);
      created.push(f.dest);
    }
    await mkdir(dir, { recursive: true });
    const t = tmp(file);
    await writeFile(t, text);
    try {
      const validated = await validateFiles([t], { now });
      // The placeholder accounts are named in init's own summary; not repeated as warnings here.
      const report = validated.files.map((r) => ({
        ...r,
        file: path.relative(cwd, file) || file,
        diagnostics: r.diagnostics.filter((d) => d.code !== 'W_PLACEHOLDER_ACCOUNT'),
      }));
      const hidden =
        validated.files.reduce((n, r) => n + r.diagnostics.length, 0) -
        report.reduce((n, r) => n + r.diagnostics.length, 0);
      const result = { summary: { ...validated.summary, warnings: validated.summary.warnings - hidden } };
      const rendered = renderReportText(
        report,
        result.summary,
        styleFor({ write() {}, isTTY: false, color: false }),
      );
      if (result.summary.errors > 0) {
        for (const c of created) await rm(c, { force: true });
        return {
          errors: result.summary.errors,
          warnings: result.summary.warnings,
          report: rendered,
          images: [],
        };
      }
      await rename(t, file);
      return {
        errors: 0,
        warnings: result.summary.warnings,
        report: result.summary.warnings ? rendered : '',
        images: created.filter((c) => !c.endsWith('.csv')),
      };
    } finally {
      await rm(t, { force: true });
    }
  } catch (err) {
    for (const f of planned) await rm(tmp(f.dest), { force: true });
    throw err;
  }
}
