import type { Campaign } from '../campaign/schema.js';

/**
 * The seam where issue 5 (posters) plugs into apply. Once a wave's share code exists, apply asks the
 * hook for that wave's poster and records the result as `poster/<wave>`. Without a hook, `poster/*`
 * changes are reported as skipped ("posters not wired in yet"), never faked.
 */
export interface PosterRequest {
  campaign: Campaign;
  waveId: string;
  roomId: string;
  /** The real mini-program code (getwxacodeunlimit, scene `r=<roomId>&w=<wave>`), PNG bytes. */
  code: Uint8Array;
  /** Where the code PNG was written. */
  codePath: string;
  /** The campaign's output folder (posters go under it). */
  outDir: string;
}

export interface PosterResult {
  /** The poster PNG written. */
  path: string;
  /** sha256 of the PNG bytes (posters are deterministic, so this is a stable hash). */
  sha256?: string;
}

export type PosterHook = (req: PosterRequest) => Promise<PosterResult>;
