import { UserError } from '../errors.js';
import { type Done, type NeedsHuman, needsHuman, done as ok } from '../outcome.js';
import { canonicalJson, desiredRoom, type RoomSpec, specHash } from '../plan/desired.js';
import type { CreateRoomRequest, EditRoomRequest, RoomInfo } from '../wechat/index.js';
import { humanStopFor } from './human.js';
import { trackedByOtherCampaigns } from './other-campaigns.js';
import {
  adoptedFrom,
  beginCreate,
  createdHere,
  findEarlierAttempt,
  fingerprintOf,
  type ListedObject,
  severalNote,
} from './pending-create.js';
import { isApiError, type NotDone, type StepContext, type StepEnd, type StepResult } from './steps.js';

/**
 * The live room (reference §4). Create is not idempotent and has been seen to answer -1 for rooms it
 * did create, so every create records a pending create first, and a later attempt adopts only the
 * room that attempt made (pending-create.ts). Media ids (3 days) are made fresh right before the call.
 */

const MAX_CREATE_ATTEMPTS = 3;

export function roomSpecOf(s: StepContext): RoomSpec {
  const o = s.run.opts;
  return desiredRoom(o.campaign, o.times, o.assets);
}

async function mediaIds(s: StepContext, spec: RoomSpec, force: boolean) {
  const { coverImg, shareImg, feedsImg } = spec.images;
  return {
    coverImg: (await s.media.ensure(coverImg, { force })).mediaId,
    shareImg: (await s.media.ensure(shareImg, { force: force && shareImg !== coverImg })).mediaId,
    feedsImg: (
      await s.media.ensure(feedsImg, { force: force && feedsImg !== coverImg && feedsImg !== shareImg })
    ).mediaId,
  };
}

function createRequest(spec: RoomSpec, media: Awaited<ReturnType<typeof mediaIds>>): CreateRoomRequest {
  const { images: _images, assistants: _a, ...fields } = spec;
  return { ...fields, ...media };
}

function editRequest(
  id: number,
  spec: RoomSpec,
  media: Awaited<ReturnType<typeof mediaIds>>,
): EditRoomRequest {
  // editroom takes neither type nor sub-anchor nor creator nor assistants (reference §4.3).
  const { images: _i, type: _t, subAnchorWechat: _s, createrWechat: _c, assistants: _a, ...fields } = spec;
  return { id, ...fields, ...media };
}

async function saveRoom(
  s: StepContext,
  roomId: string,
  sent: RoomSpec,
  attributes: Record<string, unknown> = {},
) {
  const prev = s.run.resource('room');
  await s.run.put({
    address: 'room',
    kind: 'room',
    remoteId: roomId,
    hash: specHash(sent),
    sent: { ...sent },
    attributes: {
      ...(prev?.remoteId === roomId ? prev.attributes : {}),
      name: sent.name,
      startTime: sent.startTime,
      endTime: sent.endTime,
      type: sent.type,
      ...attributes,
    },
  });
}

/** What getliveinfo shows of a room, in spec form (images cannot be compared: URLs, not media ids). */
function visibleSpec(r: RoomInfo, ours: RoomSpec): RoomSpec {
  // getliveinfo lists no assistants: none are taken as there, and apply adds them.
  const { assistants: _a, ...rest } = ours;
  return {
    ...rest,
    name: r.name,
    startTime: Number(r.startTime),
    endTime: Number(r.endTime),
    anchorName: r.anchorName,
    type: Number(r.liveType) === 1 ? 1 : 0,
    closeLike: r.closeLike,
    closeGoods: r.closeGoods,
    closeComment: r.closeComment,
    closeReplay: r.closeReplay,
    closeKf: r.closeKf,
    isFeedsPublic: r.isFeedsPublic,
  };
}

/**
 * A room's identity as getliveinfo lists it: what picks out the room a create made. The listing gives
 * no create time, so "appeared after the attempt" is decided by the ids listed before it (see
 * pending-create.ts).
 */
function roomIdentity(r: Pick<RoomSpec, 'name' | 'startTime' | 'endTime' | 'anchorName'>) {
  return fingerprintOf({
    name: r.name,
    startTime: Number(r.startTime),
    endTime: Number(r.endTime),
    anchorName: r.anchorName,
  });
}

export const listedRooms = (rooms: readonly RoomInfo[]): ListedObject[] =>
  rooms.map((r) => ({ id: String(r.roomid), fingerprint: roomIdentity(r) }));

type Look = { adopted: StepEnd } | { adopted?: undefined; note: string };

/** Adopts the room an earlier attempt of this campaign made (its answer lost), if there is one. */
async function adoptRoom(s: StepContext, spec: RoomSpec): Promise<Look> {
  const rooms = await s.lookup.rooms();
  const earlier = await findEarlierAttempt(
    s.run,
    'room',
    listedRooms(rooms),
    await trackedByOtherCampaigns(s, 'room'),
  );
  if (earlier.found === 'several') return { note: severalNote('rooms', earlier.ids) };
  if (earlier.found !== 'one') return { note: '' };
  const hit = rooms.find((r) => String(r.roomid) === earlier.id)!;
  const roomId = earlier.id;
  const seen = visibleSpec(hit, spec);
  await saveRoom(s, roomId, seen, adoptedFrom(earlier.pending));
  let note = '';
  if (canonicalJson(seen) !== canonicalJson(spec) && Number(hit.liveStatus) === 102) {
    const updated = await updateRoom(s);
    if (updated.kind !== 'done') return { adopted: updated };
    note = ', then brought it up to date';
  }
  return {
    adopted: ok({
      message: `found the room an earlier attempt of this campaign created (roomId ${roomId}) and adopted it${note}`,
      remoteId: roomId,
      adopted: true,
    }),
  };
}

/** The person's task an error calls for (humanStopFor), or undefined for ordinary failures. */
function humanFor(err: unknown, spec: RoomSpec): NeedsHuman | undefined {
  const stop = humanStopFor(err, spec.anchorWechat, spec.subAnchorWechat);
  if (!stop) return undefined;
  return needsHuman(stop.message, stop.kind, {
    ...(stop.url ? { url: stop.url } : {}),
    ...(stop.qr ? { qr: stop.qr } : {}),
  });
}

/**
 * room create: adopt what an earlier attempt of this campaign left, else record a pending create and
 * create with fresh media ids, saving the roomId at once.
 */
export async function createRoom(s: StepContext): Promise<StepEnd> {
  const spec = roomSpecOf(s);
  if (s.run.resource('room')?.remoteId) return updateRoom(s);
  const first = await adoptRoom(s, spec);
  if (first.adopted) return first.adopted;
  const note = first.note;
  let forceMedia = false;
  for (let attempt = 1; ; attempt++) {
    // Only the create call's own lost answer is looked for (a media upload's is not the create's).
    let called = false;
    try {
      const media = await mediaIds(s, spec, forceMedia);
      const rooms = await s.lookup.rooms();
      await beginCreate(s.run, {
        address: 'room',
        kind: 'room',
        fingerprint: roomIdentity(spec),
        listed: listedRooms(rooms),
        details: { name: spec.name, startTime: spec.startTime },
      });
      let roomId: number;
      called = true;
      try {
        ({ roomId } = await s.run.mp.rooms.create(createRequest(spec, media)));
      } catch (err) {
        // Refused outright: nothing was created, so there is nothing to look for later.
        if (!(isApiError(err) && err.maybeApplied)) await s.run.dropPendingCreate('room');
        throw err;
      }
      const made = withAssistants(spec, undefined);
      await saveRoom(s, String(roomId), made, createdHere());
      let helpers = '';
      if (spec.assistants) {
        const changed = await changeAssistants(s, String(roomId), made, spec);
        if (changed.kind !== 'done') return changed;
        helpers = `; ${changed.value}`;
      }
      return ok({ message: `created (roomId ${roomId})${note}${helpers}`, remoteId: String(roomId) });
    } catch (err) {
      const human = humanFor(err, spec);
      if (human) return human;
      if (isApiError(err, 300006) && !forceMedia) {
        forceMedia = true;
        continue;
      }
      if (called && isApiError(err) && err.maybeApplied && attempt < MAX_CREATE_ATTEMPTS) {
        // The room may exist although we never heard back (WeChat has answered -1 for rooms it made,
        // and "ok" without a roomId): look for what this attempt made before trying again.
        s.lookup.invalidate();
        const found = await adoptRoom(s, spec);
        if (found.adopted) return found.adopted;
        continue;
      }
      throw err;
    }
  }
}

/**
 * room update: editroom with every field (fresh media ids); only before the broadcast starts. editroom
 * takes no sub-anchor, so a change to `room.subAnchor` is its own call: addsubanchor (none → one),
 * modifysubanchor (one → another) or deletesubanchor (one → none). Assistants (during.assistants)
 * likewise: add/modify/removeassistant, one call per assistant. State is saved after each success.
 */
export async function updateRoom(s: StepContext): Promise<StepEnd> {
  const rec = s.run.resource('room');
  if (!rec?.remoteId) return createRoom(s);
  const spec = roomSpecOf(s);
  const before = (rec.sent ?? {}) as Partial<RoomSpec>;
  if (canonicalJson(before) === canonicalJson(spec))
    return ok({ message: 'already as desired', remoteId: rec.remoteId });
  if (before.type !== undefined && before.type !== spec.type) {
    throw new UserError(
      `the room's type cannot change after it is created (${before.type === 1 ? 'push' : 'phone'} → ${spec.type === 1 ? 'push' : 'phone'})`,
      { hint: 'Change room.type back, or destroy the campaign and apply it again to get a new room.' },
    );
  }
  const changed = Object.keys({ ...before, ...spec }).filter(
    (k) => canonicalJson(before[k as keyof RoomSpec]) !== canonicalJson(spec[k as keyof RoomSpec]),
  );
  const roomId = rec.remoteId;
  // What the room is once editroom has run, before the sub-anchor call: the old sub-anchor stays.
  const { subAnchorWechat: _sub, ...rest } = spec;
  const edited: RoomSpec = withAssistants(
    {
      ...rest,
      ...(before.subAnchorWechat !== undefined ? { subAnchorWechat: before.subAnchorWechat } : {}),
    },
    before.assistants,
  );
  const separate = ['subAnchorWechat', 'assistants'];
  if (changed.some((k) => !separate.includes(k))) {
    const human = await editRoom(s, Number(roomId), spec);
    if (human) return human;
    await saveRoom(s, roomId, edited);
  }
  let sub = '';
  if (changed.includes('subAnchorWechat')) {
    const r = await changeSubAnchor(s, Number(roomId), before.subAnchorWechat, spec);
    if (r.kind !== 'done') return r;
    sub = r.value;
    await saveRoom(s, roomId, withAssistants(spec, before.assistants));
  }
  let helpers = '';
  if (changed.includes('assistants')) {
    const r = await changeAssistants(s, roomId, withAssistants(spec, before.assistants), spec);
    if (r.kind !== 'done') return r;
    helpers = r.value;
  }
  const fields = changed.filter((k) => !separate.includes(k));
  const parts = [fields.length ? `updated (${fields.join(', ')})` : '', sub, helpers].filter(Boolean);
  return ok({ message: parts.join('; '), remoteId: roomId });
}

/** editroom with fresh media ids; the person's task when WeChat answers with one. */
async function editRoom(s: StepContext, roomId: number, spec: RoomSpec): Promise<NeedsHuman | undefined> {
  let forceMedia = false;
  for (;;) {
    try {
      const media = await mediaIds(s, spec, forceMedia);
      await s.run.mp.rooms.edit(editRequest(roomId, spec, media));
      return undefined;
    } catch (err) {
      const human = humanFor(err, spec);
      if (human) return human;
      if (isApiError(err, 300006) && !forceMedia) {
        forceMedia = true;
        continue;
      }
      if (isApiError(err, 300023)) {
        throw new UserError('the broadcast has started (or ended): WeChat allows no more edits to the room', {
          hint: 'Changes to a started room must be made by the anchor in the live console.',
        });
      }
      throw err;
    }
  }
}

/** The sub-anchor call for a change of `room.subAnchor`; done with what was done. */
async function changeSubAnchor(
  s: StepContext,
  roomId: number,
  from: string | undefined,
  spec: RoomSpec,
): Promise<Done<string> | NotDone> {
  const to = spec.subAnchorWechat;
  const rooms = s.run.mp.rooms;
  try {
    if (to === undefined) {
      await rooms.deleteSubAnchor(roomId);
      return ok(`sub-anchor ${from} removed`);
    }
    if (from === undefined) {
      await rooms.addSubAnchor(roomId, to);
      return ok(`sub-anchor ${to} added`);
    }
    await rooms.modifySubAnchor(roomId, to);
    return ok(`sub-anchor ${from} → ${to}`);
  } catch (err) {
    // 500004: the room already has this sub-anchor (an earlier call whose answer was lost).
    if (to !== undefined && isApiError(err, 500004)) return ok(`sub-anchor ${to} (already set)`);
    const human = humanFor(err, spec);
    if (human) return human;
    if (isApiError(err, 500005)) {
      throw new UserError(`the sub-anchor ${to} is the room's anchor`, {
        hint: 'room.subAnchor.wechat must be another person than room.anchor.wechat.',
      });
    }
    if (isApiError(err, 300022)) {
      throw new UserError(`room ${roomId} is no longer on the platform: its sub-anchor cannot change`, {
        hint: '`livectl status --refresh` shows what the platform has.',
      });
    }
    throw err;
  }
}

type Assistant = NonNullable<RoomSpec['assistants']>[number];

const byUsername = (a: Assistant, b: Assistant) =>
  a.username < b.username ? -1 : a.username > b.username ? 1 : 0;

/** `spec` with these assistants (sorted, as desiredRoom sorts them); without the field when none. */
function withAssistants(spec: RoomSpec, list: readonly Assistant[] | undefined): RoomSpec {
  const { assistants: _a, ...rest } = spec;
  return list?.length ? { ...rest, assistants: [...list].sort(byUsername) } : rest;
}

/**
 * Brings the room's assistants from what `room` (as saved) has to `spec.assistants`: removeassistant
 * for each dropped, addassistant for each new one, modifyassistant for a new nickname; the state is
 * saved after each call, so a stop part-way keeps what was done. Done with what was done.
 */
async function changeAssistants(
  s: StepContext,
  roomId: string,
  room: RoomSpec,
  spec: RoomSpec,
): Promise<Done<string> | NotDone> {
  const rooms = s.run.mp.rooms;
  const id = Number(roomId);
  let current = [...(room.assistants ?? [])];
  const want = spec.assistants ?? [];
  const done: string[] = [];
  const save = () => saveRoom(s, roomId, withAssistants(room, current));
  for (const a of current.filter((x) => !want.some((w) => w.username === x.username))) {
    await rooms.removeAssistant(id, a.username);
    current = current.filter((x) => x.username !== a.username);
    await save();
    done.push(`assistant ${a.username} removed`);
  }
  for (const a of want) {
    const had = current.find((x) => x.username === a.username);
    if (had?.nickname === a.nickname) continue;
    try {
      if (had) await rooms.modifyAssistant(id, a.username, a.nickname);
      else await rooms.addAssistants(id, [a]);
    } catch (err) {
      // The reference names no errcode for an assistant without the real-name check; the emulator
      // answers 500002, the unverified sub-anchor's code.
      if (isApiError(err, 500002)) {
        return needsHuman(
          `The assistant (${a.username}) has not passed WeChat's real-name check for live streaming (errcode 500002). ` +
            `Ask them to finish the check in the "小程序直播" mini program (or correct during.assistants), then run apply again.`,
          'anchor-real-name',
        );
      }
      if (isApiError(err, 300022)) {
        throw new UserError(`room ${roomId} is no longer on the platform: its assistants cannot change`, {
          hint: '`livectl status --refresh` shows what the platform has.',
        });
      }
      throw err;
    }
    current = [...current.filter((x) => x.username !== a.username), a];
    await save();
    done.push(
      had ? `assistant ${a.username} ${had.nickname} → ${a.nickname}` : `assistant ${a.username} added`,
    );
  }
  await saveRoom(s, roomId, withAssistants(room, want));
  return ok(done.join('; ') || 'assistants as desired');
}

/** room delete: only before it starts; a started room is kept (and the caller says so). */
export async function deleteRoom(s: StepContext): Promise<Done<StepResult & { kept?: boolean }>> {
  const rec = s.run.resource('room');
  if (!rec?.remoteId) {
    if (rec) await s.run.remove('room');
    return ok({ message: 'nothing on the platform' });
  }
  try {
    await s.run.mp.rooms.delete(Number(rec.remoteId));
  } catch (err) {
    if (isApiError(err, 300022)) {
      // already gone
    } else if (isApiError(err, 300023)) {
      return ok({
        message: `kept: the broadcast has started (roomId ${rec.remoteId})`,
        remoteId: rec.remoteId,
        kept: true,
      });
    } else throw err;
  }
  await s.run.remove('room');
  return ok({ message: `deleted (roomId ${rec.remoteId})`, remoteId: rec.remoteId });
}
