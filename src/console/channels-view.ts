import { type ChannelsStatus, channelsPart, dashboardOf } from '../apply/channels-status.js';
import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign } from '../campaign/schema.js';
import { consoleEn } from '../i18n/console-en.js';
import type { StateSnapshot } from '../state/types.js';
import type { ChannelsClients } from '../wechat/index.js';

const SAY = consoleEn.server;

/**
 * The console on `platform: channels`: the 视频号 has no room id and no live_status, so the header
 * shows the reservation and whether the broadcast is live (getfinderliverecordlist); while it is live
 * the dashboard's like rate and viewers, after the end what `status --refresh` recorded (viewers, like
 * rate, orders, GMV). Product cards and the shelf are in the 视频号 app's live console: no API.
 */

export interface ConsoleChannels {
  reservation?: ChannelsStatus['reservation'];
  live: boolean;
  exportId?: string;
  /** While live (getlivedata) or as last recorded after the end. */
  dashboard?: NonNullable<ChannelsStatus['live']>['dashboard'];
  products: ChannelsStatus['products'];
  coupons: ChannelsStatus['coupons'];
  /** Why the live state is unknown, when the platform did not answer. */
  error?: string;
}

export const NO_CARD_API = SAY.noCardApi;

export async function channelsConsole(
  c: Campaign,
  times: CampaignTimes,
  snapshot: StateSnapshot,
  clients: ChannelsClients | undefined,
  now: Date,
  describe: (err: unknown) => string,
): Promise<ConsoleChannels> {
  const part = channelsPart(c, snapshot, times);
  const base: ConsoleChannels = {
    ...(part.reservation ? { reservation: part.reservation } : {}),
    live: false,
    products: part.products,
    coupons: part.coupons,
    ...(part.live?.dashboard ? { dashboard: part.live.dashboard } : {}),
    ...(part.live?.exportId ? { exportId: part.live.exportId } : {}),
  };
  if (!clients) return base;
  try {
    const rec = (await clients.finder.listLiveRecords())[0];
    if (!rec) return base;
    const exportId = String(rec.exportId);
    const out: ConsoleChannels = { ...base, live: true, exportId };
    try {
      out.dashboard = dashboardOf(await clients.finder.liveData(exportId), now);
    } catch {
      // The dashboard may lag the live record: the header still says live.
    }
    return out;
  } catch (err) {
    return { ...base, error: describe(err) };
  }
}

/** The header's words for the broadcast. */
export function channelsLiveText(v: ConsoleChannels): string {
  if (v.error) return SAY.unknown({ error: v.error });
  if (v.live) return SAY.channelsLive;
  const r = v.reservation;
  if (!r?.noticeId) return SAY.noReservation;
  if (r.drift) return SAY.reservationDrift({ status: r.statusText });
  return v.dashboard ? SAY.channelsEnded : SAY.notLive({ id: r.noticeId, status: r.statusText });
}
