import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import {
  ANCHOR,
  APP_SECRET,
  campaignYaml,
  HOUR,
  type Json,
  makeWorkspace,
  type ProductOpts,
  ROOT,
  remoteWrites,
  T0,
  type Workspace,
} from './support/workspace.js';

/**
 * Crash safety: the real CLI (`node bin/livectl.js apply … --yes`) is killed
 * with SIGKILL at random points — after a random delay, or once the emulator has seen N requests —
 * some runs with the emulator dropping the answer of room create and goods add after the effect;
 * then apply runs again to completion. Every time, the emulator holds exactly one room and one copy
 * of each good, and the state names exactly those.
 */

const BIN = path.join(ROOT, 'bin', 'livectl.js');
const RUNS = Number(process.env.LIVECTL_CRASH_RUNS ?? 24);
const PRODUCTS: ProductOpts[] = Array.from({ length: 8 }, (_, i) => ({
  id: `tea-${i + 1}`,
  name: `春茶礼盒第${'一二三四五六七八'[i]}款`,
  price: `{ type: fixed, amount: ${100 + i} }`,
}));

let emu: RunningEmulator;
let ws: Workspace;
let env: Record<string, string>;
/** Everything every child printed: no secret may be in it. */
const outputs: string[] = [];

const admin = async (p: string, body?: unknown): Promise<Json> => {
  const res = await fetch(
    `${emu.url}/__emulator/${p}`,
    body === undefined
      ? {}
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  return (await res.json()) as Json;
};

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function livectl(args: string[]): { child: ChildProcess; done: Promise<Exit> } {
  const child = spawn(process.execPath, [BIN, ...args, '--now', T0.toISOString()], {
    cwd: ws.dir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<Exit>((resolve) =>
    child.on('close', (code, signal) => {
      outputs.push(stdout, stderr);
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return { child, done };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Kills the child once the emulator has logged `n` requests (or it exits first). */
async function killAfterRequests(child: ChildProcess, n: number, exited: () => boolean): Promise<void> {
  while (!exited()) {
    const log = (await admin('requests')).requests as Json[];
    if (log.length >= n) {
      child.kill('SIGKILL');
      return;
    }
    await sleep(5);
  }
}

async function platform(): Promise<{ rooms: Json[]; goods: Json[] }> {
  const s = await admin('state');
  return {
    rooms: s.rooms.filter((r: Json) => !r.deleted),
    goods: s.goods.filter((g: Json) => !g.deleted),
  };
}

beforeAll(async () => {
  emu = await startEmulator({
    port: 0,
    now: T0,
    verifiedWechat: [ANCHOR],
    audit: 'auto',
    auditDelayMs: 2 * HOUR,
  });
  ws = makeWorkspace(campaignYaml({ products: PRODUCTS }));
  env = {
    LIVECTL_WECHAT_API: emu.wechatBase,
    LIVECTL_WECOM_API: emu.wecomBase,
    LIVECTL_APP_SECRET: APP_SECRET,
    NO_COLOR: '1',
  };
});

afterAll(async () => {
  await emu?.close();
  ws?.close();
});

describe('apply killed with SIGKILL at random points, then applied to completion', () => {
  it(`never creates a second room or a second copy of a good (${RUNS} runs)`, {
    timeout: 600_000,
  }, async () => {
    const stats = {
      runs: 0,
      killed: 0,
      finishedBeforeKill: 0,
      withFaults: 0,
      adopted: 0,
      recoveryApplies: 0,
    };
    for (let run = 0; run < RUNS; run++) {
      // A fresh platform and a fresh state for every run.
      await admin('reset', { now: T0.toISOString() });
      await admin('anchors/verify', { wechat: ANCHOR });
      rmSync(path.join(ws.dir, '.livectl'), { recursive: true, force: true });
      const faults = run % 3 === 1;
      if (faults) {
        stats.withFaults++;
        await admin('faults', { path: '/wxaapi/broadcast/room/create', kind: 'drop-after-effect', times: 1 });
        await admin('faults', { path: '/wxaapi/broadcast/goods/add', kind: 'drop-after-effect', rate: 0.5 });
      }
      // Every answer a little late, so kills land between calls and between a call and its state write.
      await admin('faults', { path: '*', kind: 'latency', ms: 15 });

      const first = livectl(['apply', 'campaign.yaml', '--yes', '--format', 'json']);
      let exited = false;
      void first.done.then(() => {
        exited = true;
      });
      if (run % 2 === 0) {
        await sleep(Math.floor(Math.random() * 1200));
        if (!exited) first.child.kill('SIGKILL');
      } else {
        await killAfterRequests(first.child, 1 + Math.floor(Math.random() * 34), () => exited);
      }
      const f = await first.done;
      if (f.signal === 'SIGKILL') stats.killed++;
      else stats.finishedBeforeKill++;

      // Recovery: the platform behaves again; apply until it says complete.
      await admin('faults', { kind: 'reset', path: '*' });
      let last: Exit | undefined;
      for (let attempt = 0; attempt < 3; attempt++) {
        stats.recoveryApplies++;
        last = await livectl(['apply', 'campaign.yaml', '--yes', '--format', 'json']).done;
        if (last.code === 0) break;
      }
      expect(last?.code, `run ${run}: ${last?.stderr}\n${last?.stdout.slice(-2000)}`).toBe(0);
      for (const line of last!.stdout.trim().split('\n')) {
        const ev = JSON.parse(line) as Json;
        if (ev.type === 'change-done' && ev.adopted) stats.adopted++;
      }

      const p = await platform();
      expect(p.rooms, `run ${run}: rooms`).toHaveLength(1);
      const names = p.goods.map((g) => g.name).sort();
      expect(names, `run ${run}: goods`).toEqual(PRODUCTS.map((x) => x.name).sort());

      // The state names exactly these, and a further apply changes nothing.
      await admin('requests/clear', {});
      const again = await livectl(['apply', 'campaign.yaml', '--yes', '--format', 'json']).done;
      expect(again.code).toBe(0);
      expect(remoteWrites((await admin('requests')).requests as Json[]), `run ${run}: converged`).toEqual([]);
      const status = await livectl(['status', 'campaign.yaml', '--format', 'json']).done;
      expect(status.code, `run ${run}: status ${status.stderr}`).toBe(0);
      const st = JSON.parse(status.stdout) as Json;
      expect(st.room.roomId).toBe(String(p.rooms[0]?.roomId));
      expect(st.goods.map((g: Json) => g.goodsId).sort()).toEqual(
        p.goods.map((g) => String(g.goodsId)).sort(),
      );
      stats.runs++;
    }
    console.log(`crash safety: ${JSON.stringify(stats)}`);
    expect(stats.runs).toBe(RUNS);
    expect(stats.killed).toBeGreaterThanOrEqual(RUNS / 2);
  });
});

describe('two applies as separate processes at once', () => {
  it('never double-create: one applies, the other waits then finds nothing to do or refuses', {
    timeout: 120_000,
  }, async () => {
    await admin('reset', { now: T0.toISOString() });
    await admin('anchors/verify', { wechat: ANCHOR });
    rmSync(path.join(ws.dir, '.livectl'), { recursive: true, force: true });
    await admin('faults', { path: '*', kind: 'latency', ms: 10 });
    const [a, b] = await Promise.all([
      livectl(['apply', 'campaign.yaml', '--yes']).done,
      livectl(['apply', 'campaign.yaml', '--yes']).done,
    ]);
    await admin('faults', { kind: 'reset', path: '*' });
    const codes = [a.code, b.code].sort();
    expect(codes[0]).toBe(0);
    if (codes[1] !== 0)
      expect(`${a.stderr}${b.stderr}`).toContain('another apply of spring-tea is running right now');
    const p = await platform();
    expect(p.rooms).toHaveLength(1);
    expect(p.goods).toHaveLength(PRODUCTS.length);
    const creates = ((await admin('requests')).requests as Json[]).filter(
      (r) => r.path === '/wxaapi/broadcast/room/create',
    );
    expect(creates).toHaveLength(1);
  });
});

describe('output of every run above', () => {
  it('never holds the app secret', () => {
    expect(outputs.length).toBeGreaterThan(0);
    expect(outputs.join('\n')).not.toContain(APP_SECRET);
  });
});
