import { afterEach, describe, expect, it } from 'vitest';
import { runConsole } from '../../src/cli/run-console.js';
import type { ConsoleView } from '../../src/console/actions.js';
import { fixedClock, memoryOutput } from '../../src/platform/deps.js';
import { FINDER, MIN, reserve, START, startChannels } from './support/channels.js';
import type { E2E } from './support/workspace.js';

/**
 * `livectl console` on a 视频号 campaign: the header shows the reservation and whether the broadcast
 * is live (no room on 视频号), the goods table the store products in the showcase, the dashboard's
 * figures while live; product cards and the shelf are the 视频号 app's, so those buttons say so.
 */

let e: E2E | undefined;
afterEach(async () => {
  await e?.close();
  e = undefined;
});

async function view(x: E2E, act?: { type: 'push'; product: string }) {
  let v: ConsoleView | undefined;
  let acted: { ok: boolean; message: string } | undefined;
  const code = await runConsole(
    'campaign.yaml',
    { now: x.now().toISOString() },
    {
      clock: fixedClock(x.now()),
      stdout: memoryOutput(),
      stderr: memoryOutput(),
      env: x.env,
      cwd: x.ws.dir,
      stdinIsTTY: false,
    },
    async (_running, service) => {
      v = await service.view();
      if (act) acted = await service.act(act);
    },
  );
  expect(code).toBe(0);
  return { v: v!, acted };
}

describe('livectl console on platform: channels', () => {
  it('shows the reservation, live or not, the products in the showcase and the dashboard', async () => {
    e = await startChannels();
    const noticeId = await reserve(e);
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    await e.advance(40 * MIN);
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);

    const before = await view(e);
    expect(before.v.room).toMatchObject({ roomId: `notice ${noticeId}` });
    expect(before.v.room.liveStatusText).toBe(`not live (reservation ${noticeId} available)`);
    expect(before.v.goods).toEqual([expect.objectContaining({ product: 'longjing', inRoom: true })]);

    await e.setClock(new Date(START.getTime() + 5 * MIN));
    const live = await e.admin('channels/lives', {
      finderUserName: FINDER,
      description: '春茶上新直播',
      viewers: 300,
    });
    const during = await view(e, { type: 'push', product: 'longjing' });
    expect(during.v.room).toMatchObject({ liveStatus: 101, liveStatusText: 'live now' });
    expect(during.v.channels).toMatchObject({
      live: true,
      exportId: live.exportId,
      dashboard: { viewers: 300 },
    });
    expect(during.acted).toMatchObject({ ok: false, message: expect.stringContaining('视频号 app') });
  }, 120_000);
});
