// bench/dispatch: dispatchDue of 10,000 due reminder rows (WeCom group sends, one per sender) against
// `livectl emulator` in its own process, on a real SQLite store, with the CLI's defaults (8 sends at once,
// claims of 50). The same rows through a no-op channel (no network) give the per-row cost of livectl
// itself: claim, the "attempting" record before the send, the outcome record after it (each a durable
// SQLite transaction). No client-side rate limit applies to WeCom group sends (the robot's 20/min is not
// involved).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatchDue } from '../dist/reminders/dispatch.js';
import { reconcileSchedule } from '../dist/reminders/reconcile.js';
import { reminderKey } from '../dist/reminders/schedule.js';
import { openSqliteStore } from '../dist/state/sqlite-store.js';
import { createClients, MemoryTokenStore } from '../dist/wechat/index.js';
import { spawnEmulator } from './emulator.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const DUE = new Date('2027-03-05T02:00:00Z');
const CAMPAIGN = 'bench-dispatch';

export function rows(n) {
  const shareImage = path.join(root, 'campaigns', 'assets', 'share.png');
  return Array.from({ length: n }, (_, i) => {
    const slice = `sender:s${i}`;
    const key = reminderKey(CAMPAIGN, 't-3d', 'wecom-groups', slice);
    const marker = key.slice(0, 12);
    return {
      campaign: CAMPAIGN,
      wave: 't-3d',
      channel: 'wecom-groups',
      slice,
      dueAt: DUE.toISOString(),
      graceMs: 12 * 3600_000,
      idempotencyKey: key,
      payload: {
        v: 1,
        type: 'wecom-groups',
        kind: 'teaser',
        accounts: { miniProgram: 'wx0123456789abcdef', wecomCorp: 'ww0123456789abcdef' },
        timezone: 'Asia/Shanghai',
        text: '【直播预告】3月8日（周一）20:00–22:00，小美老师在「女神节直播专场」等你！点击卡片预约直播 👇',
        coupons: [],
        room: {
          name: '女神节直播专场',
          id: '1001',
          page: `plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id=1001&lc=${marker}`,
          shareImage,
        },
        marker,
        sender: `s${i}`,
      },
    };
  });
}

/** A fresh store with `n` due rows; returns it and the time the write took. */
async function seeded(dir, name, n) {
  const store = await openSqliteStore(path.join(dir, `${name}.db`), { clock: { now: () => DUE } });
  await store.ensureCampaign(CAMPAIGN);
  const t0 = performance.now();
  await store.outbox().upsert(CAMPAIGN, rows(n), DUE, reconcileSchedule);
  const writeMs = performance.now() - t0;
  return { store, writeMs };
}

async function run(store, clients, adapters) {
  const t0 = performance.now();
  const s = await dispatchDue({
    store,
    clients,
    now: DUE,
    owner: 'bench',
    limit: 1_000_000,
    sleep: async () => {},
    ...(adapters ? { adapters } : {}),
  });
  const secs = (performance.now() - t0) / 1000;
  if (s.sent !== s.claimed)
    throw new Error(
      `bench dispatch: ${s.claimed - s.sent} rows not sent: ${JSON.stringify(s.rows.find((r) => r.outcome !== 'sent'))}`,
    );
  return { sent: s.sent, secs, rps: s.sent / secs };
}

export async function benchDispatch({ n = 10_000 } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'livectl-bench-dispatch-'));
  const emu = await spawnEmulator({ now: DUE, verify: [] });
  try {
    const real = await seeded(dir, 'emulator', n);
    const clients = createClients({
      wechatBase: emu.wechatBase,
      wecomBase: emu.wecomBase,
      credentials: { wecom: { corpId: 'ww0123456789abcdef', secret: 'bench' } },
      tokenStore: new MemoryTokenStore(),
      clock: { now: () => DUE },
    });
    const network = await run(real.store, clients);
    await real.store.close();

    const noop = await seeded(dir, 'noop', n);
    const nothing = {
      type: 'wecom-groups',
      delivery: 'exactly-once',
      why: 'bench',
      send: async (row) => ({ kind: 'done', value: { remoteId: `noop-${row.id}`, details: {} } }),
    };
    const local = await run(noop.store, clients, { 'wecom-groups': nothing });
    await noop.store.close();

    const fmt = (x) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });
    return [
      {
        metric: `write ${fmt(n)} rows (schedule → outbox)`,
        value: `${Math.round(real.writeMs)} ms`,
        target: '',
      },
      {
        metric: `dispatch ${fmt(n)} due rows → emulator`,
        value: `${fmt(network.rps)} rows/s (${network.secs.toFixed(1)} s)`,
        target: '≥ 500 rows/s',
        ok: network.rps >= 500,
      },
      {
        metric: `dispatch ${fmt(n)} rows, no-op channel`,
        value: `${fmt(local.rps)} rows/s (${local.secs.toFixed(1)} s)`,
        target: '',
      },
      {
        metric: 'per-row overhead without the network',
        value: `${(1000 / local.rps).toFixed(2)} ms/row (claim + attempting + outcome)`,
        target: '',
      },
      {
        metric: 'per-row network + emulator share',
        value: `${(1000 / network.rps - 1000 / local.rps).toFixed(2)} ms/row`,
        target: '',
      },
    ];
  } finally {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchDispatch())
    console.log(`${r.metric}: ${r.value}${r.target ? ` (target ${r.target})` : ''}`);
}
