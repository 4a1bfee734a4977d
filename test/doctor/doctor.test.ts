import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/cli/run-doctor.js';
import { checkCalendar, checkClock, checkNode } from '../../src/doctor/checks.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { fixedClock, memoryOutput } from '../../src/platform/deps.js';
import { runCli } from '../support/cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CAMPAIGN = 'campaigns/goddess-day.yaml';
const NOW = '2027-03-01T10:00:00+08:00';
const APP = 'wx0123456789abcdef';
const CORP = 'ww0123456789abcdef';
const OA = 'wxfedcba9876543210';
const SECRETS = { app: 'doctor-app-secret-1', wecom: 'doctor-wecom-secret-2', oa: 'doctor-oa-secret-3' };

let emu: RunningEmulator;
let dir: string;
beforeAll(async () => {
  emu = await startEmulator({ apps: { [APP]: SECRETS.app, [CORP]: SECRETS.wecom, [OA]: SECRETS.oa } });
  dir = mkdtempSync(path.join(tmpdir(), 'livectl-doctor-'));
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await admin('/__emulator/faults', { kind: 'reset', path: '*' });
});

async function admin(p: string, body: unknown) {
  const r = await fetch(emu.url + p, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  expect(r.ok).toBe(true);
}

function env(over: Record<string, string | undefined> = {}) {
  return {
    LIVECTL_WECHAT_API: emu.wechatBase,
    LIVECTL_WECOM_API: emu.wecomBase,
    LIVECTL_APP_SECRET: SECRETS.app,
    LIVECTL_WECOM_SECRET: SECRETS.wecom,
    LIVECTL_OA_SECRET: SECRETS.oa,
    LIVECTL_ROBOT_STAFF: 'robot-key',
    ...over,
  };
}

async function doctorJson(over: Record<string, string | undefined> = {}, args: string[] = []) {
  const r = await runCli(
    ['doctor', CAMPAIGN, '--format', 'json', '--now', NOW, '--state', path.join(dir, 's.db'), ...args],
    {
      cwd: ROOT,
      env: env(over),
    },
  );
  const doc = JSON.parse(r.stdout);
  const check = (id: string) => doc.checks.find((c: { id: string }) => c.id === id);
  return { ...r, doc, check };
}

describe('livectl doctor against the emulator', () => {
  it('a good run: every check passes, exit 0, JSON with formatVersion', async () => {
    const r = await doctorJson();
    expect(r.doc.formatVersion).toBe(1);
    expect(r.doc.checks.map((c: { id: string; status: string }) => `${c.id}:${c.status}`)).toEqual([
      'node:ok',
      'campaign:ok',
      'credentials:ok',
      'token:mini-program:ok',
      'token:wecom:ok',
      'token:official-account:ok',
      'live-permission:ok',
      'state:ok',
      'calendar:warn', // 2027 holidays are not in chinese-days yet
      'font:ok',
      'clock:skip', // --now fixes the clock
    ]);
    expect(r.doc.ok).toBe(true);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(SECRETS.app);
  });

  it('text output names each check and the fix', async () => {
    const r = await runCli(['doctor', CAMPAIGN, '--now', NOW, '--state', path.join(dir, 's.db')], {
      cwd: ROOT,
      env: env({ LIVECTL_OA_SECRET: undefined, LIVECTL_ROBOT_STAFF: undefined }),
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /✖ Credentials +not set: LIVECTL_OA_SECRET \(the Official Account wxfedcba9876543210\), LIVECTL_ROBOT_STAFF/,
    );
    expect(r.stdout).toMatch(/fix: set LIVECTL_OA_SECRET, LIVECTL_ROBOT_STAFF in the environment/);
    expect(r.stdout).toMatch(/- Token: Official Account +LIVECTL_OA_SECRET is not set/);
    expect(r.stdout).toMatch(/1 problem to fix/);
  });

  it('a wrong secret: 40125, with the fix in plain words, and the secret never printed', async () => {
    const r = await doctorJson({ LIVECTL_APP_SECRET: 'not-the-secret-xyz' });
    const t = r.check('token:mini-program');
    expect(t.status).toBe('fail');
    expect(t.detail).toMatch(/^40125 /);
    expect(t.fix).toMatch(/secret is wrong/);
    expect(r.check('live-permission').status).toBe('skip');
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('not-the-secret-xyz');
  });

  it("names where each account's secret came from (its own variable, the credentials file, the single one), never the secret", async () => {
    const creds = path.join(dir, 'creds.yaml');
    writeFileSync(creds, `wecom:\n  ${CORP}: { secret: "${SECRETS.wecom}" }\n`);
    chmodSync(creds, 0o600);
    const r = await doctorJson({
      LIVECTL_APP_SECRET: 'the-single-one-is-wrong',
      LIVECTL_APP_SECRET_WX0123456789ABCDEF: SECRETS.app,
      LIVECTL_WECOM_SECRET: undefined,
      LIVECTL_CREDENTIALS: creds,
    });
    expect(r.check('credentials')).toEqual({
      id: 'credentials',
      title: 'Credentials',
      status: 'ok',
      detail: `mini program ${APP}: LIVECTL_APP_SECRET_WX0123456789ABCDEF; WeCom ${CORP}: credentials file ${creds}; Official Account ${OA}: LIVECTL_OA_SECRET; robot channel "staff": LIVECTL_ROBOT_STAFF`,
      sources: [
        { account: `mini program ${APP}`, source: 'LIVECTL_APP_SECRET_WX0123456789ABCDEF' },
        { account: `WeCom ${CORP}`, source: `credentials file ${creds}` },
        { account: `Official Account ${OA}`, source: 'LIVECTL_OA_SECRET' },
        { account: 'robot channel "staff"', source: 'LIVECTL_ROBOT_STAFF' },
      ],
    });
    // The emulator knows each account's secret: the tokens prove the right one was used.
    expect(r.check('token:mini-program').detail).toBe(
      'access token obtained with LIVECTL_APP_SECRET_WX0123456789ABCDEF',
    );
    expect(r.check('token:wecom').detail).toBe(`access token obtained with credentials file ${creds}`);
    expect(r.code).toBe(0);
    for (const secret of Object.values(SECRETS)) expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('a credentials file others can read is refused, with chmod 600 as the fix', async () => {
    const creds = path.join(dir, 'open-creds.yaml');
    writeFileSync(creds, `wecom:\n  ${CORP}: { secret: "${SECRETS.wecom}" }\n`);
    chmodSync(creds, 0o644);
    const r = await doctorJson({ LIVECTL_CREDENTIALS: creds });
    expect(r.check('credentials-file')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining(`${creds} can be read by other users (mode 644)`),
      fix: `chmod 600 ${creds}`,
    });
    expect(r.code).toBe(1);
  });

  it('IP not on the allow-list: 40164 on the token endpoint', async () => {
    await admin('/__emulator/faults', { kind: 'errcode', path: '/cgi-bin/stable_token', errcode: 40164 });
    const r = await doctorJson();
    expect(r.check('token:mini-program')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/^40164/),
    });
    expect(r.check('token:mini-program').fix).toMatch(/IP allow-list/);
    expect(r.code).toBe(1);
  });

  it('WeCom token refused with 40164 on its own path only', async () => {
    await admin('/__emulator/faults', { kind: 'errcode', path: '/qyapi/cgi-bin/gettoken', errcode: 40164 });
    const r = await doctorJson();
    expect(r.check('token:mini-program').status).toBe('ok');
    expect(r.check('token:wecom')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^40164/) });
  });

  it('no live permission: 268489001 from getliveinfo explains the freeze', async () => {
    await admin('/__emulator/faults', {
      kind: 'errcode',
      path: '/wxa/business/getliveinfo',
      errcode: 268489001,
    });
    const r = await doctorJson();
    const c = r.check('live-permission');
    expect(c.status).toBe('fail');
    expect(c.detail).toMatch(/268489001/);
    expect(c.fix).toMatch(/froze new 小程序直播 permissions/);
    expect(c.fix).toMatch(/视频号/);
    expect(r.code).toBe(1);
  });

  it('a state folder that cannot be written fails the state check', async () => {
    if (process.getuid?.() === 0) return; // root writes anywhere
    const ro = path.join(dir, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o500);
    const r = await doctorJson({}, ['--state', path.join(ro, 'sub', 'state.db')]);
    expect(r.check('state').status).toBe('fail');
  });

  it('the clock: compared with the Date header of the emulator when --now is not given', async () => {
    // The real clock is the point here, so no campaign: its dates would make the result depend on today.
    const stdout = memoryOutput();
    const code = await runDoctor(
      undefined,
      { format: 'json', state: path.join(dir, 's.db') },
      {
        clock: { now: () => new Date() },
        stdout,
        stderr: memoryOutput(),
        env: env(),
        cwd: ROOT,
        stdinIsTTY: false,
      },
    );
    const doc = JSON.parse(stdout.text());
    expect(doc.checks.find((c: { id: string }) => c.id === 'clock')).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(/local clock \d+ s (ahead of|behind) 127\.0\.0\.1/),
    });
    expect(code).toBe(0);
  });

  it('the clock without network: says no answer came (not "no Date header")', async () => {
    // A loopback port nobody listens on: connection refused, no answer at all.
    const port = await new Promise<number>((resolve) => {
      const srv = createServer();
      srv.listen(0, '127.0.0.1', () => {
        const p = (srv.address() as AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const stdout = memoryOutput();
    await runDoctor(
      undefined,
      { format: 'json', state: path.join(dir, 's.db') },
      {
        clock: fixedClock(new Date(NOW)),
        stdout,
        stderr: memoryOutput(),
        env: { LIVECTL_WECHAT_API: `http://127.0.0.1:${port}` },
        cwd: ROOT,
        stdinIsTTY: false,
      },
    );
    const clock = JSON.parse(stdout.text()).checks.find((c: { id: string }) => c.id === 'clock');
    expect(clock).toEqual({
      id: 'clock',
      title: 'Clock',
      status: 'skip',
      detail: `can't tell: no answer from 127.0.0.1:${port} (connection refused)`,
    });
  });

  it('without a campaign: the machine checks only', async () => {
    const r = await runCli(['doctor', '--format', 'json', '--now', NOW, '--state', path.join(dir, 's.db')], {
      cwd: ROOT,
      env: {},
    });
    const doc = JSON.parse(r.stdout);
    expect(doc.checks.map((c: { id: string }) => c.id)).toEqual([
      'node',
      'credentials',
      'state',
      'calendar',
      'font',
      'clock',
    ]);
    expect(r.code).toBe(0);
  });

  it('a usage error for a bad --format', async () => {
    const r = await runCli(['doctor', '--format', 'xml'], { cwd: ROOT });
    expect(r.code).toBe(2);
  });
});

describe('doctor checks (units)', () => {
  it('Node version', () => {
    expect(checkNode('20.17.0').status).toBe('ok');
    expect(checkNode('22.1.0').status).toBe('ok');
    expect(checkNode('20.11.1')).toMatchObject({ status: 'fail', fix: expect.stringMatching(/Node 20/) });
    expect(checkNode('18.19.0').status).toBe('fail');
  });
  it('calendar coverage', () => {
    expect(checkCalendar([2026], [2025, 2026]).status).toBe('ok');
    expect(checkCalendar([2026, 2027], [2025, 2026])).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/2027/),
    });
  });
  it("clock skew: ok within 30 s, warn within 5 min, fail beyond; can't tell without a Date", async () => {
    const at = new Date('2027-03-01T02:00:00Z');
    const from = (s: number) => async () => ({
      date: new Date(at.getTime() - s * 1000),
      from: 'api.weixin.qq.com',
    });
    expect((await checkClock(fixedClock(at), false, from(5))).status).toBe('ok');
    expect((await checkClock(fixedClock(at), false, from(-120))).status).toBe('warn');
    expect((await checkClock(fixedClock(at), false, from(900))).status).toBe('fail');
    expect((await checkClock(fixedClock(at), false, async () => undefined)).detail).toMatch(/can't tell/);
    expect(
      (
        await checkClock(fixedClock(at), false, async () => {
          throw new Error('offline');
        })
      ).status,
    ).toBe('skip');
  });
});
