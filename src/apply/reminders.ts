import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign } from '../campaign/schema.js';
import type { Change } from '../plan/types.js';
import type { StateStore } from '../state/port.js';
import type { Address, StateSnapshot } from '../state/types.js';

/**
 * How apply writes reminders: after codes and posters, apply hands the plan's
 * `reminder/<wave>/<channel>` and `menu` changes to this hook, which writes the outbox rows (one
 * transaction, idempotent by key) for `dispatch` to send. The CLI passes reminders/apply-hook.ts.
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
