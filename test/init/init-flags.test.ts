import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

/** 2026-11-26 12:00 in Shanghai: the default start is 30 days later at 20:00. */
const NOW = new Date('2026-11-26T04:00:00Z');
const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'livectl-init-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** No errors, and no warnings but W_PLACEHOLDER_ACCOUNT at `placeholders` (the ids init filled in). */
async function validateClean(dir: string, file: string, placeholders: string[] = []) {
  const v = await runCli(['validate', file, '--format', 'json'], { cwd: dir, now: NOW });
  const doc = JSON.parse(v.stdout);
  const diagnostics = doc.files[0].diagnostics as { code: string; path: (string | number)[] }[];
  // Clean but for W_COUPONS_BY_HAND when it has coupons (no accounts.wechatPay: a person's task).
  const coupons = /^coupons:/m.test(readFileSync(path.join(dir, file), 'utf8'));
  expect(diagnostics.filter((d) => d.code !== 'W_PLACEHOLDER_ACCOUNT').map((d) => d.code)).toEqual(
    coupons ? ['W_COUPONS_BY_HAND'] : [],
  );
  const at = (p: (string | number)[]) =>
    p
      .map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`))
      .join('')
      .slice(1);
  expect(
    diagnostics
      .filter((d) => d.code === 'W_PLACEHOLDER_ACCOUNT')
      .map((d) => at(d.path))
      .sort(),
  ).toEqual([...placeholders].sort());
  expect(v.code).toBe(0);
}

/**
 * What init reports on stderr: nothing but W_COUPONS_BY_HAND (its coupons have no accounts.wechatPay,
 * so they stay a person's task — said once, as a warning).
 */
const warningCodes = (stderr: string) => [...stderr.matchAll(/(?:warning|error)\[(\w+)\]/g)].map((m) => m[1]);

describe('livectl init (flags)', () => {
  it('--yes writes a playbook campaign with placeholder images that validates clean', async () => {
    const dir = tempDir();
    const r = await runCli(['init', 'x.yaml', '--yes'], { cwd: dir, now: NOW });
    expect(warningCodes(r.stderr)).toEqual(['W_COUPONS_BY_HAND']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Wrote x.yaml');
    // The ids it was not given are placeholders, and it says so.
    expect(r.stdout).toContain(
      '  placeholder accounts: mini program AppID wx0000000000000000, WeCom CorpID ww0000000000000000, WeCom sender your_wecom_userid\n' +
        '    put in your own before apply (--app-id, --corp-id, --senders, or edit the file); validate warns W_PLACEHOLDER_ACCOUNT until then\n',
    );
    const text = readFileSync(path.join(dir, 'x.yaml'), 'utf8');
    for (const wave of ['t-3d', 't-1d', 't-30m', 'live']) expect(text).toContain(`id: ${wave},`);
    expect(text).toContain('start: 2026-12-26T20:00');
    expect(text).toMatch(/^# The four warm-up waves/m);
    expect(text).toContain('id: feedback');
    expect(readdirSync(path.join(dir, 'assets', 'live-2026-12-26')).sort()).toEqual([
      'cover.png',
      'feeds.png',
      'product-1.png',
      'share.png',
    ]);
    await validateClean(dir, 'x.yaml', [
      'accounts.miniProgram.appId',
      'accounts.wecom.corpId',
      'channels.wecom-groups.senders[0]',
      'channels.wecom-moments.senders[0]',
    ]);
    // No temporary file is left behind.
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('answers every question from flags, with every channel, and validates clean', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'mine.png'),
      readFileSync(new URL('../../campaigns/assets/gift.png', import.meta.url)),
    );
    const r = await runCli(
      [
        'init',
        'goddess.yaml',
        '--name',
        '女神节直播专场',
        '--id',
        'goddess-2027',
        '--start',
        '2027-03-08 20:00',
        '--duration',
        '2h',
        '--anchor-name',
        '小美老师',
        '--anchor-wechat',
        'xiaomei_01',
        '--product',
        '玫瑰丝绒口红:199>129:pages/goods/detail?id=520',
        '--product',
        `女神节限定礼盒:299-499:pages/goods/detail?id=801:mine.png`,
        '--coupon',
        '199:50:1000',
        '--channels',
        'wecom-groups,wecom-moments,official-account,subscribe-message,robot',
      ],
      { cwd: dir, now: NOW },
    );
    expect(warningCodes(r.stderr)).toEqual(['W_COUPONS_BY_HAND']);
    expect(r.code).toBe(0);
    const text = readFileSync(path.join(dir, 'goddess.yaml'), 'utf8');
    expect(text).toContain('name: goddess-2027');
    expect(text).toContain('image: mine.png');
    expect(text).toContain('officialAccount: { appId: wx0000000000000001 }');
    expect(text).toContain('type: subscribe-message');
    expect(text).toContain('keyEnv: LIVECTL_ROBOT_STAFF');
    expect(text).toContain('channels: [official-account, wecom-groups, wecom-moments], poster: article');
    await validateClean(dir, 'goddess.yaml', [
      'accounts.miniProgram.appId',
      'accounts.officialAccount.appId',
      'accounts.wecom.corpId',
      'channels.wecom-groups.senders[0]',
      'channels.wecom-moments.senders[0]',
    ]);
  });

  it('with one channel and no coupon, still four waves and a clean file; feedback the next morning after a late end', async () => {
    const dir = tempDir();
    const r = await runCli(
      [
        'init',
        'z.yaml',
        '--yes',
        '--product',
        '明前龙井250克:168',
        '--channels',
        'official-account',
        '--start',
        '2027-01-05T20:30',
        '--duration',
        '3h',
        '--coupon',
        'none',
      ],
      { cwd: dir, now: NOW },
    );
    expect(r.code).toBe(0);
    const text = readFileSync(path.join(dir, 'z.yaml'), 'utf8');
    expect(text).not.toContain('coupons:');
    expect(text).toContain('page: pages/goods/detail?id=1');
    expect(text).toContain('id: feedback, at: +1d@09:30');
    await validateClean(dir, 'z.yaml', ['accounts.miniProgram.appId', 'accounts.officialAccount.appId']);
  });

  it('never overwrites without --force', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'x.yaml'), 'mine\n');
    const r = await runCli(['init', 'x.yaml', '--yes'], { cwd: dir, now: NOW });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already exists.*\n.*--force/);
    expect(readFileSync(path.join(dir, 'x.yaml'), 'utf8')).toBe('mine\n');
    const f = await runCli(['init', 'x.yaml', '--yes', '--force'], { cwd: dir, now: NOW });
    expect(f.code).toBe(0);
    expect(readFileSync(path.join(dir, 'x.yaml'), 'utf8')).toContain('kind: Campaign');
  });

  it('without a terminal and without enough flags or --yes: usage error, nothing written', async () => {
    const dir = tempDir();
    const r = await runCli(['init', 'x.yaml', '--name', '春茶上新直播专场'], { cwd: dir, now: NOW });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing --start, --anchor-name, --anchor-wechat, --product');
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    [['--product', '口红:129'], /--product "口红:129": a product name must be 6–28 width units/],
    [['--product', '玫瑰丝绒口红:12a'], /a price is 129/],
    [['--start', 'tomorrow'], /--start "tomorrow"/],
    [['--start', '2026-11-26T12:05'], /more than 10 minutes from now/],
    [['--start', '2026-11-25T20:00'], /the start is in the past/],
    [['--channels', 'wecom,sms'], /unknown wecom, sms/],
    [['--coupon', '50:80'], /less than the spend/],
    [['--name', '短'], /the room name must be 6–34 width units/],
    [['--id', 'Bad Id'], /campaign id/],
  ])('refuses a bad flag %j with exit 2', async (flags, message) => {
    const dir = tempDir();
    const r = await runCli(['init', 'x.yaml', '--yes', ...flags], { cwd: dir, now: NOW });
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });
});
