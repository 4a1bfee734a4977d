/**
 * `livectl dispatch` and `livectl daemon` in-process (main(argv, deps) and runDaemon with a hand-driven
 * schedule and stop signal), against the emulator and a real store.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDaemon } from '../../src/cli/run-daemon.js';
import { renderDispatchLine, renderDispatchText } from '../../src/cli/run-dispatch.js';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { fixedClock, memoryOutput } from '../../src/platform/deps.js';
import type { DispatchSummary, RowOutcome } from '../../src/reminders/dispatch.js';
import { writeOutbox } from '../../src/reminders/outbox.js';
import { openSqliteStore } from '../../src/state/sqlite-store.js';
import type { Json } from '../contract/harness.js';
import { runCli } from '../support/cli.js';
import { goddessRows } from './support.js';

const CAMPAIGN = 'goddess-day-2027';
const T3D = new Date('2027-03-05T02:00:00Z');
const EMPTY: DispatchSummary = {
  formatVersion: 1,
  now: '2027-03-05T02:01:00.000Z',
  owner: 'test',
  claimed: 0,
  sent: 0,
  skipped: 0,
  failed: 0,
  retrying: 0,
  recovered: 0,
  lostLease: 0,
  rows: [],
};

let emu: RunningEmulator;
let dir: string;
let stateFile: string;
let env: Record<string, string>;

async function start(opts: EmulatorOptions = {}) {
  emu = await startEmulator({ port: 0, now: T3D, ...opts });
  env = {
    LIVECTL_WECHAT_API: emu.wechatBase,
    LIVECTL_WECOM_API: emu.wecomBase,
    LIVECTL_APP_SECRET: 'app-secret-0123456789',
    LIVECTL_WECOM_SECRET: 'wecom-secret-0123456789',
    LIVECTL_OA_SECRET: 'oa-secret-0123456789',
    LIVECTL_ROBOT_STAFF: 'robot-key-0123456789',
  };
}

async function seed(filter: (wave: string) => boolean) {
  const store = await openSqliteStore(stateFile, { clock: fixedClock(T3D) });
  const rows = goddessRows('1001').filter((r) => filter(r.wave));
  await writeOutbox(store, CAMPAIGN, rows, T3D);
  await store.close();
  return rows;
}

const admin = async (p: string, body?: unknown) =>
  (await (
    await fetch(
      `${emu.url}/__emulator/${p}`,
      body === undefined
        ? {}
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    )
  ).json()) as Json;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'livectl-dispatch-cli-'));
  stateFile = path.join(dir, 'state.db');
  await start();
});
afterEach(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('livectl dispatch', () => {
  it('without a state store exits 1, naming the path it looked at and how to point at the right one', async () => {
    const r = await runCli(['dispatch', '--state', stateFile, '--now', T3D.toISOString()], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`no state store at ${stateFile} (given by --state)`);
    expect(r.stderr).toMatch(/--state <path>, or set LIVECTL_STATE/);
    expect(r.stderr).not.toMatch(/This is a bug|\n\s+at /);
    // From cron in the wrong folder: the default path in the working directory, named as such.
    const cron = await runCli(['dispatch'], { env, cwd: dir });
    expect(cron.code).toBe(1);
    expect(cron.stderr).toContain(`no state store at ${path.join(dir, '.livectl', 'state.db')} (the default`);
    const viaEnv = await runCli(['dispatch', '--format', 'json'], {
      env: { ...env, LIVECTL_STATE: stateFile },
      cwd: dir,
    });
    expect(viaEnv.code).toBe(1);
    expect(viaEnv.stdout + viaEnv.stderr).toContain('given by LIVECTL_STATE');
    // Nothing was created where it looked.
    expect(existsSync(stateFile)).toBe(false);
    expect(existsSync(path.join(dir, '.livectl'))).toBe(false);
  });

  it('sends what is due and prints one line per row and a summary; again: nothing due', async () => {
    await seed((w) => w === 't-3d');
    const r = await runCli(['dispatch', '--state', stateFile, '--now', '2027-03-05T10:00:00+08:00'], {
      env,
      cwd: dir,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ goddess-day-2027 t-3d wecom-groups sender:zhangsan {2}sent \(msg[\w-]+\)/);
    expect(r.stdout).toMatch(/✓ goddess-day-2027 t-3d wecom-moments {2}sent \(mom[\w-]+\)/);
    expect(r.stdout).toContain(
      'Dispatched 3 at 2027-03-05 10:00 Asia/Shanghai: 3 sent · 0 skipped · 0 failed · 0 to retry',
    );
    expect(r.stdout).not.toContain('secret-0123456789');
    const again = await runCli(['dispatch', '--state', stateFile, '--now', '2027-03-05T10:01:00+08:00'], {
      env,
    });
    expect(again.stdout).toBe('Nothing due at 2027-03-05 10:01 Asia/Shanghai.\n');
  });

  it("shows a retry's time in the row's campaign zone, naming it when the summary does not", () => {
    const row: RowOutcome = {
      id: 1,
      campaign: 'goddess-day-2027',
      wave: 't-3d',
      channel: 'wecom-moments',
      slice: '',
      type: 'wecom-moments',
      dueAt: '2027-03-05T02:00:00.000Z',
      timezone: 'Asia/Shanghai',
      outcome: 'retry',
      attempts: 2,
      nextAttemptAt: '2027-03-05T02:03:00.000Z',
      reason: 'busy',
    };
    expect(renderDispatchLine(row)).toBe(
      '  ↻ goddess-day-2027 t-3d wecom-moments  try again 2027-03-05 10:03 Asia/Shanghai (attempt 2): busy',
    );
    expect(renderDispatchLine(row, undefined, 'Asia/Shanghai')).toContain(
      'try again 2027-03-05 10:03 (attempt 2)',
    );
    expect(renderDispatchText({ ...EMPTY, claimed: 1, retrying: 1, rows: [row] })).toContain(
      'Dispatched 1 at 2027-03-05 10:01 Asia/Shanghai: 0 sent',
    );
  });

  it('exits 1 when a row failed, with the reason; --format json is one document', async () => {
    await seed((w) => w === 't-3d');
    await admin('faults', {
      path: '/qyapi/cgi-bin/externalcontact/add_moment_task',
      kind: 'errcode',
      errcode: 40058,
    });
    const r = await runCli(
      ['dispatch', '--state', stateFile, '--now', T3D.toISOString(), '--format', 'json'],
      { env },
    );
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ formatVersion: 1, claimed: 3, sent: 2, failed: 1, statePath: stateFile });
    expect(doc.rows.find((x: { channel: string }) => x.channel === 'wecom-moments').reason).toMatch(/40058/);
  });

  it('honours --limit and --campaign, and refuses a bad --limit (exit 2)', async () => {
    await seed((w) => w === 't-3d');
    const none = await runCli(
      ['dispatch', '--state', stateFile, '--now', T3D.toISOString(), '--campaign', 'other'],
      { env },
    );
    expect(none.stdout).toMatch(/^Nothing due/);
    const one = await runCli(['dispatch', '--state', stateFile, '--now', T3D.toISOString(), '--limit', '1'], {
      env,
    });
    expect(one.stdout).toContain('Dispatched 1 ');
    const bad = await runCli(['dispatch', '--state', stateFile, '--limit', 'lots'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--limit expects a positive whole number/);
    const lease = await runCli(['dispatch', '--state', stateFile, '--lease', '500ms'], { env });
    expect(lease.code).toBe(2);
    expect(lease.stderr).toMatch(/--lease expects a duration from 1s to 1d such as 5m or 30s, got "500ms"/);
  });

  it('keeps leases on the real clock: a --now rehearsal days ahead does not take rows a running dispatcher holds', async () => {
    await seed((w) => w === 't-3d');
    const wall = new Date('2027-03-05T02:00:30Z');
    // Another dispatcher, running now (wall clock), holds every due row for 5 minutes.
    const obStore = await openSqliteStore(stateFile, { clock: fixedClock(new Date(0)) });
    const ob = obStore.outbox();
    const held = await ob.claim({ now: wall, owner: 'cron-dispatcher', limit: 10, leaseMs: 5 * 60_000 });
    await obStore.close();
    expect(held).toHaveLength(3);
    const rehearsal = await runCli(['dispatch', '--state', stateFile, '--now', '2027-03-09T10:00:00+08:00'], {
      env,
      now: new Date(wall.getTime() + 60_000),
    });
    expect(rehearsal.code).toBe(0);
    expect(rehearsal.stdout).toMatch(/^Nothing due/);
    // Once that lease has lapsed on the real clock, the rows are taken back.
    const later = await runCli(['dispatch', '--state', stateFile, '--now', '2027-03-05T10:10:00+08:00'], {
      env,
      now: new Date(wall.getTime() + 6 * 60_000),
    });
    expect(later.stdout).toContain('Dispatched 3 ');
  });

  it('retries rows whose credentials are missing instead of failing them (exit 0)', async () => {
    await seed((w) => w === 't-3d');
    const { LIVECTL_WECOM_SECRET: _, ...noWecom } = env;
    const r = await runCli(['dispatch', '--state', stateFile, '--now', T3D.toISOString()], { env: noWecom });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /↻ .* No WeCom credentials — Set the account id in the campaign and the secret in LIVECTL_WECOM_SECRET/,
    );
  });
});

describe('livectl daemon', () => {
  function ports() {
    let tick: (() => Promise<void>) | undefined;
    let stop: ((s: string) => void) | undefined;
    let stopped = false;
    let onScheduled: () => void = () => {};
    const scheduled = new Promise<void>((r) => {
      onScheduled = r;
    });
    return {
      scheduled,
      schedule: (expr: string, fn: () => Promise<void>, opts: { timezone: string }) => {
        expect(expr).toBe('* * * * *');
        expect(opts.timezone).toBe('Asia/Shanghai');
        tick = fn;
        onScheduled();
        return {
          stop: () => {
            stopped = true;
          },
        };
      },
      onStopSignal: (fn: (s: string) => void) => {
        stop = fn;
        return () => {};
      },
      tick: () => tick!(),
      stop: (s = 'SIGTERM') => stop!(s),
      get stopped() {
        return stopped;
      },
    };
  }

  it('dispatches every tick in the campaigns’ zone; one daemon per store; SIGTERM finishes in-flight sends and releases', async () => {
    await seed((w) => w === 't-3d' || w === 't-1d');
    let now = T3D;
    const clock = { now: () => now };
    const out = memoryOutput();
    const p = ports();
    const deps = { clock, stdout: out, stderr: memoryOutput(), env, cwd: dir, stdinIsTTY: false, ...p };
    const running = runDaemon({ state: stateFile }, deps);
    await p.scheduled;
    // The first tick runs at once (catch-up after a restart).
    await p.tick();
    expect(out.text()).toMatch(/dispatched 3: 3 sent/);

    // A second daemon on the same store is refused.
    const second = memoryOutput();
    await expect(runDaemon({ state: stateFile }, { ...deps, stdout: second, ...ports() })).rejects.toThrow(
      /another livectl daemon is running/,
    );

    // The t-1d sends are slow; SIGTERM arrives in the middle of the tick.
    now = new Date('2027-03-07T04:00:00Z');
    await admin('clock', { now: now.toISOString() });
    await admin('faults', {
      path: '/qyapi/cgi-bin/externalcontact/add_msg_template',
      kind: 'latency',
      ms: 300,
    });
    await admin('requests/clear', {});
    const slow = p.tick();
    // SIGTERM once the first group send is on the wire (the emulator holds it 300 ms).
    const onWire = async () =>
      ((await admin('requests')).requests as Json[]).some((r) => r.path.endsWith('/add_msg_template'));
    while (!(await onWire())) {
      // each check is a round trip to the emulator: no timer involved
    }
    p.stop('SIGTERM');
    await slow;
    expect(await running).toBe(0);
    expect(p.stopped).toBe(true);
    const text = out.text();
    expect(text).toMatch(/stopped \(SIGTERM\): sends in flight finished, \d+ unstarted rows? given back/);

    const store = await openSqliteStore(stateFile, { clock });
    const obStore = await openSqliteStore(stateFile, { clock: fixedClock(new Date(0)) });
    const ob = obStore.outbox();
    const counts = await ob.counts(CAMPAIGN);
    // Nothing is left claimed: in-flight rows were recorded, the rest given back.
    expect(counts.claimed).toBe(0);
    // t-3d: 3 rows; t-1d: 6 (article, menu switch and its later restore, 2 group sends, Moments).
    expect(counts.sent + counts.pending).toBe(3 + 6);
    expect(counts.sent).toBeGreaterThanOrEqual(4);
    // The lock is free: a new daemon may start at once.
    expect(await store.acquireLock('daemon', 'next', 60_000, now)).toBe(true);
    await obStore.close();
    await store.close();
  });

  it('SIGTERM mid-tick: the summary counts the unstarted rows that were given back', async () => {
    const senders = Array.from({ length: 40 }, (_, i) => `s${i}`);
    const store0 = await openSqliteStore(stateFile, { clock: fixedClock(T3D) });
    const rows = goddessRows('1001', (t) =>
      t.replace('senders: [zhangsan, lisi]', `senders: [${senders.join(', ')}]`),
    ).filter((r) => r.wave === 't-3d');
    await writeOutbox(store0, CAMPAIGN, rows, T3D);
    await store0.close();
    const out = memoryOutput();
    const p = ports();
    const deps = {
      clock: fixedClock(T3D),
      stdout: out,
      stderr: memoryOutput(),
      env,
      cwd: dir,
      stdinIsTTY: false,
    };
    await admin('faults', {
      path: '/qyapi/cgi-bin/externalcontact/add_msg_template',
      kind: 'latency',
      ms: 300,
    });
    const running = runDaemon({ state: stateFile }, { ...deps, ...p });
    await p.scheduled;
    const onWire = async () =>
      ((await admin('requests')).requests as Json[]).some((r) => r.path.endsWith('/add_msg_template'));
    while (!(await onWire())) {
      // each check is a round trip to the emulator: no timer involved
    }
    p.stop('SIGTERM');
    expect(await running).toBe(0);
    const obStore = await openSqliteStore(stateFile, { clock: fixedClock(new Date(0)) });
    const ob = obStore.outbox();
    const back = (await ob.list({ campaign: CAMPAIGN, status: 'pending' })).length;
    expect((await ob.counts(CAMPAIGN)).claimed).toBe(0);
    await obStore.close();
    expect(back).toBeGreaterThan(0);
    const line = /stopped \(SIGTERM\): sends in flight finished, (\d+) unstarted rows? given back/.exec(
      out.text(),
    );
    expect(Number(line?.[1])).toBe(back);
  });

  it('refuses to start without a state store (exit 1 naming the path), never creating an empty one', async () => {
    const r = await runCli(['daemon', '--state', stateFile], { env, cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`no state store at ${stateFile}`);
    expect(existsSync(stateFile)).toBe(false);
  });

  it('runs on node-cron for real and stops on the signal', async () => {
    await seed((w) => w === 't-3d');
    const out = memoryOutput();
    let stop: ((s: string) => void) | undefined;
    const running = runDaemon(
      { state: stateFile, timezone: 'Asia/Shanghai', format: 'json' },
      {
        clock: fixedClock(T3D),
        stdout: out,
        stderr: memoryOutput(),
        env,
        cwd: dir,
        stdinIsTTY: false,
        onStopSignal: (fn) => {
          stop = fn;
          return () => {};
        },
      },
    );
    // The daemon's first tick runs at start; wait for its line (yielding to I/O, no timer).
    for (let i = 0; i < 1_000_000 && !/"type":"tick"/.test(out.text()); i++) await new Promise(setImmediate);
    stop!('SIGINT');
    expect(await running).toBe(0);
    const events = out
      .text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events[0]).toMatchObject({ formatVersion: 1, type: 'start', timezone: 'Asia/Shanghai' });
    expect(events.find((e) => e.type === 'tick')).toMatchObject({ claimed: 3, sent: 3 });
    expect(events.at(-1)).toMatchObject({ type: 'stop', signal: 'SIGINT', released: 0 });
  });
});
