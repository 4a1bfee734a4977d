// bench/apply: `livectl apply` of a 200-product campaign against `livectl emulator` (its own process, as an
// operator runs it): wall time and remote requests of the first apply (every image uploaded, every good
// added, the room, codes), of a second apply with nothing changed, and of an apply after the audit passed
// (200 goods into the room). Real CLI (bin/livectl.js), real SQLite state in a temp folder.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gradientPng } from '../scripts/png.js';
import { spawnEmulator } from './emulator.js';
import { timeCommand } from './measure.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'livectl.js');
const T0 = new Date('2027-03-01T02:00:00Z');
const AFTER_AUDIT = new Date(T0.getTime() + 3 * 3600_000);

function campaign(n) {
  const products = Array.from(
    { length: n },
    (_, i) =>
      `  - { id: p${i + 1}, name: 春茶精选第${i + 1}号, image: assets/p${i + 1}.png, price: { type: fixed, amount: ${100 + i} }, page: pages/goods/detail?id=${i + 1} }`,
  ).join('\n');
  const base = readFileSync(path.join(root, 'campaigns', 'minimal.yaml'), 'utf8');
  return base
    .replace('start: 2027-04-10T19:30', 'start: 2027-03-20T19:30')
    .replace(/products:\n.*\n/, `products:\n${products}\n`);
}

function applyOnce(dir, env, now) {
  const r = timeCommand(
    [bin, 'apply', 'campaign.yaml', '--yes', '--format', 'json', '--now', now.toISOString()],
    {
      cwd: dir,
      env: { ...process.env, ...env },
    },
  );
  if (r.status !== 0) throw new Error(`apply failed (${r.status}): ${r.stderr}\n${r.stdout.slice(-2000)}`);
  const events = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const summary = events.at(-1);
  return { ms: r.ms, summary, events };
}

/** `state`: where apply keeps its state (LIVECTL_STATE: a SQLite path or a postgres:// URL); default beside the campaign. */
export async function benchApply({ goods = 200, state: stateStore } = {}) {
  const emu = await spawnEmulator({ now: T0, verify: ['tea_lin'] });
  const dir = mkdtempSync(path.join(tmpdir(), 'livectl-bench-apply-'));
  try {
    mkdirSync(path.join(dir, 'assets'));
    cpSync(path.join(root, 'campaigns', 'assets'), path.join(dir, 'assets'), { recursive: true });
    // Distinct images, so every good needs its own upload (the realistic worst case).
    for (let i = 1; i <= goods; i++) {
      writeFileSync(
        path.join(dir, 'assets', `p${i}.png`),
        gradientPng(64, 64, [i % 256, 80, 120], [250, 200, (i * 7) % 256]),
      );
    }
    writeFileSync(path.join(dir, 'campaign.yaml'), campaign(goods));
    const env = {
      LIVECTL_WECHAT_API: emu.url,
      LIVECTL_WECOM_API: `${emu.url}/qyapi`,
      LIVECTL_APP_SECRET: 'bench-secret-0123456789',
      ...(stateStore ? { LIVECTL_STATE: stateStore } : {}),
    };
    const first = applyOnce(dir, env, T0);
    const second = applyOnce(dir, env, T0);
    await emu.admin('clock', { now: AFTER_AUDIT.toISOString() });
    const third = applyOnce(dir, env, AFTER_AUDIT);
    const state = await emu.admin('state');
    const liveGoods = state.goods.filter((g) => !g.deleted).length;
    const inRoom = state.rooms[0]?.goods.length ?? 0;
    const ok = liveGoods === goods && state.rooms.filter((r) => !r.deleted).length === 1 && inRoom === goods;
    return [
      {
        metric: `apply: first run, ${goods} goods (uploads, adds, room, codes)`,
        value: `${(first.ms / 1000).toFixed(2)} s, ${first.summary.requests} requests`,
        target: '≤ 30 s',
        ok: first.ms <= 30_000 && first.summary.outcome === 'complete',
      },
      {
        metric: 'apply: second run, nothing changed',
        value: `${(second.ms / 1000).toFixed(2)} s, ${second.summary.requests} requests, 0 writes`,
        target: '',
        ok: second.events.filter((e) => e.type === 'change-done').length === 0,
      },
      {
        metric: `apply: after the audit, ${goods} goods into the room`,
        value: `${(third.ms / 1000).toFixed(2)} s, ${third.summary.requests} requests`,
        target: '',
        ok,
      },
    ];
  } finally {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await benchApply())
    console.log(`${row.metric}: ${row.value} ${row.ok ? 'ok' : 'MISSED'}`);
}
