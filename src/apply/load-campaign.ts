import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { collectAssetRefs, resolveTimes } from '../campaign/resolve.js';
import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign } from '../campaign/schema.js';
import { dropCreateOnlyFindings } from '../plan/create-only-findings.js';
import type { AssetDigest } from '../plan/desired.js';
import type { StateSnapshot } from '../state/types.js';
import { type ValidatedFile, validateFiles } from '../validate/validate-files.js';

/**
 * Reads a campaign for apply in two steps: `readCampaign` validates it (all four stages) — enough to
 * know its name, and so its state and lock; then, with the campaign's state in hand,
 * `finishLoading` drops the findings that only concern creating a room that already exists (as
 * `plan` does), stops on any remaining error, and hashes the file and every image it sends, so the
 * planner and the executor see the same bytes.
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
  report: ValidatedFile;
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
): Promise<LoadResult> {
  const times = resolveTimes(read.campaign);
  const report = {
    ...read.report,
    diagnostics: dropCreateOnlyFindings(read.report.diagnostics, times, state),
  };
  if (report.diagnostics.some((d) => d.severity === 'error')) return { ok: false, report };
  const bytes = await readFile(read.absPath);
  const dir = path.dirname(read.absPath);
  const assets = new Map<string, AssetDigest>();
  for (const ref of collectAssetRefs(read.campaign)) {
    if (ref.kind !== 'image' || assets.has(ref.ref)) continue;
    const p = path.resolve(dir, ref.ref);
    const b = await readFile(p);
    assets.set(ref.ref, { sha256: sha256(b), size: b.length, path: p });
  }
  return {
    ok: true,
    loaded: {
      file: read.file,
      absPath: read.absPath,
      campaign: read.campaign,
      times,
      hash: sha256(bytes),
      assets,
      report,
    },
  };
}
