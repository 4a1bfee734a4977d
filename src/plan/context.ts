import { resolveTimes } from '../campaign/resolve.js';
import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign } from '../campaign/schema.js';
import { formatLocal, isValidTimeZone, localDate, resolveMoment } from '../campaign/time.js';
import type { ResourceRecord, StateSnapshot } from '../state/types.js';
import type { PlanInput } from './types.js';

/**
 * What every part of the planner reads: the input, the resolved times and the room's phase. Built
 * once per plan; pure.
 */
export interface PlanContext {
  input: PlanInput;
  campaign: Campaign;
  /** The campaign's zone (Asia/Shanghai when the campaign names an unknown one: validate reports it). */
  tz: string;
  now: Date;
  times: CampaignTimes;
  state: StateSnapshot;
  room: RoomPhase;
}

/**
 * Where the room stands. `absent`: not created (or not confirmed); `before`: created, not started;
 * `live`: started (by the platform's live_status or by the clock); `ended`: over (or banned/expired).
 */
export type RoomPhase =
  | ({ phase: 'absent'; record?: ResourceRecord; remoteId?: undefined } & RoomTimes)
  | ({ phase: 'before' | 'live' | 'ended'; record: ResourceRecord; remoteId: string } & RoomTimes);

interface RoomTimes {
  /** The start and end as created (from what was last sent), else as the campaign says. */
  start?: Date;
  end?: Date;
}

/** WeChat's live_status values (reference §4.4). */
const LIVE = new Set([101, 105]);
const OVER = new Set([103, 104, 106, 107]);

export function planContext(input: PlanInput): PlanContext {
  const campaign = input.campaign;
  const tz = isValidTimeZone(campaign.metadata.timezone) ? campaign.metadata.timezone : 'Asia/Shanghai';
  const times = resolveTimes(campaign);
  return {
    input,
    campaign,
    tz,
    now: input.now,
    times,
    state: input.state,
    room: roomPhase(input.state.resources.get('room'), times, input.now),
  };
}

export function roomPhase(record: ResourceRecord | undefined, times: CampaignTimes, now: Date): RoomPhase {
  if (!record?.remoteId) return { phase: 'absent', record, start: times.start, end: times.end };
  const sentStart = numberField(record.sent, 'startTime');
  const sentEnd = numberField(record.sent, 'endTime');
  const start = sentStart !== undefined ? new Date(sentStart * 1000) : times.start;
  const end = sentEnd !== undefined ? new Date(sentEnd * 1000) : times.end;
  const base = { record, remoteId: record.remoteId, start, end };
  const status = record.attributes.liveStatus;
  if (typeof status === 'number') {
    if (LIVE.has(status)) return { phase: 'live', ...base };
    if (OVER.has(status)) return { phase: 'ended', ...base };
  }
  const t = now.getTime();
  if (end && t >= end.getTime()) return { phase: 'ended', ...base };
  if (start && t >= start.getTime()) return { phase: 'live', ...base };
  return { phase: 'before', ...base };
}

function numberField(o: Record<string, unknown> | undefined, key: string): number | undefined {
  const v = o?.[key];
  return typeof v === 'number' ? v : undefined;
}

/** `2027-03-08 20:00` in the campaign's zone. */
export const local = (ctx: PlanContext, d: Date): string => formatLocal(d, ctx.tz);

/** The local date of `now` in the zone the platform counts its daily quotas in (China). */
export const QUOTA_ZONE = 'Asia/Shanghai';
export const quotaDay = (d: Date): string => localDate(d, QUOTA_ZONE);

/** A campaign moment (`-1d@12:00`, `+15m`, an ISO time) as a date, or undefined when it does not resolve. */
export function safeMoment(at: string | number, start: Date, tz: string): Date | undefined {
  try {
    return resolveMoment(at, start, tz);
  } catch {
    return undefined;
  }
}
