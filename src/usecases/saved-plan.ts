import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';
import { PLAN_FORMAT_VERSION, type Plan } from '../plan/types.js';
import type { StateSnapshot } from '../state/types.js';
import type { LoadedCampaign } from './load-campaign.js';

/** `livectl apply plan.json`: reading a saved plan, finding its campaign, and refusing it when stale. */

/** A plan saved by `livectl plan --out`, checked to be one this livectl understands. */
export async function readSavedPlan(file: string, cwd: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (err) {
    throw new UserError(
      `cannot read the saved plan ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let plan: Plan;
  try {
    plan = JSON.parse(text) as Plan;
  } catch {
    throw new UserError(`${file} is not a saved plan (not JSON)`, {
      hint: 'Make one with `livectl plan <campaign> --out plan.json`.',
    });
  }
  if (plan?.formatVersion !== PLAN_FORMAT_VERSION || !Array.isArray(plan.changes) || !plan.campaign?.file) {
    throw new UserError(
      `${file} is not a saved plan this livectl understands (formatVersion ${String(plan?.formatVersion)})`,
      {
        hint: 'Make a new one with `livectl plan <campaign> --out plan.json`.',
      },
    );
  }
  return plan;
}

/** The campaign a saved plan was made from: as given then (relative to where `plan` ran, else beside the plan). */
export function savedPlanCampaign(plan: Plan, planFile: string, cwd: string): string {
  const file = plan.campaign.file;
  if (path.isAbsolute(file) || existsSync(path.resolve(cwd, file))) return file;
  const besidePlan = path.resolve(path.dirname(path.resolve(cwd, planFile)), file);
  return existsSync(besidePlan) ? besidePlan : file;
}

/** A saved plan applies only to the campaign bytes and the state it was made against (design.md). */
export function checkSavedPlan(
  plan: Plan,
  loaded: LoadedCampaign,
  snapshot: StateSnapshot,
  planFile: string,
): Plan {
  const stale = (why: string) =>
    new UserError(`the saved plan ${planFile} is stale: ${why}`, {
      hint: `Make a new plan (livectl plan ${plan.campaign.file} --out ${planFile}), review it, and apply that.`,
    });
  if (plan.campaign.name !== loaded.campaign.metadata.name) {
    throw stale(
      `it is for campaign ${plan.campaign.name}, the file now says ${loaded.campaign.metadata.name}`,
    );
  }
  if (plan.campaign.hash !== loaded.hash)
    throw stale(`${plan.campaign.file} changed since the plan was made`);
  // The images are part of the campaign: the plan's media changes name their bytes.
  const images = plan.campaign.images;
  if (typeof images !== 'object' || images === null)
    throw stale("it does not record its images' hashes (made by an earlier livectl)");
  for (const ref of new Set([...Object.keys(images), ...loaded.assets.keys()])) {
    const planned = Object.hasOwn(images, ref) ? images[ref] : undefined;
    if (planned !== loaded.assets.get(ref)?.sha256)
      throw stale(`image ${ref} changed since the plan was made`);
  }
  const serial = snapshot.campaign?.serial ?? 0;
  if (plan.stateSerial !== serial) {
    throw stale(
      `the state changed since (serial ${plan.stateSerial} → ${serial}: another apply ran in between)`,
    );
  }
  if (
    (plan.lineage ?? undefined) !== (snapshot.campaign?.lineage ?? undefined) &&
    plan.lineage !== undefined
  ) {
    throw stale(
      'it was made against another state store (or before the campaign was destroyed and applied again)',
    );
  }
  return plan;
}
