import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { collectAssetRefs, resolveTimes } from '../campaign/resolve.js';
import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign } from '../campaign/schema.js';
import { dropCreateOnlyFindings } from '../plan/create-only-findings.js';
import { type DateNotice, dateNotice, previewDateFindings } from '../plan/date-findings.js';
import type { AssetDigest } from '../plan/desired.js';
import type { StateSnapshot } from '../state/types.js';
import { type ValidatedFile, validateFiles } from '../validate/validate-files.js';

/**
 * Loading a campaign for plan and apply, in two steps: `readCampaign` validates it (all four
 * stages) — enough to know its name, and so its state (and apply's lock); then, with the campaign's
 * state in hand, `finishLoading` drops the findings that only concern creating a room that already
 * exists, stops on any remaining error, and hashes the file and every image it sends, so the
 * planner and the executor see the same bytes. A preview (plan) keeps dates outside WeChat's window
 * as warnings with one notice line; apply keeps them as errors.
 */
export interface LoadedCampaign {
  /** The path as given on the command line. */
  file: string;
  absPath: string;
  campaign: Campaign;
  times: CampaignTimes;
  /** sha256 of the file's bytes. */
  hash: string;
  /** Images by reference as written. */
  assets: Map<string, AssetDigest>;
  /** What is left of the validation: warnings only. */
  report: ValidatedFile;
  /** A preview's one line about dates apply would refuse. */
  dateNotice?: DateNotice;
}

export type ReadResult =
  | { ok: true; file: string; absPath: string; campaign: Campaign; report: ValidatedFile }
  | { ok: false; report: ValidatedFile };

export type LoadResult = { ok: true; loaded: LoadedCampaign } | { ok: false; report: ValidatedFile };

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export async function readCampaign(file: string, cwd: string, now: Date): Promise<ReadResult> {
  const absPath = path.resolve(cwd, file);
  const result = await validateFiles([absPath], { now });
  const report: ValidatedFile = { ...result.files[0]!, file };
  if (!report.campaign) return { ok: false, report };
  return { ok: true, file, absPath, campaign: report.campaign, report };
}

export async function finishLoading(
  read: Extract<ReadResult, { ok: true }>,
  state: StateSnapshot,
  opts: { preview?: boolean } = {},
): Promise<LoadResult> {
  const times = resolveTimes(read.campaign);
  const kept = dropCreateOnlyFindings(read.report.diagnostics, times, state);
  // A plan is a preview: dates outside WeChat's window (a past example included) are warnings there,
  // with one line saying apply would refuse; validate and apply keep them as errors.
  const notice = opts.preview ? dateNotice(kept, times.start, read.campaign.metadata.timezone) : undefined;
  const report = { ...read.report, diagnostics: opts.preview ? previewDateFindings(kept) : kept };
  if (report.diagnostics.some((d) => d.severity === 'error')) return { ok: false, report };
  const bytes = await readFile(read.absPath);
  return {
    ok: true,
    loaded: {
      file: read.file,
      absPath: read.absPath,
      campaign: read.campaign,
      times,
      hash: sha256(bytes),
      assets: await hashImages(read.campaign, path.dirname(read.absPath)),
      report,
      ...(notice ? { dateNotice: notice } : {}),
    },
  };
}

/** Every image the campaign sends, by reference as written: sha256 and size (files read once each). */
async function hashImages(campaign: Campaign, dir: string): Promise<Map<string, AssetDigest>> {
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
