import { miniProgramOf } from '../campaign/platform.js';
import type { Campaign } from '../campaign/schema.js';
import { UserError } from '../errors.js';
import { accountEnvName, loadCredentials, resolveSecret, whereToSet } from '../platform/credentials.js';
import type { CredentialsFile } from '../platform/credentials-file.js';
import type { Clock, Deps } from '../platform/deps.js';
import { redactSecrets } from '../platform/redact.js';
import { resolveStateLocation } from '../state/location.js';
import type { StateStore } from '../state/port.js';
import type { Clients } from '../wechat/index.js';

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

/** Fails (before anything is touched) when the mini program's secret is nowhere to be found. */
export async function requireAppSecret(campaign: Campaign, deps: Pick<Deps, 'env' | 'cwd'>): Promise<void> {
  appSecret(campaign, deps.env, await loadCredentials(deps.env, deps.cwd));
}

export interface Session {
  clients: Clients;
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
  const creds = appSecret(campaign, deps.env, file);
  const oaId = campaign.accounts.officialAccount?.appId;
  const oa = oaId ? resolveSecret('officialAccount', oaId, deps.env, file) : undefined;
  const { apiBasesFromEnv, createClients } = await import('../wechat/index.js');
  let count = 0;
  const clients = createClients({
    ...apiBasesFromEnv(deps.env),
    credentials: {
      miniProgram: creds,
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
  const wechatPay = couponsAreStocks(campaign) ? await openPay() : undefined;
  return {
    clients,
    ...(wechatPay ? { wechatPay } : {}),
    requests: () => count,
    redact: (text) => clients.redact(redactSecrets(text, deps.env)),
  };
}
