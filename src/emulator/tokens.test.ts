import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, T0 } from '../../test/support/emulator.js';
import { memoryOutput } from '../platform/deps.js';
import { startEmulator } from './index.js';
import { runEmulator } from './run.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.emu.close();
  h = undefined;
});

const stable = (url: string, body: Record<string, unknown>) =>
  fetch(`${url}/cgi-bin/stable_token`, {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'client_credential', ...body }),
  }).then((r) => r.json() as Promise<Record<string, unknown>>);

describe('tokens and the error envelope', () => {
  it('exposes wechatBase and wecomBase', async () => {
    h = await startHarness();
    expect(h.emu.wechatBase).toBe(h.emu.url);
    expect(h.emu.wecomBase).toBe(`${h.emu.url}/qyapi`);
    expect(h.emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('checks apps when given: 40013 unknown appid, 40125 wrong secret on stable_token, 40001 on token', async () => {
    h = await startHarness({ apps: { wxapp: 's', ww1: 'cs' } });
    expect((await stable(h.emu.url, { appid: 'wxother', secret: 's' })).errcode).toBe(40013);
    expect((await stable(h.emu.url, { appid: 'wxapp', secret: 'bad' })).errcode).toBe(40125);
    const t = await fetch(
      `${h.emu.url}/cgi-bin/token?grant_type=client_credential&appid=wxapp&secret=bad`,
    ).then((r) => r.json());
    expect((t as { errcode: number }).errcode).toBe(40001);
    const w = await fetch(`${h.emu.wecomBase}/cgi-bin/gettoken?corpid=ww1&corpsecret=bad`).then((r) =>
      r.json(),
    );
    expect((w as { errcode: number }).errcode).toBe(40001);
  });

  it('returns the same stable token until force_refresh, which is rationed', async () => {
    h = await startHarness();
    const a = await stable(h.emu.url, { appid: 'wxapp', secret: 's' });
    expect(a.access_token).toBe(h.token);
    const b = await stable(h.emu.url, { appid: 'wxapp', secret: 's', force_refresh: true });
    expect(b.access_token).not.toBe(a.access_token);
    // The old token is now invalid (40001); within 30 s a second force refresh changes nothing.
    expect(
      (await h.post('/wxa/business/getliveinfo', { start: 0, limit: 1 }, a.access_token as string)).errcode,
    ).toBe(40001);
    expect((await stable(h.emu.url, { appid: 'wxapp', secret: 's', force_refresh: true })).access_token).toBe(
      b.access_token,
    );
  });

  it('answers 41001 without a token, 40001 for an unknown one, 42001 once expired, 43002/43001 for wrong methods', async () => {
    h = await startHarness();
    expect((await h.post('/wxa/business/getliveinfo', {}, '')).errcode).toBe(41001);
    expect((await h.post('/wxa/business/getliveinfo', {}, 'nope')).errcode).toBe(40001);
    expect(
      ((await fetch(`${h.emu.url}/cgi-bin/stable_token`).then((r) => r.json())) as { errcode: number })
        .errcode,
    ).toBe(43002);
    expect((await h.post('/wxaapi/broadcast/room/getpushurl', {})).errcode).toBe(43001);
    await h.setClock(T0.getTime() + 7200_000);
    const r = await h.post('/wxa/business/getliveinfo', {});
    expect(r.errcode).toBe(42001);
    expect(r.errmsg).toMatch(/ rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
  });

  it('answers HTTP 404 with an errcode body for an unknown path', async () => {
    h = await startHarness();
    const res = await fetch(`${h.emu.url}/cgi-bin/nothing-here`);
    expect(res.status).toBe(404);
    expect(typeof ((await res.json()) as { errcode: unknown }).errcode).toBe('number');
  });

  it('a WeCom token does not work on the mini-program host, and the admin can revoke tokens', async () => {
    h = await startHarness();
    const cp = await h.wecomToken();
    expect((await h.post('/wxa/business/getliveinfo', {}, cp)).errcode).toBe(40001);
    await h.admin('tokens/revoke', { appid: 'wxapp' });
    expect((await h.post('/wxa/business/getliveinfo', {})).errcode).toBe(40001);
  });
});

describe('admin API, faults, request log, persistence', () => {
  it('errcode faults fire `times` times, then calls succeed', async () => {
    h = await startHarness();
    await h.admin('faults', { path: '/wxa/business/getliveinfo', kind: 'errcode', errcode: -1, times: 1 });
    expect((await h.post('/wxa/business/getliveinfo', {})).errcode).toBe(-1);
    expect((await h.post('/wxa/business/getliveinfo', {})).errcode).toBe(9410000);
  });

  it('drop-after-effect applies the effect and destroys the socket', async () => {
    h = await startHarness();
    await h.admin('faults', { path: '/cgi-bin/message/subscribe/send', kind: 'drop-after-effect', times: 1 });
    await expect(
      h.post('/cgi-bin/message/subscribe/send', {
        touser: 'o1',
        template_id: 't',
        data: { thing1: { value: 'x' } },
      }),
    ).rejects.toThrow();
    expect((await h.state()).messages).toHaveLength(1);
    await h.admin('faults', { kind: 'reset' });
    expect((await h.admin('faults')).faults).toEqual([]);
  });

  it('logs requests with tokens, secrets and keys redacted', async () => {
    h = await startHarness();
    await h.post('/wxa/business/getliveinfo', {});
    await fetch(`${h.emu.wecomBase}/cgi-bin/webhook/send?key=SECRETKEY`, {
      method: 'POST',
      body: JSON.stringify({ msgtype: 'text', text: { content: 'hi' } }),
    });
    const log = JSON.stringify(await h.admin('requests'));
    expect(log).not.toContain(h.token);
    expect(log).not.toContain('SECRETKEY');
    expect(log).toContain('/wxa/business/getliveinfo');
    expect(log).toContain('"secret":"[redacted]"');
  });

  it('keeps state in the data file across restarts (atomic JSON)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-'));
    const dataFile = join(dir, 'state.json');
    h = await startHarness({ dataFile });
    await h.admin('anchors/verify', { wechat: 'keep_me' });
    await h.admin('followers', { openids: ['o9'] });
    await h.emu.close();
    expect(JSON.parse(readFileSync(dataFile, 'utf8')).state.verifiedWechat).toEqual(['keep_me']);
    const again = await startEmulator({ port: 0, dataFile });
    const s = (await (await fetch(`${again.url}/__emulator/state`)).json()) as {
      verifiedWechat: string[];
      now: string;
    };
    expect(s.verifiedWechat).toEqual(['keep_me']);
    expect(s.now).toBe(T0.toISOString());
    await again.close();
    h = undefined;
  });

  it('resets state and moves the clock', async () => {
    h = await startHarness();
    await h.admin('followers', { openids: ['o9'] });
    await h.admin('reset', {});
    await h.admin('clock', { now: '2027-03-08T12:00:00Z' });
    const s = await h.state();
    expect(s).toMatchObject({
      now: '2027-03-08T12:00:00.000Z',
      rooms: [],
      goods: [],
      media: [],
      tasks: [],
      messages: [],
      menus: [],
    });
    expect(s.quotas).toEqual({});
  });
});

describe('livectl emulator use-case', () => {
  it('prints the export lines (WeChat, WeCom, WeChat Pay) and resolves with 0 when told to stop', async () => {
    const out = memoryOutput();
    let seen = '';
    const code = await runEmulator(
      { port: '0', now: '2027-03-01T10:00:00+08:00' },
      { cwd: process.cwd(), stdout: out, stderr: memoryOutput() },
      async (emu) => {
        seen = ((await (await fetch(`${emu.url}/__emulator/state`)).json()) as { now: string }).now;
      },
    );
    expect(code).toBe(0);
    expect(out.text()).toMatch(
      /^export LIVECTL_WECHAT_API=http:\/\/127\.0\.0\.1:\d+\nexport LIVECTL_WECOM_API=http:\/\/127\.0\.0\.1:\d+\/qyapi\nexport LIVECTL_WECHATPAY_API=http:\/\/127\.0\.0\.1:\d+\n$/,
    );
    expect(seen).toBe('2027-03-01T02:00:00.000Z');
  });
});
