import { describe, expect, it } from 'vitest';
import { MAX_WAVE_ID, SCENE_CHARS, worstCaseScene } from '../../src/campaign/rules/platform/scene.js';
import { edit, expectHits, expectNone } from './harness.js';

describe('E_SCENE_TOO_LONG', () => {
  it('leaves 17 characters for the wave id in r=<10-digit room>&w=<wave>', () => {
    expect(MAX_WAVE_ID).toBe(17);
    expect(worstCaseScene('a'.repeat(17))).toHaveLength(32);
    expect(SCENE_CHARS.test(worstCaseScene('t-3d'))).toBe(true);
  });
  it('rejects an 18-character wave id and after-wave id', async () => {
    let y = edit('- id: t-3d', '- id: warm-up-three-days');
    y = edit('- id: replay', '- id: replay-next-morning', y);
    await expectHits(y, 'E_SCENE_TOO_LONG', [
      { path: ['waves', 0, 'id'], needle: 'warm-up-three-days' },
      { path: ['after', 1, 'id'], needle: 'replay-next-morning' },
    ]);
  });
  it('accepts a 17-character wave id', async () => {
    await expectNone(edit('- id: t-3d', '- id: warm-up-three-day'), 'E_SCENE_TOO_LONG');
  });
});
