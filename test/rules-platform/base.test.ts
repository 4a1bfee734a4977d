import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFile } from '../support/validate.js';
import { BASE, errorsOf, NOW, run } from './harness.js';

describe('platform rules: clean inputs', () => {
  it('the base fixture has no errors', async () => {
    expect(errorsOf(await run(BASE))).toEqual([]);
  });

  // Warnings are the playbook rules' business; here: no platform (or any other) error.
  it.each(['goddess-day.yaml', 'minimal.yaml'])('campaigns/%s has no errors', async (name) => {
    expect(errorsOf(await validateFile(path.join('campaigns', name), NOW))).toEqual([]);
  });
});
