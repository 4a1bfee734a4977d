/**
 * `livectl dispatch`, `livectl daemon` and the outbox lines of `status` in Chinese (zh-CN), against
 * the emulator and a real store; the JSON and NDJSON stay as in English.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDaemon } from '../../src/cli/run-daemon.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { setLang } from '../../src/i18n/catalog.js';
import { fixedClock, memoryOutput } from '../../src/platform/deps.js';
import { outboxSummary, renderOutboxSummary, writeOutbox } from '../../src/reminders/outbox.js';
import { openSqliteStore } from '../../src/state/sqlite-store.js';
import { runCli } from '../support/cli.js';
import { goddessRows } from './support.js';

const CAMPAIGN = 'goddess-day-2027';
const T3D = new Date('2027-03-05T02:00:00Z');
/** An English sentence of the dispatch views (ids, channel names and codes aside). */
const ENGLISH =
  /\b(sent|skipped|failed|retry|Dispatched|Nothing due|past its grace|due|pending|outbox|next|last sent|dispatching|stopped|given back)\b/;

let emu: RunningEmulator;
let dir: string;
let stateFile: string;
let env: Record<string, string>;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'livectl-dispatch-zh-'));
  stateFile = path.join(dir, 'state.db');
  emu = await startEmulator({ port: 0, now: T3D });
  env = {
    LIVECTL_WECHAT_API: emu.wechatBase,
    LIVECTL_WECOM_API: emu.wecomBase,
    LIVECTL_APP_SECRET: 'app-secret-0123456789',
    LIVECTL_WECOM_SECRET: 'wecom-secret-0123456789',
    LIVECTL_OA_SECRET: 'oa-secret-0123456789',
    LIVECTL_ROBOT_STAFF: 'robot-key-0123456789',
  };
});
afterEach(async () => {
  setLang('en');
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

async function seed(filter: (wave: string) => boolean) {
  const store = await openSqliteStore(stateFile, { clock: fixedClock(T3D) });
  await writeOutbox(
    store,
    CAMPAIGN,
    goddessRows('1001').filter((r) => filter(r.wave)),
    T3D,
  );
  await store.close();
}

const strip = (s: string) =>
  s.replace(/goddess-day-2027 \S+ \S+( sender:\S+)?/g, '').replace(/\([^)]*\)/g, '');

describe('dispatch and status in Chinese', () => {
  it('says what was sent and skipped, and the summary, in Chinese; the JSON is the English one', async () => {
    await seed((w) => w === 't-3d' || w === 't-30m');
    const zh = { ...env, LIVECTL_LANG: 'zh-CN' };
    const sent = await runCli(['dispatch', '--state', stateFile, '--now', '2027-03-05T10:00:00+08:00'], {
      env: zh,
    });
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(/✓ goddess-day-2027 t-3d wecom-moments {2}已发送（mom[\w-]+）/);
    expect(sent.stdout).toContain(
      '2027-03-05 10:00 Asia/Shanghai 处理了 3 条：已发送 3 · 已跳过 0 · 失败 0 · 待重试 0',
    );
    for (const line of sent.stdout.trim().split('\n')) expect(strip(line), line).not.toMatch(ENGLISH);

    // Two hours after t-30m: past its 15-minute grace, skipped, with the reason in Chinese.
    const late = await runCli(['dispatch', '--state', stateFile, '--now', '2027-03-08T21:30:00+08:00'], {
      env: zh,
    });
    expect(late.stdout).toContain(
      '已跳过：已过宽限期：原定 2027-03-08 19:30，宽限 15m，现在 2027-03-08 21:30 Asia/Shanghai',
    );
    expect(late.stdout).toContain('处理了 3 条：已发送 0 · 已跳过 3 · 失败 0 · 待重试 0');
    const nothing = await runCli(['dispatch', '--state', stateFile, '--now', '2027-03-08T21:31:00+08:00'], {
      env: zh,
    });
    expect(nothing.stdout).toBe('2027-03-08 21:31 Asia/Shanghai 没有到期的提醒。\n');
    // The JSON does not change with the language.
    const json = await runCli(
      ['dispatch', '--state', stateFile, '--now', '2027-03-08T21:32:00+08:00', '--format', 'json'],
      { env: zh },
    );
    expect(JSON.parse(json.stdout)).toMatchObject({ claimed: 0, rows: [] });

    // status's outbox lines (renderOutboxSummary) in Chinese; the recorded reason stays English.
    const store = await openSqliteStore(stateFile, { clock: fixedClock(T3D) });
    const summary = await outboxSummary(store, CAMPAIGN);
    await store.close();
    expect(summary.skipped[0]!.reason).toMatch(/^past its grace window: due 2027-03-08 19:30/);
    setLang('en');
    const en = renderOutboxSummary(summary, 'Asia/Shanghai');
    expect(en[0]).toBe('outbox: 0 pending · 0 sending · 3 sent · 3 skipped · 0 failed · 0 cancelled');
    setLang('zh-CN');
    const lines = renderOutboxSummary(summary, 'Asia/Shanghai');
    expect(lines[0]).toBe('发送队列：待发送 0 · 发送中 0 · 已发送 3 · 已跳过 3 · 失败 0 · 已取消 0');
    expect(lines).toContain(
      '已跳过 t-30m wecom-moments（原定 2027-03-08 19:30）：已过宽限期：原定 2027-03-08 19:30，宽限 15m，现在 2027-03-08 21:30 Asia/Shanghai',
    );
    expect(lines.some((l) => l.startsWith('最近发送：2027-03-05 10:00 t-3d'))).toBe(true);
    for (const l of lines) expect(strip(l), l).not.toMatch(ENGLISH);
  });

  it('says a retry in Chinese (--lang zh-CN), with when it is tried again', async () => {
    await seed((w) => w === 't-3d');
    const { LIVECTL_WECOM_SECRET: _, ...noWecom } = env;
    const r = await runCli(
      ['dispatch', '--state', stateFile, '--now', T3D.toISOString(), '--lang', 'zh-CN'],
      {
        env: noWecom,
      },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /↻ goddess-day-2027 t-3d wecom-moments {2}2027-03-05 10:\d\d 重试（第 1 次尝试）：/,
    );
    expect(r.stdout).toContain('待重试 3');
  });
});

describe('the daemon in Chinese', () => {
  it('logs its start, each row, the tick and its stop in Chinese', async () => {
    await seed((w) => w === 't-3d');
    setLang('zh-CN');
    let tick: (() => Promise<void>) | undefined;
    let stop: ((s: string) => void) | undefined;
    let scheduled: () => void = () => {};
    const ready = new Promise<void>((r) => {
      scheduled = r;
    });
    const out = memoryOutput();
    const running = runDaemon(
      { state: stateFile },
      {
        clock: fixedClock(T3D),
        stdout: out,
        stderr: memoryOutput(),
        env,
        cwd: dir,
        stdinIsTTY: false,
        schedule: (_e, fn) => {
          tick = fn;
          scheduled();
          return { stop: () => {} };
        },
        onStopSignal: (fn) => {
          stop = fn;
          return () => {};
        },
      },
    );
    await ready;
    await tick!();
    stop!('SIGTERM');
    expect(await running).toBe(0);
    const lines = out.text().trim().split('\n');
    expect(lines[0]).toBe(
      `2027-03-05T02:00:00.000Z livectl daemon：每分钟发送一次（Asia/Shanghai），状态库 ${stateFile}`,
    );
    expect(lines).toContain('2027-03-05T02:00:00.000Z 处理了 3 条：已发送 3 · 已跳过 0 · 失败 0 · 待重试 0');
    expect(lines.some((l) => /✓ goddess-day-2027 t-3d wecom-moments {2}已发送/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe(
      '2027-03-05T02:00:00.000Z 已停止（SIGTERM）：发送中的提醒已完成，退回 0 条未开始的提醒',
    );
    for (const l of lines) expect(strip(l.slice(25)), l).not.toMatch(ENGLISH);
  });
});
