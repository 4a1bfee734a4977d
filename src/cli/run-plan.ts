import path from 'node:path';
import { hasPendingChanges } from '../plan/planner.js';
import type { Deps } from '../platform/deps.js';
import { makePlan, savePlan, writePlanPosters } from '../usecases/plan.js';
import { resolveFormat, resolveNow } from './options.js';
import { postersDir } from './posters-dir.js';
import { renderInvalidCampaign } from './views/invalid-campaign.js';
import { renderPlanJson, renderPlanOutcome, renderPlanPosters, renderPlanWarnings } from './views/plan.js';

export const PLAN_FORMATS = ['text', 'json'] as const;

export interface PlanFlags {
  state?: string;
  now?: string;
  format?: string;
  out?: string;
  detailedExitcode?: boolean;
  /** Where to write the posters (default: out/<campaign> beside the campaign file). */
  postersDir?: string;
  /** `--no-posters` sets this to false. */
  posters?: boolean;
}

/**
 * `livectl plan <campaign>`: wiring only — flags → makePlan → view → exit code.
 * 0 done (or, with --detailed-exitcode, nothing to do); 2 with --detailed-exitcode: changes pending;
 * 1 invalid campaign or a failure.
 */
export async function runPlan(campaignFile: string, flags: PlanFlags, deps: Deps): Promise<number> {
  const format = resolveFormat(flags.format, PLAN_FORMATS);
  const now = resolveNow(flags.now, deps);
  const outcome = await makePlan(campaignFile, { now, state: flags.state }, deps);
  if (!outcome.ok) return renderInvalidCampaign(outcome.report, deps, { format });

  const { plan } = outcome;
  renderPlanWarnings(outcome.report, format, deps);
  if (flags.out !== undefined) await savePlan(path.resolve(deps.cwd, flags.out), renderPlanJson(plan));
  renderPlanOutcome(outcome, { format, ...(flags.out !== undefined ? { out: flags.out } : {}) }, deps);
  if (flags.posters !== false) {
    // A plan comes with its pictures: every wave's poster and the contact sheet, in out/<campaign>/.
    const campaign = outcome.report.campaign!;
    const posters = await writePlanPosters(outcome, {
      campaignDir: path.dirname(path.resolve(deps.cwd, campaignFile)),
      outDir: postersDir(campaignFile, campaign.metadata.name, flags.postersDir, deps.cwd),
      now,
    });
    renderPlanPosters(posters, format, deps);
  }
  if (flags.detailedExitcode) return hasPendingChanges(plan) ? 2 : 0;
  return 0;
}
