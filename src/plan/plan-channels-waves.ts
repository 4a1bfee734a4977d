import { livePageOf } from '../campaign/platform.js';
import type { PosterTarget } from '../poster/targets.js';
import { desiredChannelsCode } from './channels-spec.js';
import { local, type PlanContext } from './context.js';
import { desiredPoster, specHash } from './desired.js';
import type { AnyWave } from './plan-waves.js';
import type { Change } from './types.js';

/**
 * The waves' codes and posters on channels. A code (`code/<wave>`) is a mini-program code for the
 * live page with scene `w=<wave>`, made once the reservation is recorded; without a live page
 * there is no code, and the posters carry none.
 */

const isPast = (ctx: PlanContext, at: Date | undefined) =>
  at !== undefined && at.getTime() <= ctx.now.getTime();

export function planChannelsCode(ctx: PlanContext, w: AnyWave): Change | undefined {
  const page = livePageOf(ctx.campaign);
  if (page === undefined) return undefined;
  const address = `code/${w.wave.id}`;
  const rec = ctx.state.resources.get(address);
  const spec = desiredChannelsCode(ctx.campaign.metadata.name, w.wave.id, page);
  const after = spec as unknown as Record<string, unknown>;
  if (rec?.hash === specHash(spec))
    return { address, action: 'noop', reason: `made for ${page}?${spec.scene}`, before: rec.sent };
  if (w.at && isPast(ctx, w.at)) {
    return {
      address,
      action: 'noop',
      reason: rec
        ? `the wave went out at ${local(ctx, w.at)}`
        : `the wave's time ${local(ctx, w.at)} is past: not needed`,
      ...(rec ? { before: rec.sent } : {}),
    };
  }
  const reserved = ctx.state.resources.get('reservation')?.remoteId !== undefined;
  return {
    address,
    action: rec ? 'update' : 'create',
    reason: rec
      ? `made for ${typeof rec.sent?.page === 'string' ? rec.sent.page : 'another page'}: made again for ${page}`
      : `not made yet${reserved ? '' : ' (once the reservation is found)'}`,
    ...(rec ? { before: rec.sent } : {}),
    after,
    dependsOn: ['reservation'],
  };
}

/** A channels poster without a code (no live page): drawn once, with text only. */
export function planCodelessPoster(ctx: PlanContext, t: PosterTarget, w: AnyWave | undefined): Change {
  const address = `poster/${t.waveId}`;
  const rec = ctx.state.resources.get(address);
  const template = `template ${t.template}, no code`;
  if (rec && rec.hash === specHash(desiredPoster(undefined, t.waveId!)))
    return { address, action: 'noop', reason: `rendered (${template})`, before: rec.sent ?? rec.attributes };
  if (isPast(ctx, w?.at))
    return { address, action: 'noop', reason: `the wave's time ${local(ctx, w!.at!)} is past: not needed` };
  return {
    address,
    action: rec ? 'update' : 'create',
    reason: rec ? `rendered again without a code (${template})` : `not rendered yet (${template})`,
    after: { wave: t.waveId, template: t.template },
  };
}
