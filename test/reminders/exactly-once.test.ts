/**
 * Exactly once, the hard way: four `livectl dispatch` processes started together on one store (a
 * SQLite file; a PostgreSQL database where the build has that store), 200 due group-send rows, and an
 * emulator that drops 20 % of WeCom customer-contact answers after the effect and fails 20 % with -1.
 * Rounds repeat (every process at the same `--now`, the emulator's clock moved with it) until nothing
 * is pending; in the first round one of them is killed with SIGKILL mid-run.
 * Asserted from the emulator's own state: every row's task exists exactly once, none lost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { fixedClock } from '../../src/platform/deps.js';
import { writeOutbox } from '../../src/reminders/outbox.js';
import type { WecomGroupsPayload } from '../../src/reminders/types.js';
import type { Json } from '../contract/harness.js';
import { dispatchProcess, emulatorAdmin, openTestStore, STORE_KINDS, storeLocation } from './hosts.js';
import { goddessRows } from './support.js';

const CAMPAIGN = 'goddess-day-2027';
const SENDERS = 200;
const PROCESSES = 4;

describe.each(STORE_KINDS)('exactly once across processes (%s)', (kind) => {
  let emu: RunningEmulator;
  let dir: string;
  let stateFile: string;
  let admin: ReturnType<typeof emulatorAdmin>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'livectl-exactly-once-'));
    stateFile = await storeLocation(kind, dir);
    emu = await startEmulator({ port: 0, now: new Date('2027-03-05T02:00:00Z') });
    admin = emulatorAdmin(emu);
  });
  afterAll(async () => {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${PROCESSES} dispatchers, ${SENDERS} due rows, 20 % answers dropped after the effect, 20 % -1: each sent once`, async () => {
    const senders = Array.from({ length: SENDERS }, (_, i) => `s${String(i).padStart(3, '0')}`);
    const rows = goddessRows('1001', (t) =>
      t.replace('senders: [zhangsan, lisi]', `senders: [${senders.join(', ')}]`),
    ).filter((r) => r.wave === 't-3d' && r.channel === 'wecom-groups');
    expect(rows).toHaveLength(SENDERS);
    const due = new Date(rows[0]!.dueAt);
    const store = await openTestStore(stateFile, { clock: { now: () => due } });
    await writeOutbox(store, CAMPAIGN, rows, due);
    await store.close();

    const X = '/qyapi/cgi-bin/externalcontact/*';
    await admin('faults', { path: X, kind: 'drop-after-effect', rate: 0.2 });
    await admin('faults', { path: X, kind: 'errcode', errcode: -1, rate: 0.2 });

    const totals = {
      runs: 0,
      killed: 0,
      claimed: 0,
      sent: 0,
      recovered: 0,
      retrying: 0,
      failed: 0,
      lostLease: 0,
      rounds: 0,
    };
    let now = due;
    for (let round = 0; round < 30; round++) {
      await admin('clock', { now: now.toISOString() });
      // In the first round one dispatcher is killed (SIGKILL) mid-run, once sends are under way: its
      // claimed rows wait for their lease to run out, then the others look them up and finish them.
      // The one killed is the first still running (one that claimed nothing may already have exited).
      const kills: (() => boolean)[] = [];
      const runs = Array.from({ length: PROCESSES }, () =>
        dispatchProcess({
          emu,
          state: stateFile,
          cwd: dir,
          now,
          ...(round === 0 ? { started: (k: () => boolean) => kills.push(k) } : {}),
        }),
      );
      if (round === 0) {
        const sends = async () =>
          ((await admin('requests')).requests as Json[]).filter((r) => r.path.endsWith('/add_msg_template'))
            .length;
        while ((await sends()) < 40) {
          // each check is a round trip to the emulator: no timer
        }
        kills.some((kill) => kill());
      }
      const results = await Promise.all(runs);
      totals.rounds++;
      for (const r of results) {
        if (r.signal === 'SIGKILL') {
          totals.killed++;
          continue;
        }
        expect(r.summary, r.stderr).toBeDefined();
        const s = r.summary!;
        totals.runs++;
        totals.claimed += s.claimed;
        totals.sent += s.sent;
        totals.recovered += s.recovered;
        totals.retrying += s.retrying;
        totals.failed += s.failed;
        totals.lostLease += s.lostLease;
      }
      const obStore = await openTestStore(stateFile, { clock: fixedClock(new Date(0)) });
      const ob = obStore.outbox();
      const counts = await ob.counts(CAMPAIGN);
      await obStore.close();
      if (counts.pending + counts.claimed === 0) break;
      // Past every backoff (at most 30 minutes), well within the teaser's 12-hour grace.
      now = new Date(now.getTime() + 31 * 60_000);
    }

    const obStore = await openTestStore(stateFile, { clock: fixedClock(new Date(0)) });
    const ob = obStore.outbox();
    const counts = await ob.counts(CAMPAIGN);
    const entries = await ob.list({ campaign: CAMPAIGN });
    await obStore.close();
    const state = await admin('state');
    const tasks = state.tasks.filter((t: Json) => t.kind === 'groupmsg');
    const byMarker = new Map<string, number>();
    for (const t of tasks) {
      const page: string = t.attachments.find((a: Json) => a.msgtype === 'miniprogram').miniprogram.page;
      const marker = /lc=([0-9a-f]+)/.exec(page)![1]!;
      byMarker.set(marker, (byMarker.get(marker) ?? 0) + 1);
    }
    const requests = ((await admin('requests')).requests as Json[]).filter((r) =>
      r.path.endsWith('/add_msg_template'),
    ).length;
    console.log(
      `exactly-once (${kind}): ${JSON.stringify({ ...totals, tasks: tasks.length, addMsgTemplateCalls: requests, counts })}`,
    );

    expect(totals.failed).toBe(0);
    expect(totals.killed).toBe(1);
    expect(counts).toMatchObject({ sent: SENDERS, pending: 0, claimed: 0, failed: 0, skipped: 0 });
    // Every row's task exists exactly once on the platform, and each row records its own msgid.
    expect(tasks).toHaveLength(SENDERS);
    for (const r of rows) expect(byMarker.get((r.payload as WecomGroupsPayload).marker)).toBe(1);
    const ids = new Set(tasks.map((t: Json) => t.id));
    for (const e of entries) expect(ids.has(e.remoteId)).toBe(true);
    expect(new Set(entries.map((e) => e.remoteId)).size).toBe(SENDERS);
    // The faults did bite: answers were lost (found again by lookup) and calls failed (retried).
    expect(totals.recovered).toBeGreaterThan(0);
    expect(totals.retrying).toBeGreaterThan(0);
    expect(requests).toBeGreaterThan(SENDERS);
  }, 180_000);
});
