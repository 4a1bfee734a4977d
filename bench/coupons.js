// bench/coupons: `livectl apply` of a campaign with 20 coupons as WeChat Pay 商家券 stocks against
// `livectl emulator` (its own process): every request signed, every answer verified. Wall time and
// requests of the first apply (20 creates among the room's own calls) and of a second apply with nothing
// changed (no create). Keys are generated here into the temp folder.
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnEmulator } from './emulator.js';
import { timeCommand } from './measure.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'livectl.js');
const T0 = new Date('2027-03-01T02:00:00Z');
const MCH = '1900000109';

function campaign(n, publicKeyId) {
  const coupons = Array.from(
    { length: n },
    (_, i) =>
      `  - { id: c${i + 1}, title: 满${100 + i}减${10 + i}第${i + 1}号券, kind: ${i % 2 ? 'share' : 'preheat'}, threshold: ${100 + i}, amount: ${10 + i}, quantity: ${1000 + i}, stackable: true }`,
  ).join('\n');
  const base = readFileSync(path.join(root, 'campaigns', 'minimal.yaml'), 'utf8');
  // Every edit below must land: a silent miss measured an apply without WeChat Pay once.
  for (const line of [
    /^ {2}miniProgram: .*$/m,
    'start: 2027-04-10T19:30',
    '- { id: t-3d, at: -3d@10:00, channels: [wecom-groups], message: teaser }',
  ])
    if (!(typeof line === 'string' ? base.includes(line) : line.test(base)))
      throw new Error(`bench coupons: campaigns/minimal.yaml no longer has ${line}`);
  return `${base
    .replace('start: 2027-04-10T19:30', 'start: 2027-03-20T19:30')
    .replace(
      /^ {2}miniProgram: .*$/m,
      `  miniProgram: { appId: wx0123456789abcdef, livePage: pages/live/entry }\n  wechatPay: { mchId: "${MCH}", serialNo: BENCHSERIAL, publicKeyId: ${publicKeyId} }`,
    )
    .replace(
      '- { id: t-3d, at: -3d@10:00, channels: [wecom-groups], message: teaser }',
      `- { id: t-3d, at: -3d@10:00, channels: [wecom-groups], message: teaser, coupons: [${Array.from({ length: n }, (_, i) => `c${i + 1}`).join(', ')}] }`,
    )}coupons:\n${coupons}\n`;
}

function applyOnce(dir, env) {
  const r = timeCommand(
    [bin, 'apply', 'campaign.yaml', '--yes', '--format', 'json', '--now', T0.toISOString()],
    {
      cwd: dir,
      env: { ...process.env, ...env },
    },
  );
  const events = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  return { ms: r.ms, status: r.status, summary: events.at(-1), events };
}

export async function benchCoupons({ coupons = 20 } = {}) {
  const emu = await spawnEmulator({ now: T0, verify: ['tea_lin'] });
  const dir = mkdtempSync(path.join(tmpdir(), 'livectl-bench-coupons-'));
  try {
    mkdirSync(path.join(dir, 'assets'));
    cpSync(path.join(root, 'campaigns', 'assets'), path.join(dir, 'assets'), { recursive: true });
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = path.join(dir, 'apiclient_key.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    chmodSync(keyFile, 0o600);
    await emu.admin('wechatpay/merchants', {
      mchId: MCH,
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    const pub = await emu.admin('wechatpay/public-key');
    const pubFile = path.join(dir, 'pub_key.pem');
    writeFileSync(pubFile, pub.publicKey);
    writeFileSync(path.join(dir, 'campaign.yaml'), campaign(coupons, pub.publicKeyId));
    const env = {
      LIVECTL_WECHAT_API: emu.url,
      LIVECTL_WECOM_API: `${emu.url}/qyapi`,
      LIVECTL_APP_SECRET: 'bench-secret-0123456789',
      LIVECTL_WECHATPAY_API: emu.url,
      LIVECTL_WECHATPAY_PRIVATE_KEY: keyFile,
      LIVECTL_WECHATPAY_PUBLIC_KEY: pubFile,
    };
    // The bench blocks while the CLI runs (spawnSync), so a kept-alive admin socket may have been
    // closed by the emulator meanwhile: one retry on a fresh connection.
    const admin = async (p, body) => {
      try {
        return await emu.admin(p, body);
      } catch {
        return emu.admin(p, body);
      }
    };
    const payCalls = async () =>
      (await admin('requests')).requests.filter((r) => r.path.startsWith('/v3/')).length;
    const first = applyOnce(dir, env);
    const pay1 = await payCalls();
    await admin('requests/clear', {});
    const second = applyOnce(dir, env);
    const pay2 = await payCalls();
    const stocks = (await admin('wechatpay/stocks')).stocks.length;
    const couponDone = (a) =>
      a.events.filter((e) => e.type === 'change-done' && String(e.address).startsWith('coupon/')).length;
    return [
      {
        metric: `apply: ${coupons} coupons → stocks (first run, with room and goods)`,
        value: `${(first.ms / 1000).toFixed(2)} s, ${first.summary.requests} requests (${pay1} WeChat Pay)`,
        target: `${coupons} stocks`,
        ok: stocks === coupons && couponDone(first) === coupons,
      },
      {
        metric: 'apply: second run, nothing changed',
        value: `${(second.ms / 1000).toFixed(2)} s, ${second.summary.requests ?? 0} requests (${pay2} WeChat Pay)`,
        target: '0 creates',
        ok: pay2 === 0 && stocks === coupons,
      },
    ];
  } finally {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await benchCoupons())
    console.log(`${row.metric}: ${row.value} ${row.ok ? 'ok' : 'MISSED'}`);
}
