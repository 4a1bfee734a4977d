import type { Clock } from '../platform/deps.js';
import type { StateStore } from '../state/port.js';
import type { Clients } from '../wechat/index.js';
import type { ChannelAdapter } from './channels/index.js';
import type { PayloadAccounts, RowType } from './types.js';

/** The options, outcomes and summary of a dispatch run (dispatch.ts), shared by its pieces. */

export interface DispatchOptions {
  store: StateStore;
  /** Clients for a row's accounts (one set for all rows, or built per account). */
  clients: Clients | ((accounts: PayloadAccounts) => Clients);
  /** The dispatch instant (`--now`): what is due, and what is past its grace. */
  now: Date;
  /** Who holds the leases (unique per process). */
  owner: string;
  /** At most this many rows in this run (default 1,000). */
  limit?: number;
  /** Only this campaign's rows. */
  campaign?: string;
  env?: Readonly<Record<string, string | undefined>>;
  readFile?: (path: string) => Promise<Uint8Array>;
  sleep?: (ms: number) => Promise<void>;
  /**
   * The running clock, for leases: claims, renewals during long sends, takeovers of lapsed leases
   * (default: fixed at `now`). The CLI passes the real clock even with `--now`.
   */
  clock?: Clock;
  /** How long a claim holds (default 5 min; renewed at every checkpoint). */
  leaseMs?: number;
  /** Tries before a retryable error becomes a failure (default 8). */
  maxAttempts?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** Rows sent at once (default 16). */
  concurrency?: number;
  /** Rows claimed per transaction (default 100). */
  batchSize?: number;
  /** Polled between batches: true stops claiming (in-flight rows finish). */
  shouldStop?: () => boolean;
  /** Replace adapters (the bench's no-op channel; tests). */
  adapters?: Partial<Record<RowType, ChannelAdapter>>;
  /** One call per finished row (the daemon's log). */
  onRow?: (row: RowOutcome) => void;
  /** Tell the campaign's robot channel when rows failed (default true). */
  alertFailures?: boolean;
}

export type Outcome = 'sent' | 'skipped' | 'failed' | 'retry' | 'lost-lease';

export interface RowOutcome {
  id: number;
  campaign: string;
  wave: string;
  channel: string;
  slice: string;
  type: RowType;
  dueAt: string;
  /** The campaign's IANA zone: the text views show this row's times in it. */
  timezone?: string;
  outcome: Outcome;
  attempts: number;
  remoteId?: string;
  reason?: string;
  /** Sent: found on the platform after a lost answer (not sent again). */
  recovered?: boolean;
  nextAttemptAt?: string;
}

export interface DispatchSummary {
  formatVersion: 1;
  now: string;
  owner: string;
  claimed: number;
  sent: number;
  skipped: number;
  failed: number;
  retrying: number;
  /** Sent rows whose earlier, lost attempt was found on the platform. */
  recovered: number;
  /** Rows another dispatcher took over (a lease that ran out mid-send). */
  lostLease: number;
  /** Claimed rows given back unstarted: a stop asked mid-run, or an account held back (absent when none). */
  released?: number;
  /**
   * Accounts whose rows this run stopped sending after an error every later call would meet too
   * (45009, refused credentials, WeChat unreachable: wechat/retry.ts); their unstarted rows were
   * given back for the next run.
   */
  heldBack?: { account: string; reason: string }[];
  rows: RowOutcome[];
  /** Failure alerts posted to the campaigns' robots (when rows failed and a robot channel exists). */
  alerts?: { campaign: string; sent: boolean; error?: string }[];
  /** Follow-ups of WeCom group sends not yet confirmed by every member (see followUpGroupSends). */
  followUps?: FollowUpCounts;
}

export const DISPATCH_DEFAULTS = {
  limit: 1_000,
  leaseMs: 5 * 60_000,
  maxAttempts: 8,
  backoff: { baseMs: 60_000, maxMs: 30 * 60_000 },
  concurrency: 16,
  batchSize: 100,
} as const;

/** What following up WeCom group sends did in one run (follow-ups.ts). */
export interface FollowUpCounts {
  checked: number;
  confirmed: number;
  reminded: number;
  errors: number;
}
