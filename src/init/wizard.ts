import path from 'node:path';
import type { Prompt } from '../platform/deps.js';
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
  normalizeStart,
  PRICE_HELP,
  parsePrice,
  suggestId,
} from './answers.js';
import { finishAnswers, type InitDraft, splitList } from './flags.js';

const asValidate =
  (check: Check) =>
  (v: string): true | string =>
    check(v) ?? true;

function looksLikeImage(file: string): boolean {
  return /\.(png|jpe?g|gif)$/i.test(file);
}

/** The wizard: asks what the flags did not answer, in the order a marketer thinks of it. */
export async function askMissing(a: InitDraft, p: Prompt, now: Date, cwd: string): Promise<InitAnswers> {
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
    } while (await p.confirm('Add another product?', { default: false }));
  }

  let coupon = a.coupon;
  if (coupon === undefined) {
    if (await p.confirm('A warm-up coupon (sent 3 days and 1 day before)?', { default: true })) {
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
  return finishAnswers(
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
