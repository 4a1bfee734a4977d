import { warning } from '../../../diagnostics/diagnostic.js';
import type { Rule } from '../context.js';
import { campaignZone, WAVE_SLOTS } from './support.js';

/** One finding per standard wave with no wave in its time window (see WAVE_SLOTS). */
export const waveMissing: Rule = {
  id: 'wave-missing',
  codes: ['W_WAVE_MISSING'],
  description:
    'One of the four standard warm-up waves (3 days, 1 day, 30 minutes before, at go-live) is missing.',
  check(ctx) {
    const { start } = ctx.times;
    const tz = campaignZone(ctx);
    if (!start || !tz) return [];
    const sent = [...ctx.times.waves.values()].filter((d): d is Date => d !== undefined);
    return WAVE_SLOTS.filter((slot) => !sent.some((w) => slot.matches(w, start, tz))).map((slot) => ({
      ...warning('W_WAVE_MISSING', ['waves'], `no warm-up wave matches ${slot.label}`, HINTS[slot.key], {
        slot: slot.key,
      }),
      target: 'key' as const,
    }));
  },
};

const HINTS: Record<(typeof WAVE_SLOTS)[number]['key'], string> = {
  'three-days':
    'Add a wave at -3d@10:00 to customer groups and assistants’ Moments: the playbook sends a poster and a coupon teaser 3 days before to wake up existing customers and leave time for old-brings-new.',
  'one-day':
    'Add a wave at -1d@12:00: the playbook publishes the Official Account article with the rules (above all how to claim the coupon) the day before, so followers subscribe to the room.',
  'thirty-minutes':
    'Add a wave at -30m to groups and Moments: the playbook reinforces 30 minutes before, to tempt the undecided.',
  'go-live':
    'Add a wave at 0 with the room link and limited coupons: the playbook calls it "double insurance" beside WeChat’s own subscription notice.',
};
