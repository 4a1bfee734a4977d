import { error, type Finding } from '../../../diagnostics/diagnostic.js';
import type { Rule } from '../context.js';

/**
 * Each room assistant once: WeChat keys assistants by WeChat ID, so a second entry would only rename
 * the first (the count limit, 10, is in the schema).
 */
export const uniqueAssistants: Rule = {
  id: 'unique-assistants',
  platforms: ['mini-program'],
  codes: ['E_DUPLICATE_ASSISTANT'],
  description: 'during.assistants names each WeChat ID once.',
  check(ctx) {
    const out: Finding[] = [];
    const seen = new Map<string, number>();
    ctx.campaign.during?.assistants?.forEach((a, i) => {
      const first = seen.get(a.wechat);
      if (first === undefined) {
        seen.set(a.wechat, i);
        return;
      }
      out.push(
        error(
          'E_DUPLICATE_ASSISTANT',
          ['during', 'assistants', i, 'wechat'],
          `assistant ${a.wechat} is already listed at during.assistants[${first}]`,
          'List each assistant once; WeChat keeps one nickname per assistant.',
        ),
      );
    });
    return out;
  },
};
