import { createHash } from 'node:crypto';
import { canonicalJson } from '../plan/desired.js';
import type { Address, PendingCreate, ResourceKind } from '../state/types.js';
import type { StateWriter } from './state-writer.js';

/**
 * Pending creates (design.md "Plan and apply"; the record is PendingCreate in src/state/types.ts).
 * The generic half of look-before-create, shared by every resource whose create is not idempotent
 * (the live room and library goods today; WeChat Pay coupon stocks and Channels products can reuse
 * it): a step records the attempt before the call, and after a lost answer — in the same run or the
 * next — adopts only an object that matches the attempt's fingerprint and appeared after it.
 *
 * "Appeared after it": where the platform's listing gives a create time, the object's create time is
 * not before the attempt (less a small allowance for the two clocks). Where it gives none — the live
 * APIs' getliveinfo and getapproved do not — the attempt keeps the ids of every listed object that
 * already matched just before the call (`preexisting`), and only an id outside that set can be the
 * attempt's. The listing used for that set is the one this run read (and kept up to date with what
 * it created itself); an identical object another store's campaign creates between that read and the
 * call, while this call's answer is lost, is the one case this cannot tell apart — and then only if
 * this call created nothing, otherwise there are two candidates and none is adopted.
 */

/** A listed remote object, reduced to what adoption compares. */
export interface ListedObject {
  id: string;
  /** fingerprintOf() of the object's identity as the listing shows it. */
  fingerprint: string;
  /** The platform's create time, when the listing gives one. */
  createdAt?: Date;
}

/** How far the platform's clock may run behind ours when comparing create times. */
export const CREATE_TIME_ALLOWANCE_MS = 5 * 60 * 1000;

/** sha256 of the canonical JSON of an identity (the fields a listing shows that pick the object out). */
export function fingerprintOf(identity: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(identity)).digest('hex');
}

export type EarlierAttempt =
  /** No pending create: nothing of this campaign can be on the platform unrecorded. Create fresh. */
  | { found: 'no-pending' }
  /** A pending create, but nothing on the platform came of it. Create fresh. */
  | { found: 'none'; pending: PendingCreate }
  /** Exactly one object the attempt made: adopt it. */
  | { found: 'one'; pending: PendingCreate; id: string }
  /** Several look like it (another campaign created the same meanwhile): adopt none. */
  | { found: 'several'; pending: PendingCreate; ids: string[] };

/**
 * What an earlier attempt of this campaign left at `address`. `exclude`: ids that are certainly not
 * the attempt's (tracked by this campaign's other addresses, or by other campaigns in the store).
 */
export async function findEarlierAttempt(
  w: StateWriter,
  address: Address,
  listed: readonly ListedObject[],
  exclude: ReadonlySet<string>,
): Promise<EarlierAttempt> {
  const pending = await w.pendingCreate(address);
  if (!pending) return { found: 'no-pending' };
  const before = new Set(pending.preexisting);
  const since = Date.parse(pending.startedAt) - CREATE_TIME_ALLOWANCE_MS;
  const ids = listed
    .filter(
      (o) =>
        o.fingerprint === pending.fingerprint &&
        !exclude.has(o.id) &&
        !before.has(o.id) &&
        (o.createdAt === undefined || o.createdAt.getTime() >= since),
    )
    .map((o) => o.id);
  const unique = [...new Set(ids)];
  if (unique.length === 0) return { found: 'none', pending };
  if (unique.length === 1) return { found: 'one', pending, id: unique[0]! };
  return { found: 'several', pending, ids: unique };
}

/**
 * Records the attempt just before the create call. `listed` is the platform's listing as known now:
 * the ids already matching the fingerprint are kept, so they are never taken for this attempt.
 */
export async function beginCreate(
  w: StateWriter,
  a: {
    address: Address;
    kind: ResourceKind;
    fingerprint: string;
    listed: readonly ListedObject[];
    details?: Record<string, unknown>;
    idempotencyKey?: string;
  },
): Promise<PendingCreate> {
  const prev = await w.pendingCreate(a.address);
  const pending: PendingCreate = {
    address: a.address,
    kind: a.kind,
    fingerprint: a.fingerprint,
    startedAt: w.now().toISOString(),
    preexisting: [...new Set(a.listed.filter((o) => o.fingerprint === a.fingerprint).map((o) => o.id))],
    attempts: (prev?.attempts ?? 0) + 1,
    details: a.details ?? {},
    ...(a.idempotencyKey ? { idempotencyKey: a.idempotencyKey } : {}),
  };
  await w.store.recordPendingCreate(w.name, pending);
  return pending;
}

/** Attributes that mark how a resource came to this campaign (destroy deletes only these). */
export const createdHere = (): Record<string, unknown> => ({ origin: 'created' });
export const adoptedFrom = (p: PendingCreate): Record<string, unknown> => ({
  origin: 'adopted',
  adopted: true,
  pendingSince: p.startedAt,
});

/** The note a step adds when it created fresh because several objects looked like its attempt. */
export function severalNote(kind: string, ids: readonly string[]): string {
  return (
    `; ${ids.length} ${kind} on WeChat look like an earlier attempt of this campaign (${ids.join(', ')}) ` +
    'but which one it made cannot be told (another campaign created the same meanwhile), so none was adopted: ' +
    'check for a stray copy'
  );
}
