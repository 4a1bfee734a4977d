/** Helpers of the planner's unit tests (src/plan/planner*.test.ts): states, moments and changes. */
import type { Campaign } from '../../src/campaign/schema.js';
import type { Change, Plan } from '../../src/plan/types.js';
import type { StateSnapshot } from '../../src/state/types.js';
import { aPlanInput, aState, type StateBuilder } from './builders.js';

/** A state where everything of the default campaign was applied an hour before `now` (or at `at`). */
export function applied(
  opts: { at?: Date; campaign?: Campaign; edit?: (s: StateBuilder) => void } = {},
): StateSnapshot {
  const b = aState().applied(aPlanInput({ campaign: opts.campaign }), { at: opts.at });
  opts.edit?.(b);
  return b.build();
}

export const at = (iso: string) => new Date(iso);
/** 2027-03-08 20:30 in Shanghai: the broadcast (20:00–22:00) is live. */
export const LIVE = at('2027-03-08T12:30:00Z');
/** 2027-03-09 12:00 in Shanghai: the broadcast is over, and so is every wave. */
export const OVER = at('2027-03-09T04:00:00Z');

export function changesOf(plan: Plan, address: string): Change[] {
  return plan.changes.filter((c) => c.address === address);
}

/** The one change of `address` (fails unless there is exactly one). */
export function only(plan: Plan, address: string): Change {
  const list = changesOf(plan, address);
  const [change] = list;
  if (list.length !== 1 || !change)
    throw new Error(`one change of ${address} expected: ${JSON.stringify(list)}`);
  return change;
}
