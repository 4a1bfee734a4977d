import { MIN_LEAD_MS } from '../campaign/rules/platform/times.js';
import type { Address } from '../state/types.js';
import { local, type PlanContext } from './context.js';
import { desiredRoom, type RoomSpec, specHash } from './desired.js';
import { describeChanges, describeRoomChange, diffFields, ROOM_NO_REOPEN } from './diff.js';
import type { Change } from './types.js';

/**
 * The room (reference §4): created once; before the start, editable except its type; once started,
 * not editable at all, and likes, goods and comments turned off at the start stay off.
 */
export interface RoomPlan {
  change: Change;
  /** Media the room needs valid now (create or edit sends every image). */
  sends: boolean;
  spec: RoomSpec;
}

export function planRoom(ctx: PlanContext): RoomPlan {
  const spec = desiredRoom(ctx.campaign, ctx.times, ctx.input.assets);
  const after = spec as unknown as Record<string, unknown>;
  const media: Address[] = [
    ...new Set([spec.images.coverImg, spec.images.shareImg, spec.images.feedsImg].map((s) => `media/${s}`)),
  ];
  const { phase, record: rec } = ctx.room;

  if (phase === 'absent') {
    return {
      change: {
        address: 'room',
        action: 'create',
        reason: rec
          ? 'an earlier create was not confirmed: apply looks for the room on the platform (same name and start), then creates it'
          : 'not created yet',
        after,
        dependsOn: media,
      },
      sends: true,
      spec,
    };
  }

  const before = rec.sent;
  if (rec.hash === specHash(spec)) {
    const reason =
      phase === 'live'
        ? `live since ${local(ctx, ctx.room.start!)}; as in the campaign`
        : phase === 'ended'
          ? 'the broadcast has ended'
          : 'created; as in the campaign';
    return { change: { address: 'room', action: 'noop', reason, before }, sends: false, spec };
  }

  const diffs = before ? diffFields(before, after) : [];
  const what = describeChanges(diffs, (d) => describeRoomChange(d, ctx.tz)) || 'changed';
  const human = (reason: string): RoomPlan => ({
    change: { address: 'room', action: 'human', reason, before, after },
    sends: false,
    spec,
  });

  if (phase === 'ended') {
    return {
      change: {
        address: 'room',
        action: 'noop',
        reason: `the broadcast has ended: changes to the room no longer apply (${what})`,
        before,
      },
      sends: false,
      spec,
    };
  }

  const typeChange = diffs.find((d) => d.field === 'type');
  if (typeChange) {
    const from = typeChange.before === 1 ? 'push' : 'phone';
    const to = typeChange.after === 1 ? 'push' : 'phone';
    return human(
      `the room's type can't change (${from} → ${to})${phase === 'live' ? ' and the broadcast has started' : ''}: ` +
        `destroy the room (livectl destroy) and apply again to create it as ${to}, or keep type: ${from}`,
    );
  }

  if (phase === 'live') {
    const reopened = diffs
      .filter(
        (d) => (ROOM_NO_REOPEN as readonly string[]).includes(d.field) && d.before === 1 && d.after === 0,
      )
      .map((d) => describeRoomChange(d, ctx.tz).split(' ')[0]);
    const extra = reopened.length
      ? `; ${reopened.join(', ')} turned off at the start can't be turned back on`
      : '';
    return human(
      `the broadcast started at ${local(ctx, ctx.room.start!)}: a started room can't be edited (${what})${extra}. ` +
        'Replay and customer service can still be switched on in the back office; change the campaign back to silence this',
    );
  }

  const start = ctx.room.start;
  if (start && ctx.now.getTime() > start.getTime() - MIN_LEAD_MS) {
    return human(
      `the broadcast starts at ${local(ctx, start)}, less than 10 minutes from now: too late to edit the room (${what})`,
    );
  }
  // editroom sends every field, so an unrecorded `sent` only costs the reason its detail.
  const reason = before ? what : 'changed since the last apply (what was sent then is not recorded)';
  return {
    change: { address: 'room', action: 'update', reason, before, after, dependsOn: media },
    sends: true,
    spec,
  };
}
