/**
 * One store, two merchants: campaigns of two mini programs and two WeCom corps, each account with its
 * own secret (a per-account variable for one, the credentials file for the other), dispatched in one
 * run. The emulator knows every account's secret, so a wrong pairing fails the token call.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientsFactory } from '../../src/cli/reminder-session.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { fixedClock } from '../../src/platform/deps.js';
import { writeOutbox } from '../../src/reminders/outbox.js';
import { openSqliteStore } from '../../src/state/sqlite-store.js';
import { runCli } from '../support/cli.js';
import { goddessRows } from './support.js';

const T3D = new Date('2027-03-05T02:00:00Z');
const A = { app: 'wx0123456789abcdef', corp: 'ww0123456789abcdef', campaign: 'goddess-day-2027' };
const B = { app: 'wx2222222222222222', corp: 'ww3333333333333333', campaign: 'other-merchant-2027' };
const SECRET = {
  appA: 'app-a-secret-5a1e2f',
  corpA: 'corp-a-secret-91bd04',
  appB: 'app-b-secret-from-file-c3d9',
  corpB: 'corp-b-secret-from-file-7e20',
};

let emu: RunningEmulator;
let dir: string;
let stateFile: string;
let env: Record<string, string>;

beforeEach(async () => {
  emu = await startEmulator({
    port: 0,
    now: T3D,
    apps: { [A.app]: SECRET.appA, [A.corp]: SECRET.corpA, [B.app]: SECRET.appB, [B.corp]: SECRET.corpB },
  });
  dir = mkdtempSync(path.join(os.tmpdir(), 'livectl-merchants-'));
  stateFile = path.join(dir, 'state.db');
  const creds = path.join(dir, 'creds.yaml');
  writeFileSync(
    creds,
    `miniPrograms:\n  ${B.app}: { secret: "${SECRET.appB}" }\nwecom:\n  ${B.corp}: { secret: "${SECRET.corpB}" }\n`,
  );
  chmodSync(creds, 0o600);
  env = {
    LIVECTL_WECHAT_API: emu.wechatBase,
    LIVECTL_WECOM_API: emu.wecomBase,
    // Merchant A by its own variables; merchant B from the credentials file; the single variables
    // are wrong for both, so using one would fail.
    LIVECTL_APP_SECRET_WX0123456789ABCDEF: SECRET.appA,
    LIVECTL_WECOM_SECRET_WW0123456789ABCDEF: SECRET.corpA,
    LIVECTL_CREDENTIALS: creds,
    LIVECTL_APP_SECRET: 'single-app-secret-wrong',
    LIVECTL_WECOM_SECRET: 'single-wecom-secret-wrong',
  };
  const store = await openSqliteStore(stateFile, { clock: fixedClock(T3D) });
  const t3d = (r: { wave: string }) => r.wave === 't-3d';
  await writeOutbox(store, A.campaign, goddessRows('1001').filter(t3d), T3D);
  const other = goddessRows('2002', (t) =>
    t.replace('goddess-day-2027', B.campaign).replace(A.app, B.app).replace(A.corp, B.corp),
  ).filter(t3d);
  expect(other[0]!.payload.accounts).toMatchObject({ miniProgram: B.app, wecomCorp: B.corp });
  await writeOutbox(store, B.campaign, other, T3D);
  await store.close();
});
afterEach(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('many merchants in one store', () => {
  it('dispatch sends each campaign with its own accounts’ secrets, and prints none of them', async () => {
    const r = await runCli(
      ['dispatch', '--state', stateFile, '--now', T3D.toISOString(), '--format', 'json'],
      {
        env,
        cwd: dir,
      },
    );
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ claimed: 6, sent: 6, failed: 0, retrying: 0 });
    expect(new Set(doc.rows.map((x: { campaign: string }) => x.campaign))).toEqual(
      new Set([A.campaign, B.campaign]),
    );
    for (const s of [...Object.values(SECRET), 'single-app-secret-wrong']) {
      expect(r.stdout + r.stderr).not.toContain(s);
    }
  });

  it('each mini program gets a token with its own secret; a wrong single variable is never used for them', async () => {
    const store = await openSqliteStore(stateFile, { clock: fixedClock(T3D) });
    try {
      const clientsFor = await clientsFactory({ env, cwd: dir }, store, fixedClock(T3D));
      for (const app of [A.app, B.app]) {
        await expect(clientsFor({ miniProgram: app }).miniProgram.tokens.getToken()).resolves.toMatch(
          /^EMU_/,
        );
      }
      // A third mini program, in neither the file nor its own variable: the single (wrong) variable.
      const unknown = clientsFor({ miniProgram: 'wx4444444444444444' }).miniProgram.tokens.getToken();
      await expect(unknown).rejects.toMatchObject({ errcode: 40013 });
    } finally {
      await store.close();
    }
  });
});
