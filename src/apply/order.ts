import type { Change } from '../plan/types.js';
import type { Address } from '../state/types.js';
import { addressId } from './steps.js';

/** The order apply walks a plan in: its phases, each change's dependencies, the goods' concurrency. */

/**
 * The order apply walks changes in; within a phase, plan order. Goods leave the room before goods
 * change (a replaced or removed product), and enter it after the audit reconcile. On Channels: the
 * reservation is looked for first; products leave the showcase before products change, images are
 * uploaded before the products that show them, products enter the showcase once listed, and the store's
 * coupons (product coupons name listed products) come last — all before codes, posters and reminders.
 */
export const PHASES = [
  'media',
  'coupon',
  'reservation',
  'showcase-out',
  'store-image',
  'store-product',
  'showcase',
  'store-coupon',
  'room-goods-out',
  'goods',
  'room',
  'room-goods',
  'code',
  'poster',
  'reminder',
  'menu',
] as const;

export function phaseOf(change: Change): (typeof PHASES)[number] {
  const k = kindOf(change.address);
  if (k === 'room-goods' && change.action === 'delete') return 'room-goods-out';
  if (k === 'showcase' && change.action === 'delete') return 'showcase-out';
  return (PHASES as readonly string[]).includes(k) ? (k as (typeof PHASES)[number]) : 'menu';
}

/**
 * Goods steps run a few at a time (each is an upload and an add, independent of the others); the
 * changes of one address (a replacement's delete, then create) stay in order.
 */
export const GOODS_CONCURRENCY = 4;

export function groupByAddress(changes: readonly Change[]): Change[][] {
  const groups = new Map<string, Change[]>();
  for (const c of changes) {
    const g = groups.get(c.address);
    if (g) g.push(c);
    else groups.set(c.address, [c]);
  }
  return [...groups.values()];
}

export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export function kindOf(address: Address): string {
  const i = address.indexOf('/');
  return i < 0 ? address : address.slice(0, i);
}

/** Addresses a change needs done first: the plan's own `dependsOn` plus the implicit ones. */
export function dependenciesOf(change: Change): Address[] {
  const deps = new Set(change.dependsOn ?? []);
  const kind = kindOf(change.address);
  const id = addressId(change.address);
  if (kind === 'room-goods') {
    deps.add('room');
    deps.add(`goods/${id}`);
  }
  if (kind === 'showcase' && change.action !== 'delete') deps.add(`store-product/${id}`);
  if (kind === 'code') deps.add('room');
  if (kind === 'poster') {
    deps.add('room');
    deps.add(`code/${id}`);
  }
  // A reminder's rows carry the room id and the wave's share path: none are written for a room or a
  // code that failed in this run (the next apply writes them).
  if (kind === 'reminder') {
    deps.add('room');
    deps.add(`code/${change.address.split('/')[1]}`);
  }
  return [...deps];
}
