import type { OutboxStore } from '../state/port.js';
import type { OutboxEntry } from '../state/types.js';
import { followUpGroupTask } from './channels/index.js';
import type { DispatchOptions, FollowUpCounts } from './dispatch-types.js';
import type { ReminderPayload } from './types.js';

/** How long after a group send members are followed up, and the gap between reminders (≤ 3 in 24 h). */
export const FOLLOW_UP = {
  windowMs: 24 * 3_600_000,
  firstAfterMs: 3_600_000,
  everyMs: 8 * 3_600_000,
  checkEveryMs: 15 * 60_000,
  maxReminders: 3,
  /** Rows read from the store at a time (every page is read). */
  pageSize: 50,
};

/**
 * A WeCom group send only reaches customers once each member confirms it in the WeCom client. For
 * sends of the last 24 hours not yet confirmed by everyone, each dispatch run reads the task
 * (get_groupmsg_task / send_result) and, an hour after the send and then every 8 hours, reminds the
 * members who have not confirmed (remind_groupmsg_send: the platform allows 3 a task in 24 h).
 * Best effort: its errors are counted, never fail the run.
 */
export async function followUpGroupSends(o: DispatchOptions, outbox: OutboxStore): Promise<FollowUpCounts> {
  const out: FollowUpCounts = { checked: 0, confirmed: 0, reminded: 0, errors: 0 };
  const t = o.now.getTime();
  // The store picks the rows with something to do (a reminder due, or not checked for 15 minutes)
  // and every page of them is read: past the first page, later sends are followed up too.
  const page = (after?: { sentAt: string; id: number }) =>
    outbox.followable({
      since: new Date(t - FOLLOW_UP.windowMs),
      remind: {
        sentBefore: new Date(t - FOLLOW_UP.firstAfterMs),
        lastRemindBefore: new Date(t - FOLLOW_UP.everyMs),
        maxReminders: FOLLOW_UP.maxReminders,
      },
      checkedBefore: new Date(t - FOLLOW_UP.checkEveryMs),
      ...(o.campaign ? { campaign: o.campaign } : {}),
      ...(after ? { after } : {}),
      limit: FOLLOW_UP.pageSize,
    });
  for (let rows = await page(); rows.length > 0; ) {
    await followUpRows(o, outbox, rows, out);
    if (rows.length < FOLLOW_UP.pageSize || o.shouldStop?.()) break;
    const last = rows.at(-1)!;
    rows = await page({ sentAt: last.sentAt ?? '', id: last.id });
  }
  return out;
}

async function followUpRows(
  o: DispatchOptions,
  outbox: OutboxStore,
  rows: OutboxEntry[],
  out: FollowUpCounts,
): Promise<void> {
  for (const row of rows) {
    out.checked++;
    const prev = (row.details.followUp ?? {}) as {
      lastRemindAt?: string;
      reminders?: number;
      checkedAt?: string;
    };
    const sentAt = row.sentAt ? Date.parse(row.sentAt) : o.now.getTime();
    const last = prev.lastRemindAt ? Date.parse(prev.lastRemindAt) : undefined;
    const due =
      o.now.getTime() - sentAt >= FOLLOW_UP.firstAfterMs &&
      (last === undefined || o.now.getTime() - last >= FOLLOW_UP.everyMs) &&
      (prev.reminders ?? 0) < FOLLOW_UP.maxReminders;
    // Cron runs dispatch every minute: read a task at most every 15 minutes unless a reminder is due,
    // the first time 15 minutes after the send (a run that sends 10,000 rows does not read them all back).
    const checkedAt = prev.checkedAt ? Date.parse(prev.checkedAt) : sentAt;
    if (!due && o.now.getTime() - checkedAt < FOLLOW_UP.checkEveryMs) {
      out.checked--;
      continue;
    }
    try {
      const payload = row.payload as unknown as ReminderPayload;
      const clients = typeof o.clients === 'function' ? o.clients(payload.accounts) : o.clients;
      const status = await followUpGroupTask(clients.wecom, row.remoteId!);
      if (status.confirmed) {
        await outbox.noteFollowUp(
          row.id,
          prev.lastRemindAt,
          { ...prev, confirmed: true, ...counts(status) },
          o.now,
        );
        out.confirmed++;
        continue;
      }
      if (!due) {
        await outbox.noteFollowUp(
          row.id,
          prev.lastRemindAt,
          { ...prev, checkedAt: o.now.toISOString(), ...counts(status) },
          o.now,
        );
        continue;
      }
      const at = o.now.toISOString();
      // Take the reminder slot first: a concurrent dispatcher that loses the race does not remind.
      const next = {
        ...prev,
        lastRemindAt: at,
        checkedAt: at,
        reminders: (prev.reminders ?? 0) + 1,
        ...counts(status),
      };
      if (!(await outbox.noteFollowUp(row.id, prev.lastRemindAt, next, o.now))) continue;
      const r = await followUpGroupTask(clients.wecom, row.remoteId!, { remind: true });
      if (r.reminded) out.reminded++;
    } catch {
      out.errors++;
    }
  }
}

const counts = (s: { sent: number; failed: number; pending: number }) => ({
  delivered: s.sent,
  undelivered: s.failed,
  waiting: s.pending,
});
