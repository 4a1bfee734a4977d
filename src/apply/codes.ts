import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isChannels, livePageOf } from '../campaign/platform.js';
import { done, notYet } from '../outcome.js';
import { desiredChannelsCode } from '../plan/channels-spec.js';
import { desiredCode, desiredPoster, specHash } from '../plan/desired.js';
import type { PosterHook } from './posters.js';
import { addressId, type StepContext, type StepEnd } from './steps.js';

/**
 * Share codes per wave: the room's share card (getsharedcode, a GET with the wave in `params`) and a
 * mini-program code (getwxacodeunlimit, scene `r=<roomId>&w=<wave>`, and `page` =
 * accounts.miniProgram.livePage when the campaign has one) so views can be attributed to the wave. Both calls are safe to repeat. The code PNG goes to `<out>/codes/<wave>.png`, where the
 * posters pick it up.
 */

export function codePath(outDir: string, waveId: string): string {
  return path.join(outDir, 'codes', `${waveId}.png`);
}

/**
 * code/<wave> on channels: a code of the live page with scene `w=<wave>` (no room id: the page finds
 * the reservation itself with wx.getChannelsLiveNoticeInfo), made once the reservation is recorded.
 */
async function createChannelsCode(s: StepContext, address: string): Promise<StepEnd> {
  const waveId = addressId(address);
  if (!s.run.resource('reservation')?.remoteId)
    return notYet('the reservation is not found yet', 'dependency');
  const page = livePageOf(s.run.opts.campaign);
  if (page === undefined)
    throw new Error(`code/${waveId}: a channels code needs accounts.miniProgram.livePage`);
  const spec = desiredChannelsCode(s.run.name, waveId, page);
  const code = await s.run.mp.codes.getUnlimited({ scene: spec.scene, page, checkPath: true, width: 430 });
  const file = await saveCode(s, address, spec, code.bytes, { page });
  return done({ message: `scene ${spec.scene} for ${page}, code written to ${file}`, remoteId: spec.scene });
}

/**
 * Writes a wave's code PNG where the posters pick it up and records `code/<wave>` (its scene, the
 * file and the file's sha256, with `attributes` of the platform's own); returns the file.
 */
async function saveCode(
  s: StepContext,
  address: string,
  spec: { scene: string },
  bytes: Uint8Array,
  attributes: Record<string, unknown>,
): Promise<string> {
  const file = codePath(s.run.opts.artifactsDir, addressId(address));
  const write =
    s.run.opts.writeFile ??
    (async (p: string, b: Uint8Array) => {
      await mkdir(path.dirname(p), { recursive: true });
      await writeFile(p, b);
    });
  await write(file, bytes);
  await s.run.put({
    address,
    kind: 'code',
    remoteId: spec.scene,
    hash: specHash(spec),
    sent: { ...spec },
    attributes: {
      scene: spec.scene,
      ...attributes,
      localPath: file,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    },
  });
  return file;
}

export async function createCode(s: StepContext, address: string): Promise<StepEnd> {
  if (isChannels(s.run.opts.campaign)) return createChannelsCode(s, address);
  const waveId = addressId(address);
  const room = s.run.resource('room');
  if (!room?.remoteId) return notYet('the room does not exist yet', 'dependency');
  const livePage = livePageOf(s.run.opts.campaign);
  const spec = desiredCode(s.run.name, room.remoteId, waveId, livePage);
  const roomId = Number(room.remoteId);
  // The same custom params as the posters' offline share path (src/poster sharePath): `{w: <wave>}`.
  const shared = await s.run.mp.rooms.getSharedCode(roomId, { w: waveId });
  // With a live page the code opens it (check_path: it must be in the released app, or WeChat answers
  // 41030 rather than hand out a code that opens nothing); without one, the home page gets the scene.
  const code = await s.run.mp.codes.getUnlimited({
    scene: spec.scene,
    ...(spec.page !== undefined ? { page: spec.page, checkPath: true } : {}),
    width: 430,
  });
  const file = await saveCode(s, address, spec, code.bytes, {
    ...(spec.page !== undefined ? { page: spec.page } : {}),
    sharePath: shared.pagePath,
    cdnUrl: shared.cdnUrl,
    posterUrl: shared.posterUrl,
  });
  return done({ message: `scene ${spec.scene}, code written to ${file}`, remoteId: spec.scene });
}

/** poster/<wave>: rendered by the poster hook from the wave's share code, and recorded. */
export async function createPoster(s: StepContext, address: string, posters: PosterHook): Promise<StepEnd> {
  const waveId = addressId(address);
  const channels = isChannels(s.run.opts.campaign);
  // On channels the poster names the reservation (no room); without a live page it has no code.
  const room = s.run.resource(channels ? 'reservation' : 'room');
  const code = s.run.resource(`code/${waveId}`);
  const codeFile = code?.attributes.localPath;
  const codeless = channels && livePageOf(s.run.opts.campaign) === undefined;
  if (!codeless && (!room?.remoteId || typeof codeFile !== 'string'))
    return notYet(`the share code of wave ${waveId} does not exist yet`, 'dependency');
  const bytes = typeof codeFile === 'string' ? await readFile(codeFile) : new Uint8Array();
  const out = await posters({
    campaign: s.run.opts.campaign,
    waveId,
    roomId: room?.remoteId ?? '',
    code: bytes,
    codePath: typeof codeFile === 'string' ? codeFile : '',
    outDir: s.run.opts.artifactsDir,
  });
  await s.run.put({
    address,
    kind: 'poster',
    hash: specHash(desiredPoster(code?.hash, waveId)),
    sent: { ...desiredPoster(code?.hash, waveId) },
    attributes: { path: out.path, ...(out.sha256 ? { sha256: out.sha256 } : {}) },
  });
  return done({ message: `rendered ${out.path}` });
}
