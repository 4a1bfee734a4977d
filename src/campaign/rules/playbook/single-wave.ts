import { warning } from '../../../diagnostics/diagnostic.js';
import type { Rule } from '../context.js';

/**
 * 一波流: the whole warm-up in one wave. Counts distinct send times at or before the start (two
 * entries at the same instant on different channels are one wave). No waves at all is left to
 * W_WAVE_MISSING, which names each of the four.
 */
export const singleWave: Rule = {
  id: 'single-wave',
  codes: ['W_SINGLE_WAVE'],
  description: 'The warm-up is a single wave (一波流) instead of several that narrow the audience.',
  check(ctx) {
    const { start, waves } = ctx.times;
    if (!start) return [];
    const before = ctx.campaign.waves
      .map((w, i) => ({ i, at: waves.get(w.id) }))
      .filter((w): w is { i: number; at: Date } => w.at !== undefined && w.at.getTime() <= start.getTime());
    const instants = new Set(before.map((w) => w.at.getTime()));
    const [first] = before;
    if (instants.size !== 1 || !first) return [];
    return [
      warning(
        'W_SINGLE_WAVE',
        ['waves', first.i],
        'the whole warm-up is one wave (一波流)',
        'The playbook plans four waves — 3 days before, 1 day before, 30 minutes before and at go-live — ' +
          'so that users both learn of the broadcast and remember it; each wave narrows and re-targets the audience.',
      ),
    ];
  },
};
