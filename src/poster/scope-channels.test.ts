import { describe, expect, it } from 'vitest';
import { aCampaign, aChannelsCampaign } from '../../test/support/builders.js';
import { resolveTimes } from '../campaign/resolve.js';
import type { Campaign } from '../campaign/schema.js';
import { posterScope } from './scope.js';
import { channelsPosterScene, posterTargets } from './targets.js';

const posterOf = (c: Campaign, key: string) => {
  const times = resolveTimes(c);
  const target = posterTargets(c, times).targets.find((t) => t.key === key)!;
  return { target, poster: posterScope(c, times, target).scope.poster as Record<string, unknown> };
};

describe('posters on channels', () => {
  it('say 预约直播 and point at the live page code, whose path carries the wave', () => {
    const { target, poster } = posterOf(aChannelsCampaign(), 'wave/t-3d');
    expect(poster).toMatchObject({
      channels: true,
      badge: '预约直播',
      cta: '扫码预约直播',
      codeHint: '长按识别 · 预约视频号直播',
    });
    expect(poster.noCode).toBeUndefined();
    expect(target.sharePath).toBe('pages/live/entry?w=t-3d');
    expect(channelsPosterScene(target)).toBe('w=t-3d');
    expect(posterOf(aChannelsCampaign(), 'wave/live').poster.codeHint).toBe('长按识别 · 进入视频号直播');
  });

  it('without a live page carry no code and send people to 视频号', () => {
    const c = aChannelsCampaign((c) => {
      delete c.accounts.miniProgram;
    });
    const { poster } = posterOf(c, 'wave/t-3d');
    expect(poster).toMatchObject({
      noCode: true,
      cta: '视频号预约直播',
      codeHint: '视频号搜索 sphAbCdEf123',
    });
  });

  it('mini-program posters are as before', () => {
    const { target, poster } = posterOf(aCampaign(), 'wave/t-3d');
    expect(poster).toMatchObject({ badge: '直播预告', cta: '扫码预约直播' });
    expect(poster.channels).toBeUndefined();
    expect(target.sharePath).toBe(
      'plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?custom_params=%7B%22w%22%3A%22t-3d%22%7D',
    );
  });
});
