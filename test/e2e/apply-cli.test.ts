import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runApply } from '../../src/cli/run-apply.js';
import { type Deps, fixedClock, memoryOutput, scriptedPrompt } from '../../src/platform/deps.js';
import { campaignYaml, type E2E, remoteWrites, startE2E } from './support/workspace.js';

/** apply's contract as a CI job and a marketer meet it: confirm, --yes, formats, saved plans, people, failures. */

let e: E2E | undefined;
afterEach(async () => {
  await e?.close();
  e = undefined;
});

const liveRooms = async (x: E2E) => (await x.state()).rooms.filter((r: { deleted?: boolean }) => !r.deleted);
const liveGoods = async (x: E2E) => (await x.state()).goods.filter((g: { deleted?: boolean }) => !g.deleted);

function ttyDeps(
  x: E2E,
  answer: boolean,
  asked: string[],
): Deps & { prompt: { confirm(m: string): Promise<boolean> } } {
  return {
    clock: fixedClock(x.now()),
    stdout: memoryOutput({ isTTY: true }),
    stderr: memoryOutput({ isTTY: true }),
    env: x.env,
    cwd: x.ws.dir,
    stdinIsTTY: true,
    prompt: scriptedPrompt({
      confirm: async (m) => {
        asked.push(m);
        return answer;
      },
    }),
  };
}

describe('apply: confirmation', () => {
  it('needs --yes when it cannot ask (exit 2), and touches nothing', async () => {
    e = await startE2E();
    const r = await e.cli(['apply', 'campaign.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('apply needs --yes');
    expect(await e.requests()).toEqual([]);
  });

  it('asks on a terminal: "no" changes nothing, "yes" applies', async () => {
    e = await startE2E();
    const asked: string[] = [];
    const no = ttyDeps(e, false, asked);
    expect(await runApply('campaign.yaml', { now: e.now().toISOString() }, no)).toBe(1);
    expect(asked).toEqual(['Apply these changes to spring-tea?']);
    const shown = (no.stdout as ReturnType<typeof memoryOutput>).text();
    expect(shown).toContain('Apply cancelled');
    // apply shows the plan but does not tell the reader to run apply.
    expect(shown).toContain('Plan: ');
    expect(shown).not.toContain('Run `livectl apply`');
    expect(remoteWrites(await e.requests())).toEqual([]);

    const yes = ttyDeps(e, true, asked);
    expect(await runApply('campaign.yaml', { now: e.now().toISOString() }, yes)).toBe(0);
    expect((yes.stdout as ReturnType<typeof memoryOutput>).text()).not.toContain('Run `livectl apply`');
    expect(await liveRooms(e)).toHaveLength(1);
  });
});

describe('apply: environment and input', () => {
  it('names the missing secret and stops before any request', async () => {
    e = await startE2E();
    const { LIVECTL_APP_SECRET: _s, ...env } = e.env;
    const r = await (await import('../support/cli.js')).runCli(
      ['apply', 'campaign.yaml', '--yes', '--now', e.now().toISOString()],
      {
        cwd: e.ws.dir,
        env,
        now: e.now(),
      },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('LIVECTL_APP_SECRET is not set');
    expect(await e.requests()).toEqual([]);
  });

  it('validates first: an invalid campaign stops apply with exit 1 and no request', async () => {
    e = await startE2E();
    e.ws.writeCampaign(campaignYaml().replace('name: 春茶上新直播', 'name: 茶'));
    const r = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error\[E_/);
    expect(r.stderr).toContain('nothing applied');
    expect(await e.requests()).toEqual([]);
  });
});

describe('apply --format json', () => {
  it('prints NDJSON events, each with formatVersion 1: the plan, the changes, the summary', async () => {
    e = await startE2E();
    const r = await e.cli(['apply', 'campaign.yaml', '--yes', '--format', 'json']);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.every((l) => l.formatVersion === 1)).toBe(true);
    expect(lines[0].type).toBe('plan');
    expect(lines.at(-1)).toMatchObject({ type: 'summary', outcome: 'complete', failed: 0 });
    const done = lines.filter((l) => l.type === 'change-done');
    // the room: one look for an earlier attempt (getliveinfo), one create
    expect(done.find((l) => l.address === 'room')).toMatchObject({ action: 'create', requests: 2 });
    expect(done.filter((l) => l.address.startsWith('goods/'))).toHaveLength(3);
    const starts = lines.filter((l) => l.type === 'change-start').map((l) => l.address);
    // dependency order: media, goods, room, codes
    const first = (p: string) => starts.findIndex((a) => a.startsWith(p));
    expect(first('media/')).toBeLessThan(first('goods/'));
    expect(first('goods/')).toBeLessThan(first('room'));
    expect(first('room')).toBeLessThan(first('code/'));
  });
});

describe('apply <plan.json>', () => {
  it('applies a saved plan, then refuses it once the state moved or the campaign changed', async () => {
    e = await startE2E();
    expect((await e.cli(['plan', 'campaign.yaml', '--out', 'plan.json'])).code).toBe(0);
    const ok = await e.cli(['apply', 'plan.json', '--yes']);
    expect(ok.code).toBe(0);
    expect(await liveRooms(e)).toHaveLength(1);

    const again = await e.cli(['apply', 'plan.json', '--yes']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/saved plan plan\.json is stale: the state changed since \(serial 0 → \d+/);

    expect((await e.cli(['plan', 'campaign.yaml', '--out', 'plan2.json'])).code).toBe(0);
    e.ws.writeCampaign(readFileSync(e.ws.file, 'utf8').replace('amount: 168', 'amount: 158'));
    const changed = await e.cli(['apply', 'plan2.json', '--yes']);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain('campaign.yaml changed since the plan was made');
    expect(await liveRooms(e)).toHaveLength(1);
  });
});

describe('apply: things only a person can do', () => {
  it('300036: shows the real-name link and a terminal QR, exits 1; after the scan, apply resumes', async () => {
    e = await startE2E({ emulator: { verifiedWechat: [] } });
    const r = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("has not passed WeChat's real-name check");
    const link = /(http:\/\/127\.0\.0\.1:\d+\/__emulator\/realname\?wechat=tea_lin)/.exec(r.stdout)?.[1];
    expect(link).toBeDefined();
    expect(r.stdout).toMatch(/[▀▄█]{8,}/); // the QR block
    expect(r.stdout).toContain('apply again to resume');
    expect(await liveRooms(e)).toHaveLength(0);
    expect(await liveGoods(e)).toHaveLength(3); // goods went ahead

    await fetch(link!); // the anchor "scans"
    const again = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(again.code).toBe(0);
    expect(await liveRooms(e)).toHaveLength(1);
    expect(await liveGoods(e)).toHaveLength(3);
  });

  it('268489001: explains the freeze on new live permissions', async () => {
    e = await startE2E();
    await e.admin('faults', { path: '/wxaapi/broadcast/room/create', kind: 'errcode', errcode: 268489001 });
    const r = await e.cli(['apply', 'campaign.yaml', '--yes', '--format', 'json']);
    expect(r.code).toBe(1);
    const human = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .find((l) => l.type === 'human');
    expect(human).toMatchObject({ address: 'room', kind: 'live-permission-frozen' });
    expect(human.message).toContain('no longer opens 小程序直播 to new accounts');
  });
});

describe('apply: partial failure', () => {
  it('a refused goods add fails that change only; its reason is kept; apply again resumes', async () => {
    e = await startE2E();
    await e.admin('faults', {
      path: '/wxaapi/broadcast/goods/add',
      kind: 'errcode',
      errcode: 300004,
      times: 1,
    });
    const r = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /x goods\/longjing\s+\/wxaapi\/broadcast\/goods\/add: emulated fault .*\(errcode 300004\)/,
    );
    expect(r.stdout).toContain('apply again to resume');
    expect(await liveRooms(e)).toHaveLength(1);
    expect(await liveGoods(e)).toHaveLength(2);
    const st = JSON.parse((await e.cli(['status', 'campaign.yaml', '--format', 'json'])).stdout);
    expect(st.goods.find((g: { productId: string }) => g.productId === 'longjing')).toMatchObject({
      auditStatus: 'rejected',
      reason: expect.stringMatching(/^add refused: emulated fault .*\(errcode 300004\)$/),
    });
    expect(st.lastApply.outcome).toBe('partial');

    const again = await e.cli(['apply', 'campaign.yaml', '--yes']);
    expect(again.code).toBe(0);
    expect(await liveGoods(e)).toHaveLength(3);
    expect(await liveRooms(e)).toHaveLength(1);
  });
});

describe('apply: a lost answer is looked for, not repeated', () => {
  it('drop-after-effect on room create and goods add: adopted, one room and one copy of each good', async () => {
    e = await startE2E();
    await e.admin('faults', { path: '/wxaapi/broadcast/room/create', kind: 'drop-after-effect', times: 1 });
    await e.admin('faults', { path: '/wxaapi/broadcast/goods/add', kind: 'drop-after-effect', times: 2 });
    const r = await e.cli(['apply', 'campaign.yaml', '--yes', '--format', 'json']);
    expect(r.code).toBe(0);
    const done = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((l) => l.type === 'change-done' && l.adopted);
    expect(done.map((l) => l.address).sort()).toEqual(['goods/biluochun', 'goods/longjing', 'room']);
    expect(await liveRooms(e)).toHaveLength(1);
    expect(await liveGoods(e)).toHaveLength(3);
    const creates = (await e.requests()).filter((q) => q.path === '/wxaapi/broadcast/room/create');
    expect(creates).toHaveLength(1);
  });
});

describe('apply: one at a time', () => {
  it('a second apply of the same campaign waits briefly, then refuses; no double create', async () => {
    e = await startE2E();
    // The first apply holds the lock for a while (its room create is slow).
    await e.admin('faults', { path: '/wxaapi/broadcast/room/create', kind: 'latency', ms: 9_000, times: 1 });
    const [a, b] = await Promise.all([
      e.cli(['apply', 'campaign.yaml', '--yes']),
      new Promise((r) => setTimeout(r, 300)).then(() => e!.cli(['apply', 'campaign.yaml', '--yes'])),
    ]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('another apply of spring-tea is running right now');
    expect(await liveRooms(e)).toHaveLength(1);
    expect(await liveGoods(e)).toHaveLength(3);
  });
});

describe('output', () => {
  it('writes share codes where --out says', async () => {
    e = await startE2E();
    const r = await e.cli(['apply', 'campaign.yaml', '--yes', '--out', 'share']);
    expect(r.code).toBe(0);
    expect(
      readFileSync(path.join(e.ws.dir, 'share', 'codes', 'live.png'))
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });
});
