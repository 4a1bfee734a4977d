import type { CampaignTimes } from '../campaign/rules/context.js';
import type { AfterWave, Campaign, Wave } from '../campaign/schema.js';

/**
 * Which posters a campaign gets. Pure.
 *
 * - every warm-up wave: its `poster:`, else the default for its place: `teaser` before go-live,
 *   `live-now` from go-live to the end of the broadcast;
 * - every after-wave: its `poster:`; else, when the room keeps a replay, `live-now` (which then says
 *   精彩回放 and links to the replay); without a replay, no poster: a broadcast that is over has
 *   nothing to scan into;
 * - the room itself (`room`): the poster for the room's share card, with no wave in its code.
 */

export type PosterPlace = 'before' | 'live' | 'after' | 'room';

export interface PosterTarget {
  /** `room`, `wave/<id>` or `after/<id>`: unique in a campaign (plan addresses use `poster/<wave>`). */
  key: string;
  kind: 'room' | 'wave' | 'after';
  /** The wave's id (absent for the room poster). */
  waveId?: string;
  place: PosterPlace;
  /** When the wave goes out (absent for the room poster, or when the time could not be resolved). */
  at?: Date;
  /** The template: a shipped name (teaser, article, live-now, room) or a path relative to the campaign file. */
  template: string;
  /** Where the template was chosen: `waves[0].poster`, or undefined for a default. */
  templateField?: string;
  /** Output file name: `wave-t-3d.png`, `after-replay.png`, `room.png` (`@2x` before .png at scale 2). */
  fileName: string;
  /** What the offline QR code holds: the room's share path, with the wave in custom_params. */
  sharePath: string;
}

export interface SkippedTarget {
  key: string;
  waveId: string;
  reason: string;
}

/** The live-player plugin page every room opens in (reference: wechat-channels-api §12.2). */
export const LIVE_PLAYER_PAGE = 'plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin';

/**
 * The room's share path: the live-player page with the room id (when known) and the wave in
 * `custom_params`, so a scan can be attributed to the wave.
 */
export function sharePath(roomId: string | undefined, waveId: string | undefined): string {
  const q: string[] = [];
  if (roomId !== undefined) q.push(`room_id=${encodeURIComponent(roomId)}`);
  if (waveId !== undefined) q.push(`custom_params=${encodeURIComponent(JSON.stringify({ w: waveId }))}`);
  return q.length ? `${LIVE_PLAYER_PAGE}?${q.join('&')}` : LIVE_PLAYER_PAGE;
}

/**
 * The merchant's live page (`accounts.miniProgram.livePage`) with the same query as the share code's
 * scene: `<livePage>?r=<roomId>&w=<wave>` (`r` left out while the room id is unknown, `w` for the
 * room's own card), plus `&replay=1` for the after-waves of a room that keeps a replay. WeCom cards
 * and the Official Account menu open this; the page forwards to the live-player plugin (README: the
 * live landing page).
 */
export function liveEntryPath(
  livePage: string,
  roomId: string | undefined,
  waveId: string | undefined,
  replay = false,
): string {
  const q: string[] = [];
  if (roomId !== undefined) q.push(`r=${encodeURIComponent(roomId)}`);
  if (waveId !== undefined) q.push(`w=${encodeURIComponent(waveId)}`);
  if (replay) q.push('replay=1');
  return q.length ? `${livePage}?${q.join('&')}` : livePage;
}

/**
 * The `scene` of the real mini-program code (getwxacodeunlimit) for a poster: `r=<roomId>&w=<wave>`,
 * or `r=<roomId>` for the room poster. At most 32 characters (the share-scene rule keeps wave ids short).
 */
export function posterScene(roomId: string | number, target: Pick<PosterTarget, 'waveId'>): string {
  return target.waveId === undefined ? `r=${roomId}` : `r=${roomId}&w=${target.waveId}`;
}

/**
 * On 视频号 (platform: channels): the live page with the wave (`<livePage>?w=<wave>`), the page the
 * poster's code opens; without a live page the poster has no code, and this names the 视频号.
 */
export function channelsSharePath(c: Campaign, waveId: string | undefined): string {
  const page = c.accounts.miniProgram?.livePage;
  if (page === undefined) return c.accounts.channels?.finderUserName ?? 'channels';
  return waveId === undefined ? page : `${page}?w=${encodeURIComponent(waveId)}`;
}

/** The scene of a channels poster's real code: `w=<wave>`, or `c=1` for the room's own poster. */
export function channelsPosterScene(target: Pick<PosterTarget, 'waveId'>): string {
  return target.waveId === undefined ? 'c=1' : `w=${target.waveId}`;
}

export function posterFileName(key: string, scale: number): string {
  const base = key.replace('/', '-');
  return scale === 1 ? `${base}.png` : `${base}@${scale}x.png`;
}

function placeOf(at: Date | undefined, times: CampaignTimes): PosterPlace {
  if (!at || !times.start) return 'before';
  if (at.getTime() < times.start.getTime()) return 'before';
  if (!times.end || at.getTime() < times.end.getTime()) return 'live';
  return 'after';
}

export function posterTargets(
  c: Campaign,
  times: CampaignTimes,
  opts: { roomId?: string; scale?: number } = {},
): { targets: PosterTarget[]; skipped: SkippedTarget[] } {
  const scale = opts.scale ?? 1;
  const share = (waveId: string | undefined) =>
    c.platform === 'channels' ? channelsSharePath(c, waveId) : sharePath(opts.roomId, waveId);
  const targets: PosterTarget[] = [];
  const skipped: SkippedTarget[] = [];
  const add = (
    kind: 'wave' | 'after',
    list: 'waves' | 'after',
    w: Wave | AfterWave,
    i: number,
    at: Date | undefined,
  ) => {
    const key = `${kind}/${w.id}`;
    const place = kind === 'after' ? 'after' : placeOf(at, times);
    let template = w.poster;
    if (template === undefined) {
      if (place === 'before') template = 'teaser';
      else if (place === 'live') template = 'live-now';
      else if (c.room.features.replay) template = 'live-now';
      else {
        skipped.push({
          key,
          waveId: w.id,
          reason: 'after the broadcast, and the room keeps no replay: add `poster:` to make one',
        });
        return;
      }
    }
    targets.push({
      key,
      kind,
      waveId: w.id,
      place,
      at,
      template,
      templateField: w.poster === undefined ? undefined : `${list}[${i}].poster`,
      fileName: posterFileName(key, scale),
      sharePath: share(w.id),
    });
  };
  c.waves.forEach((w, i) => {
    add('wave', 'waves', w, i, times.waves.get(w.id));
  });
  c.after.forEach((w, i) => {
    add('after', 'after', w, i, times.after.get(w.id));
  });
  targets.push({
    key: 'room',
    kind: 'room',
    place: 'room',
    template: 'room',
    fileName: posterFileName('room', scale),
    sharePath: share(undefined),
  });
  return { targets, skipped };
}
