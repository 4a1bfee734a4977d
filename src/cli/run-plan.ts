import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { collectAssetRefs, resolveTimes } from '../campaign/resolve.js';
import { summarize } from '../diagnostics/diagnostic.js';
import { renderReportJson } from '../diagnostics/render-machine.js';
import { renderReportText } from '../diagnostics/render-text.js';
import { UserError } from '../errors.js';
import { dropCreateOnlyFindings } from '../plan/create-only-findings.js';
import { dateNotice, previewDateFindings } from '../plan/date-findings.js';
import type { AssetDigest } from '../plan/desired.js';
import { hasPendingChanges, planCampaign } from '../plan/planner.js';
import { renderPlanJson, renderPlanText } from '../plan/render-plan.js';
import type { Plan } from '../plan/types.js';
import type { Clock, Deps } from '../platform/deps.js';
import { resolveStatePath } from '../state/location.js';
import { emptySnapshot, type StateSnapshot } from '../state/types.js';
import { type ValidatedFile, validateFiles } from '../validate/validate-files.js';
import { resolveFormat, resolveNow } from './options.js';
import { postersDir } from './posters-dir.js';
import { styleFor } from './style.js';

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
  const absPath = path.resolve(deps.cwd, campaignFile);
  const result = await validateFiles([absPath], { now: opts.now });
  const report: ValidatedFile = { ...result.files[0]!, file: campaignFile };
  const campaign = report.campaign;
  if (!campaign) return { ok: false, report };

  const statePath = resolveStatePath({
    flag: opts.state,
    env: deps.env,
    campaignFile: absPath,
    cwd: deps.cwd,
  });
  const stateFound = await isFile(statePath);
  const state = stateFound
    ? await readSnapshot(statePath, campaign.metadata.name, deps.clock)
    : emptySnapshot();

  const times = resolveTimes(campaign);
  const kept = dropCreateOnlyFindings(report.diagnostics, times, state);
  // A plan is a preview: dates outside WeChat's window (a past example included) are warnings here,
  // with one line saying apply would refuse; validate and apply keep them as errors.
  const notice = dateNotice(kept, times.start, campaign.metadata.timezone);
  report.diagnostics = previewDateFindings(kept);
  if (report.diagnostics.some((d) => d.severity === 'error')) return { ok: false, report };

  const bytes = await readFile(absPath);
  const plan = planCampaign({
    campaign,
    file: campaignFile,
    campaignHash: sha256(bytes),
    assets: await hashImages(campaign, path.dirname(absPath)),
    state,
    now: opts.now,
  });
  if (notice) plan.dateNotice = notice;
  const roomId = state.resources.get('room')?.remoteId;
  return {
    ok: true,
    plan,
    report,
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

/**
 * `livectl plan <campaign>`: wiring only — flags → makePlan → view → exit code.
 * 0 done (or, with --detailed-exitcode, nothing to do); 2 with --detailed-exitcode: changes pending;
 * 1 invalid campaign or a failure.
 */
export async function runPlan(campaignFile: string, flags: PlanFlags, deps: Deps): Promise<number> {
  const format = resolveFormat(flags.format, PLAN_FORMATS);
  const now = resolveNow(flags.now, deps);
  const outcome = await makePlan(campaignFile, { now, state: flags.state }, deps);
  const style = styleFor(deps.stdout);

  if (!outcome.ok) {
    const summary = summarize([outcome.report]);
    if (format === 'json') deps.stdout.write(renderReportJson([outcome.report], summary));
    else deps.stderr.write(renderReportText([outcome.report], summary, styleFor(deps.stderr)));
    return 1;
  }

  const { plan, report } = outcome;
  if (format === 'text' && report.diagnostics.length > 0) {
    // Warnings (the playbook's advice) go to stderr, so stdout stays the plan.
    deps.stderr.write(`${renderReportText([report], summarize([report]), styleFor(deps.stderr))}\n`);
  }
  if (flags.out !== undefined) await writeAtomic(path.resolve(deps.cwd, flags.out), renderPlanJson(plan));
  if (format === 'json') {
    deps.stdout.write(renderPlanJson(plan));
    if (plan.dateNotice) deps.stderr.write(`${plan.dateNotice.message}\n`);
  } else {
    deps.stdout.write(renderPlanText(plan, style));
    if (flags.out !== undefined) {
      deps.stdout.write(
        `\nSaved the plan to ${flags.out}: \`livectl apply ${flags.out}\` applies exactly this.\n`,
      );
    }
  }
  if (flags.posters !== false) await writePlanPosters(campaignFile, outcome, flags, now, deps);
  if (flags.detailedExitcode) return hasPendingChanges(plan) ? 2 : 0;
  return 0;
}

/**
 * A plan comes with its pictures: every wave's poster and the contact sheet, in out/<campaign>/. Until
 * apply has fetched a wave's real mini-program code the poster carries a preview QR of the room's
 * share path; after, the poster is drawn with the real code from the store, so the file an outbox row
 * sends is never swapped for a preview. Should a real code that apply drew a poster with be unreadable,
 * the previews go to out/<campaign>/preview/ instead and apply's posters stay as they are. The plan's
 * own output stays clean: in text mode one line says where they are; in JSON mode, stderr.
 */
async function writePlanPosters(
  campaignFile: string,
  outcome: Extract<PlanOutcome, { ok: true }>,
  flags: PlanFlags,
  now: Date,
  deps: Deps,
): Promise<void> {
  const campaign = outcome.report.campaign!;
  const campaignDir = path.dirname(path.resolve(deps.cwd, campaignFile));
  let outDir = postersDir(campaignFile, campaign.metadata.name, flags.postersDir, deps.cwd);
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
    campaignDir,
    outDir,
    now,
    ...(outcome.roomId ? { roomId: outcome.roomId } : {}),
    code: async (t) => (t.waveId === undefined ? undefined : codes.get(t.waveId)),
  });
  const rel = path.relative(deps.cwd, result.contactSheet) || result.contactSheet;
  const real = result.files.filter((f) => f.code === 'mini-program').length;
  const how =
    real === 0
      ? 'preview codes'
      : real === result.files.length
        ? 'the real codes from apply'
        : `${real} with the real code from apply, ${result.files.length - real} with a preview code`;
  const line = `Posters: ${result.files.length} written (${how}); open ${rel} to see the whole campaign.\n`;
  if ((flags.format ?? 'text') === 'json') deps.stderr.write(line);
  else deps.stdout.write(`\n${line}`);
  if (unreadable) {
    deps.stderr.write(
      `warning: a share code that apply drew posters with cannot be read: the previews went to ${path.relative(deps.cwd, outDir) || outDir}, apply's posters are left as they are\n`,
    );
  }
  for (const w of result.warnings) {
    deps.stderr.write(`warning: poster ${w.poster}${w.field ? ` ${w.field}` : ''}: ${w.message}\n`);
  }
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

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function readSnapshot(file: string, campaign: string, clock: Clock): Promise<StateSnapshot> {
  // Loaded only when a store exists: the native driver costs nothing to a first plan.
  const { openSqliteStore } = await import('../state/sqlite-store.js');
  const store = await openSqliteStore(file, { clock });
  try {
    return await store.snapshot(campaign);
  } finally {
    await store.close();
  }
}

/** Every image the campaign sends, by reference as written: sha256 and size (files read once each). */
async function hashImages(
  campaign: NonNullable<ValidatedFile['campaign']>,
  dir: string,
): Promise<Map<string, AssetDigest>> {
  const byPath = new Map<string, Promise<AssetDigest>>();
  const out = new Map<string, AssetDigest>();
  for (const ref of collectAssetRefs(campaign)) {
    if (ref.kind !== 'image' || out.has(ref.ref)) continue;
    const p = path.resolve(dir, ref.ref);
    let digest = byPath.get(p);
    if (!digest) {
      digest = readFile(p).then((b) => ({ sha256: sha256(b), size: b.length, path: p }));
      byPath.set(p, digest);
    }
    out.set(ref.ref, await digest);
  }
  return out;
}

/** Writes through a temporary file in the same folder and renames it over the target (never half a plan). */
async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, { flag: 'wx' });
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
