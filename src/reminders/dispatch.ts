import { createHash } from 'node:crypto';
import { readFile as fsReadFile } from 'node:fs/promises';
import { formatDuration, formatLocal, isValidTimeZone } from '../campaign/time.js';
import { UserError } from '../errors.js';
import { type Clock, fixedClock } from '../platform/deps.js';
import { type OutboxEntry, outboxOf, type SqliteOutbox } from '../state/outbox.js';
import type { StateStore } from '../state/port.js';
import type { ResourceRecord } from '../state/types.js';
import type { Clients } from '../wechat/index.js';
import { retryDecision, WeChatApiError } from '../wechat/index.js';
import {
  ADAPTERS,
  type ChannelAdapter,
  type DispatchRow,
  followUpGroupTask,
  ReminderFailure,
  RetryLater,
  type SendContext,
  SkipReminder,
} from './channels/index.js';
import type { PayloadAccounts, ReminderPayload, RobotPayload, RowType } from './types.js';

/**
 * `dispatchDue`: sends the reminders that are due, exactly once where the platform lets us check.
 *
 * For each row it claims (in batches, under a lease):
 * 1. an earlier attempt with an unknown outcome (a crash, a timeout, a lost answer — the row still
 *    carries attempt_started_at) is first looked up on the platform; found → marked sent, never resent;
 * 2. past its grace window → skipped with the reason (or failed, when earlier attempts failed);
 * 3. otherwise the attempt is recorded (attempt_started_at, attempts + 1) *before* the request, then
 *    sent, and the outcome recorded: sent (with the platform's id) | skipped | failed | retry later.
 * Errors: permanent → failed at once; retryable → retried with an exponential backoff until
 * `maxAttempts`, then failed; a lost answer keeps the doubt marker so step 1 runs next time.
 * Every write is guarded by the lease, so overlapping dispatchers (cron every minute, a daemon, a
 * person running it by hand) never act on one row together.
 */

export interface DispatchOptions {
  store: StateStore;
  /** The store's outbox; default: opened from the store (and closed when done). */
  outbox?: SqliteOutbox;
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
  followUps?: { checked: number; confirmed: number; reminded: number; errors: number };
}

export const DISPATCH_DEFAULTS = {
  limit: 1_000,
  leaseMs: 5 * 60_000,
  maxAttempts: 8,
  backoff: { baseMs: 60_000, maxMs: 30 * 60_000 },
  concurrency: 16,
  batchSize: 100,
} as const;

/** A lease that ran out: another dispatcher owns the row now; stop touching it. */
class LeaseLost extends Error {
  constructor() {
    super('the lease on this row expired and another dispatcher took it over');
    this.name = 'LeaseLost';
  }
}

export async function dispatchDue(o: DispatchOptions): Promise<DispatchSummary> {
  const outbox = o.outbox ?? (await outboxOf(o.store));
  try {
    return await run(o, outbox);
  } finally {
    if (!o.outbox) outbox.close();
  }
}

async function run(o: DispatchOptions, outbox: SqliteOutbox): Promise<DispatchSummary> {
  const limit = o.limit ?? DISPATCH_DEFAULTS.limit;
  const leaseMs = o.leaseMs ?? DISPATCH_DEFAULTS.leaseMs;
  const batchSize = o.batchSize ?? DISPATCH_DEFAULTS.batchSize;
  const concurrency = Math.max(1, o.concurrency ?? DISPATCH_DEFAULTS.concurrency);
  const clock = o.clock ?? fixedClock(o.now);
  const memo = new Map<string, Promise<unknown>>();
  const summary: DispatchSummary = {
    formatVersion: 1,
    now: o.now.toISOString(),
    owner: o.owner,
    claimed: 0,
    sent: 0,
    skipped: 0,
    failed: 0,
    retrying: 0,
    recovered: 0,
    lostLease: 0,
    rows: [],
  };
  const record = (r: RowOutcome) => {
    summary.rows.push(r);
    if (r.outcome === 'sent') summary.sent++;
    else if (r.outcome === 'skipped') summary.skipped++;
    else if (r.outcome === 'failed') summary.failed++;
    else if (r.outcome === 'retry') summary.retrying++;
    else summary.lostLease++;
    if (r.recovered) summary.recovered++;
    o.onRow?.(r);
  };
  const commit = new GroupCommit(outbox);
  const halted = new Map<string, string>();
  const worker = new RowWorker(o, commit, clock, leaseMs, memo, halted);

  // Lanes take rows from a shared queue; when it runs dry one lane claims the next batch while the
  // others wait for it, so a slow row never holds a whole batch back.
  const queue: OutboxEntry[] = [];
  let exhausted = false;
  let claiming: Promise<void> | undefined;
  const refill = async (): Promise<void> => {
    if (summary.claimed >= limit || o.shouldStop?.()) {
      exhausted = true;
      return;
    }
    const batch = await commit.run(() =>
      outbox.claim({
        now: o.now,
        leaseNow: clock.now(),
        owner: o.owner,
        limit: Math.min(batchSize, limit - summary.claimed),
        leaseMs,
        ...(o.campaign ? { campaign: o.campaign } : {}),
      }),
    );
    if (batch.length === 0) exhausted = true;
    summary.claimed += batch.length;
    queue.push(...batch);
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const entry = queue.shift();
        if (!entry) {
          if (exhausted) return;
          claiming ??= refill().finally(() => {
            claiming = undefined;
          });
          await claiming;
          continue;
        }
        // A stop asked mid-run, or the row's account is held back: rows not started yet go back at
        // once (below), not after the lease, and without spending an attempt.
        if (o.shouldStop?.()) continue;
        if (halted.has(accountOf(entry.payload as unknown as ReminderPayload))) continue;
        record(await worker.process(entry));
      }
    }),
  );
  if (o.shouldStop?.() || halted.size > 0) {
    const released = outbox.release(o.owner, clock.now());
    if (released > 0) summary.released = released;
  }
  if (halted.size > 0) summary.heldBack = [...halted].map(([account, reason]) => ({ account, reason }));
  if (o.alertFailures !== false && summary.failed > 0)
    summary.alerts = await alertFailures(o, outbox, summary);
  // Follow-ups call WeCom too: not while a WeCom account is held back.
  if (!o.shouldStop?.() && ![...halted.keys()].some((k) => k.startsWith('wecom '))) {
    const f = await followUpGroupSends(o, outbox);
    if (f.checked > 0) summary.followUps = f;
  }
  return summary;
}

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
async function followUpGroupSends(
  o: DispatchOptions,
  outbox: SqliteOutbox,
): Promise<{ checked: number; confirmed: number; reminded: number; errors: number }> {
  const out = { checked: 0, confirmed: 0, reminded: 0, errors: 0 };
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
  for (let rows = page(); rows.length > 0; ) {
    await followUpRows(o, outbox, rows, out);
    if (rows.length < FOLLOW_UP.pageSize || o.shouldStop?.()) break;
    const last = rows.at(-1)!;
    rows = page({ sentAt: last.sentAt ?? '', id: last.id });
  }
  return out;
}

async function followUpRows(
  o: DispatchOptions,
  outbox: SqliteOutbox,
  rows: OutboxEntry[],
  out: { checked: number; confirmed: number; reminded: number; errors: number },
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
        outbox.noteFollowUp(
          row.id,
          prev.lastRemindAt,
          { ...prev, confirmed: true, ...counts(status) },
          o.now,
        );
        out.confirmed++;
        continue;
      }
      if (!due) {
        outbox.noteFollowUp(
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
      if (!outbox.noteFollowUp(row.id, prev.lastRemindAt, next, o.now)) continue;
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

/**
 * Tells the team when reminders failed: a markdown message to the campaign's robot channel (the one
 * the hosts' cues go to), listing each failed row and why. Best effort and at-least-once, outside the
 * outbox (an alert must not need an alert); its own failure is only reported in the summary.
 */
async function alertFailures(
  o: DispatchOptions,
  outbox: SqliteOutbox,
  summary: DispatchSummary,
): Promise<{ campaign: string; sent: boolean; error?: string }[]> {
  const byCampaign = new Map<string, RowOutcome[]>();
  for (const r of summary.rows) {
    if (r.outcome !== 'failed' || r.type === 'robot') continue;
    byCampaign.set(r.campaign, [...(byCampaign.get(r.campaign) ?? []), r]);
  }
  const out: { campaign: string; sent: boolean; error?: string }[] = [];
  for (const [campaign, failed] of byCampaign) {
    const robot = outbox.findPayload(campaign, 'robot') as RobotPayload | undefined;
    const key = robot ? o.env?.[robot.keyEnv] : undefined;
    if (!robot || !key) continue;
    const lines = failed
      .slice(0, 10)
      .map(
        (r) => `> ${r.wave} ${r.channel}${r.slice ? ` ${r.slice}` : ''}: ${(r.reason ?? '').slice(0, 200)}`,
      );
    const more = failed.length > 10 ? `\n> … and ${failed.length - 10} more (livectl status)` : '';
    const text = `**<font color="warning">livectl: ${failed.length} reminder${failed.length === 1 ? '' : 's'} of ${campaign} failed</font>**\n${lines.join('\n')}${more}`;
    try {
      const clients = typeof o.clients === 'function' ? o.clients(robot.accounts) : o.clients;
      await clients.robot(key).sendMarkdown(text.slice(0, 4000));
      out.push({ campaign, sent: true });
    } catch (err) {
      out.push({ campaign, sent: false, error: describe(err) });
    }
  }
  return out;
}

type OutboxWrites = {
  [K in 'begin' | 'checkpoint' | 'markSent' | 'markSkipped' | 'markFailed' | 'retry']: (
    ...args: Parameters<SqliteOutbox[K]>
  ) => Promise<ReturnType<SqliteOutbox[K]>>;
};

/**
 * Group commit: the outbox writes of rows in flight at the same moment (a send starting here, an
 * outcome there) go into one transaction — one fsync for several rows instead of one each. A write's
 * promise resolves only once its transaction committed, so "attempting" is still durable before the
 * send starts and "sent" before the row counts as done.
 */
class GroupCommit {
  private queue: { work: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;

  constructor(private readonly outbox: SqliteOutbox) {}

  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  writes(): OutboxWrites {
    const ob = this.outbox;
    return {
      begin: (...a) => this.run(() => ob.begin(...a)),
      checkpoint: (...a) => this.run(() => ob.checkpoint(...a)),
      markSent: (...a) => this.run(() => ob.markSent(...a)),
      markSkipped: (...a) => this.run(() => ob.markSkipped(...a)),
      markFailed: (...a) => this.run(() => ob.markFailed(...a)),
      retry: (...a) => this.run(() => ob.retry(...a)),
    };
  }

  private flush(): void {
    const q = this.queue;
    this.queue = [];
    this.scheduled = false;
    const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.outbox.group(() => {
        for (const item of q) {
          try {
            results.push({ ok: true, value: item.work() });
          } catch (error) {
            results.push({ ok: false, error });
            // SQLite rolled the whole transaction back (an I/O error, a damaged or full store):
            // nothing of the group was written, and committing would only fail with a bare SQLite error.
            if (!this.outbox.inTransaction) throw error;
          }
        }
      });
    } catch (error) {
      for (const item of q) item.reject(error);
      return;
    }
    q.forEach((item, i) => {
      const r = results[i]!;
      if (r.ok) item.resolve(r.value);
      else item.reject(r.error);
    });
  }
}

class RowWorker {
  private readonly maxAttempts: number;
  private readonly backoff: { baseMs: number; maxMs: number };

  /** The outbox's row writes, committed in groups (see GroupCommit). */
  private readonly db: OutboxWrites;
  private readonly startedAt: number;

  /**
   * The campaign's time during the run: `now` (`--now`) moving on with the real clock, so an attempt
   * is recorded at the platform's time (lookups search from it) while leases run on the real clock.
   */
  private now(): Date {
    return new Date(this.o.now.getTime() + (this.clock.now().getTime() - this.startedAt));
  }

  constructor(
    private readonly o: DispatchOptions,
    commit: GroupCommit,
    private readonly clock: Clock,
    private readonly leaseMs: number,
    private readonly memo: Map<string, Promise<unknown>>,
    /** Accounts held back for the rest of the run (account → why); see retryDecision's stopsRun. */
    private readonly halted: Map<string, string>,
  ) {
    this.startedAt = clock.now().getTime();
    this.maxAttempts = o.maxAttempts ?? DISPATCH_DEFAULTS.maxAttempts;
    this.backoff = o.backoff ?? DISPATCH_DEFAULTS.backoff;
    this.db = commit.writes();
  }

  async process(entry: OutboxEntry): Promise<RowOutcome> {
    const payload = entry.payload as unknown as ReminderPayload;
    const base = {
      id: entry.id,
      campaign: entry.campaign,
      wave: entry.wave,
      channel: entry.channel,
      slice: entry.slice,
      type: payload.type,
      dueAt: entry.dueAt,
      ...(payload.timezone ? { timezone: payload.timezone } : {}),
    };
    const out = (outcome: Outcome, attempts: number, extra: Partial<RowOutcome> = {}): RowOutcome => ({
      ...base,
      outcome,
      attempts,
      ...extra,
    });
    const owner = this.o.owner;
    const now = this.o.now;
    const adapter = this.o.adapters?.[payload.type] ?? ADAPTERS[payload.type];
    if (!adapter) {
      await this.db.markFailed(
        entry.id,
        owner,
        `no channel type "${String(payload.type)}" in this livectl`,
        now,
      );
      return out('failed', entry.attempts, { reason: `unknown channel type ${String(payload.type)}` });
    }
    let previous: Record<string, unknown> = { ...entry.details };
    let lost = false;
    const row: DispatchRow = {
      id: entry.id,
      campaign: entry.campaign,
      wave: entry.wave,
      channel: entry.channel,
      slice: entry.slice,
      dueAt: entry.dueAt,
      graceMs: entry.graceMs,
      idempotencyKey: entry.idempotencyKey,
      payload,
      attempts: entry.attempts,
      ...(entry.remoteId !== undefined ? { remoteId: entry.remoteId } : {}),
    };
    const ctx: SendContext = {
      clients: typeof this.o.clients === 'function' ? this.o.clients(payload.accounts) : this.o.clients,
      now,
      env: this.o.env ?? {},
      readFile: this.o.readFile ?? ((p) => fsReadFile(p)),
      sleep: this.o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      get previous() {
        return previous;
      },
      checkpoint: async (details) => {
        if (
          !(await this.db.checkpoint(entry.id, owner, details, this.now(), this.leaseMs, this.clock.now()))
        ) {
          lost = true;
          throw new LeaseLost();
        }
        previous = { ...previous, ...details };
      },
      memo: <T>(key: string, make: () => Promise<T>) => {
        let p = this.memo.get(key) as Promise<T> | undefined;
        if (!p) {
          p = make();
          // A failed upload is not remembered: the next row tries again.
          p.catch(() => this.memo.delete(key));
          this.memo.set(key, p);
        }
        return p;
      },
      resources: {
        get: async (address) => (await this.o.store.snapshot(entry.campaign)).resources.get(address),
        put: async (rec: ResourceRecord) => {
          await this.o.store.putResource(entry.campaign, rec);
        },
      },
      ...(entry.attemptStartedAt ? { attemptStartedAt: new Date(entry.attemptStartedAt) } : {}),
    };

    // 1. An earlier attempt whose outcome is unknown: look before sending again.
    let lookupError: unknown;
    if (entry.attemptStartedAt && adapter.lookup) {
      try {
        const found = await adapter.lookup(row, ctx);
        if (found?.found) {
          const details = { ...found.details, recoveredFrom: entry.attemptStartedAt };
          if (
            !(await this.db.markSent(entry.id, owner, {
              ...(found.remoteId ? { remoteId: found.remoteId } : {}),
              details,
              now,
            }))
          ) {
            return out('lost-lease', entry.attempts);
          }
          return out('sent', entry.attempts, {
            ...(found.remoteId ? { remoteId: found.remoteId } : {}),
            recovered: true,
          });
        }
      } catch (err) {
        lookupError = err;
        this.holdBack(payload, err);
      }
    }

    // 2. Too late?
    const deadline = Date.parse(entry.dueAt) + entry.graceMs;
    if (now.getTime() > deadline) {
      // Read by people (dispatch, status): in the campaign's zone, as the rest of livectl's text is.
      const tz = payload.timezone && isValidTimeZone(payload.timezone) ? payload.timezone : 'UTC';
      const late = `due ${formatLocal(new Date(entry.dueAt), tz)}, ${formatDuration(entry.graceMs)} grace, now ${formatLocal(now, tz)} ${tz}`;
      const waiting = typeof previous.waiting === 'string' ? previous.waiting : undefined;
      let reason: string;
      let status: 'skipped' | 'failed';
      if (lookupError) {
        status = 'failed';
        reason = `past its grace window (${late}); whether the attempt at ${entry.attemptStartedAt} went out could not be checked: ${describe(lookupError)}`;
      } else if (waiting) {
        status = 'skipped';
        reason = `past its grace window (${late}) while waiting: ${waiting}`;
      } else if (entry.attempts > 0 && entry.lastError) {
        status = 'failed';
        reason = `past its grace window after ${entry.attempts} attempt${entry.attempts === 1 ? '' : 's'} (${late}); last error: ${entry.lastError}`;
      } else {
        status = 'skipped';
        reason = `past its grace window: ${late}`;
      }
      if (entry.attemptStartedAt && !lookupError) {
        reason += `; the attempt at ${entry.attemptStartedAt} may have gone out (${adapter.type} cannot be checked)`;
      }
      const ok =
        status === 'skipped'
          ? await this.db.markSkipped(entry.id, owner, reason, now)
          : await this.db.markFailed(entry.id, owner, reason, now);
      return ok ? out(status, entry.attempts, { reason }) : out('lost-lease', entry.attempts);
    }
    if (lookupError) {
      return this.retry(
        entry,
        entry.attempts,
        `could not check the earlier attempt: ${describe(lookupError)}`,
        true,
        out,
      );
    }

    // 2b. An after-wave that promises the replay waits until the platform reports one.
    if (payload.waitForReplay) {
      try {
        await awaitReplay(payload, ctx);
      } catch (err) {
        return this.settle(entry, entry.attempts, err, out);
      }
    }

    // 3. Record the attempt, then send.
    if (!(await this.db.begin(entry.id, owner, this.now(), this.leaseMs, this.clock.now())))
      return out('lost-lease', entry.attempts);
    const attempts = entry.attempts + 1;
    row.attempts = attempts;
    try {
      const r = await adapter.send(row, ctx);
      const ok = await this.db.markSent(entry.id, owner, {
        ...(r.remoteId !== undefined ? { remoteId: r.remoteId } : {}),
        details: { ...r.details, waiting: null },
        now,
      });
      return ok
        ? out('sent', attempts, r.remoteId !== undefined ? { remoteId: r.remoteId } : {})
        : out('lost-lease', attempts);
    } catch (err) {
      if (lost || err instanceof LeaseLost) return out('lost-lease', attempts);
      return this.settle(entry, attempts, err, out);
    }
  }

  private async settle(
    entry: OutboxEntry,
    attempts: number,
    err: unknown,
    out: (o: Outcome, a: number, extra?: Partial<RowOutcome>) => RowOutcome,
  ): Promise<RowOutcome> {
    const owner = this.o.owner;
    const now = this.o.now;
    if (err instanceof SkipReminder) {
      return (await this.db.markSkipped(entry.id, owner, err.reason, now))
        ? out('skipped', attempts, { reason: err.reason })
        : out('lost-lease', attempts);
    }
    if (err instanceof RetryLater) {
      const next = new Date(now.getTime() + err.delayMs);
      return (await this.db.retry(entry.id, owner, {
        reason: err.reason,
        nextAttemptAt: next,
        unknown: false,
        now,
        details: { waiting: err.reason },
      }))
        ? out('retry', attempts, { reason: err.reason, nextAttemptAt: next.toISOString() })
        : out('lost-lease', attempts);
    }
    const payload = entry.payload as unknown as ReminderPayload;
    this.holdBack(payload, err);
    const { reason, retryable, unknown } = classify(err);
    if (!retryable) {
      return (await this.db.markFailed(entry.id, owner, reason, now))
        ? out('failed', attempts, { reason })
        : out('lost-lease', attempts);
    }
    return this.retry(entry, attempts, reason, unknown, out);
  }

  /** An error every later call to this account would meet too: send nothing more to it this run. */
  private holdBack(payload: ReminderPayload, err: unknown): void {
    const why = err instanceof WeChatApiError ? retryDecision(err).stopsRun : undefined;
    if (why) this.halted.set(accountOf(payload), why);
  }

  private async retry(
    entry: OutboxEntry,
    attempts: number,
    reason: string,
    unknown: boolean,
    out: (o: Outcome, a: number, extra?: Partial<RowOutcome>) => RowOutcome,
  ): Promise<RowOutcome> {
    const owner = this.o.owner;
    const now = this.o.now;
    if (attempts >= this.maxAttempts) {
      const why = `gave up after ${attempts} attempts: ${reason}${unknown ? ' (the outcome of the last attempt is unknown)' : ''}`;
      return (await this.db.markFailed(entry.id, owner, why, now))
        ? out('failed', attempts, { reason: why })
        : out('lost-lease', attempts);
    }
    const next = new Date(now.getTime() + backoffMs(entry.id, Math.max(1, attempts), this.backoff));
    return (await this.db.retry(entry.id, owner, { reason, nextAttemptAt: next, unknown, now }))
      ? out('retry', attempts, { reason, nextAttemptAt: next.toISOString() })
      : out('lost-lease', attempts);
  }
}

/**
 * Exponential backoff with "equal jitter", the jitter drawn from the row and the attempt (not
 * Math.random) so runs are reproducible and dispatchers retrying many rows still spread out.
 */
export function backoffMs(id: number, attempt: number, b: { baseMs: number; maxMs: number }): number {
  const exp = Math.min(b.maxMs, b.baseMs * 2 ** (attempt - 1));
  const h = createHash('sha256').update(`${id}:${attempt}`).digest().readUInt32BE(0) / 0xffffffff;
  return Math.round(exp / 2 + (h * exp) / 2);
}

/** The platform account a row's calls go to: an error that stops a run stops that account's rows. */
/** How often a replay wave asks again whether the replay exists (WeChat makes it ~10 min after the end). */
export const REPLAY_RETRY_MS = 5 * 60_000;

/**
 * Throws RetryLater until getliveinfo (`action: "get_replay"`) lists a replay of the row's room; a row
 * without a room is left to its adapter (which reports that).
 */
async function awaitReplay(p: ReminderPayload, ctx: SendContext): Promise<void> {
  const roomId = Number(p.room.id);
  if (!p.room.id || !Number.isSafeInteger(roomId)) return;
  const page = await ctx.clients.miniProgram.rooms.replays(roomId, { limit: 1 });
  if (page.replays.length > 0 || page.total > 0) return;
  throw new RetryLater(
    'the platform reports no replay of the room yet (getliveinfo get_replay)',
    REPLAY_RETRY_MS,
  );
}

function accountOf(p: ReminderPayload): string {
  switch (p.type) {
    case 'wecom-groups':
    case 'wecom-moments':
      return `wecom ${p.accounts.wecomCorp ?? ''}`;
    case 'official-account':
      return `official-account ${p.accounts.officialAccount ?? ''}`;
    case 'robot':
      return `robot ${p.keyEnv}`;
    default:
      return `mini-program ${p.accounts.miniProgram}`;
  }
}

function classify(err: unknown): { reason: string; retryable: boolean; unknown: boolean } {
  if (err instanceof ReminderFailure) {
    return {
      reason: err.hint ? `${err.reason} — ${err.hint}` : err.reason,
      retryable: err.retryable,
      unknown: false,
    };
  }
  if (err instanceof WeChatApiError) {
    // The shared policy (wechat/retry.ts): the same decision apply and the clients make.
    const d = retryDecision(err);
    return { reason: `${err.message} — ${err.hint}`, retryable: d.later, unknown: d.maybeApplied };
  }
  if (err instanceof UserError) {
    // Configuration (a missing secret or key): fixable while the row is still within its grace.
    return {
      reason: err.hint ? `${err.message} — ${err.hint}` : err.message,
      retryable: true,
      unknown: false,
    };
  }
  const code = (err as { code?: unknown })?.code;
  if (code === 'ENOENT' || code === 'EACCES')
    return { reason: describe(err), retryable: false, unknown: false };
  // Anything else is a bug: fail the row (with the message), do not loop on it.
  return { reason: `unexpected error: ${describe(err)}`, retryable: false, unknown: true };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
