import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveTimes } from '../campaign/resolve.js';
import { UserError } from '../errors.js';
import { planCampaign } from '../plan/planner.js';
import type { Plan } from '../plan/types.js';
import type { Clock, Deps } from '../platform/deps.js';
import type { RenderCampaignPostersResult } from '../poster/index.js';
import { describeStateLocation, resolveStateLocation, type StateLocation } from '../state/location.js';
import { emptySnapshot, type StateSnapshot } from '../state/types.js';
import type { ValidatedFile } from '../validate/validate-files.js';
import { finishLoading, readCampaign, sha256 } from './load-campaign.js';

/** What `makePlan` found: an invalid campaign (its report), or the plan and the report's warnings. */
export type PlanOutcome =
  | { ok: false; report: ValidatedFile }
  | {
      ok: true;
      plan: Plan;
      report: ValidatedFile;
      statePath: string;
      stateFound: boolean;
      /** The room's id when the state knows it (posters then carry it in their preview codes). */
      roomId?: string;
      /** What apply made per wave: its real code's file (and sha256), and the poster it drew. */
      applied: Map<string, AppliedWave>;
    };

export interface AppliedWave {
  codePath?: string;
  codeSha256?: string;
  posterPath?: string;
}

/**
 * The plan use-case: validate (errors stop it; start-window dates are warnings here, see
 * src/plan/date-findings.ts), read the state if the store exists (a plan never
 * creates one), hash the campaign file and its images, then the pure planner. No network.
 */
export async function makePlan(
  campaignFile: string,
  opts: { now: Date; state?: string },
  deps: Pick<Deps, 'cwd' | 'env'> & { clock: Clock },
): Promise<PlanOutcome> {
  const read = await readCampaign(campaignFile, deps.cwd, opts.now);
  if (!read.ok) return read;

  const where = resolveStateLocation({
    flag: opts.state,
    env: deps.env,
    campaignFile: read.absPath,
    cwd: deps.cwd,
  });
  const statePath = describeStateLocation(where);
  // A PostgreSQL store is always there to read (opening it creates the tables when new).
  const stateFound = where.kind === 'postgres' || (await isFile(where.path));
  const state = stateFound
    ? await readSnapshot(where, read.campaign.metadata.name, deps.clock)
    : emptySnapshot();

  const load = await finishLoading(read, state, { preview: true });
  if (!load.ok) return load;
  const { loaded } = load;
  const plan = planCampaign({
    campaign: loaded.campaign,
    file: campaignFile,
    campaignHash: loaded.hash,
    assets: loaded.assets,
    state,
    now: opts.now,
  });
  if (loaded.dateNotice) plan.dateNotice = loaded.dateNotice;
  const roomId = state.resources.get('room')?.remoteId;
  return {
    ok: true,
    plan,
    report: loaded.report,
    statePath,
    stateFound,
    ...(roomId ? { roomId } : {}),
    applied: appliedWaves(state),
  };
}

/** Per wave, the code file and the poster that apply recorded in the state. */
function appliedWaves(state: StateSnapshot): Map<string, AppliedWave> {
  const out = new Map<string, AppliedWave>();
  for (const [address, rec] of state.resources) {
    const [kind, wave] = address.split('/');
    if (!wave || (kind !== 'code' && kind !== 'poster')) continue;
    const a = out.get(wave) ?? {};
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    if (kind === 'code') {
      a.codePath = str(rec.attributes.localPath);
      a.codeSha256 = str(rec.attributes.sha256);
    } else a.posterPath = str(rec.attributes.path);
    out.set(wave, a);
  }
  return out;
}

export interface PlanPosters {
  result: RenderCampaignPostersResult;
  /** Where they went: out/<campaign>, or its preview/ folder when a real code cannot be read. */
  outDir: string;
  /** A share code apply drew posters with cannot be read (so the previews went to preview/). */
  unreadable: boolean;
}

/**
 * A plan comes with its pictures: every wave's poster and the contact sheet, in `outDir`. Until
 * apply has fetched a wave's real mini-program code the poster carries a preview QR of the room's
 * share path; after, the poster is drawn with the real code from the store, so the file an outbox row
 * sends is never swapped for a preview. Should a real code that apply drew a poster with be unreadable,
 * the previews go to `outDir`/preview/ instead and apply's posters stay as they are.
 */
export async function writePlanPosters(
  outcome: Extract<PlanOutcome, { ok: true }>,
  opts: { campaignDir: string; outDir: string; now: Date },
): Promise<PlanPosters> {
  const campaign = outcome.report.campaign!;
  let outDir = opts.outDir;
  const codes = new Map<string, Buffer>();
  let unreadable = false;
  for (const [wave, a] of outcome.applied) {
    const bytes = a.codePath ? await readRealCode(a.codePath, a.codeSha256) : undefined;
    if (bytes) codes.set(wave, bytes);
    else if (a.posterPath) unreadable = true;
  }
  if (unreadable) outDir = path.join(outDir, 'preview');
  const { renderCampaignPosters } = await import('../poster/index.js');
  const result = await renderCampaignPosters({
    campaign,
    times: resolveTimes(campaign),
    campaignDir: opts.campaignDir,
    outDir,
    now: opts.now,
    ...(outcome.roomId ? { roomId: outcome.roomId } : {}),
    code: async (t) => (t.waveId === undefined ? undefined : codes.get(t.waveId)),
  });
  return { result, outDir, unreadable };
}

/** A code file apply wrote, when it is still there and unchanged (sha256 as recorded). */
async function readRealCode(file: string, sha?: string): Promise<Buffer | undefined> {
  try {
    const b = await readFile(file);
    return sha === undefined || sha256(b) === sha ? b : undefined;
  } catch {
    return undefined;
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function readSnapshot(where: StateLocation, campaign: string, clock: Clock): Promise<StateSnapshot> {
  // Loaded only when a store exists: the driver costs nothing to a first plan.
  const { openStateStore } = await import('../state/open.js');
  const store = await openStateStore(where, { clock });
  try {
    return await store.snapshot(campaign);
  } finally {
    await store.close();
  }
}

/** Saves a plan's JSON for `apply <plan.json>`: through a temporary file renamed over the target (never half a plan). */
export async function savePlan(file: string, json: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, json, { flag: 'wx' });
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`cannot write the plan to ${file} (${code ?? String(err)})`, {
      hint: 'Check that the folder exists and is writable.',
      cause: err,
    });
  }
}
