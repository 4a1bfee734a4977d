import type { CampaignTimes } from '../campaign/rules/context.js';
import type { Campaign } from '../campaign/schema.js';
import { UserError } from '../errors.js';
import type { AssetDigest } from '../plan/desired.js';
import type { Clock } from '../platform/deps.js';
import type { StateStore } from '../state/port.js';
import type { StateSnapshot } from '../state/types.js';
import type {
  ChannelsFinderClient,
  ChannelsStoreClient,
  MiniProgramClient,
  OfficialAccountClient,
} from '../wechat/index.js';
import type { ApplyEvent } from './events.js';
import type { PosterHook } from './posters.js';
import type { ReminderHook } from './reminders.js';
import { StateWriter } from './state-writer.js';

/** The two accounts of a `platform: channels` campaign (channels-live-store.md §1). */
export interface ChannelsClients {
  /** 微信小店: images, products, coupons. */
  readonly store: ChannelsStoreClient;
  /** 视频号助手: reservations, live records, the showcase, live data. */
  readonly finder: ChannelsFinderClient;
}

/**
 * The remote side apply needs: the mini program's live APIs (reminders reach WeCom and the OA through
 * dispatch), and on Channels the store and 视频号助手 clients. On Channels the mini program is used only
 * for the codes of its live page; its getter throws a UserError when it has no credentials.
 */
export interface ApplyClients {
  readonly miniProgram: MiniProgramClient;
  /** Present for `platform: channels`. */
  readonly channels?: ChannelsClients;
  /** Only destroy uses it (to put back a menu a campaign switched); absent without OA credentials. */
  readonly officialAccount?: OfficialAccountClient;
}

/**
 * What the steps of a run work with (apply's, and destroy's, which reuses the delete steps). Built by
 * the CLI (or a test, or the bench) from real ports: the SQLite store, clients pointed at WeChat or
 * the emulator, a clock.
 */
export interface RunOptions {
  /** The parsed campaign the plan was made from; apply sends exactly its desired specs. */
  campaign: Campaign;
  /** Its resolved instants (room start/end, waves). */
  times: CampaignTimes;
  /** Referenced images by reference as written: sha256 and absolute path (for uploads). */
  assets: ReadonlyMap<string, AssetDigest>;
  /** sha256 of the campaign file's bytes, recorded with a complete apply. */
  campaignHash: string;
  store: StateStore;
  clients: ApplyClients;
  clock: Clock;
  emit: (event: ApplyEvent) => void;
  /** Where share codes are written (`<dir>/<wave>.png`); posters read them from there. */
  artifactsDir: string;
  /** Reads an image to upload. Default: node:fs readFile. */
  readFile?: (path: string) => Promise<Uint8Array>;
  /** Writes a share code. Default: node:fs writeFile (creating the folder). */
  writeFile?: (path: string, bytes: Uint8Array) => Promise<void>;
  /** Remote calls made so far (the CLI counts them through the clients' onRequest hook). */
  countRequests?: () => number;
  /** Called between changes: the CLI renews the apply lock here. */
  heartbeat?: () => Promise<void>;
  /** WeChat Pay (coupons as 商家券 stocks), when the campaign has accounts.wechatPay. */
  wechatPay?: import('../wechatpay/client.js').WeChatPayClient;
  /** Poll goods audit status and put approved goods into the room (default true). */
  reconcile?: boolean;
}

/** Everything one apply run works with: the run's options and how posters and reminders are written. */
export interface ApplyOptions extends RunOptions {
  /** Renders a wave's poster once its code exists (the CLI passes campaignPosterHook). */
  posters: PosterHook;
  /** Writes the reminder outbox rows and the menu switch (the CLI passes reminders/apply-hook.ts). */
  reminders: ReminderHook;
}

/**
 * One apply run: the options plus a {@link StateWriter} over the campaign's snapshot. Steps read and
 * write state through it, never through the store directly.
 */
export class ApplyRun extends StateWriter {
  private readonly requestsAtStart: number;

  constructor(
    readonly opts: RunOptions,
    snapshot: StateSnapshot,
  ) {
    super(opts.store, opts.campaign.metadata.name, opts.clock, snapshot);
    this.requestsAtStart = opts.countRequests?.() ?? 0;
  }

  get mp(): MiniProgramClient {
    return this.opts.clients.miniProgram;
  }

  /** The Channels clients (a UserError when the campaign's platform is not channels or they were not opened). */
  get channels(): ChannelsClients {
    const c = this.opts.clients.channels;
    if (!c)
      throw new UserError('this run has no Channels clients (accounts.channels and its two secrets)', {
        hint: 'Set LIVECTL_CHANNELS_SHOP_SECRET and LIVECTL_CHANNELS_ASSISTANT_SECRET (or the per-account forms).',
      });
    return c;
  }

  requests(): number {
    return (this.opts.countRequests?.() ?? 0) - this.requestsAtStart;
  }
}
