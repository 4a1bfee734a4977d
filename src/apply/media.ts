import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ResourceRecord } from '../state/types.js';
import type { ApplyRun } from './context.js';

/**
 * Temporary media (reference §3): room images and goods covers go to WeChat as media ids that live
 * 3 days. They are uploaded just in time — when a change that sends them runs — recorded with their
 * expiry, and uploaded again when the recorded id is gone, about to expire, or refused (300006).
 */

export const MEDIA_TTL_MS = 3 * 24 * 60 * 60 * 1000;
/** A recorded id is reused only if it outlives the next calls by this much. */
export const MEDIA_FRESH_MARGIN_MS = 60 * 60 * 1000;

export const mediaAddress = (sha256: string) => `media/${sha256}`;

/** Whether a recorded media id can still be sent now. */
export function isMediaFresh(rec: ResourceRecord | undefined, now: Date): rec is ResourceRecord {
  if (!rec?.remoteId || !rec.expiresAt) return false;
  return Date.parse(rec.expiresAt) - now.getTime() > MEDIA_FRESH_MARGIN_MS;
}

export class MediaManager {
  /** sha256 → absolute path, from the campaign's assets. */
  private readonly paths = new Map<string, string>();
  private readonly inFlight = new Map<string, Promise<{ mediaId: string; uploaded: boolean }>>();

  constructor(private readonly run: ApplyRun) {
    for (const a of run.opts.assets.values()) this.paths.set(a.sha256, a.path);
  }

  pathOf(sha256: string): string | undefined {
    return this.paths.get(sha256);
  }

  /**
   * A media id for this image that is valid now: the recorded one when fresh, otherwise a new upload
   * (recorded before returning). `force` uploads even when the record looks fresh (after a 300006).
   */
  async ensure(
    sha256: string,
    opts: { force?: boolean } = {},
  ): Promise<{ mediaId: string; uploaded: boolean }> {
    // Goods steps run a few at a time and often share an image: one upload serves them all.
    const running = this.inFlight.get(sha256);
    if (running) {
      const r = await running;
      if (!opts.force) return { mediaId: r.mediaId, uploaded: false };
    }
    const p = this.ensureNow(sha256, opts);
    this.inFlight.set(sha256, p);
    try {
      return await p;
    } finally {
      if (this.inFlight.get(sha256) === p) this.inFlight.delete(sha256);
    }
  }

  private async ensureNow(
    sha256: string,
    opts: { force?: boolean },
  ): Promise<{ mediaId: string; uploaded: boolean }> {
    const address = mediaAddress(sha256);
    const rec = this.run.resource(address);
    if (!opts.force && isMediaFresh(rec, this.run.now())) return { mediaId: rec.remoteId!, uploaded: false };
    const file = this.paths.get(sha256);
    if (!file) throw new Error(`no campaign image has sha256 ${sha256}`);
    const bytes = await (this.run.opts.readFile ?? readFile)(file);
    const media = await this.run.mp.uploadMedia('image', { bytes, filename: path.basename(file) });
    // The platform's created_at is authoritative when present; our clock otherwise.
    const uploadedMs = media.createdAt > 0 ? media.createdAt * 1000 : this.run.now().getTime();
    await this.run.put({
      address,
      kind: 'media',
      remoteId: media.mediaId,
      hash: sha256,
      attributes: { file: path.basename(file), uploadedAt: new Date(uploadedMs).toISOString() },
      expiresAt: new Date(uploadedMs + MEDIA_TTL_MS).toISOString(),
    });
    return { mediaId: media.mediaId, uploaded: true };
  }
}
