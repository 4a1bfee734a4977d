import { type DiagnosticPath, error, type Finding } from '../../../diagnostics/diagnostic.js';
import { isShippedMessage, isShippedPoster, MESSAGE_TEMPLATES, POSTER_TEMPLATES } from '../../catalog.js';
import { messageScope } from '../../message-scope.js';
import { malformedTags, placeholdersIn, renderPlaceholders } from '../../placeholders.js';
import { suggest } from '../../suggest.js';
import { formatLocal } from '../../time.js';
import type { Rule, RuleContext } from '../context.js';
import { checkPlaceholder, PLACEHOLDER_HINT } from './placeholder-model.js';
import { allWaves, channelType, looksLikeTemplateName, waveText } from './shared.js';

const didYouMean = (word: string, candidates: Iterable<string>) => {
  const g = suggest(word, candidates);
  return g ? ` (did you mean "${g}"?)` : '';
};

export const channelRefs: Rule = {
  id: 'channel-refs',
  codes: ['E_UNKNOWN_CHANNEL'],
  description: 'Waves name channels configured under `channels`.',
  check(ctx) {
    const names = Object.keys(ctx.campaign.channels);
    const out: Finding[] = [];
    for (const w of allWaves(ctx)) {
      w.wave.channels.forEach((name, j) => {
        if (Object.hasOwn(ctx.campaign.channels, name)) return;
        out.push(
          error(
            'E_UNKNOWN_CHANNEL',
            [w.list, w.index, 'channels', j],
            `wave "${w.wave.id}" sends through "${name}", which is not a channel of this file${didYouMean(name, names)}`,
            names.length
              ? `Channels configured: ${names.join(', ')}. Add "${name}" under channels: or fix the name.`
              : `Configure it under channels:, e.g. ${name}: {…}.`,
          ),
        );
      });
    }
    return out;
  },
};

export const couponRefs: Rule = {
  id: 'coupon-refs',
  codes: ['E_UNKNOWN_COUPON'],
  description: 'Waves and coupon drops name coupons of the file.',
  check(ctx) {
    const c = ctx.campaign;
    const ids = c.coupons.map((k) => k.id);
    const out: Finding[] = [];
    const check = (id: string, path: DiagnosticPath) => {
      if (ids.includes(id)) return;
      out.push(
        error(
          'E_UNKNOWN_COUPON',
          path,
          `no coupon has id "${id}"${didYouMean(id, ids)}`,
          ids.length ? `Coupons in this file: ${ids.join(', ')}.` : 'Define the coupon under coupons:.',
        ),
      );
    };
    c.waves.forEach((w, i) => {
      w.coupons?.forEach((id, j) => {
        check(id, ['waves', i, 'coupons', j]);
      });
    });
    c.during?.couponDrops.forEach((d, i) => {
      check(d.coupon, ['during', 'couponDrops', i, 'coupon']);
    });
    return out;
  },
};

export const groupBuyRefs: Rule = {
  id: 'group-buy-refs',
  codes: ['E_UNKNOWN_PRODUCT', 'E_NO_GROUP_BUY'],
  description: 'during.groupBuys name products that have a groupBuy.',
  check(ctx) {
    const c = ctx.campaign;
    const out: Finding[] = [];
    c.during?.groupBuys?.forEach((g, i) => {
      const path = ['during', 'groupBuys', i, 'product'];
      const p = c.products.find((x) => x.id === g.product);
      if (!p) {
        out.push(
          error(
            'E_UNKNOWN_PRODUCT',
            path,
            `no product has id "${g.product}"${didYouMean(
              g.product,
              c.products.map((x) => x.id),
            )}`,
            'Name a product id from products:.',
          ),
        );
      } else if (!p.groupBuy) {
        out.push(
          error(
            'E_NO_GROUP_BUY',
            path,
            `product "${p.id}" has no groupBuy, so it cannot be group-bought`,
            'Add groupBuy: {size, price} to the product, or remove this group buy.',
          ),
        );
      }
    });
    return out;
  },
};

export const productCardRefs: Rule = {
  id: 'product-card-refs',
  codes: ['E_UNKNOWN_PRODUCT'],
  description: 'during.productCards name products of the file.',
  check(ctx) {
    const c = ctx.campaign;
    const ids = c.products.map((x) => x.id);
    const out: Finding[] = [];
    c.during?.productCards.forEach((card, i) => {
      if (ids.includes(card.product)) return;
      out.push(
        error(
          'E_UNKNOWN_PRODUCT',
          ['during', 'productCards', i, 'product'],
          `no product has id "${card.product}"${didYouMean(card.product, ids)}`,
          'Name a product id from products:.',
        ),
      );
    });
    return out;
  },
};

/**
 * A message or poster that is neither shipped nor a file: when it reads as a name (`teasr`) say
 * "unknown template" with a suggestion; path-like references are the files rule's (E_FILE_MISSING).
 */
export const templateRefs: Rule = {
  id: 'template-refs',
  codes: ['E_UNKNOWN_TEMPLATE'],
  description: 'message and poster name a shipped template or an existing file.',
  check(ctx) {
    const out: Finding[] = [];
    for (const w of allWaves(ctx)) {
      const m = w.wave.message;
      if (typeof m === 'string' && !isShippedMessage(m) && unresolvedName(ctx, m)) {
        out.push(
          error(
            'E_UNKNOWN_TEMPLATE',
            [w.list, w.index, 'message'],
            `"${m}" is not a shipped message template nor a file${didYouMean(m, MESSAGE_TEMPLATES)}`,
            `Shipped message templates: ${MESSAGE_TEMPLATES.join(', ')}; or give a file path such as messages/${m}.txt, or {text: …}.`,
          ),
        );
      }
      const p = w.wave.poster;
      if (p !== undefined && !isShippedPoster(p) && unresolvedName(ctx, p)) {
        out.push(
          error(
            'E_UNKNOWN_TEMPLATE',
            [w.list, w.index, 'poster'],
            `"${p}" is not a shipped poster template nor a file${didYouMean(p, POSTER_TEMPLATES)}`,
            `Shipped poster templates: ${POSTER_TEMPLATES.join(', ')}; or give a template file path.`,
          ),
        );
      }
    }
    return out;
  },
};

function unresolvedName(ctx: RuleContext, ref: string): boolean {
  return looksLikeTemplateName(ref) && ctx.assets.get(ref)?.status === 'missing';
}

export const placeholderRefs: Rule = {
  id: 'placeholder-refs',
  codes: ['E_UNKNOWN_PLACEHOLDER'],
  description: '{{placeholders}} in messages and subscribe-message fields name known values.',
  check(ctx) {
    const c = ctx.campaign;
    const out: Finding[] = [];
    const scan = (text: string, path: DiagnosticPath) => {
      const seen = new Set<string>();
      for (const expr of placeholdersIn(text)) {
        if (seen.has(expr)) continue;
        seen.add(expr);
        const p = checkPlaceholder(expr, c);
        if (p) out.push(error('E_UNKNOWN_PLACEHOLDER', path, p.message, PLACEHOLDER_HINT));
      }
      for (const tag of malformedTags(text)) {
        out.push(
          error(
            'E_UNKNOWN_PLACEHOLDER',
            path,
            `"${tag}" is not a placeholder livectl can fill`,
            PLACEHOLDER_HINT,
          ),
        );
      }
    };
    for (const w of allWaves(ctx)) {
      const t = waveText(ctx, w);
      if (!t) continue;
      scan(t.text, t.path);
      if (t.title !== undefined && t.titlePath) scan(t.title, t.titlePath);
    }
    for (const [name, ch] of Object.entries(c.channels)) {
      if (ch.type !== 'subscribe-message') continue;
      for (const [key, v] of Object.entries(ch.fields)) scan(v, ['channels', name, 'fields', key]);
    }
    return out;
  },
};

/**
 * A known placeholder that has no value for this wave (a coupon line in a wave without coupons, in a
 * campaign without any) would go out as a broken sentence. Wrap such lines in `{{#coupon}}…{{/coupon}}`.
 */
export const placeholderValues: Rule = {
  id: 'placeholder-values',
  codes: ['E_PLACEHOLDER_EMPTY'],
  description:
    'Every {{placeholder}} a wave message uses has a value for that wave (or sits in a {{#section}}).',
  check(ctx) {
    const out: Finding[] = [];
    for (const w of allWaves(ctx)) {
      const t = waveText(ctx, w);
      if (!t) continue;
      const known = new Set(placeholdersIn(t.text).filter((e) => !checkPlaceholder(e, ctx.campaign)));
      const { missing } = renderPlaceholders(t.text, messageScope(ctx.campaign, ctx.times, w.wave));
      for (const expr of new Set(missing)) {
        if (!known.has(expr)) continue;
        out.push(
          error(
            'E_PLACEHOLDER_EMPTY',
            t.path,
            `{{${expr}}} has no value in ${w.list === 'waves' ? 'wave' : 'after-wave'} "${w.wave.id}": the message would go out with a gap`,
            `Give the value (e.g. list the wave's coupons), or wrap the line in {{#${expr.split(/[.[]/)[0]}}}…{{/${expr.split(/[.[]/)[0]}}}.`,
          ),
        );
      }
    }
    return out;
  },
};

/**
 * The go-live push to the room's long-term subscribers (push_message, reference §7) is accepted only
 * while the room is live (9410006 otherwise): a live-followers channel belongs to a wave between
 * the start and the end of the broadcast.
 */
export const liveFollowersTiming: Rule = {
  id: 'live-followers-timing',
  platforms: ['mini-program'],
  codes: ['E_LIVE_FOLLOWERS_NOT_LIVE'],
  description: 'The live-followers channel is only used while the room is live.',
  check(ctx) {
    const { start, end } = ctx.times;
    if (!start) return [];
    const tz = ctx.campaign.metadata.timezone;
    const out: Finding[] = [];
    for (const w of allWaves(ctx)) {
      if (!w.at) continue;
      const before = w.at.getTime() < start.getTime();
      const afterEnd = end !== undefined && w.at.getTime() >= end.getTime();
      if (!before && !afterEnd) continue;
      w.wave.channels.forEach((name, j) => {
        if (channelType(ctx.campaign, name) !== 'live-followers') return;
        out.push(
          error(
            'E_LIVE_FOLLOWERS_NOT_LIVE',
            [w.list, w.index, 'channels', j],
            `wave "${w.wave.id}" at ${formatLocal(w.at!, tz)} uses "${name}" (live-followers) while the room is ${before ? 'not yet live' : 'already over'}`,
            'WeChat pushes to room followers only while the room is live (9410006); use it in the go-live wave (at: 0).',
          ),
        );
      });
    }
    return out;
  },
};
