/**
 * Contract-test harness: the real emulator on 127.0.0.1:0 and the real clients over loopback, with the
 * clients' clock and sleep injected (no real waiting) and every request event recorded.
 */
import { deflateSync } from 'node:zlib';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import {
  type Clients,
  type ClientsOptions,
  createClients,
  MemoryTokenStore,
  type RequestEvent,
} from '../../src/wechat/index.js';

export const T0 = new Date('2027-03-01T02:00:00Z');
export const MP_SECRET = 'mp-secret-0123456789abcdef';
export const OA_SECRET = 'oa-secret-0123456789abcdef';
export const WECOM_SECRET = 'wecom-secret-0123456789abcdef';
export const ROBOT_KEY = 'robot-key-0123456789abcdef';
export const ANCHOR = 'anchor_ok';

// biome-ignore lint/suspicious/noExplicitAny: admin answers are untyped JSON, asserted per test.
export type Json = Record<string, any>;

export interface Contract {
  emu: RunningEmulator;
  clients: Clients;
  store: MemoryTokenStore;
  events: RequestEvent[];
  slept: number[];
  now(): Date;
  /** Moves both clocks (clients and emulator). */
  setClock(at: Date): Promise<void>;
  advance(ms: number): Promise<void>;
  admin(path: string, body?: unknown): Promise<Json>;
  state(): Promise<Json>;
  /** The emulator's request log (what went over the wire). */
  requests(): Promise<Json[]>;
  fault(f: { path: string; kind: string; errcode?: number; ms?: number; times?: number }): Promise<void>;
  close(): Promise<void>;
}

export async function startContract(
  opts: { emulator?: EmulatorOptions; clients?: Partial<ClientsOptions> } = {},
): Promise<Contract> {
  const emu = await startEmulator({
    port: 0,
    now: T0,
    verifiedWechat: [ANCHOR, 'sub_ok', 'helper_1'],
    ...opts.emulator,
  });
  let now = T0.getTime();
  const slept: number[] = [];
  const events: RequestEvent[] = [];
  const store = new MemoryTokenStore();
  const clock = { now: () => new Date(now) };
  const clients = createClients({
    wechatBase: emu.wechatBase,
    wecomBase: emu.wecomBase,
    credentials: {
      miniProgram: { appId: 'wxmini0000000001', secret: MP_SECRET },
      officialAccount: { appId: 'wxoffi0000000001', secret: OA_SECRET },
      wecom: { corpId: 'ww0000000000000001', secret: WECOM_SECRET },
    },
    tokenStore: store,
    clock,
    // Sleeping moves both clocks (clients' and emulator's) instead of waiting.
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
      await fetch(`${emu.url}/__emulator/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ now }),
      });
    },
    random: () => 0.5,
    onRequest: (e) => events.push(e),
    ...opts.clients,
  });
  const admin = async (path: string, body?: unknown): Promise<Json> => {
    const res = await fetch(
      `${emu.url}/__emulator/${path}`,
      body === undefined
        ? {}
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    );
    const json = (await res.json()) as Json;
    if (!res.ok) throw new Error(`admin ${path}: ${JSON.stringify(json)}`);
    return json;
  };
  const c: Contract = {
    emu,
    clients,
    store,
    events,
    slept,
    now: () => new Date(now),
    setClock: async (at) => {
      now = at.getTime();
      await admin('clock', { now: at.toISOString() });
    },
    advance: (ms) => c.setClock(new Date(now + ms)),
    admin,
    state: () => admin('state'),
    requests: async () => (await admin('requests')).requests as Json[],
    fault: async (f) => {
      await admin('faults', f);
    },
    close: () => emu.close(),
  };
  return c;
}

/** A minimal valid PNG of the given size (the emulator reads the IHDR for dimensions). */
export function png(width: number, height = width): Buffer {
  const { crc32 } = zlibCrc();
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const idat = deflateSync(Buffer.alloc((width + 1) * height));
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

function zlibCrc(): { crc32: (b: Buffer) => number } {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return {
    crc32: (b) => {
      let c = -1;
      for (const byte of b) c = table[(c ^ byte) & 0xff]! ^ (c >>> 8);
      return c ^ -1;
    },
  };
}

export const image = (width: number, height = width) => ({ bytes: png(width, height), filename: 'img.png' });

/** A valid room starting a day after T0, two hours long. */
export function roomRequest(overrides: Record<string, unknown> = {}) {
  const start = Math.floor(T0.getTime() / 1000) + 86_400;
  return {
    name: '女神节直播专场',
    coverImg: '',
    shareImg: '',
    feedsImg: '',
    startTime: start,
    endTime: start + 7200,
    anchorName: '小美主播',
    anchorWechat: ANCHOR,
    type: 0 as const,
    closeLike: 0 as const,
    closeGoods: 0 as const,
    closeComment: 0 as const,
    ...overrides,
  };
}
