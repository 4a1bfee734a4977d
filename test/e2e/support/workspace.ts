/**
 * End-to-end support: a campaign in a temp folder, the real emulator on 127.0.0.1:0, a real SQLite
 * state file, and the CLI run in-process (`runCli`) with the environment a user would set. The
 * emulator's clock and `--now` move together. Nothing is mocked.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../../../src/emulator/index.js';
import { runCli } from '../../support/cli.js';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** 2027-03-01 10:00 in Shanghai. */
export const T0 = new Date('2027-03-01T02:00:00Z');
export const ANCHOR = 'tea_lin';
export const APP_SECRET = 'e2e-app-secret-7f3a9c1d5e';
export const HOUR = 3_600_000;

// biome-ignore lint/suspicious/noExplicitAny: emulator admin answers are untyped JSON.
export type Json = Record<string, any>;

export interface ProductOpts {
  id: string;
  name: string;
  price?: string;
  page?: string;
  image?: string;
}

export interface CampaignOpts {
  name?: string;
  start?: string;
  products?: ProductOpts[];
  /** Extra top-level YAML appended verbatim. */
  extra?: string;
  /** accounts.miniProgram.livePage (absent: codes open the home page, as a campaign without one). */
  livePage?: string;
  /** room.subAnchor.wechat. */
  subAnchor?: string;
  /** during.assistants. */
  assistants?: { wechat: string; nickname: string }[];
}

export const DEFAULT_PRODUCTS: ProductOpts[] = [
  {
    id: 'longjing',
    name: '明前龙井250克',
    price: '{ type: fixed, amount: 168 }',
    page: 'pages/goods/detail?id=12',
  },
  {
    id: 'biluochun',
    name: '碧螺春礼盒装',
    price: '{ type: discount, original: 199, now: 129 }',
    page: 'pages/goods/detail?id=13',
  },
  {
    id: 'teaset',
    name: '青瓷茶具一套',
    price: '{ type: range, min: 299, max: 499 }',
    page: 'pages/goods/detail?id=14',
  },
];

/** A valid campaign (platform rules) in the shape of campaigns/minimal.yaml. */
export function campaignYaml(o: CampaignOpts = {}): string {
  const products = (o.products ?? DEFAULT_PRODUCTS)
    .map(
      (p) =>
        `  - { id: ${p.id}, name: ${p.name}, image: ${p.image ?? 'assets/tea.png'}, price: ${p.price ?? '{ type: fixed, amount: 168 }'}, page: ${p.page ?? `pages/goods/detail?id=${p.id}`} }`,
    )
    .join('\n');
  return `apiVersion: livectl/v1
kind: Campaign
metadata:
  name: ${o.name ?? 'spring-tea'}
  timezone: Asia/Shanghai
accounts:
  miniProgram: { appId: wx0123456789abcdef${o.livePage ? `, livePage: ${o.livePage}` : ''} }
  wecom: { corpId: ww0123456789abcdef, agentId: 1000002 }
room:
  name: 春茶上新直播
  start: ${o.start ?? '2027-03-20T19:30'}
  duration: 1h30m
  anchor: { name: 茶师小林, wechat: ${ANCHOR} }
${o.subAnchor ? `  subAnchor: { wechat: ${o.subAnchor} }\n` : ''}  images: { cover: assets/cover.png, share: assets/share.png, feeds: assets/feeds.png }
products:
${products}
channels:
  wecom-groups: { senders: [xiaolin] }
waves:
  - { id: t-3d, at: -3d@10:00, channels: [wecom-groups], message: teaser }
  - { id: t-1d, at: -1d@12:00, channels: [wecom-groups], message: teaser }
  - { id: t-30m, at: -30m, channels: [wecom-groups], message: soon }
  - { id: live, at: 0, channels: [wecom-groups], message: live-now }
during:
  warmUp: 5m
${o.assistants?.length ? `  assistants:\n${o.assistants.map((a) => `    - { wechat: ${a.wechat}, nickname: ${a.nickname} }\n`).join('')}` : ''}  lotteries:
    - { trigger: { likes: 5000 }, prize: 品鉴装 }
    - { trigger: { likes: 12000 }, prize: 茶具一套 }
after:
  - { id: feedback, at: +1h40m, channels: [wecom-groups], message: feedback }
${o.extra ?? ''}`;
}

export interface Workspace {
  dir: string;
  file: string;
  statePath: string;
  writeCampaign(yaml: string): void;
  close(): void;
}

export function makeWorkspace(yaml = campaignYaml()): Workspace {
  const dir = mkdtempSync(path.join(tmpdir(), 'livectl-e2e-'));
  mkdirSync(path.join(dir, 'assets'));
  const assets = path.join(ROOT, 'campaigns', 'assets');
  for (const f of readdirSync(assets)) copyFileSync(path.join(assets, f), path.join(dir, 'assets', f));
  const file = path.join(dir, 'campaign.yaml');
  writeFileSync(file, yaml);
  return {
    dir,
    file,
    statePath: path.join(dir, '.livectl', 'state.db'),
    writeCampaign: (y) => writeFileSync(file, y),
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface E2E {
  emu: RunningEmulator;
  ws: Workspace;
  env: Record<string, string>;
  now(): Date;
  /** Moves `--now` and the emulator's clock together. */
  setClock(at: Date): Promise<void>;
  advance(ms: number): Promise<void>;
  /** `livectl <args> --now <now>` in-process, in the workspace. */
  cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  admin(p: string, body?: unknown): Promise<Json>;
  state(): Promise<Json>;
  requests(): Promise<Json[]>;
  clearRequests(): Promise<void>;
  close(): Promise<void>;
}

export async function startE2E(
  opts: { emulator?: EmulatorOptions; campaign?: CampaignOpts; now?: Date } = {},
): Promise<E2E> {
  let now = opts.now ?? T0;
  const emu = await startEmulator({
    port: 0,
    now,
    verifiedWechat: [ANCHOR],
    audit: 'auto',
    auditDelayMs: 2 * HOUR,
    ...opts.emulator,
  });
  const ws = makeWorkspace(campaignYaml(opts.campaign));
  const env = {
    LIVECTL_WECHAT_API: emu.wechatBase,
    LIVECTL_WECOM_API: emu.wecomBase,
    LIVECTL_APP_SECRET: APP_SECRET,
  };
  const admin = async (p: string, body?: unknown): Promise<Json> => {
    const res = await fetch(
      `${emu.url}/__emulator/${p}`,
      body === undefined
        ? {}
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    );
    const json = (await res.json()) as Json;
    if (!res.ok) throw new Error(`admin ${p}: ${JSON.stringify(json)}`);
    return json;
  };
  const e: E2E = {
    emu,
    ws,
    env,
    now: () => now,
    setClock: async (at) => {
      now = at;
      await admin('clock', { now: at.toISOString() });
    },
    advance: (ms) => e.setClock(new Date(now.getTime() + ms)),
    cli: (args) => runCli([...args, '--now', now.toISOString()], { cwd: ws.dir, env, now }),
    admin,
    state: () => admin('state'),
    requests: async () => (await admin('requests')).requests as Json[],
    clearRequests: async () => {
      await admin('requests/clear', {});
    },
    close: async () => {
      await emu.close();
      ws.close();
    },
  };
  return e;
}

/** Remote writes in the emulator's request log: creates, adds, edits, deletes and uploads. */
export function remoteWrites(requests: readonly Json[]): Json[] {
  return requests.filter(
    (r) =>
      r.method === 'POST' &&
      /\/(create|add|addgoods|editroom|update|delete|deleteroom|audit|resetaudit|upload|deleteInRoom)$/.test(
        r.path,
      ),
  );
}
