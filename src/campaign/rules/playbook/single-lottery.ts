import { warning } from '../../../diagnostics/diagnostic.js';
import type { Rule } from '../context.js';

/**
 * Exactly one lottery. A campaign with no lottery at all is not warned about: lotteries are one
 * interaction tool among several, and a merchant may run none; a single round is the half-measure
 * the playbook advises against.
 */
export const singleLottery: Rule = {
  id: 'single-lottery',
  codes: ['W_SINGLE_LOTTERY'],
  description: 'Only one lottery round during the broadcast.',
  check(ctx) {
    const lotteries = ctx.campaign.during?.lotteries ?? [];
    if (lotteries.length !== 1) return [];
    return [
      warning(
        'W_SINGLE_LOTTERY',
        ['during', 'lotteries', 0],
        'the broadcast has a single lottery round',
        'The playbook runs several rounds with prizes spread over the broadcast, announcing the winners and the ' +
          'next round ("next draw at 60,000 likes") so viewers stay.',
      ),
    ];
  },
};
