/**
 * A state store damaged under a running dispatcher (its -wal file deleted mid-run) is a clear error
 * naming the store, never "This is a bug" with a stack.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { fixedClock } from '../../src/platform/deps.js';
import { writeOutbox } from '../../src/reminders/outbox.js';
import { openSqliteStore } from '../../src/state/sqlite-store.js';
import type { Json } from '../contract/harness.js';
import { runCli } from '../support/cli.js';
import { goddessRows } from './support.js';

const CAMPAIGN = 'goddess-day-2027';
const T3D = new Date('2027-03-05T02:00:00Z');

let emu: RunningEmulator;
let dir: string;
let stateFile: string;
let env: Record<string, string>;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'livectl-damaged-'));
  stateFile = path.join(dir, 'state.db');
  emu = await startEmulator({ port: 0, now: T3D });
  env = {
    LIVECTL_WECHAT_API: emu.wechatBase,
    LIVECTL_WECOM_API: emu.wecomBase,
    LIVECTL_APP_SECRET: 'app-secret-0123456789',
    LIVECTL_WECOM_SECRET: 'wecom-secret-0123456789',
    LIVECTL_OA_SECRET: 'oa-secret-0123456789',
  };
});
afterEach(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

const admin = async (p: string, body?: unknown) =>
  (await (
    await fetch(
      `${emu.url}/__emulator/${p}`,
      body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
    )
  ).json()) as Json;

describe('a damaged store under a running dispatcher', () => {
  it('its -wal and -shm deleted mid-run: the next dispatcher fails with an error naming the store, no stack', async () => {
    const store = await openSqliteStore(stateFile, { clock: fixedClock(T3D) });
    await writeOutbox(
      store,
      CAMPAIGN,
      goddessRows('1001').filter((r) => r.wave === 't-3d'),
      T3D,
    );
    await store.close();
    await admin('faults', {
      path: '/qyapi/cgi-bin/externalcontact/add_msg_template',
      kind: 'latency',
      ms: 500,
    });
    const argv = ['dispatch', '--state', stateFile, '--now', T3D.toISOString()];
    const running = runCli(argv, { env, cwd: dir });
    const onWire = async () =>
      ((await admin('requests')).requests as Json[]).some((r) => r.path.endsWith('/add_msg_template'));
    while (!(await onWire())) {
      // each check is a round trip to the emulator: no timer involved
    }
    // force: SQLite may have checkpointed and removed them already at this instant.
    rmSync(`${stateFile}-wal`, { force: true });
    rmSync(`${stateFile}-shm`, { force: true });
    // Whether the next run meets the damage depends on which pages SQLite reads (the rows are leased
    // to the running dispatcher, so it may have nothing to do): when it fails, it fails clearly.
    // The deterministic case, text and JSON, is below.
    const r = await runCli(argv, { env, cwd: dir });
    const out = r.stdout + r.stderr;
    expect(out).not.toMatch(/This is a bug|internal error|\n\s+at |"kind": "internal"/);
    if (r.code !== 0) {
      expect(r.code).toBe(1);
      expect(out).toContain(`The state store ${stateFile} could not be read or written`);
      expect(out).toMatch(/-wal or -shm file may have been deleted/);
    }
    expect((await running).code).toBe(0);
  });

  it('its -wal deleted while a dispatcher holds it open: the same clear error', async () => {
    const store = await openSqliteStore(stateFile, { clock: fixedClock(T3D) });
    await writeOutbox(
      store,
      CAMPAIGN,
      goddessRows('1001').filter((r) => r.wave === 't-3d'),
      T3D,
    );
    const obStore = await openSqliteStore(stateFile, { clock: fixedClock(new Date(0)) });
    const ob = obStore.outbox();
    expect((await ob.counts(CAMPAIGN)).pending).toBe(3);
    rmSync(`${stateFile}-wal`);
    const argv = ['dispatch', '--state', stateFile, '--now', T3D.toISOString()];
    const r = await runCli(argv, { env, cwd: dir });
    const j = await runCli([...argv, '--format', 'json'], { env, cwd: dir });
    await obStore.close();
    await store.close();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: The state store ${stateFile} could not be read or written`);
    expect(r.stderr).not.toMatch(/This is a bug|internal error|\n\s+at /);
    expect(j.code).toBe(1);
    expect(j.stdout + j.stderr).toContain(`The state store ${stateFile} could not be read or written`);
    expect(j.stdout + j.stderr).not.toMatch(/This is a bug|"kind": ?"internal"|\n\s+at /);
  });
});
