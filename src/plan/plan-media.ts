import type { Address } from '../state/types.js';
import { local, type PlanContext } from './context.js';
import { desiredMedia } from './desired.js';
import type { Change } from './types.js';

/** A media_id works for 3 days after upload (reference: temporary media). */
export const MEDIA_LIFETIME_MS = 3 * 24 * 60 * 60 * 1000;
/**
 * A media_id must stay valid this long after the plan's moment of need (apply runs a little after
 * the plan; an upload that expires within the hour is re-done rather than risked).
 */
export const MEDIA_MARGIN_MS = 60 * 60 * 1000;

/**
 * `media/<sha256>`: one upload per distinct image. Needed only by resources about to be sent
 * (`sends`: address → when): a media record that expires before that is uploaded again; media whose
 * users are all up to date is not needed, whatever its expiry (noop).
 */
export function planMedia(ctx: PlanContext, sends: ReadonlyMap<Address, Date>): Change[] {
  const refsBySha = new Map<string, string[]>();
  for (const [ref, digest] of ctx.input.assets) {
    const list = refsBySha.get(digest.sha256) ?? [];
    list.push(ref);
    refsBySha.set(digest.sha256, list);
  }
  const out: Change[] = [];
  for (const m of desiredMedia(ctx.campaign, ctx.input.assets).values()) {
    const address = `media/${m.sha256}`;
    const rec = ctx.state.resources.get(address);
    const refs = refsBySha.get(m.sha256) ?? [];
    const users = [...new Set(m.usedBy)];
    const pending = users.filter((u) => sends.has(u));
    const after = { sha256: m.sha256, file: refs[0], path: m.path };
    const before = rec?.remoteId ? { mediaId: rec.remoteId, expiresAt: rec.expiresAt } : undefined;
    const expires = rec?.expiresAt ? new Date(rec.expiresAt) : undefined;
    const valid = rec?.remoteId && expires ? `valid until ${local(ctx, expires)}` : undefined;

    if (pending.length === 0) {
      out.push({
        address,
        action: 'noop',
        reason: `not needed: ${list(users)} ${users.length === 1 ? 'is' : 'are'} up to date${
          rec?.remoteId ? (expires && expires <= ctx.now ? ' (expired, left to lapse)' : ` (${valid})`) : ''
        }`,
        ...(before ? { before } : {}),
      });
      continue;
    }
    const need = new Date(Math.min(...pending.map((u) => sends.get(u)!.getTime())));
    const forWhom = `for ${list(pending)}`;
    if (rec?.remoteId && expires && expires.getTime() >= need.getTime() + MEDIA_MARGIN_MS) {
      out.push({ address, action: 'noop', reason: `uploaded, ${valid} (${forWhom})`, before });
      continue;
    }
    const why = !rec?.remoteId
      ? 'not uploaded yet'
      : !expires
        ? 'uploaded, expiry unknown: uploaded again'
        : expires <= ctx.now
          ? `expired at ${local(ctx, expires)}: uploaded again`
          : `expires at ${local(ctx, expires)}, too soon: uploaded again`;
    if (need.getTime() > ctx.now.getTime()) {
      // Every user waits for a later day: upload just in time then (a media_id lives 3 days).
      out.push({
        address,
        action: 'wait',
        reason: `${why} when needed, ${local(ctx, need)} (${forWhom})`,
        ...(before ? { before } : {}),
        after,
        notBefore: need.toISOString(),
      });
      continue;
    }
    out.push({
      address,
      action: 'create',
      reason: `${why} (${forWhom})`,
      ...(before ? { before } : {}),
      after,
    });
  }
  return out;
}

/** `room`, `goods/a and goods/b`, `goods/a, goods/b and 498 more`. */
function list(items: readonly string[]): string {
  if (items.length <= 2) return items.join(' and ');
  if (items.length === 3) return `${items[0]}, ${items[1]} and ${items[2]}`;
  return `${items[0]}, ${items[1]} and ${items.length - 2} more`;
}
