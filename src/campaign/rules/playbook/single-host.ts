import { warning } from '../../../diagnostics/diagnostic.js';
import type { Rule } from '../context.js';

/** Only when hosts are listed: a campaign that does not name its hosts is not guessed at. */
export const singleHost: Rule = {
  id: 'single-host',
  codes: ['W_SINGLE_HOST'],
  description: 'A single host where the playbook suggests "1 + 1".',
  check(ctx) {
    const hosts = ctx.campaign.during?.hosts;
    if (hosts?.length !== 1) return [];
    return [
      warning(
        'W_SINGLE_HOST',
        ['during', 'hosts', 0],
        'the broadcast has a single host',
        'The playbook’s hosts are often "1 + 1": one who knows the products, one who keeps the pace and the mood.',
      ),
    ];
  },
};
