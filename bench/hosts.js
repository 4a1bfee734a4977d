// bench/hosts: several dispatch hosts on one store. `livectl dispatch` processes (the real CLI, as
// hosts run it) share the due rows of one store and send to one `livectl emulator`:
//  - N due WeCom group-send rows: SQLite with 1 dispatcher against PostgreSQL with 1, 2 and 4
//    (rows/s from the first spawn to the last exit, startup included; ratios in the same run; the CPU
//    time a row cost in the dispatchers, the emulator and the server, which says what 2 cores can
//    reach whatever else the machine is running);
//  - C campaigns × M-openid subscribe-message audiences: the schedule's rows (1,000 openids a row)
//    written to each store, then dispatched (every openid one subscribe/send);
//  - apply of G goods (bench/apply.js) with the state in each store.
// BENCH_HOSTS_PAIRS=n adds n alternating SQLite×1 / PostgreSQL×2 pairs and their median ratio.
// Sizes scale by environment (BENCH_HOSTS_ROWS, BENCH_SUBSCRIBE_CAMPAIGNS, BENCH_SUBSCRIBE_OPENIDS,
// BENCH_SUBSCRIBE_DISPATCH_OPENIDS, BENCH_APPLY_GOODS); the rows say which sizes ran. PostgreSQL is the
// server of LIVECTL_TEST_PG_URL, else one started by bench/stores.js with durable settings (the rows
// name them). The emulator's state is emptied before every leg: it keeps every group send, and some of
// its work grows with them, so a later leg would otherwise pay for the earlier legs' sends.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { reconcileSchedule } from '../dist/reminders/reconcile.js';
import { reminderKey } from '../dist/reminders/schedule.js';
import { benchApply } from './apply.js';
import { rows as groupRows } from './dispatch.js';
import { spawnEmulator } from './emulator.js';
import {
  commitsOf,
  freshDatabase,
  openBenchStore,
  postgresStoreBuilt,
  serverCpuSeconds,
  serverSettings,
  statOf,
  stopPostgres,
} from './stores.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'livectl.js');
const DUE = new Date('2027-03-05T02:00:00Z');
const CHUNK = 1000;
const num = (name, dflt) => Number(process.env[name] ?? dflt);
const fmt = (x) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });

/** Subscribe-message rows of one campaign, as the schedule makes them: a row per 1,000 openids. */
function subscribeRows(campaign, openids) {
  const out = [];
  for (let i = 0; i * CHUNK < openids; i++) {
    const slice = `openids:${String(i + 1).padStart(4, '0')}`;
    const key = reminderKey(campaign, 't-1d', 'subscribers', slice);
    out.push({
      campaign,
      wave: 't-1d',
      channel: 'subscribers',
      slice,
      dueAt: DUE.toISOString(),
      graceMs: 6 * 3600_000,
      idempotencyKey: key,
      payload: {
        v: 1,
        type: 'subscribe-message',
        kind: 'soon',
        accounts: { miniProgram: 'wx0123456789abcdef' },
        timezone: 'Asia/Shanghai',
        text: '明晚 20:00 女神节直播专场',
        coupons: [],
        room: { name: '女神节直播专场', id: '1001', page: 'pages/live/index?room_id=1001' },
        marker: key.slice(0, 12),
        templateId: 'tmpl-live-soon',
        page: 'pages/live/index?room_id=1001',
        data: { thing1: '女神节直播专场', time2: '2027-03-08 20:00' },
        openids: Array.from(
          { length: Math.min(CHUNK, openids - i * CHUNK) },
          (_, j) => `o${campaign.slice(-3)}${String(i * CHUNK + j).padStart(7, '0')}`,
        ),
      },
    });
  }
  return out;
}

async function write(location, byCampaign) {
  const store = await openBenchStore(location, { now: () => DUE });
  try {
    const t0 = performance.now();
    for (const [campaign, rows] of byCampaign) {
      await store.ensureCampaign(campaign);
      await store.outbox().upsert(campaign, rows, DUE, reconcileSchedule);
    }
    return performance.now() - t0;
  } finally {
    await store.close();
  }
}

function dispatcher(location, emu) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        bin,
        'dispatch',
        '--state',
        location,
        '--now',
        DUE.toISOString(),
        '--limit',
        '10000000',
        '--format',
        'json',
      ],
      {
        env: {
          PATH: process.env.PATH ?? '',
          NO_COLOR: '1',
          LIVECTL_WECHAT_API: emu.wechatBase,
          LIVECTL_WECOM_API: emu.wecomBase,
          LIVECTL_APP_SECRET: 'bench-secret-0123456789',
          LIVECTL_WECOM_SECRET: 'bench-wecom-0123456789',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve(JSON.parse(out));
      } catch {
        reject(new Error(`dispatch exited ${code}: ${err.slice(-2000)}${out.slice(-500)}`));
      }
    });
  });
}

/** `processes` dispatchers at once on the store; every row must end sent. */
async function dispatchAll(location, emu, processes, expected) {
  const t0 = performance.now();
  const runs = await Promise.all(Array.from({ length: processes }, () => dispatcher(location, emu)));
  const secs = (performance.now() - t0) / 1000;
  const sent = runs.reduce((n, s) => n + s.sent, 0);
  if (sent !== expected)
    throw new Error(
      `bench hosts: ${sent} of ${expected} rows sent: ${JSON.stringify(runs.map((r) => r.rows?.find((x) => x.outcome !== 'sent')))}`,
    );
  return { secs, rps: sent / secs, perProcess: runs.map((r) => r.sent) };
}

/** One leg: `k` dispatchers on a fresh store at `location` holding `n` due rows. */
async function dispatchLeg(emu, n, store, k, location, settings) {
  await write(location, [['bench-dispatch', groupRows(n)]]);
  await emu.admin('reset', {});
  const pgStore = store === 'PostgreSQL';
  const before = pgStore ? await commitsOf(location) : 0;
  const cpu0 = { dispatchers: statOf(process.pid).children, emulator: statOf(emu.pid)?.self ?? 0 };
  const server0 = pgStore ? await serverCpuSeconds() : undefined;
  const r = await dispatchAll(location, emu, k, n);
  // Reaped by this process: the dispatchers' CPU time is in its children's.
  const cpu = {
    dispatchers: statOf(process.pid).children - cpu0.dispatchers,
    emulator: (statOf(emu.pid)?.self ?? 0) - cpu0.emulator,
  };
  const server1 = pgStore ? await serverCpuSeconds() : undefined;
  if (server0 !== undefined && server1 !== undefined) cpu.server = server1 - server0;
  // The server's statistics lag its commits by up to a second: wait that out, unmeasured.
  const perRow = pgStore
    ? await new Promise((res) => setTimeout(res, 1500)).then(
        async () => ((await commitsOf(location)) - before) / n,
      )
    : undefined;
  const ms = (secs) => ((secs * 1000) / n).toFixed(2);
  const total = Object.values(cpu).reduce((a, b) => a + b, 0);
  const cpuText = `CPU ms a row: ${Object.entries(cpu)
    .map(([who, secs]) => `${who} ${ms(secs)}`)
    .join(', ')}, total ${ms(total)} → ${fmt(n / total)} rows/s per busy core`;
  return {
    r,
    row: {
      metric: `dispatch ${fmt(n)} due rows, ${store}${pgStore ? ` (${settings})` : ''}, ${k} dispatcher${k === 1 ? '' : 's'}`,
      value: `${fmt(r.rps)} rows/s (${r.secs.toFixed(1)} s${k > 1 ? `; ${r.perProcess.join('/')} rows each` : ''}${perRow === undefined ? '' : `; ${perRow.toFixed(2)} commits a row`}; ${cpuText})`,
      target: '',
    },
  };
}

async function dispatchPiece(emu, dir, n) {
  const out = [];
  const legs = [['SQLite', 1, path.join(dir, 'dispatch.db')]];
  if (postgresStoreBuilt()) for (const k of [1, 2, 4]) legs.push(['PostgreSQL', k, await freshDatabase()]);
  const result = {};
  const settings = postgresStoreBuilt() ? await serverSettings() : '';
  for (const [store, k, location] of legs) {
    const { r, row } = await dispatchLeg(emu, n, store, k, location, settings);
    result[`${store}×${k}`] = r;
    out.push(row);
  }
  const base = result['SQLite×1'];
  if (postgresStoreBuilt()) {
    for (const k of [1, 2, 4])
      out.push({
        metric: `PostgreSQL×${k} / SQLite×1 rows/s`,
        value: `${(result[`PostgreSQL×${k}`].rps / base.rps).toFixed(2)}×`,
        target: k === 2 ? '≥ 1.00×' : '',
        ...(k === 2 ? { ok: result['PostgreSQL×2'].rps >= base.rps } : {}),
      });
    // Alternating pairs, SQLite×1 then PostgreSQL×2: a machine whose load changes during the run
    // (other work on its cores) weighs on both legs of a pair about alike.
    const pairs = num('BENCH_HOSTS_PAIRS', 0);
    const ratios = [];
    for (let i = 0; i < pairs; i++) {
      const s = await dispatchLeg(emu, n, 'SQLite', 1, path.join(dir, `pair-${i}.db`), settings);
      const p = await dispatchLeg(emu, n, 'PostgreSQL', 2, await freshDatabase(), settings);
      ratios.push(p.r.rps / s.r.rps);
      out.push(
        { ...s.row, metric: `pair ${i + 1}: ${s.row.metric}` },
        { ...p.row, metric: `pair ${i + 1}: ${p.row.metric}` },
        {
          metric: `pair ${i + 1}: PostgreSQL×2 / SQLite×1 rows/s`,
          value: `${ratios[i].toFixed(2)}×`,
          target: '',
        },
      );
    }
    if (pairs > 0) {
      const sorted = [...ratios].sort((x, y) => x - y);
      const median = sorted[Math.floor(sorted.length / 2)];
      out.push({
        metric: `PostgreSQL×2 / SQLite×1 rows/s, median of ${pairs} alternating pairs`,
        value: `${median.toFixed(2)}× (${ratios.map((x) => x.toFixed(2)).join(', ')})`,
        target: '≥ 1.00×',
        ok: median >= 1,
      });
    }
  } else
    out.push({
      metric: 'PostgreSQL legs',
      value: 'not run: this build has no PostgreSQL store (src/state/open.ts)',
      target: '≥ SQLite×1 with 2',
      ok: false,
    });
  return out;
}

async function subscribePiece(emu, dir) {
  const campaigns = num('BENCH_SUBSCRIBE_CAMPAIGNS', 100);
  const openids = num('BENCH_SUBSCRIBE_OPENIDS', 10_000);
  const sendOpenids = num('BENCH_SUBSCRIBE_DISPATCH_OPENIDS', 300);
  const names = Array.from({ length: campaigns }, (_, i) => `bench-sub-${String(i).padStart(3, '0')}`);
  const out = [];
  const legs = [['SQLite', 1, (tag) => path.join(dir, `subscribe-${tag}.db`)]];
  if (postgresStoreBuilt()) legs.push(['PostgreSQL', 2, () => freshDatabase()]);
  for (const [store, k, where] of legs) {
    const full = await where('full');
    const writeMs = await write(
      full,
      names.map((c) => [c, subscribeRows(c, openids)]),
    );
    const rowsWritten = campaigns * Math.ceil(openids / CHUNK);
    out.push({
      metric: `write ${campaigns} campaigns × ${fmt(openids)} openids (${fmt(rowsWritten)} rows), ${store}`,
      value: `${(writeMs / 1000).toFixed(2)} s`,
      target: '',
    });
    const small = await where('send');
    await write(
      small,
      names.map((c) => [c, subscribeRows(c, sendOpenids)]),
    );
    const rowsDue = campaigns * Math.ceil(sendOpenids / CHUNK);
    await emu.admin('reset', {});
    const r = await dispatchAll(small, emu, k, rowsDue);
    const sends = campaigns * sendOpenids;
    out.push({
      metric: `dispatch ${campaigns} campaigns × ${fmt(sendOpenids)} openids (${fmt(sends)} sends), ${store} ×${k}`,
      value: `${fmt(sends / r.secs)} sends/s (${r.secs.toFixed(1)} s)`,
      target: '',
    });
  }
  return out;
}

async function applyPiece() {
  const goods = num('BENCH_APPLY_GOODS', 200);
  const out = [];
  const legs = [['SQLite', undefined]];
  if (postgresStoreBuilt()) legs.push(['PostgreSQL', await freshDatabase()]);
  for (const [store, state] of legs) {
    const [first, second] = await benchApply({ goods, ...(state ? { state } : {}) });
    out.push(
      { ...first, metric: `${first.metric}, ${store}` },
      { ...second, metric: `${second.metric}, ${store}` },
    );
  }
  return out;
}

export async function benchHosts({ n = num('BENCH_HOSTS_ROWS', 10_000) } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'livectl-bench-hosts-'));
  const emu = await spawnEmulator({ now: DUE, verify: [] });
  try {
    const only = process.env.BENCH_HOSTS_ONLY;
    const out = [];
    if (!only || only === 'dispatch') out.push(...(await dispatchPiece(emu, dir, n)));
    if (!only || only === 'subscribe') out.push(...(await subscribePiece(emu, dir)));
    if (!only || only === 'apply') out.push(...(await applyPiece()));
    return out;
  } finally {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
    stopPostgres();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchHosts())
    console.log(
      `${r.metric}: ${r.value}${r.target ? ` (target ${r.target})` : ''}${r.ok === false ? ' MISSED' : ''}`,
    );
}
