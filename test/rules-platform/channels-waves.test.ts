import { describe, expect, it } from 'vitest';
import { withCode } from '../support/validate.js';
import { CHANNELS, edit, expectHits, expectNone, run } from './channels-harness.js';

describe('waves on channels', () => {
  it('E_CHANNELS_LIVE_FOLLOWERS: the followers push has no equivalent', async () => {
    const y = edit(
      'channels: [wecom-groups]\n    message: live-now',
      'channels: [wecom-groups, live-followers]\n    message: live-now',
    );
    await expectHits(y, 'E_CHANNELS_LIVE_FOLLOWERS', [
      { path: ['waves', 1, 'channels', 1], needle: 'live-followers]' },
    ]);
    const d = (await run(y)).find((x) => x.code === 'E_CHANNELS_LIVE_FOLLOWERS');
    expect(d?.message).toMatch(/no equivalent/);
    // The mini-program timing rule of that channel does not run on channels.
    expect(withCode(await run(y), 'E_LIVE_FOLLOWERS_NOT_LIVE')).toEqual([]);
  });

  it('W_CHANNELS_NO_LIVE_PAGE: without a live page waves lose the card and the code', async () => {
    const noPage = edit(
      'miniProgram: { appId: wx0123456789abcdef, livePage: pages/live/entry }',
      'miniProgram: { appId: wx0123456789abcdef }',
    );
    await expectHits(noPage, 'W_CHANNELS_NO_LIVE_PAGE', [
      { path: ['accounts', 'miniProgram'], needle: 'miniProgram: {' },
    ]);
    const noMp = edit('  miniProgram: { appId: wx0123456789abcdef, livePage: pages/live/entry }\n', '');
    const list = (await run(noMp)).filter((d) => d.code === 'W_CHANNELS_NO_LIVE_PAGE');
    expect(list.map((d) => [d.severity, d.path])).toEqual([['warning', ['accounts']]]);
    expect(list[0]!.message).toMatch(/card and the code/);
    // The mini-program warning about the home page is not given on channels.
    expect(withCode(await run(noPage), 'W_NO_LIVE_PAGE')).toEqual([]);
    await expectNone(CHANNELS, 'W_CHANNELS_NO_LIVE_PAGE');
  });

  it('mini-program-only rules are skipped: room name width, 24 h, scene with a room id', async () => {
    let y = edit('name: 女神节直播\n', 'name: 直播\n');
    y = edit('duration: 2h', 'duration: 25h', y);
    y = edit('  - id: t-3d\n', '  - id: t-3d-warm-up-teaser-wave-abcde\n', y);
    const codes = (await run(y)).map((d) => d.code);
    expect(codes).not.toContain('E_ROOM_NAME_WIDTH');
    expect(codes).not.toContain('E_DURATION_RANGE');
    // w=<30 characters> is 32: fits on channels, where the scene has no room id.
    expect(codes).not.toContain('E_SCENE_TOO_LONG');
    const tooLong = edit('  - id: t-3d\n', '  - id: t-3d-warm-up-teaser-wave-abcdef\n');
    await expectHits(tooLong, 'E_SCENE_TOO_LONG', [
      { path: ['waves', 0, 'id'], needle: 't-3d-warm-up-teaser-wave-abcdef' },
    ]);
    expect((await run(edit('duration: 2h', 'duration: 0m'))).map((d) => d.code)).not.toContain(
      'E_DURATION_RANGE',
    );
  });
});
