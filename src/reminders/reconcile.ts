import type { OutboxWrite, ScheduleDecision, ScheduledRow } from '../state/types.js';

/**
 * The schedule's policy when a campaign's schedule is written again (pure: the store applies what it
 * decides, in one transaction — OutboxStore.upsert):
 *  - a row not in the store is inserted;
 *  - a pending row whose time, grace, payload or wave/channel/slice changed is updated; its progress
 *    is dropped when the payload changed and no attempt is in doubt;
 *  - a cancelled row, or a skipped or failed one whose due time changed (a wave moved later), is made
 *    pending again;
 *  - a pending row no longer in the schedule is cancelled, except a menu restore whose menu switch
 *    went out (the restore must follow the switch, even when the menu left the campaign);
 *  - sent, claimed and in-flight rows are never touched.
 */
export function reconcileSchedule(
  existing: readonly ScheduledRow[],
  wanted: readonly OutboxWrite[],
): ScheduleDecision {
  const out: ScheduleDecision = { insert: [], update: [], reopen: [], cancel: [], unchanged: 0 };
  const byKey = new Map(existing.map((r) => [r.idempotencyKey, r]));
  const keys = new Set<string>();
  for (const r of wanted) {
    // A key written twice in one schedule counts once.
    if (keys.has(r.idempotencyKey)) {
      out.unchanged++;
      continue;
    }
    keys.add(r.idempotencyKey);
    const old = byKey.get(r.idempotencyKey);
    if (!old) {
      out.insert.push(r);
      continue;
    }
    const payloadJson = JSON.stringify(r.payload);
    const same =
      old.dueAt === r.dueAt &&
      old.graceMs === r.graceMs &&
      old.payloadJson === payloadJson &&
      old.wave === r.wave &&
      old.channel === r.channel &&
      old.slice === r.slice;
    if (old.status === 'pending' && !same) {
      out.update.push({ id: old.id, row: r, resetDetails: old.payloadJson !== payloadJson && !old.inDoubt });
    } else if (
      old.status === 'cancelled' ||
      ((old.status === 'skipped' || old.status === 'failed') && old.dueAt !== r.dueAt)
    ) {
      out.reopen.push({ id: old.id, row: r });
    } else out.unchanged++;
  }
  const switched = new Set(
    existing
      .filter((r) => r.slice === 'menu-switch' && r.status === 'sent')
      .map((r) => `${r.wave}\u0000${r.channel}`),
  );
  for (const p of existing) {
    if (p.status !== 'pending' || keys.has(p.idempotencyKey)) continue;
    if (p.slice === 'menu-restore' && switched.has(`${p.wave}\u0000${p.channel}`)) continue;
    out.cancel.push({
      id: p.id,
      reason: `wave ${p.wave} or channel ${p.channel} is no longer in the campaign`,
    });
  }
  return out;
}
