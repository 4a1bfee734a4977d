import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { StateSnapshot } from '../state/types.js';
import { RESERVATION_TOLERANCE_MS } from './channels-spec.js';

/**
 * Findings about creating the room that do not apply once it exists: WeChat's start window (more
 * than 10 minutes and at most 6 months ahead) is checked by room/create and room/editroom. A room
 * already created with this start is not sent again, so near or after its start `plan` (and apply,
 * status) must not stop on E_START_TOO_SOON or E_START_PAST — the planner then says what a started room allows.
 * A changed start is an edit, and keeps the finding. On channels a recorded reservation for this
 * start does the same. Pure.
 */
export const CREATE_ONLY_CODES = ['E_START_PAST', 'E_START_TOO_SOON', 'E_START_TOO_FAR'] as const;

export function dropCreateOnlyFindings(
  diagnostics: readonly Diagnostic[],
  times: CampaignTimes,
  state: StateSnapshot,
): Diagnostic[] {
  const room = state.resources.get('room');
  const sentStart = room?.sent?.startTime;
  const desired = times.start ? Math.floor(times.start.getTime() / 1000) : undefined;
  const unchanged = Boolean(room?.remoteId) && typeof sentStart === 'number' && sentStart === desired;
  // On 视频号 there is no room: the reservation found for this start plays its part.
  const notice = state.resources.get('reservation');
  const noticeStart = notice?.attributes.startTime;
  const reserved =
    Boolean(notice?.remoteId) &&
    times.start !== undefined &&
    typeof noticeStart === 'string' &&
    Math.abs(Date.parse(noticeStart) - times.start.getTime()) <= RESERVATION_TOLERANCE_MS;
  if (!unchanged && !reserved) return [...diagnostics];
  return diagnostics.filter((d) => !(CREATE_ONLY_CODES as readonly string[]).includes(d.code));
}
