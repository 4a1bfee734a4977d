import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MESSAGE_TEMPLATES } from '../campaign/catalog.js';
import { collectAssetRefs } from '../campaign/resolve.js';
import type { Campaign } from '../campaign/schema.js';
import { UserError } from '../errors.js';
import { TEMPLATES_DIR } from '../platform/paths.js';
import type { StateSnapshot } from '../state/types.js';
import { parseAudience } from './audience.js';
import type { RoomState, ScheduleInputs } from './types.js';

/**
 * The impure half of the schedule: reads what scheduleReminders needs — the shipped message
 * templates, the campaign's own message files and its audience files — and the room's ids from the
 * state. The campaign has been validated, so a file that cannot be read now is a UserError.
 */
export async function loadScheduleInputs(
  campaign: Campaign,
  campaignDir: string,
  opts: { templatesDir?: string } = {},
): Promise<ScheduleInputs> {
  const texts = new Map<string, string>();
  const dir = path.join(opts.templatesDir ?? TEMPLATES_DIR, 'messages');
  for (const name of MESSAGE_TEMPLATES) {
    texts.set(name, await readText(path.join(dir, `${name}.txt`), `shipped message template ${name}`));
  }
  const audiences = new Map<string, string[]>();
  for (const ref of collectAssetRefs(campaign)) {
    const file = path.resolve(campaignDir, ref.ref);
    if (ref.kind === 'message' && !texts.has(ref.ref)) {
      texts.set(ref.ref, await readText(file, `message file ${ref.ref}`));
    } else if (ref.kind === 'audience' && !audiences.has(ref.ref)) {
      audiences.set(ref.ref, parseAudience(await readText(file, `audience file ${ref.ref}`), ref.ref));
    }
  }
  return { texts, audiences, campaignDir };
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read the ${what} (${file}): ${(err as Error).message}`, {
      hint: 'Run `livectl validate` on the campaign; every file it refers to must be readable.',
    });
  }
}

/**
 * The room's id, and per wave the share path recorded with its code (`code/<wave>`) and the poster
 * apply rendered (`poster/<wave>`), and the goods ids (`goods/<product>`), from a state snapshot.
 */
export function roomStateFromSnapshot(snapshot: StateSnapshot): RoomState {
  const roomId = snapshot.resources.get('room')?.remoteId;
  const waves: Record<string, { sharePath?: string; posterPath?: string }> = {};
  const goods: Record<string, string> = {};
  for (const [address, rec] of snapshot.resources) {
    const [kind, wave] = address.split('/');
    if (!wave) continue;
    if (kind === 'goods' && rec.remoteId) goods[wave] = rec.remoteId;
    if (kind === 'code' && typeof rec.attributes.sharePath === 'string') {
      waves[wave] = { ...waves[wave], sharePath: rec.attributes.sharePath };
    }
    if (kind === 'poster' && typeof rec.attributes.path === 'string') {
      waves[wave] = { ...waves[wave], posterPath: rec.attributes.path };
    }
  }
  const noticeId = snapshot.resources.get('reservation')?.remoteId;
  return {
    ...(roomId !== undefined ? { roomId } : {}),
    waves,
    goods,
    ...(noticeId !== undefined ? { noticeId } : {}),
  };
}
