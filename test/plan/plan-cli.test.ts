import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCampaignText } from '../../src/campaign/load.js';
import type { Campaign } from '../../src/campaign/schema.js';
import type { AssetDigest } from '../../src/plan/desired.js';
import type { Plan, PlanInput } from '../../src/plan/types.js';
import { fixedClock } from '../../src/platform/deps.js';
import { openSqliteStore } from '../../src/state/sqlite-store.js';
import { aState } from '../support/builders.js';
import { runCli } from '../support/cli.js';
import { copyExamples } from '../support/examples.js';

const NOW = '2026-11-26T12:00:00+08:00';
/** 2027-03-08 20:30 in Shanghai: the goddess-day broadcast is live. */
const LIVE = '2027-03-08T20:30:00+08:00';
let dir: string;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'livectl-plan-'));
  copyExamples(dir);
  writeFileSync(
    path.join(dir, 'typos.yaml'),
    readFileSync(path.join(dir, 'goddess-day.yaml'), 'utf8').replace('  duration: 2h', '  duraton: 2h'),
  );
});

/** The PlanInput the CLI builds for goddess-day.yaml (the campaign parsed, the images hashed). */
function inputFor(file: string, now: Date): PlanInput {
  const text = readFileSync(path.join(dir, file), 'utf8');
  const campaign = parseCampaignText(text).campaign as Campaign;
  const assets = new Map<string, AssetDigest>();
  for (const ref of [
    campaign.room.images.cover,
    campaign.room.images.share,
    campaign.room.images.feeds,
    ...campaign.products.map((p) => p.image),
  ]) {
    const p = path.join(dir, ref);
    const b = readFileSync(p);
    assets.set(ref, { sha256: sha256(b), size: b.length, path: p });
  }
  return { campaign, file, campaignHash: sha256(Buffer.from(text)), assets, state: aState().build(), now };
}

/** Writes, through the store's own API, the state a complete apply of `file` would have left. */
async function storeApplied(stateFile: string, file: string, now: Date, appliedAt: Date): Promise<void> {
  const snapshot = aState().applied(inputFor(file, now), { at: appliedAt }).build();
  const store = await openSqliteStore(stateFile, { clock: fixedClock(appliedAt) });
  try {
    const name = inputFor(file, now).campaign.metadata.name;
    await store.ensureCampaign(name);
    for (const r of snapshot.resources.values()) await store.putResource(name, r);
    for (const events of snapshot.audits.values()) for (const e of events) await store.recordAudit(name, e);
  } finally {
    await store.close();
  }
}

describe('livectl plan', () => {
  it('--format json prints the Plan: every change, the timeline and the tasks, for a fresh campaign', async () => {
    const r = await runCli(['plan', 'goddess-day.yaml', '--format', 'json', '--no-posters', '--now', NOW], {
      cwd: dir,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as Plan;
    expect(plan).toMatchObject({
      formatVersion: 1,
      campaign: {
        name: 'goddess-day-2027',
        file: 'goddess-day.yaml',
        hash: sha256(readFileSync(path.join(dir, 'goddess-day.yaml'))),
        timezone: 'Asia/Shanghai',
      },
      stateSerial: 0,
      createdAt: '2026-11-26T04:00:00.000Z',
    });
    const actions = new Set(plan.changes.map((c) => `${c.action} ${c.address.split('/')[0]}`));
    expect([...actions].sort()).toEqual(
      [
        'create code',
        'create goods',
        'create media',
        'create menu',
        'create poster',
        'create reminder',
        'create room',
        'wait room-goods',
      ].sort(),
    );
    expect(plan.summary).toMatchObject({ update: 0, delete: 0, wait: 3, human: 0 });
    expect(plan.timeline.find((e) => e.kind === 'broadcast-start')).toMatchObject({
      local: '2027-03-08 20:00',
    });
    expect(plan.tasks.some((t) => t.kind === 'anchor-real-name')).toBe(true);
    // a plan never creates a state store
    expect(existsSync(path.join(dir, '.livectl'))).toBe(false);
  });

  it('text: glyphs with reasons, the summary line, the timeline and the tasks', async () => {
    const r = await runCli(['plan', 'goddess-day.yaml', '--now', NOW], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}\+ room +not created yet$/m);
    expect(r.stdout).toMatch(/^ {2}\* room-goods\/mask-box +waits for goods\/mask-box: not created yet/m);
    expect(r.stdout).toMatch(
      /^Plan: \d+ to create, 0 to update, 0 to delete, 3 waiting on audit, 0 for a person\.$/m,
    );
    expect(r.stdout).toContain('Timeline (Asia/Shanghai)');
    expect(r.stdout).toMatch(/^ {2}2027-03-08 20:00 {2}开播：女神节直播专场（主播 小美老师）$/m);
    expect(r.stdout).toContain('  [ ] anchor xiaomei_01: ');
  });

  it('--out writes the same plan as JSON (atomically: no temporary file left)', async () => {
    const out = path.join(dir, 'saved');
    cpSync(path.join(dir, 'goddess-day.yaml'), path.join(out, 'goddess-day.yaml'));
    cpSync(path.join(dir, 'assets'), path.join(out, 'assets'), { recursive: true });
    const r = await runCli(
      ['plan', 'goddess-day.yaml', '--format', 'json', '--out', 'plan.json', '--no-posters', '--now', NOW],
      {
        cwd: out,
      },
    );
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(out, 'plan.json'), 'utf8')).toBe(r.stdout);
    expect(readdirSync(out).sort()).toEqual(['assets', 'goddess-day.yaml', 'plan.json']);
    const text = await runCli(
      ['plan', 'goddess-day.yaml', '--out', 'plan.json', '--no-posters', '--now', NOW],
      {
        cwd: out,
      },
    );
    expect(text.stdout).toContain('Saved the plan to plan.json');
  });

  it('--detailed-exitcode: 2 while changes are pending, 0 once the state matches the campaign', async () => {
    const stateFile = path.join(dir, 'applied', 'state.db');
    const pending = await runCli(
      ['plan', 'goddess-day.yaml', '--detailed-exitcode', '--state', stateFile, '--now', NOW],
      {
        cwd: dir,
      },
    );
    expect(pending.code).toBe(2);
    expect(existsSync(stateFile)).toBe(false);

    const now = new Date(NOW);
    await storeApplied(stateFile, 'goddess-day.yaml', now, new Date(now.getTime() - 3600_000));
    const done = await runCli(
      ['plan', 'goddess-day.yaml', '--detailed-exitcode', '--format', 'json', '--now', NOW],
      { cwd: dir, env: { LIVECTL_STATE: stateFile } },
    );
    const plan = JSON.parse(done.stdout) as Plan;
    expect(plan.changes.filter((c) => c.action !== 'noop')).toEqual([]);
    expect(done.code).toBe(0);
    expect(plan.stateSerial).toBeGreaterThan(0);
    expect(plan.lineage).toEqual(expect.any(String));
    const text = await runCli(['plan', 'goddess-day.yaml', '--state', stateFile, '--now', NOW], { cwd: dir });
    expect(text.stdout).toContain('Nothing to change: the platform matches the campaign.');
    expect(text.stdout).toContain(
      'Plan: 0 to create, 0 to update, 0 to delete, 0 waiting on audit, 0 for a person.',
    );
  });

  it('during the broadcast a created room is planned, not refused for starting "too soon"', async () => {
    const stateFile = path.join(dir, 'live', 'state.db');
    const now = new Date(LIVE);
    await storeApplied(stateFile, 'goddess-day.yaml', now, new Date('2027-03-08T11:00:00Z'));
    const r = await runCli(
      ['plan', 'goddess-day.yaml', '--format', 'json', '--state', stateFile, '--now', LIVE],
      {
        cwd: dir,
      },
    );
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as Plan;
    expect(plan.changes.find((c) => c.address === 'room')).toMatchObject({
      action: 'noop',
      reason: 'live since 2027-03-08 20:00; as in the campaign',
    });
    // without a created room the same moment is past: still a preview (exit 0), which apply refuses
    const fresh = await runCli(['plan', 'goddess-day.yaml', '--no-posters', '--now', LIVE], { cwd: dir });
    expect(fresh.code).toBe(0);
    expect(fresh.stderr).toContain('warning[E_START_PAST]');
    expect(fresh.stderr).not.toContain('E_START_TOO_SOON');
    expect(fresh.stdout).toContain('`livectl apply` would refuse it (E_START_PAST)');
  });

  describe.each([['2027-09-01T10:00:00+08:00'], ['2028-06-01T10:00:00+08:00']])(
    'on %s, after the bundled campaign dates',
    (after) => {
      it('plan exits 0 with the plan, the timeline, the posters and one line: dates past, apply refuses, livectl init', async () => {
        const ws = mkdtempSync(path.join(tmpdir(), 'livectl-plan-past-'));
        copyExamples(ws);
        const r = await runCli(['plan', 'goddess-day.yaml', '--now', after], { cwd: ws });
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('Plan for goddess-day-2027');
        expect(r.stdout).toMatch(/^Plan: \d+ to create/m);
        expect(r.stdout).toContain('Timeline (Asia/Shanghai)');
        expect(r.stdout).toContain('2027-03-08 20:00  开播：女神节直播专场');
        expect(r.stdout).toContain('open out/goddess-day-2027/index.html');
        expect(readdirSync(path.join(ws, 'out', 'goddess-day-2027'))).toContain('wave-t-3d.png');
        const line = r.stdout.split('\n').filter((l) => l.startsWith('The dates are past'));
        expect(line).toEqual([
          'The dates are past: the broadcast was 2027-03-08 20:00 Asia/Shanghai, so this is a preview only and `livectl apply` would refuse it (E_START_PAST). Start your own campaign with `livectl init`.',
        ]);
        expect(r.stdout).not.toContain('Run `livectl apply`');
        // nothing went out: waves of a never-applied campaign are past, not "went out"
        expect(r.stdout).not.toContain('went out');
        // the finding itself: a warning here, with its own code and words (not "too soon")
        expect(r.stderr).toContain(
          'warning[E_START_PAST] the broadcast start 2027-03-08 20:00 is in the past',
        );
        expect(r.stderr).not.toContain('E_START_TOO_SOON');
        // The other warning: the example's coupons stay a person's task (no accounts.wechatPay).
        expect(r.stderr).toContain('W_COUPONS_BY_HAND');
        expect(r.stderr).toContain('0 errors, 2 warnings');

        const j = await runCli(
          ['plan', 'goddess-day.yaml', '--format', 'json', '--no-posters', '--now', after],
          {
            cwd: ws,
          },
        );
        expect(j.code).toBe(0);
        const plan = JSON.parse(j.stdout) as Plan;
        expect(plan.dateNotice).toMatchObject({ code: 'E_START_PAST' });
        expect(plan.timeline.length).toBeGreaterThan(10);
        expect(j.stderr).toContain('The dates are past');
      });

      it('validate and apply still refuse the past start (E_START_PAST, exit 1)', async () => {
        const v = await runCli(['validate', 'goddess-day.yaml', '--format', 'json', '--now', after], {
          cwd: dir,
        });
        expect(v.code).toBe(1);
        const doc = JSON.parse(v.stdout);
        const errors = doc.files[0].diagnostics.filter((d: { severity: string }) => d.severity === 'error');
        expect(errors.map((d: { code: string }) => d.code)).toEqual(['E_START_PAST']);
        const a = await runCli(
          [
            'apply',
            'goddess-day.yaml',
            '--yes',
            '--state',
            path.join(dir, `past-${after.slice(0, 4)}.db`),
            '--now',
            after,
          ],
          { cwd: dir, env: { LIVECTL_APP_SECRET: 'x', LIVECTL_WECOM_SECRET: 'x', LIVECTL_OA_SECRET: 'x' } },
        );
        expect(a.code).toBe(1);
        expect(a.stderr).toContain('error[E_START_PAST]');
        expect(a.stderr).toContain('nothing applied');
      });

      it('posters exits 0 with the same one line', async () => {
        const ws = mkdtempSync(path.join(tmpdir(), 'livectl-posters-past-'));
        copyExamples(ws);
        const r = await runCli(['posters', 'goddess-day.yaml', '--wave', 't-3d', '--now', after], {
          cwd: ws,
        });
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('`livectl apply` would refuse it (E_START_PAST)');
      });
    },
  );

  it('a start too soon or too far is previewed the same way (its own code in the line); validate refuses', async () => {
    for (const [now, code, words] of [
      ['2027-03-08T19:55:00+08:00', 'E_START_TOO_SOON', 'less than 10 minutes from now'],
      ['2026-08-01T10:00:00+08:00', 'E_START_TOO_FAR', 'more than 6 months from now'],
    ] as const) {
      const r = await runCli(['plan', 'goddess-day.yaml', '--format', 'json', '--no-posters', '--now', now], {
        cwd: dir,
      });
      expect(r.code, now).toBe(0);
      const plan = JSON.parse(r.stdout) as Plan;
      expect(plan.dateNotice?.code).toBe(code);
      expect(plan.dateNotice?.message).toContain(words);
      expect(plan.dateNotice?.message).toContain(`\`livectl apply\` would refuse it (${code})`);
      const v = await runCli(['validate', 'goddess-day.yaml', '--now', now], { cwd: dir });
      expect(v.code, now).toBe(1);
      expect(v.stdout + v.stderr).toContain(`error[${code}]`);
    }
    const inWindow = await runCli(
      ['plan', 'goddess-day.yaml', '--format', 'json', '--no-posters', '--now', NOW],
      {
        cwd: dir,
      },
    );
    expect((JSON.parse(inWindow.stdout) as Plan).dateNotice).toBeUndefined();
  });

  it('LIVECTL_NOW is the clock when --now is not given (and --now wins over it)', async () => {
    const env = { LIVECTL_NOW: '2027-09-01T10:00:00+08:00' };
    const past = await runCli(['plan', 'goddess-day.yaml', '--no-posters'], { cwd: dir, env });
    expect(past.stdout).toContain('at 2027-09-01 10:00 Asia/Shanghai');
    expect(past.stdout).toContain('The dates are past');
    const flag = await runCli(['plan', 'goddess-day.yaml', '--no-posters', '--now', NOW], { cwd: dir, env });
    expect(flag.stdout).toContain('at 2026-11-26 12:00 Asia/Shanghai');
    expect(flag.stdout).not.toContain('The dates are past');
    const bad = await runCli(['plan', 'goddess-day.yaml'], { cwd: dir, env: { LIVECTL_NOW: 'tomorrow' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('LIVECTL_NOW expects an ISO-8601 instant');
  });

  it('an invalid campaign: the errors, exit 1, no plan (text on stderr; JSON is the validation report)', async () => {
    const r = await runCli(['plan', 'typos.yaml', '--now', NOW, '--detailed-exitcode'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/typos\.yaml:\d+:\d+ error\[E_UNKNOWN_KEY\]/);
    const j = await runCli(['plan', 'typos.yaml', '--now', NOW, '--format', 'json'], { cwd: dir });
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout)).toMatchObject({ formatVersion: 1, summary: { ok: false } });
    const missing = await runCli(['plan', 'nope.yaml', '--now', NOW], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('E_FILE_NOT_FOUND');
  });

  it('writes every poster and the contact sheet into out/<campaign>/, unless --no-posters', async () => {
    const ws = mkdtempSync(path.join(tmpdir(), 'livectl-plan-posters-'));
    copyExamples(ws);
    const none = await runCli(['plan', 'goddess-day.yaml', '--no-posters', '--now', NOW], { cwd: ws });
    expect(none.code).toBe(0);
    expect(existsSync(path.join(ws, 'out'))).toBe(false);
    const r = await runCli(['plan', 'goddess-day.yaml', '--now', NOW], { cwd: ws });
    expect(r.code).toBe(0);
    const out = path.join(ws, 'out', 'goddess-day-2027');
    expect(r.stdout).toContain('open out/goddess-day-2027/index.html');
    const files = readdirSync(out).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'index.html',
        'room.png',
        'wave-live.png',
        'wave-t-1d.png',
        'wave-t-30m.png',
        'wave-t-3d.png',
      ]),
    );
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    for (const f of files.filter((x) => x.endsWith('.png'))) expect(html).toContain(f);
    // JSON output stays one document: the posters line goes to stderr.
    const j = await runCli(['plan', 'goddess-day.yaml', '--format', 'json', '--now', NOW], { cwd: ws });
    expect(JSON.parse(j.stdout).formatVersion).toBe(1);
    expect(j.stderr).toContain('Posters:');
  });

  it('usage errors exit 2', async () => {
    expect((await runCli(['plan', 'goddess-day.yaml', '--format', 'xml'], { cwd: dir })).code).toBe(2);
    expect((await runCli(['plan', 'goddess-day.yaml', '--now', 'tomorrow'], { cwd: dir })).code).toBe(2);
    expect((await runCli(['plan'], { cwd: dir })).code).toBe(2);
  });
});
