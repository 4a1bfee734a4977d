import { describe, expect, it } from 'vitest';
import { CHANNELS, run } from './channels-harness.js';

describe('the channels fixture', () => {
  it('is clean: no error and no warning of the channels rules', async () => {
    const list = await run(CHANNELS);
    expect(list.filter((d) => d.severity === 'error')).toEqual([]);
    expect(list.filter((d) => d.code.includes('CHANNELS'))).toEqual([]);
  });
});
