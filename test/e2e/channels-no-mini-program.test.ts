import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIN, reserve, startChannels } from './support/channels.js';
import type { E2E } from './support/workspace.js';

/**
 * A 视频号 campaign without a mini program: no mini-program secret is needed and no mini-program API
 * is called; posters are drawn without a code; status and destroy work the same.
 */

let e: E2E | undefined;
afterEach(async () => {
  await e?.close();
  e = undefined;
});

describe('platform: channels without a mini program', () => {
  it('applies with the two Channels secrets only, codeless posters, and destroys', async () => {
    e = await startChannels({ livePage: false });
    delete (e.env as Record<string, string | undefined>).LIVECTL_APP_SECRET;
    await reserve(e);
    const a = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a.stderr).toBe('');
    expect(a.code, a.stdout).toBe(0);
    expect(a.stdout).toMatch(/\+ poster\/t-3d\s+rendered /);
    expect(existsSync(path.join(e.ws.dir, 'out', 'spring-tea', 'wave-t-3d.png'))).toBe(true);
    const paths = (await e.requests()).map((r) => String(r.path));
    expect(paths.filter((p) => p.startsWith('/wxa') || p.startsWith('/wxaapi'))).toEqual([]);

    await e.advance(40 * MIN);
    const s = await e.cli(['status', 'campaign.yaml', '--refresh', '--format', 'json']);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout).channels.products[0]).toMatchObject({ listed: true });
    const gone = await e.cli(['destroy', 'campaign.yaml', '--yes']);
    expect(gone.code, gone.stdout).toBe(0);
  }, 120_000);

  it('says which Channels secret is missing before touching anything', async () => {
    e = await startChannels({ livePage: false });
    delete (e.env as Record<string, string | undefined>).LIVECTL_CHANNELS_ASSISTANT_SECRET;
    const a = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(/the AppSecret of the 视频号助手 wx6666666666666666 is not set/);
    expect(a.stderr).toMatch(/LIVECTL_APP_SECRET_WX6666666666666666 or LIVECTL_CHANNELS_ASSISTANT_SECRET/);
    expect(await e.requests()).toEqual([]);
  }, 120_000);
});
