// The planner's update rules, one table row per rule (whole plans are in planner.test.ts).
import { describe, expect, it } from 'vitest';
import { PLAN_RULES } from '../../test/support/plan-rules.js';
import { changesOf } from '../../test/support/plans.js';
import { planCampaign } from './planner.js';

describe('planCampaign: the update rules', () => {
  it.each(PLAN_RULES)('$rule', ({ input, expect: rows }) => {
    const plan = planCampaign(input());
    for (const [address, action, reason] of rows) {
      const found = changesOf(plan, address).find((c) => c.action === action);
      expect(found, `${address} ${action} in ${JSON.stringify(changesOf(plan, address))}`).toBeDefined();
      if (reason) expect(found!.reason).toMatch(reason);
    }
  });
});
