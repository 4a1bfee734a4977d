import { warning } from '../../../diagnostics/diagnostic.js';
import { parseDuration, TIME } from '../../time.js';
import type { Rule } from '../context.js';

const MINIMUM = 5 * TIME.MINUTE;
const HINT =
  'The playbook spends the first 5–10 minutes warming up: greet, ask for "666" and likes, point to the coupons ' +
  'in the product list, small games — and wait for late arrivals. Set during.warmUp: 10m.';

export const noWarmUp: Rule = {
  id: 'no-warm-up',
  codes: ['W_NO_WARMUP'],
  description: 'No warm-up minutes at the start of the broadcast (during.warmUp missing or under 5 min).',
  check(ctx) {
    const warmUp = ctx.campaign.during?.warmUp;
    if (warmUp === undefined) {
      return [
        {
          ...warning('W_NO_WARMUP', ['during'], 'no warm-up minutes are planned (during.warmUp)', HINT),
          target: 'key',
        },
      ];
    }
    const ms = parseDuration(warmUp);
    if (ms === undefined || ms >= MINIMUM) return [];
    return [
      warning('W_NO_WARMUP', ['during', 'warmUp'], `a warm-up of ${warmUp} is under 5 minutes`, HINT, {
        warmUp,
      }),
    ];
  },
};
