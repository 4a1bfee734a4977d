import { warning } from '../../../diagnostics/diagnostic.js';
import { toZoned } from '../../time.js';
import type { Rule } from '../context.js';
import { campaignZone, resolveAt } from './support.js';

/** Only lotteries: a coupon drop on the hour is not what the playbook warns about. */
export const lotteryOnTheHour: Rule = {
  id: 'lottery-on-the-hour',
  codes: ['W_LOTTERY_ON_THE_HOUR'],
  description: 'A lottery drawn at a time that falls on the hour (minute 00).',
  check(ctx) {
    const tz = campaignZone(ctx);
    if (!tz) return [];
    return (ctx.campaign.during?.lotteries ?? []).flatMap((lottery, i) => {
      if (!('at' in lottery.trigger)) return [];
      const at = resolveAt(ctx, lottery.trigger.at);
      if (!at) return [];
      const local = toZoned(at, tz);
      if (local.minute !== 0) return [];
      const hh = String(local.hour).padStart(2, '0');
      return [
        warning(
          'W_LOTTERY_ON_THE_HOUR',
          ['during', 'lotteries', i, 'trigger', 'at'],
          `lottery "${lottery.prize}" is drawn on the hour (${hh}:00)`,
          'Do not draw on the hour: bargain hunters only come on the hour. The playbook prefers a like threshold ' +
            '("at 30,000 likes we draw"), which is uncertain and keeps people watching; or move the draw off :00.',
          { prize: lottery.prize, hh },
        ),
      ];
    });
  },
};
