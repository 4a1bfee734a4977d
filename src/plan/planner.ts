import { isChannels } from '../campaign/platform.js';
import type { Address } from '../state/types.js';
import { type PlanContext, planContext } from './context.js';
import { planChannels } from './plan-channels.js';
import { channelsTasks } from './plan-channels-tasks.js';
import { planCoupons } from './plan-coupons.js';
import { planGoods } from './plan-goods.js';
import { planMedia } from './plan-media.js';
import { planRoom } from './plan-room.js';
import { planWaves } from './plan-waves.js';
import { planTasks } from './tasks.js';
import { planTimeline } from './timeline.js';
import {
  type Action,
  type Change,
  PLAN_FORMAT_VERSION,
  type Plan,
  type PlanInput,
  type PlanSummary,
  type Task,
} from './types.js';

/**
 * The planner: campaign + state + now → Plan. PURE: no files, no network, no clock (everything was
 * read beforehand into PlanInput), so it is tested as tables (src/plan/planner.test.ts).
 *
 * Changes come in the order apply walks them (mini-program; channels: see channelsChanges): media → coupons (WeChat Pay stocks) → (room goods leaving) → goods → room → room
 * goods → codes → posters → menu → reminders. Within each, campaign order; deletions last.
 */
export function planCampaign(input: PlanInput): Plan {
  const ctx = planContext(input);
  const { changes, tasks } = isChannels(input.campaign) ? channelsChanges(ctx) : miniProgramChanges(ctx);
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    campaign: {
      name: input.campaign.metadata.name,
      file: input.file,
      hash: input.campaignHash,
      images: Object.fromEntries([...input.assets].map(([ref, a]) => [ref, a.sha256])),
      timezone: ctx.tz,
    },
    stateSerial: input.state.campaign?.serial ?? 0,
    ...(input.state.campaign?.lineage ? { lineage: input.state.campaign.lineage } : {}),
    createdAt: input.now.toISOString(),
    changes,
    timeline: planTimeline(ctx),
    tasks,
    summary: summarize(changes),
  };
}

function miniProgramChanges(ctx: PlanContext): { changes: Change[]; tasks: Task[] } {
  const goods = planGoods(ctx);
  const room = planRoom(ctx);
  const sends = new Map<Address, Date>(goods.sends);
  if (room.sends) sends.set('room', ctx.now);
  const media = planMedia(ctx, sends);
  const waves = planWaves(ctx);

  const changes: Change[] = [
    ...media,
    ...planCoupons(ctx),
    ...goods.roomGoodsOut,
    ...goods.goods,
    room.change,
    ...goods.roomGoods,
    ...waves.codes,
    ...waves.posters,
    ...waves.menu,
    ...waves.reminders,
  ];
  return { changes, tasks: planTasks(ctx, room.change) };
}

/**
 * platform: channels: reservation → store images → store products → showcase → store coupons →
 * codes → posters → menu → reminders. No room, goods, media or WeChat Pay stocks.
 */
function channelsChanges(ctx: PlanContext): { changes: Change[]; tasks: Task[] } {
  const ch = planChannels(ctx);
  const waves = planWaves(ctx);
  const changes: Change[] = [
    ch.reservation,
    ...ch.images,
    ...ch.products,
    ...ch.showcase,
    ...ch.coupons,
    ...waves.codes,
    ...waves.posters,
    ...waves.menu,
    ...waves.reminders,
  ];
  return { changes, tasks: planTasks(ctx, undefined, channelsTasks(ctx, ch)) };
}

export function summarize(changes: readonly Change[]): PlanSummary {
  const s: PlanSummary = { create: 0, update: 0, delete: 0, noop: 0, wait: 0, human: 0 };
  for (const c of changes) s[c.action]++;
  return s;
}

/**
 * The summary line — public interface (style.md §7), frozen in a test:
 * `Plan: 3 to create, 1 to update, 0 to delete, 2 waiting on audit, 1 for a person.`
 * ("waiting on audit" counts every `wait`: goods in audit and submissions beyond today's quota.)
 */
export function summaryLine(s: PlanSummary): string {
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.delete} to delete, ${s.wait} waiting on audit, ${s.human} for a person.`;
}

/** True when the plan has anything left to do or wait for (`--detailed-exitcode` 2). */
export function hasPendingChanges(plan: Pick<Plan, 'summary'>): boolean {
  const s = plan.summary;
  return s.create + s.update + s.delete + s.wait + s.human > 0;
}

/** Actions that change something on the platform or in the outbox when apply runs. */
export const REMOTE_ACTIONS: readonly Action[] = ['create', 'update', 'delete'];
