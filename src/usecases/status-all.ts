import type { StateStore } from '../state/port.js';
import type { CampaignRecord, LockRecord, OutboxEntry } from '../state/types.js';

/**
 * `livectl status --all`: every campaign in one state store, one line each, for an operator of many —
 * its serial and last apply, the next reminder row to go out, how many rows failed or wait for a
 * retry, and what needs a look. Reads the store only (no campaign file, no network).
 */

export const STATUS_ALL_FORMAT_VERSION = 1;

/** Something an operator should look at. */
export type StatusProblem =
  | { kind: 'failed-rows'; count: number; message: string }
  | { kind: 'apply-failed'; at: string; message: string }
  | { kind: 'goods-rejected'; count: number; productIds: string[]; message: string }
  | { kind: 'lock-expired'; lock: string; owner: string; expiresAt: string; message: string };

export interface CampaignLine {
  campaign: string;
  serial: number;
  lastApply?: CampaignRecord['lastApply'];
  /** The next row to go out (pending or in flight), by when it can go (due time, or its backoff). */
  nextDue?: {
    wave: string;
    channel: string;
    slice: string;
    /** ISO instant it can go: its due time, or the end of its backoff when it is being retried. */
    at: string;
    /** The campaign's zone as written in the row (for local times); absent on old rows. */
    timezone?: string;
    status: 'pending' | 'claimed';
  };
  failed: number;
  /** Pending rows with an attempt behind them that ended in an error (waiting for their backoff). */
  retrying: number;
  pending: number;
  sent: number;
  problems: StatusProblem[];
}

export interface StatusAll {
  formatVersion: typeof STATUS_ALL_FORMAT_VERSION;
  statePath?: string;
  campaigns: CampaignLine[];
  /** Locks of no campaign (the daemon's) held past their expiry. */
  problems: StatusProblem[];
  /** Campaigns with at least one problem. */
  withProblems: number;
}

export async function statusAll(o: { store: StateStore; now: Date; statePath?: string }): Promise<StatusAll> {
  const records = [...(await o.store.listCampaigns())].sort((a, b) => a.name.localeCompare(b.name));
  // Locks still held past their expiry: a holder that crashed.
  const locks = await o.store.listLocks();
  const expired = locks.filter((l) => Date.parse(l.expiresAt) <= o.now.getTime());
  const outbox = o.store.outbox();
  const campaigns: CampaignLine[] = [];
  for (const rec of records) {
    const name = rec.name;
    const [counts, next, snapshot, pending] = await Promise.all([
      outbox.counts(name),
      outbox.nextDue(name),
      o.store.snapshot(name),
      outbox.list({ campaign: name, status: 'pending' }),
    ]);
    const failed = counts.failed ?? 0;
    const retrying = pending.filter((r) => r.attempts > 0 && r.lastError).length;
    const problems: StatusProblem[] = [];
    if (failed > 0)
      problems.push({
        kind: 'failed-rows',
        count: failed,
        message: `${failed} reminder row${failed === 1 ? '' : 's'} failed`,
      });
    const last = rec.lastApply;
    if (last && last.outcome !== 'complete')
      problems.push({
        kind: 'apply-failed',
        at: last.at,
        message: `last apply ${last.outcome}${last.message ? `: ${last.message}` : ''}`,
      });
    const rejected = [...snapshot.resources.values()]
      .filter((r) => r.kind === 'goods' && r.auditStatus === 'rejected')
      .map((r) => r.address.slice(r.address.indexOf('/') + 1))
      .sort();
    if (rejected.length)
      problems.push({
        kind: 'goods-rejected',
        count: rejected.length,
        productIds: rejected,
        message: `${rejected.length} goods rejected by the audit (${rejected.slice(0, 3).join(', ')}${rejected.length > 3 ? ', …' : ''})`,
      });
    for (const l of expired.filter((x) => lockCampaign(x.name) === name)) problems.push(lockProblem(l));
    campaigns.push({
      campaign: name,
      serial: rec.serial,
      ...(last ? { lastApply: last } : {}),
      ...(next ? { nextDue: nextDuePart(next) } : {}),
      failed,
      retrying,
      pending: counts.pending ?? 0,
      sent: counts.sent ?? 0,
      problems,
    });
  }
  return {
    formatVersion: STATUS_ALL_FORMAT_VERSION,
    ...(o.statePath ? { statePath: o.statePath } : {}),
    campaigns,
    problems: expired.filter((l) => !records.some((r) => r.name === lockCampaign(l.name))).map(lockProblem),
    withProblems: campaigns.filter((c) => c.problems.length).length,
  };
}

function lockProblem(l: LockRecord): StatusProblem {
  return {
    kind: 'lock-expired',
    lock: l.name,
    owner: l.owner,
    expiresAt: l.expiresAt,
    message: `lock ${l.name} held by ${l.owner} past its expiry (${l.expiresAt}): its holder may have crashed`,
  };
}

/** `apply:<campaign>` names the campaign it guards; other locks (the daemon's) belong to none. */
function lockCampaign(lock: string): string | undefined {
  return lock.startsWith('apply:') ? lock.slice('apply:'.length) : undefined;
}

function nextDuePart(e: OutboxEntry): NonNullable<CampaignLine['nextDue']> {
  const backoff = e.nextAttemptAt && e.nextAttemptAt > e.dueAt ? e.nextAttemptAt : undefined;
  const tz = e.payload?.timezone;
  return {
    wave: e.wave,
    channel: e.channel,
    slice: e.slice,
    at: backoff ?? e.dueAt,
    ...(typeof tz === 'string' ? { timezone: tz } : {}),
    status: e.status === 'claimed' ? 'claimed' : 'pending',
  };
}
