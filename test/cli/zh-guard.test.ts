import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../../src/cli/commands/index.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { runCli } from '../support/cli.js';
import { englishLeft } from '../support/english.js';
import { copyExamples } from '../support/examples.js';

/**
 * The guard of the Chinese CLI: `validate`, `plan`, `status` (nothing applied yet), `doctor` (against
 * the emulator) and every command's `--help`, in zh-CN on the bundled examples, print no English
 * sentence. What stays as it is: codes, ids, addresses, paths, flags, URLs, and the names below.
 */
const ALLOW = [
  'Noto Sans SC', // the font's name
  'WeChat Channels', // named beside 视频号直播, for the search term
  /livectl completion \w+/g, // commands to type
  'npx livectl dispatch',
];

const ZH = { LIVECTL_LANG: 'zh-CN' };
const NOW = '2026-11-26T12:00:00+08:00';
const EXAMPLES = ['goddess-day.yaml', 'goddess-day-channels.yaml', 'minimal.yaml'];

const APP = 'wx0123456789abcdef';
const CORP = 'ww0123456789abcdef';
const OA = 'wxfedcba9876543210';
const SHOP = 'wx1111111111111111';
const ASSISTANT = 'wx2222222222222222';

let dir: string;
let emu: RunningEmulator;

beforeAll(async () => {
  dir = copyExamples(mkdtempSync(path.join(tmpdir(), 'livectl-zh-guard-')));
  emu = await startEmulator({
    apps: { [APP]: 's-app', [CORP]: 's-wecom', [OA]: 's-oa', [SHOP]: 's-shop', [ASSISTANT]: 's-assistant' },
    channels: {
      shops: [SHOP],
      assistants: [
        { appId: ASSISTANT, finderUserName: 'sphAbCdEf123', nickname: '小美老师', boundShops: [SHOP] },
      ],
    },
  });
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

async function zh(args: string[], env: Record<string, string | undefined> = {}) {
  const r = await runCli(args, { cwd: dir, env: { ...ZH, ...env } });
  return { ...r, left: englishLeft(`${r.stdout}\n${r.stderr}`, ALLOW) };
}

function commandNames(): string[] {
  const program = new Command('livectl');
  registerCommands(program, { deps: {} as never, setExitCode: () => {} });
  return program.commands.map((c) => c.name());
}

describe('no English sentence reaches a person in zh-CN', () => {
  it.each(EXAMPLES)('validate %s', async (file) => {
    const r = await zh(['validate', file, '--now', NOW]);
    expect(r.stdout + r.stderr).toMatch(/[\u4e00-\u9fff]/);
    expect(r.left).toEqual([]);
  });

  it.each(EXAMPLES)('plan %s', async (file) => {
    const r = await zh(['plan', file, '--now', NOW, '--no-posters', '--state', path.join(dir, 'plan.db')]);
    expect(r.code).toBe(0);
    expect(r.left).toEqual([]);
  });

  it.each([
    ['past', '2027-06-01T12:00:00+08:00'],
    ['more than 6 months ahead', '2026-06-01T12:00:00+08:00'],
  ])('plan and validate with dates apply would refuse (%s)', async (_name, now) => {
    const r = await zh([
      'plan',
      'goddess-day.yaml',
      '--now',
      now,
      '--no-posters',
      '--state',
      path.join(dir, 'plan.db'),
    ]);
    expect(r.stdout).toMatch(/这只是预览/);
    expect(r.left).toEqual([]);
    const v = await zh(['validate', 'goddess-day.yaml', '--now', now]);
    expect(v.left).toEqual([]);
  });

  it.each(EXAMPLES)('status %s with nothing applied', async (file) => {
    const r = await zh(['status', file, '--now', NOW, '--state', path.join(dir, 'status.db')]);
    expect(r.left).toEqual([]);
  });

  it('doctor against the emulator: every check passing, and secrets missing', async () => {
    const env = {
      LIVECTL_WECHAT_API: emu.wechatBase,
      LIVECTL_WECOM_API: emu.wecomBase,
      LIVECTL_APP_SECRET: 's-app',
      LIVECTL_WECOM_SECRET: 's-wecom',
      LIVECTL_OA_SECRET: 's-oa',
      LIVECTL_ROBOT_STAFF: 'robot-key',
      LIVECTL_CHANNELS_SHOP_SECRET: 's-shop',
      LIVECTL_CHANNELS_ASSISTANT_SECRET: 's-assistant',
    };
    const state = ['--state', path.join(dir, 'doctor.db')];
    for (const file of EXAMPLES) {
      const good = await zh(['doctor', file, '--now', NOW, ...state], env);
      expect(good.stdout).toContain('✔');
      expect(good.left, file).toEqual([]);
      const bare = await zh(['doctor', file, '--now', NOW, ...state], { LIVECTL_WECHAT_API: emu.wechatBase });
      expect(bare.left, `${file} without secrets`).toEqual([]);
    }
    await fetch(`${emu.url}/__emulator/channels/switches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ finderUserName: 'sphAbCdEf123', window: false }),
    });
    const off = await zh(['doctor', 'goddess-day-channels.yaml', '--now', NOW, ...state], env);
    expect(off.stdout).toContain('48001：这个账号没有打开“橱窗”开关');
    expect(off.left).toEqual([]);
    const offline = await zh(['doctor', 'goddess-day.yaml', '--now', NOW, ...state], {
      ...env,
      LIVECTL_WECHAT_API: 'http://127.0.0.1:9',
      LIVECTL_WECOM_API: 'http://127.0.0.1:9',
    });
    expect(offline.stdout).toContain('网络错误（ECONNREFUSED）');
    expect(offline.left).toEqual([]);
    const none = await zh(['doctor', ...state]);
    expect(none.left).toEqual([]);
  });

  it('usage and user errors: flags, files, formats, state stores, saved plans, secrets', async () => {
    const state = ['--state', path.join(dir, 'errors.db')];
    const runs: string[][] = [
      ['plan', '--bogus'],
      ['plan', 'missing.yaml', '--now', NOW],
      ['validate', 'goddess-day.yaml', '--format', 'yaml'],
      ['plan', 'goddess-day.yaml', '--now', 'soon'],
      ['plan', 'goddess-day.yaml', '--state', 'mysql://db/x'],
      ['apply', 'goddess-day.yaml', '--now', NOW, ...state],
      ['apply', 'goddess-day.yaml', '--yes', '--now', NOW, ...state],
      ['apply', 'goddess-day-channels.yaml', '--yes', '--now', NOW, ...state],
      ['apply', 'nothing.json', '--yes', ...state],
      ['status', ...state],
      ['status', '--all', '--refresh', ...state],
      ['dispatch', '--now', NOW, '--state', path.join(dir, 'none', 'state.db')],
      ['completion', 'fish'],
      ['console', 'goddess-day.yaml', '--port', 'x', ...state],
      ['posters', 'goddess-day.yaml', '--scale', '3'],
      ['posters', 'goddess-day.yaml', '--wave', 'nope', '--now', NOW],
      ['destroy', 'goddess-day.yaml', ...state],
      ['dispatch', '--lease', '2d', ...state],
      [
        'plan',
        'goddess-day.yaml',
        '--now',
        NOW,
        '--no-posters',
        '--out',
        path.join(dir, 'no', 'such', 'plan.json'),
      ],
    ];
    for (const args of runs) {
      const r = await zh(args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.left, args.join(' ')).toEqual([]);
    }
  });

  it('a stale saved plan, an unreachable API and the platform refusing', async () => {
    const state = ['--state', path.join(dir, 'apply.db')];
    const saved = path.join(dir, 'saved.json');
    await zh(['plan', 'minimal.yaml', '--now', NOW, '--no-posters', '--out', saved, ...state]);
    const secrets = {
      LIVECTL_APP_SECRET: 's-app',
      LIVECTL_WECOM_SECRET: 's-wecom',
      LIVECTL_OA_SECRET: 's-oa',
    };
    appendFileSync(path.join(dir, 'minimal.yaml'), '# edited after the plan was saved\n');
    const stale = await zh(['apply', saved, '--yes', '--now', NOW, ...state], secrets);
    expect(stale.stderr).toContain('已过时');
    expect(stale.left).toEqual([]);
    const offline = await zh(['apply', 'minimal.yaml', '--yes', '--now', NOW, ...state], {
      ...secrets,
      LIVECTL_WECHAT_API: 'http://127.0.0.1:9',
      LIVECTL_WECOM_API: 'http://127.0.0.1:9',
    });
    expect(offline.code).not.toBe(0);
    expect(offline.left).toEqual([]);
    const admin = (body: unknown) =>
      fetch(`${emu.url}/__emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await admin({ path: '/wxaapi/broadcast/room/create', kind: 'errcode', errcode: 200002, times: 1 });
    const refused = await zh(['apply', 'minimal.yaml', '--yes', '--now', NOW, ...state], {
      ...secrets,
      LIVECTL_WECHAT_API: emu.wechatBase,
      LIVECTL_WECOM_API: emu.wecomBase,
    });
    await admin({ kind: 'reset', path: '*' });
    expect(refused.code).not.toBe(0);
    expect(`${refused.stdout}${refused.stderr}`).toContain('微信拒绝了一个参数（200002）');
    expect(refused.left).toEqual([]);

    // The anchor scans the real-name code; apply runs through, then again with nothing left to do.
    const env = { ...secrets, LIVECTL_WECHAT_API: emu.wechatBase, LIVECTL_WECOM_API: emu.wecomBase };
    await fetch(`${emu.url}/__emulator/realname?wechat=tea_lin`);
    const applied = await zh(['apply', 'minimal.yaml', '--yes', '--now', NOW, ...state], env);
    expect(applied.left).toEqual([]);
    const again = await zh(['apply', 'minimal.yaml', '--yes', '--now', NOW, ...state], env);
    expect(again.left).toEqual([]);
  });

  it('--help of livectl and of every command', async () => {
    const top = await zh(['--help']);
    expect(top.left).toEqual([]);
    for (const name of commandNames()) {
      const r = await zh([name, '--help']);
      expect(r.code, name).toBe(0);
      expect(r.left, name).toEqual([]);
    }
  });
});
