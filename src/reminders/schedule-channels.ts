import { livePageOf } from '../campaign/platform.js';
import type { Campaign } from '../campaign/schema.js';
import { channelsScene } from '../plan/channels-spec.js';

/**
 * The rows' differences on 视频号 (platform: channels), kept beside schedule.ts. Pure.
 * - cards and the menu open the merchant's live page with the wave's scene (`<livePage>?w=<wave>`),
 *   which calls wx.reserveChannelsLive before the start and wx.openChannelsLive after it;
 * - without a live page there is no card: rows carry the text and the poster only;
 * - rows carry the reservation's notice id (`room.noticeId`) instead of a room id;
 * - no followers push and no product cards (the live console does that by hand), no replay wait.
 */

/** The page a channels card opens for a wave (`undefined` for the room's own), or '' without a live page. */
export function channelsPage(c: Campaign, waveId: string | undefined): string {
  const livePage = livePageOf(c);
  if (livePage === undefined) return '';
  return waveId === undefined ? livePage : `${livePage}?${channelsScene(encodeURIComponent(waveId))}`;
}

/** Whether the campaign's rows go without a mini-program card (channels without a live page). */
export function cardless(c: Campaign): boolean {
  return c.platform === 'channels' && livePageOf(c) === undefined;
}

/** A text without its pointer at a card that is not there ("点击卡片…" and the 👇). */
export function withoutCardWords(text: string): string {
  return text.replace(/点击卡片/g, '').replace(/\s*👇/g, '');
}
