/**
 * Shared by the reminder tests: the goddess-day campaign scheduled against a room, a temp poster
 * file, and a SendContext over the contract harness (real clients, real emulator, injected clock).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseCampaignText } from '../../src/campaign/load.js';
import { resolveTimes } from '../../src/campaign/resolve.js';
import type { Campaign } from '../../src/campaign/schema.js';
import { PACKAGE_ROOT } from '../../src/platform/paths.js';
import type { DispatchRow, SendContext } from '../../src/reminders/channels/index.js';
import { scheduleReminders } from '../../src/reminders/schedule.js';
import type { OutboxRowSpec, RoomState } from '../../src/reminders/types.js';
import type { ResourceRecord } from '../../src/state/types.js';
import { type Contract, image, png, roomRequest } from '../contract/harness.js';

export const CAMPAIGNS = path.join(PACKAGE_ROOT, 'campaigns');
export const GODDESS = path.join(CAMPAIGNS, 'goddess-day.yaml');

export const texts = new Map(
  ['teaser', 'article', 'soon', 'live-now', 'feedback', 'replay'].map((n) => [
    n,
    readFileSync(path.join(PACKAGE_ROOT, 'templates', 'messages', `${n}.txt`), 'utf8'),
  ]),
);

export function loadCampaign(file = GODDESS, edit?: (t: string) => string): Campaign {
  const text = readFileSync(file, 'utf8');
  const parsed = parseCampaignText(edit ? edit(text) : text);
  if (!parsed.campaign) throw new Error(JSON.stringify(parsed.diagnostics, null, 2));
  return parsed.campaign;
}

/** A folder with a poster PNG per wave (what apply would have rendered). */
export function posterDir(waves: string[]): { dir: string; room: RoomState['waves'] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'livectl-reminders-'));
  const room: Record<string, { posterPath: string }> = {};
  for (const w of waves) {
    const file = path.join(dir, `wave-${w}.png`);
    writeFileSync(file, png(750, 1334));
    room[w] = { posterPath: file };
  }
  return { dir, room };
}

export function goddessRows(
  roomId?: string,
  edit?: (t: string) => string,
  audiences?: ReadonlyMap<string, readonly string[]>,
): OutboxRowSpec[] {
  const c = loadCampaign(GODDESS, edit);
  const { room } = posterDir(['t-3d', 't-1d', 'live']);
  return scheduleReminders(
    c,
    resolveTimes(c),
    { ...(roomId ? { roomId } : {}), waves: room },
    {
      texts,
      campaignDir: CAMPAIGNS,
      ...(audiences ? { audiences } : {}),
    },
  );
}

/** goddess-day with a subscribe-message channel `fans` in the live wave. */
export const withFans = (t: string) =>
  t
    .replace(
      '  live-followers: {}',
      '  live-followers: {}\n  fans:\n    type: subscribe-message\n    templateId: tpl-live\n    audience: audience.csv\n    fields: { thing1: "{{room.name}}", time2: "{{room.time}}" }\n    page: pages/live/index',
    )
    .replace(
      'channels: [wecom-groups, live-followers, staff]',
      'channels: [wecom-groups, live-followers, staff, fans]',
    );

export function rowOf(spec: OutboxRowSpec, id = 1, attempts = 1): DispatchRow {
  return {
    id,
    campaign: spec.campaign,
    wave: spec.wave,
    channel: spec.channel,
    slice: spec.slice,
    dueAt: spec.dueAt,
    graceMs: spec.graceMs,
    idempotencyKey: spec.idempotencyKey,
    payload: spec.payload,
    attempts,
  };
}

export function pick(rows: OutboxRowSpec[], wave: string, channel: string, slice = ''): OutboxRowSpec {
  const r = rows.find((x) => x.wave === wave && x.channel === channel && x.slice === slice);
  if (!r) throw new Error(`no row ${wave}/${channel}/${slice}`);
  return r;
}

/** A SendContext over the harness, with resources and checkpoints in memory. */
export function sendContext(
  c: Contract,
  opts: { env?: Record<string, string>; previous?: Record<string, unknown>; attemptStartedAt?: Date } = {},
): SendContext & { checkpoints: Record<string, unknown>[]; store: Map<string, ResourceRecord> } {
  const checkpoints: Record<string, unknown>[] = [];
  const store = new Map<string, ResourceRecord>();
  const memo = new Map<string, Promise<unknown>>();
  let previous = { ...(opts.previous ?? {}) };
  const ctx = {
    clients: c.clients,
    get now() {
      return c.now();
    },
    env: opts.env ?? {},
    readFile: (p: string) => readFile(p),
    sleep: async () => {},
    get previous() {
      return previous;
    },
    checkpoint: async (d: Record<string, unknown>) => {
      checkpoints.push(d);
      previous = { ...previous, ...d };
    },
    memo: <T>(key: string, make: () => Promise<T>) => {
      let p = memo.get(key) as Promise<T> | undefined;
      if (!p) {
        p = make();
        memo.set(key, p);
      }
      return p;
    },
    resources: {
      get: async (a: string) => store.get(a),
      put: async (r: ResourceRecord) => {
        store.set(r.address, r);
      },
    },
    ...(opts.attemptStartedAt ? { attemptStartedAt: opts.attemptStartedAt } : {}),
    checkpoints,
    store,
  };
  return ctx;
}

/**
 * A room on the emulator from `start` for 2 h, with freshly uploaded cover, share and feeds images;
 * `closeReplay: 0` keeps a replay (goddess-day's replay wave waits for one).
 */
export async function createRoomAt(
  c: Contract,
  start: Date,
  extra: { closeReplay?: 0 | 1 } = {},
): Promise<number> {
  const mp = c.clients.miniProgram;
  const up = async (w: number, h: number) => (await mp.uploadMedia('image', image(w, h))).mediaId;
  const t = start.getTime() / 1000;
  const { roomId } = await mp.rooms.create(
    roomRequest({
      coverImg: await up(1080, 1920),
      shareImg: await up(800, 640),
      feedsImg: await up(800, 800),
      startTime: t,
      endTime: t + 7200,
      ...extra,
    }),
  );
  return roomId;
}
