import { createHash } from 'node:crypto';
import { readFile as fsReadFile } from 'node:fs/promises';
import { formatDuration, formatLocal, isValidTimeZone } from '../campaign/time.js';
import { UserError } from '../errors.js';
import { type RetryLater, retryLater, type StepOutcome } from '../outcome.js';
import type { Clock } from '../platform/deps.js';
import type { OutboxStore } from '../state/port.js';
import type { OutboxEntry, ResourceRecord } from '../state/types.js';
import { retryDecision, WeChatApiError } from '../wechat/index.js';
import { ADAPTERS, type DispatchRow, type SendContext, type SendResult } from './channels/index.js';
import { DISPATCH_DEFAULTS, type DispatchOptions, type Outcome, type RowOutcome } from './dispatch-types.js';
import type { ReminderPayload } from './types.js';

/**
 * One claimed row through its states (see dispatchDue): an earlier attempt in doubt is looked up
 * first; a row past its grace is skipped or failed; otherwise the attempt is recorded, then sent, and
 * the outcome recorded. Every write is conditional on the lease.
 */

type OutFn = (o: Outcome, a: number, extra?: Partial<RowOutcome>) => RowOutcome;

/**
 * How long after a lookup found nothing livectl looks again before sending a row whose earlier attempt
 * was cut off mid-send: longer than any request may be in flight (the transport gives up after 15 s).
 */
export const IN_FLIGHT_SETTLE_MS = 60_000;

/** A lease that ran out: another dispatcher owns the row now; stop touching it. */
class LeaseLost extends Error {
  constructor() {
    super('the lease on this row expired and another dispatcher took it over');
    this.name = 'LeaseLost';
  }
}

export class RowWorker {
  private readonly maxAttempts: number;
  private readonly backoff: { baseMs: number; maxMs: number };

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
    /** The store's outbox (it commits the writes of rows in flight together). */
    private readonly outbox: OutboxStore,
    private readonly clock: Clock,
    private readonly leaseMs: number,
    private readonly memo: Map<string, Promise<unknown>>,
    /** Accounts held back for the rest of the run (account → why); see retryDecision's stopsRun. */
    private readonly halted: Map<string, string>,
  ) {
    this.startedAt = clock.now().getTime();
    this.maxAttempts = o.maxAttempts ?? DISPATCH_DEFAULTS.maxAttempts;
    this.backoff = o.backoff ?? DISPATCH_DEFAULTS.backoff;
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
      await this.outbox.markFailed(
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
          !(await this.outbox.checkpoint(
            entry.id,
            owner,
            details,
            this.now(),
            this.leaseMs,
            this.clock.now(),
          ))
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
    /** Why the earlier attempt could not be checked. */
    let lookupFailure: string | undefined;
    if (entry.attemptStartedAt && adapter.lookup) {
      try {
        const found = await adapter.lookup(row, ctx);
        if (found && 'kind' in found) lookupFailure = found.reason;
        else if (found?.found) {
          const details = { ...found.details, recoveredFrom: entry.attemptStartedAt };
          if (
            !(await this.outbox.markSent(entry.id, owner, {
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
        lookupFailure = describe(err);
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
      if (lookupFailure !== undefined) {
        status = 'failed';
        reason = `past its grace window (${late}); whether the attempt at ${entry.attemptStartedAt} went out could not be checked: ${lookupFailure}`;
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
      if (entry.attemptStartedAt && lookupFailure === undefined) {
        reason += `; the attempt at ${entry.attemptStartedAt} may have gone out (${adapter.type} cannot be checked)`;
      }
      const ok =
        status === 'skipped'
          ? await this.outbox.markSkipped(entry.id, owner, reason, now)
          : await this.outbox.markFailed(entry.id, owner, reason, now);
      return ok ? out(status, entry.attempts, { reason }) : out('lost-lease', entry.attempts);
    }
    if (lookupFailure !== undefined) {
      return this.retry(
        entry,
        entry.attempts,
        `could not check the earlier attempt: ${lookupFailure}`,
        true,
        out,
      );
    }

    // 2a. A lookup that found nothing is believed only once the earlier attempt can no longer be in
    // flight. Its sender recorded how it ended (a retry after its own timeout) — or it lost its lease
    // mid-send (a slow machine, a cut connection, a killed process) and its request may still reach
    // the platform after our look. Then look again a while later, longer than any request may take.
    if (entry.attemptStartedAt && adapter.lookup && previous.settledAttempt !== entry.attemptStartedAt) {
      const next = new Date(now.getTime() + IN_FLIGHT_SETTLE_MS);
      const reason = `the attempt at ${entry.attemptStartedAt} was not found on the platform; its sender lost the row mid-send, so livectl looks again after ${formatDuration(IN_FLIGHT_SETTLE_MS)} before sending`;
      return (await this.outbox.retry(entry.id, owner, {
        reason,
        nextAttemptAt: next,
        unknown: true,
        now,
        details: { settledAttempt: entry.attemptStartedAt },
      }))
        ? out('retry', entry.attempts, { reason, nextAttemptAt: next.toISOString() })
        : out('lost-lease', entry.attempts);
    }

    // 2b. An after-wave that promises the replay waits until the platform reports one.
    if (payload.waitForReplay) {
      try {
        const wait = await awaitReplay(payload, ctx);
        if (wait) return this.record(entry, entry.attempts, wait, out);
      } catch (err) {
        return this.settle(entry, entry.attempts, err, out);
      }
    }

    // 3. Record the attempt, then send.
    const attemptAt = this.now();
    if (!(await this.outbox.begin(entry.id, owner, attemptAt, this.leaseMs, this.clock.now())))
      return out('lost-lease', entry.attempts);
    const attempts = entry.attempts + 1;
    row.attempts = attempts;
    let sent: StepOutcome<SendResult>;
    try {
      sent = await adapter.send(row, ctx);
    } catch (err) {
      if (lost || err instanceof LeaseLost) return out('lost-lease', attempts);
      return this.settle(entry, attempts, err, out, attemptAt.toISOString());
    }
    // Outside the try: a store that fails while recording the outcome (a lost database connection)
    // is not a failure of the send, which may have gone out. The error stops this dispatcher; the row
    // keeps its doubt marker, so the next one looks on the platform before sending it again.
    return this.record(entry, attempts, sent, out);
  }

  /** Records how an adapter's send (or the wait for a replay) ended. */
  private async record(
    entry: OutboxEntry,
    attempts: number,
    r: StepOutcome<SendResult>,
    out: OutFn,
  ): Promise<RowOutcome> {
    const owner = this.o.owner;
    const now = this.o.now;
    switch (r.kind) {
      case 'done': {
        const { remoteId, details } = r.value;
        const ok = await this.outbox.markSent(entry.id, owner, {
          ...(remoteId !== undefined ? { remoteId } : {}),
          details: { ...details, waiting: null },
          now,
        });
        return ok
          ? out('sent', attempts, remoteId !== undefined ? { remoteId } : {})
          : out('lost-lease', attempts);
      }
      case 'skip':
        return (await this.outbox.markSkipped(entry.id, owner, r.reason, now))
          ? out('skipped', attempts, { reason: r.reason })
          : out('lost-lease', attempts);
      case 'retry-later': {
        const next = new Date(now.getTime() + r.delayMs);
        return (await this.outbox.retry(entry.id, owner, {
          reason: r.reason,
          nextAttemptAt: next,
          unknown: false,
          now,
          details: { waiting: r.reason },
        }))
          ? out('retry', attempts, { reason: r.reason, nextAttemptAt: next.toISOString() })
          : out('lost-lease', attempts);
      }
      case 'failed': {
        const reason = r.hint ? `${r.reason} — ${r.hint}` : r.reason;
        if (r.retryable) return this.retry(entry, attempts, reason, false, out);
        return this.fail(entry, attempts, reason, out);
      }
      // Apply's outcomes: no channel adapter ends so.
      case 'not-yet':
      case 'needs-human':
        return this.fail(entry, attempts, `unexpected outcome of a send: ${r.message}`, out);
    }
  }

  private async fail(entry: OutboxEntry, attempts: number, reason: string, out: OutFn): Promise<RowOutcome> {
    return (await this.outbox.markFailed(entry.id, this.o.owner, reason, this.o.now))
      ? out('failed', attempts, { reason })
      : out('lost-lease', attempts);
  }

  /** A send (or a wait for a replay) that threw: classified with the shared retry policy. */
  private async settle(
    entry: OutboxEntry,
    attempts: number,
    err: unknown,
    out: OutFn,
    /** The attempt this sender made and saw end (its outcome unknown): no later look need wait for it. */
    attemptAt?: string,
  ): Promise<RowOutcome> {
    const payload = entry.payload as unknown as ReminderPayload;
    this.holdBack(payload, err);
    const { reason, retryable, unknown } = classify(err);
    if (!retryable) return this.fail(entry, attempts, reason, out);
    return this.retry(entry, attempts, reason, unknown, out, attemptAt);
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
    out: OutFn,
    settledAttempt?: string,
  ): Promise<RowOutcome> {
    const owner = this.o.owner;
    const now = this.o.now;
    if (attempts >= this.maxAttempts) {
      const why = `gave up after ${attempts} attempts: ${reason}${unknown ? ' (the outcome of the last attempt is unknown)' : ''}`;
      return (await this.outbox.markFailed(entry.id, owner, why, now))
        ? out('failed', attempts, { reason: why })
        : out('lost-lease', attempts);
    }
    const next = new Date(now.getTime() + backoffMs(entry.id, Math.max(1, attempts), this.backoff));
    return (await this.outbox.retry(entry.id, owner, {
      reason,
      nextAttemptAt: next,
      unknown,
      now,
      ...(unknown && settledAttempt ? { details: { settledAttempt } } : {}),
    }))
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

/** How often a replay wave asks again whether the replay exists (WeChat makes it ~10 min after the end). */
export const REPLAY_RETRY_MS = 5 * 60_000;

/**
 * `retryLater` until getliveinfo (`action: "get_replay"`) lists a replay of the row's room, then
 * undefined (send); a row without a room is left to its adapter (which reports that).
 */
async function awaitReplay(p: ReminderPayload, ctx: SendContext): Promise<RetryLater | undefined> {
  const roomId = Number(p.room.id);
  if (!p.room.id || !Number.isSafeInteger(roomId)) return undefined;
  const page = await ctx.clients.miniProgram.rooms.replays(roomId, { limit: 1 });
  if (page.replays.length > 0 || page.total > 0) return undefined;
  return retryLater(
    'the platform reports no replay of the room yet (getliveinfo get_replay)',
    REPLAY_RETRY_MS,
  );
}

/** The platform account a row's calls go to: an error that stops a run stops that account's rows. */
export function accountOf(p: ReminderPayload): string {
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

/**
 * What a thrown error means for the row. A platform refusal is decided by the one retry policy
 * (wechat/retry.ts), the same decision apply and the clients make.
 */
function classify(err: unknown): { reason: string; retryable: boolean; unknown: boolean } {
  if (err instanceof WeChatApiError) {
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

export function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
