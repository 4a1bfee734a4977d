import { formatLocal } from '../campaign/time.js';
import { done, needsHuman } from '../outcome.js';
import { RESERVATION_TOLERANCE_MS } from '../plan/channels-spec.js';
import type { ResourceRecord } from '../state/types.js';
import type { LiveNotice } from '../wechat/index.js';
import { compareIds } from './lookup.js';
import type { StateWriter } from './state-writer.js';
import type { StepEnd } from './steps.js';

/**
 * `reservation`: the 视频号 live notice (直播预约). No server API creates, edits or cancels one
 * (channels-live-store.md §2.1), so a person makes it in the 视频号 app or 视频号助手 and livectl only
 * finds it: the notice list (getfinderlivenoticerecordlist) is read and a notice that is still
 * available (status 0) and starts within a tolerance of the room's start is recorded (remoteId =
 * notice_id). Until one exists the step asks a person and what depends on it (codes, posters,
 * reminders) waits; a later apply finds it. A recorded notice that was cancelled or moved is recorded
 * as such (attributes.status, attributes.startTime), so `plan` shows the drift, and a new matching
 * notice replaces it.
 *
 * The status enum is not documented server-side: 0 available / 1 cancelled / 2 used is the
 * mini-program's (wx.getChannelsLiveNoticeInfo) and assumed here [U].
 */

/**
 * How far a notice's start may be from the room's start and still be the campaign's: the planner's
 * tolerance, so what apply records is what `plan` does not call moved.
 */
export { RESERVATION_TOLERANCE_MS } from '../plan/channels-spec.js';

export const NOTICE_AVAILABLE = 0;
export const NOTICE_CANCELLED = 1;
export const NOTICE_USED = 2;

export interface ReservationWant {
  start: Date;
  description: string;
  timezone: string;
  toleranceMs?: number;
}

/** A notice as apply compares it: the start as a Date (the wire gives seconds, as a string or a number). */
export interface NoticeSeen {
  noticeId: string;
  status: number;
  startTime: Date;
  description: string;
}

export function noticeSeen(n: LiveNotice): NoticeSeen {
  return {
    noticeId: String(n.noticeId),
    status: Number(n.status),
    startTime: new Date(n.startTimeSec * 1000),
    description: n.description ?? '',
  };
}

const within = (n: NoticeSeen, w: ReservationWant) =>
  Math.abs(n.startTime.getTime() - w.start.getTime()) <= (w.toleranceMs ?? RESERVATION_TOLERANCE_MS);

/**
 * The available notice that is the campaign's: start within the tolerance; of several, the one whose
 * description is the room's name, then the closest start, then the lowest id (a stable choice).
 */
export function matchNotice(notices: readonly NoticeSeen[], w: ReservationWant): NoticeSeen | undefined {
  const candidates = notices.filter((n) => n.status === NOTICE_AVAILABLE && within(n, w));
  candidates.sort(
    (a, b) =>
      Number(b.description === w.description) - Number(a.description === w.description) ||
      Math.abs(a.startTime.getTime() - w.start.getTime()) -
        Math.abs(b.startTime.getTime() - w.start.getTime()) ||
      compareIds(a.noticeId, b.noticeId),
  );
  return candidates[0];
}

/** The person's task, in the words the plan uses. */
export function reservationTask(w: ReservationWant): string {
  return (
    `in 视频号, create a live reservation for ${formatLocal(w.start, w.timezone)} (${w.timezone}), described ` +
    `"${w.description}" (视频号 app → 发起直播 → 直播预告, or 视频号助手 → 直播 → 直播预约); livectl finds it on the next apply ` +
    `(a reservation starting within ±${Math.round((w.toleranceMs ?? RESERVATION_TOLERANCE_MS) / 60000)} min of the start counts)`
  );
}

const describe = (status: number) =>
  status === NOTICE_CANCELLED ? 'cancelled' : status === NOTICE_USED ? 'used' : `status ${status}`;

async function record(
  w: StateWriter,
  n: NoticeSeen,
  extra: Record<string, unknown> = {},
): Promise<ResourceRecord> {
  const prev = w.resource('reservation');
  return w.put({
    address: 'reservation',
    kind: 'reservation',
    remoteId: n.noticeId,
    attributes: {
      ...(prev?.remoteId === n.noticeId ? prev.attributes : {}),
      startTime: n.startTime.toISOString(),
      description: n.description,
      status: n.status,
      checkedAt: w.now().toISOString(),
      ...extra,
    },
  });
}

/**
 * Finds (or re-checks) the reservation. `done` with `quiet` when a recorded notice is still as it
 * was (nothing to report), `done` when one was recorded or replaced, `needs-human` otherwise.
 */
export async function checkReservation(
  w: StateWriter,
  listNotices: () => Promise<LiveNotice[]>,
  want: ReservationWant,
): Promise<StepEnd> {
  const notices = (await listNotices()).map(noticeSeen);
  const rec = w.resource('reservation');
  const task = reservationTask(want);
  if (rec?.remoteId) {
    const n = notices.find((x) => x.noticeId === rec.remoteId);
    // Used: the broadcast it announced took place. Nothing to change any more.
    if (n && n.status === NOTICE_USED) {
      if (rec.attributes.status !== NOTICE_USED) await record(w, n);
      return done({
        message: `reservation ${n.noticeId} used (the broadcast took place)`,
        remoteId: n.noticeId,
        quiet: true,
      });
    }
    if (n && n.status === NOTICE_AVAILABLE && within(n, want)) {
      const same =
        rec.attributes.status === NOTICE_AVAILABLE && rec.attributes.startTime === n.startTime.toISOString();
      if (!same) await record(w, n);
      return done({
        message: `reservation ${n.noticeId} for ${formatLocal(n.startTime, want.timezone)} is available`,
        remoteId: n.noticeId,
        ...(same ? { quiet: true } : {}),
      });
    }
    // Cancelled, moved, or no longer listed: a new matching notice replaces it.
    const next = matchNotice(notices, want);
    const was = !n
      ? 'is no longer listed'
      : n.status !== NOTICE_AVAILABLE
        ? `was ${describe(n.status)}`
        : `is for ${formatLocal(n.startTime, want.timezone)}, not the room's start ${formatLocal(want.start, want.timezone)}`;
    if (next) {
      await record(w, next, { replaced: rec.remoteId });
      return done({
        message: `reservation ${rec.remoteId} ${was}; found reservation ${next.noticeId} for ${formatLocal(next.startTime, want.timezone)} and recorded it`,
        remoteId: next.noticeId,
      });
    }
    if (n) await record(w, n);
    else await w.put({ ...rec, attributes: { ...rec.attributes, status: NOTICE_CANCELLED, missing: true } });
    return needsHuman(`reservation ${rec.remoteId} ${was}: ${task}`, 'channels-reservation');
  }
  const found = matchNotice(notices, want);
  if (found) {
    await record(w, found);
    return done({
      message: `found reservation ${found.noticeId} for ${formatLocal(found.startTime, want.timezone)} ("${found.description}") and recorded it`,
      remoteId: found.noticeId,
    });
  }
  return needsHuman(`no reservation yet: ${task}`, 'channels-reservation');
}
