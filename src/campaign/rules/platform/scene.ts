import { error, type Finding } from '../../../diagnostics/diagnostic.js';
import type { Rule } from '../context.js';

/**
 * Share codes (getwxacodeunlimit, reference §8.1) carry a `scene` of at most 32 visible characters
 * from digits, letters and `!#$&'()*+,/:;=?@-._~`. livectl's scene is `r=<roomId>&w=<waveId>`, and
 * a room id is at most 10 digits (a uint32), so a wave id may be at most 32 − 15 = 17 characters.
 * Wave ids are [a-z0-9-] by the schema, all allowed in a scene, so only the length can break.
 */
export const MAX_SCENE = 32;
export const MAX_ROOM_ID_DIGITS = 10;
/** The characters a scene may carry (reference §8.1). */
export const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]*$/;

/** The longest scene livectl may build for a wave. */
export function worstCaseScene(waveId: string): string {
  return `r=${'9'.repeat(MAX_ROOM_ID_DIGITS)}&w=${waveId}`;
}

export const MAX_WAVE_ID = MAX_SCENE - worstCaseScene('').length;

/** On channels the scene is `w=<waveId>` (no room), so a wave id may be 30 characters. */
export const MAX_CHANNELS_WAVE_ID = MAX_SCENE - 'w='.length;

export const shareScene: Rule = {
  id: 'share-scene',
  codes: ['E_SCENE_TOO_LONG'],
  description:
    'Each wave id fits the share code scene r=<roomId>&w=<waveId> (channels: w=<waveId>; ≤ 32 allowed characters).',
  check(ctx) {
    const out: Finding[] = [];
    const channels = ctx.campaign.platform === 'channels';
    const scan = (list: 'waves' | 'after', ids: string[]) =>
      ids.forEach((id, i) => {
        const scene = channels ? `w=${id}` : worstCaseScene(id);
        if (scene.length > MAX_SCENE) {
          out.push(
            error(
              'E_SCENE_TOO_LONG',
              [list, i, 'id'],
              channels
                ? `wave id "${id}" is ${id.length} characters: its code's scene "${scene}" is ${scene.length} characters, over WeChat's 32`
                : `wave id "${id}" is ${id.length} characters: its share code scene "r=<room id>&w=${id}" could reach ${scene.length} characters, over WeChat's 32`,
              `Shorten the wave id to at most ${channels ? MAX_CHANNELS_WAVE_ID : MAX_WAVE_ID} characters (e.g. t-3d, live, replay).`,
            ),
          );
        }
      });
    scan(
      'waves',
      ctx.campaign.waves.map((w) => w.id),
    );
    scan(
      'after',
      ctx.campaign.after.map((w) => w.id),
    );
    return out;
  },
};
