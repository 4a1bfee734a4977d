/**
 * Several hosts on one PostgreSQL database: three `livectl dispatch` processes (each its own
 * `application_name`), 150 due group-send rows. While one host holds rows mid-send, the server ends
 * every connection of that host (pg_terminate_backend), mid-lease; the other two start then. Rounds
 * repeat until nothing is pending.
 * Asserted from the emulator's own state: every row's task exists exactly once, none lost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { fixedClock } from '../../src/platform/deps.js';
import { writeOutbox } from '../../src/reminders/outbox.js';
import type { WecomGroupsPayload } from '../../src/reminders/types.js';
import type { Json } from '../contract/harness.js';
import {
  asApplication,
  dispatchProcess,
  emulatorAdmin,
  openTestStore,
  type Run,
  storeLocation,
} from './hosts.js';
import { goddessRows } from './support.js';

const CAMPAIGN = 'goddess-day-2027';
const SENDERS = 150;
const HOSTS = 3;

let emu: RunningEmulator;
let dir: string;
let url: string;
let admin: ReturnType<typeof emulatorAdmin>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'livectl-multi-host-'));
  url = await storeLocation('postgres', dir);
  emu = await startEmulator({ port: 0, now: new Date('2027-03-05T02:00:00Z') });
  admin = emulatorAdmin(emu);
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Terminates every server connection of the host named `application`; how many it ended. */
async function cutConnections(application: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query(
      'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = $1',
      [application],
    );
    return r.rows.filter((x: { ended: boolean }) => x.ended).length;
  } finally {
    await client.end();
  }
}

/** Rows the dispatcher of process `pid` holds with a send under way (its owner id names its pid). */
async function heldMidSend(pid: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query(
      `SELECT count(*)::int AS n FROM reminder_outbox
        WHERE status = 'claimed' AND attempt_started_at IS NOT NULL AND lease_owner LIKE $1`,
      [`%:${pid}:%`],
    );
    return (r.rows[0] as { n: number }).n;
  } finally {
    await client.end();
  }
}

describe('dispatch hosts on one PostgreSQL database', () => {
  it(`${HOSTS} hosts, ${SENDERS} due rows, one host's connections cut mid-lease: each sent once, none lost`, async () => {
    const senders = Array.from({ length: SENDERS }, (_, i) => `s${String(i).padStart(3, '0')}`);
    const rows = goddessRows('1001', (t) =>
      t.replace('senders: [zhangsan, lisi]', `senders: [${senders.join(', ')}]`),
    ).filter((r) => r.wave === 't-3d' && r.channel === 'wecom-groups');
    expect(rows).toHaveLength(SENDERS);
    const due = new Date(rows[0]!.dueAt);
    const store = await openTestStore(url, { clock: { now: () => due } });
    await writeOutbox(store, CAMPAIGN, rows, due);
    await store.close();

    const sends = async () =>
      ((await admin('requests')).requests as Json[]).filter((r) => r.path.endsWith('/add_msg_template'))
        .length;
    let cut = 0;
    const runs: Run[] = [];
    let now = due;
    for (let round = 0; round < 20; round++) {
      await admin('clock', { now: now.toISOString() });
      const host = (h: number, started?: (kill: () => boolean, pid: number) => void) =>
        dispatchProcess({
          emu,
          state: asApplication(url, `livectl-host-${h}`),
          cwd: dir,
          now,
          ...(started ? { started } : {}),
        });
      let hosts: Promise<Run>[];
      if (round === 0) {
        // Host 1 starts alone; once it holds rows mid-send, the server ends its connections and the
        // other two start: they find its rows when its lease runs out, and look before sending again.
        let pid = 0;
        let exited = false;
        const first = host(1, (_kill, p) => {
          pid = p;
        }).finally(() => {
          exited = true;
        });
        while (!exited && (await heldMidSend(pid)) === 0) {
          // each check is a round trip to the server: no timer
        }
        cut = await cutConnections('livectl-host-1');
        hosts = [first, host(2), host(3)];
      } else hosts = [1, 2, 3].map((h) => host(h));
      runs.push(...(await Promise.all(hosts)));
      const check = await openTestStore(url, { clock: fixedClock(new Date(0)) });
      const counts = await check.outbox().counts(CAMPAIGN);
      await check.close();
      if (counts.pending + counts.claimed === 0) break;
      // Past every backoff (at most 30 minutes), well within the teaser's 12-hour grace.
      now = new Date(now.getTime() + 31 * 60_000);
    }

    const check = await openTestStore(url, { clock: fixedClock(new Date(0)) });
    const counts = await check.outbox().counts(CAMPAIGN);
    const entries = await check.outbox().list({ campaign: CAMPAIGN });
    await check.close();
    const tasks = (await admin('state')).tasks.filter((t: Json) => t.kind === 'groupmsg');
    const byMarker = new Map<string, number>();
    for (const t of tasks) {
      const page: string = t.attachments.find((a: Json) => a.msgtype === 'miniprogram').miniprogram.page;
      const marker = /lc=([0-9a-f]+)/.exec(page)![1]!;
      byMarker.set(marker, (byMarker.get(marker) ?? 0) + 1);
    }
    console.log(
      `multi-host: ${JSON.stringify({ cut, runs: runs.length, exits: runs.map((r) => r.code), tasks: tasks.length, calls: await sends(), counts })}`,
    );

    // The cut bit: the host had connections open when they were ended.
    expect(cut).toBeGreaterThan(0);
    expect(counts).toMatchObject({ sent: SENDERS, pending: 0, claimed: 0, failed: 0, skipped: 0 });
    expect(tasks).toHaveLength(SENDERS);
    for (const r of rows) expect(byMarker.get((r.payload as WecomGroupsPayload).marker)).toBe(1);
    const ids = new Set(tasks.map((t: Json) => t.id));
    for (const e of entries) expect(ids.has(e.remoteId)).toBe(true);
    expect(new Set(entries.map((e) => e.remoteId)).size).toBe(SENDERS);
    // The host cut off either stopped on the lost connection (a query was in flight when it was cut)
    // or, when its cut connections were idle, went on with fresh ones from the pool; either way
    // nothing failed. Every other run ended cleanly.
    const first = runs[0]!;
    if (first.code === 1)
      expect(first.summary).toMatchObject({ error: { message: expect.stringContaining('was lost') } });
    else expect(first).toMatchObject({ code: 0, summary: { failed: 0 } });
    for (const r of runs.slice(1)) expect(r).toMatchObject({ code: 0, summary: { failed: 0 } });
  }, 180_000);
});
