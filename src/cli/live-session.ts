import type { Campaign } from '../campaign/schema.js';
import { UserError } from '../errors.js';
import type { Clock, Deps } from '../platform/deps.js';
import { redactSecrets } from '../platform/redact.js';
import { resolveStatePath } from '../state/location.js';
import type { StateStore } from '../state/port.js';
import type { Clients } from '../wechat/index.js';

/**
 * What apply, status and destroy share: the state store (`--state`, `$LIVECTL_STATE`, or
 * `.livectl/state.db` beside the campaign), and clients for the campaign's mini program built from
 * the environment — base URLs from LIVECTL_WECHAT_API / LIVECTL_WECOM_API, the secret from
 * LIVECTL_APP_SECRET, tokens cached in the store (shared by every process of the operator).
 */

export const APP_SECRET_ENV = 'LIVECTL_APP_SECRET';

export async function openStore(
  flags: { state?: string },
  campaignFile: string | undefined,
  deps: Pick<Deps, 'env' | 'cwd'>,
  clock: Clock,
): Promise<StateStore> {
  const file = resolveStatePath({ flag: flags.state, env: deps.env, campaignFile, cwd: deps.cwd });
  const { openSqliteStore } = await import('../state/sqlite-store.js');
  return openSqliteStore(file, { clock });
}

/** The mini program's secret, or a UserError naming the variable to set. */
export function appSecret(campaign: Campaign, env: Deps['env']): { appId: string; secret: string } {
  const secret = env[APP_SECRET_ENV];
  if (!secret) {
    throw new UserError(
      `${APP_SECRET_ENV} is not set: livectl needs the mini program's AppSecret to call WeChat`,
      {
        hint: `export ${APP_SECRET_ENV}=… (the AppSecret of ${campaign.accounts.miniProgram.appId}; never put it in the campaign file). Against the emulator any value works.`,
      },
    );
  }
  return { appId: campaign.accounts.miniProgram.appId, secret };
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
  deps: Pick<Deps, 'env'>,
  clock: Clock,
  /** `optional`: without its keys WeChat Pay is left out (status, destroy: the rest still works). */
  pay: 'required' | 'optional' = 'required',
): Promise<Session> {
  const creds = appSecret(campaign, deps.env);
  const { apiBasesFromEnv, createClients } = await import('../wechat/index.js');
  let count = 0;
  const clients = createClients({
    ...apiBasesFromEnv(deps.env),
    credentials: {
      miniProgram: creds,
      // The Official Account, when the campaign has one and its secret is set: destroy restores the menu.
      ...(campaign.accounts.officialAccount && deps.env.LIVECTL_OA_SECRET
        ? {
            officialAccount: {
              appId: campaign.accounts.officialAccount.appId,
              secret: deps.env.LIVECTL_OA_SECRET,
            },
          }
        : {}),
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
