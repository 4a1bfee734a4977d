import { warning } from '../../../diagnostics/diagnostic.js';
import type { Coupon, Wave } from '../../schema.js';
import type { Rule, RuleContext } from '../context.js';
import { campaignZone, isGoLive, WAVE_SLOTS } from './support.js';

/*
 * Coupon advice. All three apply only to a campaign that defines coupons: running a broadcast with
 * no coupon at all is a business decision, not an oversight; defining coupons but leaving a wave
 * without one usually is.
 */

function kinds(ctx: RuleContext, ids: readonly string[] | undefined): Set<Coupon['kind']> {
  const byId = new Map(ctx.campaign.coupons.map((c) => [c.id, c.kind]));
  return new Set((ids ?? []).flatMap((id) => byId.get(id) ?? []));
}

/** Each wave whose resolved time satisfies `test`, with its index. */
function wavesWhere(ctx: RuleContext, test: (at: Date, start: Date) => boolean): { i: number; wave: Wave }[] {
  const { start } = ctx.times;
  if (!start) return [];
  return ctx.campaign.waves.flatMap((wave, i) => {
    const at = ctx.times.waves.get(wave.id);
    return at && test(at, start) ? [{ i, wave }] : [];
  });
}

export const noPreheatCoupon: Rule = {
  id: 'no-preheat-coupon',
  codes: ['W_NO_PREHEAT_COUPON'],
  description: 'The first warm-up wave (about 3 days before) features no preheat coupon.',
  check(ctx) {
    if (ctx.campaign.coupons.length === 0) return [];
    const slot = WAVE_SLOTS.find((s) => s.key === 'three-days');
    const tz = campaignZone(ctx);
    if (!slot || !tz) return [];
    const firstWaves = wavesWhere(ctx, (at, start) => slot.matches(at, start, tz));
    const [first] = firstWaves;
    if (!first) return []; // W_WAVE_MISSING says so
    if (firstWaves.some(({ wave }) => kinds(ctx, wave.coupons).has('preheat'))) return [];
    return [
      warning(
        'W_NO_PREHEAT_COUPON',
        ['waves', first.i, 'coupons'],
        'the first warm-up wave features no preheat coupon',
        'The playbook’s first wave, 3 days before, sends a poster with a coupon teaser to wake up existing ' +
          'customers and members; add a coupon of kind preheat to its coupons.',
      ),
    ];
  },
};

export const liveWithoutCoupon: Rule = {
  id: 'live-without-coupon',
  codes: ['W_LIVE_WITHOUT_COUPON'],
  description: 'The go-live wave features no all-hands coupon.',
  check(ctx) {
    if (ctx.campaign.coupons.length === 0) return [];
    const live = wavesWhere(ctx, isGoLive);
    const [first] = live;
    if (!first) return []; // W_WAVE_MISSING says so
    if (live.some(({ wave }) => kinds(ctx, wave.coupons).has('all-hands'))) return [];
    return [
      warning(
        'W_LIVE_WITHOUT_COUPON',
        ['waves', first.i, 'coupons'],
        'the go-live wave features no all-hands coupon',
        'At go-live the playbook sends the room link itself with limited coupons, and during the broadcast an ' +
          'all-hands coupon grab that stacks with the pre-broadcast coupon; add a coupon of kind all-hands.',
      ),
    ];
  },
};

export const noShareIncentive: Rule = {
  id: 'no-share-incentive',
  codes: ['W_NO_SHARE_INCENTIVE'],
  description: 'No share-to-claim coupon.',
  check(ctx) {
    const { coupons } = ctx.campaign;
    if (coupons.length === 0 || coupons.some((c) => c.kind === 'share')) return [];
    return [
      {
        ...warning(
          'W_NO_SHARE_INCENTIVE',
          ['coupons'],
          'no share coupon (kind: share)',
          'The playbook’s share-to-claim offer gives both the viewer who shares (code, poster, card) and the friend ' +
            'who comes a stackable coupon: the room grows through the merchant’s customers.',
        ),
        target: 'key',
      },
    ];
  },
};
