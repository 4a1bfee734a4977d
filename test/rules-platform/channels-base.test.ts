import { describe, expect, it } from 'vitest';
import { checkAcrossFiles } from '../../src/campaign/check.js';
import { resolveTimes } from '../../src/campaign/resolve.js';
import type { Campaign } from '../../src/campaign/schema.js';
import { aCampaign, aChannelsCampaign } from '../support/builders.js';
import { CHANNELS, run } from './channels-harness.js';

describe('the channels fixture', () => {
  it('is clean: no error and no warning of the channels rules', async () => {
    const list = await run(CHANNELS);
    expect(list.filter((d) => d.severity === 'error')).toEqual([]);
    expect(list.filter((d) => d.code.includes('CHANNELS'))).toEqual([]);
  });
});

describe('limits across files', () => {
  it('channels campaigns do not count toward a mini program’s 50 rooms a day; indexes stay the input’s', () => {
    const mp = aCampaign();
    const ch = aChannelsCampaign();
    const times = (c: Campaign) => resolveTimes(c);
    // 50 mini-program rooms on one day is the limit; 10 channels campaigns of the same mini program around them.
    const entries = [
      ...Array.from({ length: 10 }, () => ({ campaign: ch, times: times(ch) })),
      ...Array.from({ length: 51 }, () => ({ campaign: mp, times: times(mp) })),
    ];
    const found = checkAcrossFiles(entries);
    const hits = [...found].flatMap(([i, list]) =>
      list.filter((f) => f.code === 'E_ROOMS_PER_DAY').map(() => i),
    );
    expect(hits).toEqual([60]);
  });
});
