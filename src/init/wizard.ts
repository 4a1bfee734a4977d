import path from 'node:path';
import { currentLang, t } from '../i18n/catalog.js';
import type { Prompt } from '../platform/deps.js';
import {
  type Check,
  channelLabel,
  checkCoupon,
  checkStart,
  checks,
  DEFAULTS,
  defaultStart,
  INIT_CHANNELS,
  type InitAnswers,
  type InitChannel,
  normalizeStart,
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

/**
 * The wizard: asks what the flags did not answer, in the order a marketer thinks of it, in the chosen
 * language (the questions, choices and re-prompts are in src/i18n/init-*.ts).
 */
export async function askMissing(a: InitDraft, p: Prompt, now: Date, cwd: string): Promise<InitAnswers> {
  const ask = t().init.ask;
  const bad = t().init.check;
  const timezone = a.timezone ?? DEFAULTS.timezone;
  const title =
    a.title ??
    (await p.input({
      message: ask.title,
      default: DEFAULTS.title,
      validate: asValidate(checks.title),
    }));
  const startText =
    a.start ??
    normalizeStart(
      await p.input({
        message: ask.start({ tz: timezone }),
        default: defaultStart(now, timezone).replace('T', ' '),
        validate: (v) => checkStart(v, timezone, now) ?? true,
      }),
    )!;
  const id =
    a.id ??
    (await p.input({
      message: ask.id,
      default: suggestId(title, startText),
      validate: asValidate(checks.id),
    }));
  const duration =
    a.duration ??
    (await p.input({
      message: ask.duration,
      default: DEFAULTS.duration,
      validate: asValidate(checks.duration),
    }));
  const anchorName =
    a.anchorName ??
    (await p.input({
      message: ask.anchorName,
      default: DEFAULTS.anchorName,
      validate: asValidate(checks.anchorName),
    }));
  const anchorWechat =
    a.anchorWechat ??
    (await p.input({
      message: ask.anchorWechat,
      validate: asValidate(checks.anchorWechat),
    }));

  let products = a.products;
  if (!products) {
    products = [];
    do {
      const n = products.length + 1;
      const name = await p.input({
        message: ask.productName({ n }),
        validate: asValidate(checks.productName),
      });
      const priceText = await p.input({
        message: ask.productPrice({ n }),
        validate: (v) => (parsePrice(v) ? true : bad.price),
      });
      const page = await p.input({
        message: ask.productPage({ n }),
        default: `pages/goods/detail?id=${n}`,
        validate: asValidate(checks.page),
      });
      const image = await p.input({
        message: ask.productImage({ n }),
        default: '',
        validate: (v) => (v.trim() === '' || looksLikeImage(path.resolve(cwd, v.trim())) ? true : bad.image),
      });
      products.push({
        name: name.trim(),
        price: parsePrice(priceText)!,
        page: page.trim(),
        ...(image.trim() ? { image: image.trim() } : {}),
      });
    } while (await p.confirm(ask.anotherProduct, { default: false }));
  }

  let coupon = a.coupon;
  if (coupon === undefined) {
    if (await p.confirm(ask.coupon, { default: true })) {
      const money = (v: string) => (/^\d+(?:\.\d{1,2})?$/.test(v.trim()) ? true : bad.money);
      const threshold = Number(
        await p.input({
          message: ask.couponThreshold,
          default: String(DEFAULTS.coupon.threshold),
          validate: money,
        }),
      );
      const amount = Number(
        await p.input({
          message: ask.couponAmount,
          default: String(DEFAULTS.coupon.amount),
          validate: (v) => {
            const m = money(v);
            return m === true ? (checkCoupon({ threshold, amount: Number(v), quantity: 1 }) ?? true) : m;
          },
        }),
      );
      const quantity = Number(
        await p.input({
          message: ask.couponQuantity,
          default: String(DEFAULTS.coupon.quantity),
          validate: (v) => (/^[1-9]\d*$/.test(v.trim()) ? true : bad.wholeNumber),
        }),
      );
      coupon = { threshold, amount, quantity };
    } else coupon = null;
  }

  const channels =
    a.channels ??
    (await p.checkbox<InitChannel>({
      message: ask.channels,
      choices: INIT_CHANNELS.map((c) => ({
        name: channelLabel(c),
        value: c,
        checked: (DEFAULTS.channels as readonly string[]).includes(c),
      })),
      validate: (v) => (v.length > 0 ? true : bad.atLeastOneChannel),
      ...(currentLang() === 'en' ? {} : { keys: t().init.keys }),
    }));

  const appId =
    a.appId ??
    (await p.input({
      message: ask.appId,
      default: DEFAULTS.appId,
      validate: asValidate(checks.appId),
    }));
  const wecom = channels.includes('wecom-groups') || channels.includes('wecom-moments');
  const corpId =
    a.corpId ??
    (wecom
      ? await p.input({
          message: ask.corpId,
          default: DEFAULTS.corpId,
          validate: asValidate(checks.corpId),
        })
      : DEFAULTS.corpId);
  const agentId =
    a.agentId ??
    (wecom
      ? Number(
          await p.input({
            message: ask.agentId,
            default: String(DEFAULTS.agentId),
            validate: (v) => (/^\d+$/.test(v.trim()) ? true : bad.number),
          }),
        )
      : DEFAULTS.agentId);
  const senders =
    a.senders ??
    (wecom
      ? splitList(
          await p.input({
            message: ask.senders,
            default: DEFAULTS.senders.join(','),
            validate: (v) => (splitList(v).length ? true : bad.atLeastOneSender),
          }),
        )
      : [...DEFAULTS.senders]);
  const oaAppId =
    a.oaAppId ??
    (channels.includes('official-account')
      ? await p.input({
          message: ask.oaAppId,
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
