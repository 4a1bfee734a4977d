import type { Campaign } from '../campaign/schema.js';

/**
 * How apply renders posters: once a wave's share code exists, apply asks the hook for that wave's
 * poster and records the result as `poster/<wave>`. The CLI passes {@link campaignPosterHook}; tests
 * may pass one that writes a stand-in file.
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

/**
 * The poster hook backed by src/poster: renders the wave's poster from its template with
 * the real mini-program code, into the campaign's output folder (with the contact sheet), exactly
 * as `livectl posters` does offline with a preview QR. The renderer loads lazily (native canvas).
 */
export function campaignPosterHook(opts: {
  campaignDir: string;
  times: import('../campaign/rules/context.js').CampaignTimes;
  now: Date;
}): PosterHook {
  return async (req) => {
    const { renderCampaignPosters } = await import('../poster/index.js');
    const result = await renderCampaignPosters({
      campaign: req.campaign,
      times: opts.times,
      campaignDir: opts.campaignDir,
      outDir: req.outDir,
      waveId: req.waveId,
      roomId: req.roomId,
      now: opts.now,
      // An empty code: a channels campaign without a live page draws its posters without one.
      code: async (target) =>
        target.waveId === req.waveId && req.code.length > 0 ? Buffer.from(req.code) : undefined,
    });
    const file = result.files.find((f) => f.target.waveId === req.waveId);
    if (!file) throw new Error(`the poster renderer made no poster for wave ${req.waveId}`);
    return { path: file.file, sha256: file.sha256 };
  };
}
