import { afterEach, describe, expect, it } from 'vitest';
import { ASSISTANT_SECRET, FINDER, SHOP_SECRET, startChannels } from './support/channels.js';
import type { E2E, Json } from './support/workspace.js';

/**
 * doctor on a 视频号 campaign: where the two Channels secrets come from (never their values), a token
 * for each, the 视频号 the assistant account is, and the switches and the audit quota; a switch that
 * is off (48001) says where to open it.
 */

let e: E2E | undefined;
afterEach(async () => {
  await e?.close();
  e = undefined;
});

const check = (r: Json, id: string) => r.checks.find((c: Json) => c.id === id);

describe('doctor on platform: channels', () => {
  it('checks the two accounts and their switches, and names the switch that is off', async () => {
    e = await startChannels();
    const ok = await e.cli(['doctor', 'campaign.yaml', '--format', 'json']);
    const r = JSON.parse(ok.stdout);
    const creds = check(r, 'credentials');
    expect(creds.sources).toEqual(
      expect.arrayContaining([
        { account: '微信小店 wx5555555555555555', source: 'LIVECTL_CHANNELS_SHOP_SECRET' },
        { account: '视频号助手 wx6666666666666666', source: 'LIVECTL_CHANNELS_ASSISTANT_SECRET' },
      ]),
    );
    expect(check(r, 'token:channels-shop')).toMatchObject({ status: 'ok' });
    expect(check(r, 'token:channels-assistant')).toMatchObject({ status: 'ok' });
    expect(check(r, 'channels-finder')).toMatchObject({ status: 'ok' });
    expect(check(r, 'channels-finder').detail).toContain(FINDER);
    expect(check(r, 'channels-showcase')).toMatchObject({ status: 'ok' });
    expect(check(r, 'channels-dashboard')).toMatchObject({ status: 'ok' });
    expect(check(r, 'channels-audit-quota').detail).toMatch(/product audit submissions left/);
    expect(check(r, 'live-permission')).toBeUndefined();
    expect(ok.stdout).not.toContain(SHOP_SECRET);
    expect(ok.stdout).not.toContain(ASSISTANT_SECRET);

    await e.admin('channels/switches', { finderUserName: FINDER, window: false });
    const off = JSON.parse((await e.cli(['doctor', 'campaign.yaml', '--format', 'json'])).stdout);
    expect(check(off, 'channels-showcase')).toMatchObject({
      status: 'fail',
      detail: '48001: the 橱窗 switch is off for this account',
    });
    expect(check(off, 'channels-showcase').fix).toContain('开放能力');
    expect(off.ok).toBe(false);
  }, 120_000);
});
