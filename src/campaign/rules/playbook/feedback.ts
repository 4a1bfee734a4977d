import { warning } from '../../../diagnostics/diagnostic.js';
import type { AfterWave } from '../../schema.js';
import type { Rule } from '../context.js';

/** An after-wave counts as feedback by its id or by its message (the shipped `feedback` template or a file named so). */
function isFeedback(w: AfterWave): boolean {
  if (w.id.includes('feedback')) return true;
  if (typeof w.message !== 'string') return false;
  const base = w.message.split('/').pop() ?? '';
  return w.message === 'feedback' || base.includes('feedback');
}

export const noFeedback: Rule = {
  id: 'no-feedback',
  codes: ['W_NO_FEEDBACK'],
  description: 'No after-broadcast feedback message in the customer groups.',
  check(ctx) {
    if (ctx.campaign.after.some(isFeedback)) return [];
    return [
      {
        ...warning(
          'W_NO_FEEDBACK',
          ['after'],
          'no after-broadcast feedback wave (an `after` entry with message: feedback)',
          'After the broadcast the playbook thanks the groups, asks for a rating and "what time next time?", and ' +
            'records the comment hot spots for the next script. Add { id: feedback, at: +1h, channels: [wecom-groups], message: feedback }.',
        ),
        target: 'key',
      },
    ];
  },
};
