/**
 * `livectl status --all` over a real SQLite store: one line per campaign with its next due row, its
 * failed and retrying rows and its problems; JSON; the usage errors; no campaign file needed.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/deps.js';
import { writeOutbox } from '../../src/reminders/outbox.js';
import type { StateStore } from '../../src/state/port.js';
import { openSqliteStore } from '../../src/state/sqlite-store.js';
import { type StatusAll, statusAll } from '../../src/usecases/status-all.js';
import { openTestStore } from '../reminders/hosts.js';
import { goddessRows } from '../reminders/support.js';
import { runCli } from '../support/cli.js';
import { freshPgDatabase } from '../support/postgres.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'livectl-status-all-'));
const stateFile = path.join(dir, 'ops', 'state.db');
const NOW = new Date('2027-03-04T02:00:00Z');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Two campaigns: one with every kind of problem but a stale lock, one clean but for a crashed apply's lock. */
async function seed(store: StateStore): Promise<void> {
  try {
    // goddess: its reminders written, one row failed, one waiting for a retry, a good rejected,
    // the last apply partial.
    const rows = goddessRows('1001');
    await writeOutbox(store, 'goddess-day-2027', rows, NOW);
    const ob = store.outbox();
    const first = rows.map((r) => r.dueAt).sort()[0]!;
    const claimed = await ob.claim({ now: new Date(first), owner: 'd1', limit: 2, leaseMs: 60_000 });
    expect(claimed).toHaveLength(2);
    await ob.begin(claimed[0]!.id, 'd1', new Date(first), 60_000);
    await ob.markFailed(claimed[0]!.id, 'd1', '40003 invalid openid', new Date(first));
    await ob.begin(claimed[1]!.id, 'd1', new Date(first), 60_000);
    await ob.retry(claimed[1]!.id, 'd1', {
      reason: '-1 system busy',
      nextAttemptAt: new Date(Date.parse(first) + 90_000),
      unknown: false,
      now: new Date(first),
    });
    await store.putResource('goddess-day-2027', {
      address: 'goods/p2',
      kind: 'goods',
      remoteId: '77',
      attributes: {},
      auditStatus: 'rejected',
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    await store.recordApply('goddess-day-2027', {
      at: NOW.toISOString(),
      outcome: 'partial',
      message: 'goods p2 rejected',
    });
    // spring: applied, nothing scheduled, nothing wrong; its apply lock left behind by a crash.
    await store.ensureCampaign('spring-tea');
    await store.recordApply('spring-tea', { at: NOW.toISOString(), outcome: 'complete' });
    await store.acquireLock('apply:spring-tea', 'host-b:4242', 60_000, new Date(NOW.getTime() - 3600_000));
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  mkdirSync(path.dirname(stateFile), { recursive: true });
  await seed(await openSqliteStore(stateFile, { clock: fixedClock(NOW) }));
});

describe('status --all', () => {
  it('text: one line per campaign, next due row at local time, counts, problems', async () => {
    const r = await runCli(['status', '--all', '--state', stateFile], { cwd: dir, now: NOW });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Status of 2 campaigns (state ${stateFile}, 2 with problems)`);
    const goddess = lines.find((l) => l.includes('goddess-day-2027'))!;
    expect(goddess).toMatch(/serial \d+ +applied 2027-03-04 10:00 partial/);
    expect(goddess).toMatch(/next \S+\/\S+ at 2027-03-0\d \d\d:\d\d Asia\/Shanghai/);
    expect(goddess).toContain('failed 1 · retrying 1');
    expect(goddess).toContain(
      '! 1 reminder row failed; last apply partial: goods p2 rejected; 1 goods rejected by the audit (p2)',
    );
    const spring = lines.find((l) => l.includes('spring-tea'))!;
    expect(spring).toMatch(/serial 0 +applied 2027-03-04 10:00 complete +nothing due +failed 0 · retrying 0/);
    expect(spring).toContain('lock apply:spring-tea held by host-b:4242 past its expiry');
  });

  it('text in Chinese (--lang zh-CN): the same lines and problems; the JSON does not change', async () => {
    const r = await runCli(['status', '--all', '--state', stateFile, '--lang', 'zh-CN'], {
      cwd: dir,
      now: NOW,
    });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`2 场活动的状态（状态库 ${stateFile}，2 场有问题）`);
    const goddess = lines.find((l) => l.includes('goddess-day-2027'))!;
    expect(goddess).toMatch(
      /序号 \d+ +2027-03-04 10:00 apply 未完成 +下一条 \S+\/\S+ 2027-03-0\d \d\d:\d\d Asia\/Shanghai/,
    );
    expect(goddess).toContain('失败 1 · 重试中 1');
    expect(goddess).toContain(
      '! 1 条提醒发送失败；上次 apply 未完成：goods p2 rejected；1 个商品未通过审核（p2）',
    );
    const spring = lines.find((l) => l.includes('spring-tea'))!;
    expect(spring).toMatch(/序号 0 +2027-03-04 10:00 apply 完成 +没有待发提醒 +失败 0 · 重试中 0/);
    expect(spring).toContain('锁 apply:spring-tea 由 host-b:4242 持有且已过期');
    const json = await runCli(
      ['status', '--all', '--state', stateFile, '--format', 'json', '--lang', 'zh-CN'],
      {
        cwd: dir,
        now: NOW,
      },
    );
    const en = await runCli(['status', '--all', '--state', stateFile, '--format', 'json'], {
      cwd: dir,
      now: NOW,
    });
    expect(json.stdout).toBe(en.stdout);
  });

  it('json: the same, with the next due row as an instant and its zone', async () => {
    const r = await runCli(['status', '--all', '--format', 'json'], {
      cwd: dir,
      now: NOW,
      env: { LIVECTL_STATE: stateFile },
    });
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as StatusAll;
    expect(s.statePath).toBe(stateFile);
    expect(s.campaigns.map((c) => c.campaign)).toEqual(['goddess-day-2027', 'spring-tea']);
    const g = s.campaigns[0]!;
    expect(g).toMatchObject({ failed: 1, retrying: 1, lastApply: { outcome: 'partial' } });
    expect(g.nextDue).toMatchObject({ timezone: 'Asia/Shanghai', status: 'pending' });
    expect(g.problems.map((p) => p.kind)).toEqual(['failed-rows', 'apply-failed', 'goods-rejected']);
    expect(s.campaigns[1]!.problems.map((p) => p.kind)).toEqual(['lock-expired']);
    expect(s.withProblems).toBe(2);
  });

  it('without --state: .livectl/state.db in the working directory', async () => {
    const r = await runCli(['status', '--all'], { cwd: path.dirname(path.dirname(stateFile)), now: NOW });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Status of 0 campaigns');
    expect(r.stdout).toContain(path.join(path.dirname(path.dirname(stateFile)), '.livectl', 'state.db'));
  });

  it('--all with a campaign file, or neither: usage errors (exit 2)', async () => {
    const both = await runCli(['status', '--all', 'campaigns/goddess-day.yaml', '--state', stateFile], {
      cwd: dir,
    });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain(
      'status --all lists every campaign in the state store: drop the campaign file',
    );
    const neither = await runCli(['status', '--state', stateFile], { cwd: dir });
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('status needs a campaign file, or --all');
  });

  it('a lock held past its expiry is a problem of its campaign', async () => {
    const store = await openSqliteStore(stateFile, { clock: fixedClock(NOW) });
    try {
      const s = await statusAll({ store, now: NOW });
      expect(s.campaigns[1]!.problems).toEqual([
        expect.objectContaining({ kind: 'lock-expired', lock: 'apply:spring-tea', owner: 'host-b:4242' }),
      ]);
      expect(s.withProblems).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('over a PostgreSQL store (--state postgres://…): the same lines', async () => {
    const url = await freshPgDatabase('livectl_status_all');
    await seed(await openTestStore(url, { clock: fixedClock(NOW) }));
    const r = await runCli(['status', '--all', '--format', 'json', '--state', url], { cwd: dir, now: NOW });
    expect(r.stderr).toBe('');
    const s = JSON.parse(r.stdout) as StatusAll;
    expect(s.campaigns.map((c) => [c.campaign, c.failed, c.retrying, c.problems.map((p) => p.kind)])).toEqual(
      [
        ['goddess-day-2027', 1, 1, ['failed-rows', 'apply-failed', 'goods-rejected']],
        ['spring-tea', 0, 0, ['lock-expired']],
      ],
    );
    const text = await runCli(['status', '--all', '--state', url], { cwd: dir, now: NOW });
    expect(text.stdout).toContain('Status of 2 campaigns');
    expect(text.stdout).toContain('failed 1 · retrying 1');
  });
});
