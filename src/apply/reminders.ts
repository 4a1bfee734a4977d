import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign } from '../campaign/schema.js';
import type { Change } from '../plan/types.js';
import type { StateStore } from '../state/port.js';
import type { Address, StateSnapshot } from '../state/types.js';

/**
 * The seam where issue 6 (reminders) plugs into apply: after codes and posters, apply hands the
 * plan's `reminder/<wave>/<channel>` and `menu` changes to this hook, which writes the outbox rows
 * (one transaction, idempotent by key) for `dispatch` to send. Without a hook those changes are
 * reported as skipped — "not applied yet (issue 6)" — and nothing is pretended.
 */
export interface ReminderRequest {
  campaign: Campaign;
  times: CampaignTimes;
  now: Date;
  /** The plan's reminder and menu changes that need work (create, update, delete). */
  changes: readonly Change[];
  /** The campaign's state as apply left it: the room id, codes and posters the messages refer to. */
  snapshot: StateSnapshot;
  store: StateStore;
}

export interface ReminderResult {
  /** One line for the apply summary ("12 outbox rows written, 2 cancelled"). */
  message: string;
  /** Per-change detail, by address, when the hook has one. */
  byAddress?: ReadonlyMap<Address, string>;
  /** Rows rewritten or reopened because what they show changed. */
  refreshed?: number;
}

export type ReminderHook = (req: ReminderRequest) => Promise<ReminderResult>;
