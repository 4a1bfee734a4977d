import type { ReminderHook } from '../apply/reminders.js';
import { formatLocal, isValidTimeZone } from '../campaign/time.js';
import { specHash } from '../plan/desired.js';
import type { ResourceRecord } from '../state/types.js';
import { syncReminders } from './outbox.js';

/**
 * Apply's reminder step (src/apply/reminders.ts): once the room, codes and posters exist, the whole
 * schedule is written to the outbox (idempotent by key: new rows inserted, pending ones updated,
 * rows of waves that left the campaign cancelled, sent rows untouched), and each planned
 * `reminder/<wave>/<channel>` and `menu` change is recorded as a resource with the plan's hash, so
 * the next plan sees it scheduled. Sending is dispatch's job, at each row's time.
 */
export function reminderHook(opts: { campaignDir: string; templatesDir?: string }): ReminderHook {
  return async (req) => {
    const name = req.campaign.metadata.name;
    const { rows, result } = await syncReminders({
      store: req.store,
      campaign: req.campaign,
      times: req.times,
      campaignDir: opts.campaignDir,
      now: req.now,
      snapshot: req.snapshot,
      ...(opts.templatesDir ? { templatesDir: opts.templatesDir } : {}),
    });
    const tz = isValidTimeZone(req.campaign.metadata.timezone) ? req.campaign.metadata.timezone : 'UTC';
    const at = req.now.toISOString();
    const byAddress = new Map<string, string>();
    for (const c of req.changes) {
      const prev = req.snapshot.resources.get(c.address);
      if (c.action === 'delete') {
        if (prev) await req.store.deleteResource(name, c.address);
        if (
          c.address === 'menu' &&
          prev &&
          'switchedAt' in prev.attributes &&
          !('restoredAt' in prev.attributes)
        ) {
          // The menu left the campaign after it was switched: restore it at the next dispatch.
          await req.store.outbox().reschedule(name, 'menu-restore', req.now);
          byAddress.set(c.address, 'the menu is restored at the next dispatch');
        } else byAddress.set(c.address, 'pending rows cancelled');
        continue;
      }
      const mine =
        c.address === 'menu'
          ? rows.filter((r) => r.slice === 'menu-switch' || r.slice === 'menu-restore')
          : rows.filter(
              (r) => `reminder/${r.wave}/${r.channel}` === c.address && !r.slice.startsWith('menu-'),
            );
      const rec: ResourceRecord = {
        address: c.address,
        kind: c.address === 'menu' ? 'menu' : 'reminder',
        ...(c.after ? { hash: specHash(c.after), sent: c.after } : {}),
        // The menu's backup (written by dispatch) survives a re-apply.
        attributes: { ...(prev?.attributes ?? {}), rows: mine.length, scheduledAt: at },
        createdAt: prev?.createdAt ?? at,
        updatedAt: at,
      };
      await req.store.putResource(name, rec);
      const first = mine[0];
      byAddress.set(
        c.address,
        first
          ? `${mine.length} outbox row${mine.length === 1 ? '' : 's'}, due ${formatLocal(new Date(first.dueAt), tz)}`
          : 'no rows (no recipients)',
      );
    }
    const parts = [
      `${result.inserted} new`,
      `${result.updated} updated`,
      ...(result.reopened ? [`${result.reopened} reopened`] : []),
      ...(result.cancelled ? [`${result.cancelled} cancelled`] : []),
      `${result.unchanged} unchanged`,
    ];
    return {
      message: `outbox: ${rows.length} rows (${parts.join(', ')})`,
      byAddress,
      refreshed: result.updated + result.reopened,
    };
  };
}
