import { isChannels, miniProgramOf } from '../campaign/platform.js';
import type { Campaign } from '../campaign/schema.js';
import { UserError } from '../errors.js';
import { accountEnvName, loadCredentials, resolveSecret, whereToSet } from '../platform/credentials.js';
import type { CredentialsFile } from '../platform/credentials-file.js';
import type { Clock, Deps } from '../platform/deps.js';
import { redactSecrets } from '../platform/redact.js';
import { resolveStateLocation } from '../state/location.js';
import type { StateStore } from '../state/port.js';
import type { ChannelsClients, Clients } from '../wechat/index.js';

/**
 * What apply, status and destroy share: the state store (`--state`, `$LIVECTL_STATE`, or
 * `.livectl/state.db` beside the campaign), and clients for the campaign's mini program built from
 * the environment — base URLs from LIVECTL_WECHAT_API / LIVECTL_WECOM_API, each account's secret from
 * its per-account variable, the credentials file or the single variable (src/platform/credentials.ts),
 * tokens cached in the store (shared by every process of the operator).
 */

export async function openStore(
  flags: { state?: string },
  campaignFile: string | undefined,
  deps: Pick<Deps, 'env' | 'cwd'>,
  clock: Clock,
): Promise<StateStore> {
  const where = resolveStateLocation({ flag: flags.state, env: deps.env, campaignFile, cwd: deps.cwd });
  const { openStateStore } = await import('../state/open.js');
  return openStateStore(where, { clock });
}

/** The mini program's secret, or a UserError naming where to set it. */
export function appSecret(
  campaign: Campaign,
  env: Deps['env'],
  file?: CredentialsFile,
): { appId: string; secret: string } {
  const appId = miniProgramOf(campaign).appId;
  const found = resolveSecret('miniProgram', appId, env, file);
  if (!found) {
    throw new UserError(
      `LIVECTL_APP_SECRET is not set (nor ${accountEnvName('miniProgram', appId)}${file ? `, nor ${appId} in ${file.path}` : ''}): livectl needs the AppSecret of the mini program ${appId} to call WeChat`,
      {
        hint: `Set ${whereToSet('miniProgram', appId)} (never in the campaign file). Against the emulator any value works.`,
      },
    );
  }
  return { appId, secret: found.secret };
}

/** The two Channels accounts' secrets, or a UserError naming where to set the missing one. */
export function channelsSecrets(
  campaign: Campaign,
  env: Deps['env'],
  file?: CredentialsFile,
): { shopAppId: string; shopSecret: string; assistantAppId: string; assistantSecret: string } {
  const ch = campaign.accounts.channels;
  if (!ch)
    throw new UserError(
      `campaign ${campaign.metadata.name} is on platform channels but has no accounts.channels`,
    );
  const one = (kind: 'channelsShop' | 'channelsAssistant', appId: string, what: string) => {
    const found = resolveSecret(kind, appId, env, file);
    if (found) return found.secret;
    throw new UserError(
      `the AppSecret of ${what} ${appId} is not set: livectl needs it to call the 视频号 / 微信小店 APIs`,
      {
        hint: `Set ${whereToSet(kind, appId)} (never in the campaign file). Against the emulator any value works.`,
      },
    );
  };
  return {
    shopAppId: ch.shopAppId,
    shopSecret: one('channelsShop', ch.shopAppId, 'the 微信小店'),
    assistantAppId: ch.assistantAppId,
    assistantSecret: one('channelsAssistant', ch.assistantAppId, 'the 视频号助手'),
  };
}

/**
 * Fails (before anything is touched) when a secret the campaign needs is nowhere to be found: the mini
 * program's; on Channels the two Channels accounts' (and the mini program's only when it has one).
 */
export async function requireAppSecret(campaign: Campaign, deps: Pick<Deps, 'env' | 'cwd'>): Promise<void> {
  const file = await loadCredentials(deps.env, deps.cwd);
  if (isChannels(campaign)) {
    channelsSecrets(campaign, deps.env, file);
    if (!campaign.accounts.miniProgram) return;
  }
  appSecret(campaign, deps.env, file);
}

export interface Session {
  /** On Channels also the store and 视频号助手 clients (`channels`). */
  clients: Clients & { readonly channels?: ChannelsClients };
  /** WeChat Pay, when the campaign's coupons are stocks (accounts.wechatPay, busifavor). */
  wechatPay?: import('../wechatpay/client.js').WeChatPayClient;
  /** Remote calls made so far. */
  requests(): number;
  /** Masks secrets and tokens (the clients' own, and secret-looking env values). */
  redact(text: string): string;
}

export async function openClients(
  campaign: Campaign,
  store: StateStore,
  deps: Pick<Deps, 'env' | 'cwd'>,
  clock: Clock,
  /** `optional`: without its keys WeChat Pay is left out (status, destroy: the rest still works). */
  pay: 'required' | 'optional' = 'required',
): Promise<Session> {
  const file = await loadCredentials(deps.env, deps.cwd);
  const channels = isChannels(campaign);
  // On Channels the mini program is optional: it only makes the codes of its live page.
  const creds =
    channels && !campaign.accounts.miniProgram
      ? undefined
      : channels
        ? tryAppSecret(campaign, deps.env, file)
        : appSecret(campaign, deps.env, file);
  const oaId = campaign.accounts.officialAccount?.appId;
  const oa = oaId ? resolveSecret('officialAccount', oaId, deps.env, file) : undefined;
  const { apiBasesFromEnv, createClients } = await import('../wechat/index.js');
  let count = 0;
  const clients = createClients({
    ...apiBasesFromEnv(deps.env),
    credentials: {
      ...(creds ? { miniProgram: creds } : {}),
      // The Official Account, when the campaign has one and its secret is set: destroy restores the menu.
      ...(oaId && oa ? { officialAccount: { appId: oaId, secret: oa.secret } } : {}),
    },
    tokenStore: store.tokens,
    clock,
    onRequest: () => {
      count++;
    },
  });
  const { couponsAreStocks } = await import('../plan/plan-coupons.js');
  const openPay = async () => {
    try {
      return await (await import('../wechatpay/index.js')).openWeChatPay(campaign.accounts.wechatPay!, {
        env: deps.env,
        ...(file ? { credentials: file } : {}),
        clock,
        onRequest: () => {
          count++;
        },
      });
    } catch (err) {
      if (pay === 'optional' && err instanceof UserError) return undefined;
      throw err;
    }
  };
  const wechatPay = !channels && couponsAreStocks(campaign) ? await openPay() : undefined;
  const ch = channels ? await openChannels(campaign, store, deps, clock, file, () => count++) : undefined;
  return {
    clients: ch ? withChannels(clients, ch) : clients,
    ...(wechatPay ? { wechatPay } : {}),
    requests: () => count,
    redact: (text) => {
      const t = clients.redact(redactSecrets(text, deps.env));
      return ch ? ch.redact(t) : t;
    },
  };
}

function tryAppSecret(campaign: Campaign, env: Deps['env'], file?: CredentialsFile) {
  try {
    return appSecret(campaign, env, file);
  } catch (err) {
    if (err instanceof UserError) return undefined;
    throw err;
  }
}

/** The 微信小店 and 视频号助手 clients: one token cache per app id, in the store's token table. */
async function openChannels(
  campaign: Campaign,
  store: StateStore,
  deps: Pick<Deps, 'env' | 'cwd'>,
  clock: Clock,
  file: CredentialsFile | undefined,
  onRequest: () => void,
): Promise<ChannelsClients> {
  const { apiBasesFromEnv, createChannelsClients } = await import('../wechat/index.js');
  const bases = apiBasesFromEnv(deps.env);
  return createChannelsClients({
    ...channelsSecrets(campaign, deps.env, file),
    wechatBase: bases.wechatBase,
    ...(bases.allowInsecure ? { allowInsecure: true } : {}),
    tokenStore: store.tokens,
    clock,
    onRequest,
  });
}

/** The clients with the Channels pair beside them (the mini program's getter still throws without credentials). */
function withChannels(c: Clients, channels: ChannelsClients): Session['clients'] {
  return {
    get miniProgram() {
      return c.miniProgram;
    },
    get officialAccount() {
      return c.officialAccount;
    },
    get wecom() {
      return c.wecom;
    },
    robot: (key) => c.robot(key),
    redact: (text) => channels.redact(c.redact(text)),
    channels,
  };
}
