import type { Campaign } from '../campaign/schema.js';
import {
  accountEnvName,
  accountEnvsSet,
  CREDENTIALS_ENV,
  describeSource,
  loadCredentials,
  type ResolvedSecret,
  resolveSecret,
  SECRET_ENVS,
  type SecretKind,
} from '../platform/credentials.js';
import type { CredentialsFile } from '../platform/credentials-file.js';
import type { Clock, Deps } from '../platform/deps.js';
import {
  accountsUsed,
  type CheckResult,
  checkCredentials,
  checkLivePermission,
  checkToken,
  redactWith,
} from './checks.js';

/**
 * doctor's account checks: where each account's secret comes from (never the secret), a token for
 * each with its own secret, the live permission, and the WeChat Pay key files. Without a campaign,
 * only which sources are set.
 */
export async function accountChecks(
  campaign: Campaign | undefined,
  deps: Pick<Deps, 'env' | 'cwd'>,
  clock: Clock,
): Promise<{ checks: CheckResult[]; redact: (s: string) => string }> {
  const env = deps.env;
  const checks: CheckResult[] = [];
  let file: CredentialsFile | undefined;
  try {
    file = await loadCredentials(env, deps.cwd);
  } catch (err) {
    const e = err as Error & { hint?: string };
    checks.push({
      id: 'credentials-file',
      title: 'Credentials file',
      status: 'fail',
      detail: e.message,
      fix: e.hint ?? `Fix the file named by ${CREDENTIALS_ENV}, or unset it.`,
    });
  }
  if (!campaign) {
    const set = [...Object.values(SECRET_ENVS).filter((v) => env[v]), ...accountEnvsSet(env)];
    if (file) set.push(`credentials file ${file.path} (${countAccounts(file)})`);
    checks.push({
      id: 'credentials',
      title: 'Credentials',
      status: 'skip',
      detail: `no campaign given, so no accounts to check (set: ${set.length ? set.join(', ') : 'none'}); tokens and the live permission need one`,
    });
    return { checks, redact: redactWith(env) };
  }

  const needs = accountsUsed(campaign);
  checks.push(checkCredentials(needs, env, file));
  if (campaign.accounts.wechatPay) checks.push(...(await checkWeChatPay(campaign, env, file)));
  if (needs.channels) {
    const { channelsChecks } = await import('./channels.js');
    checks.push(...(await channelsChecks(needs.channels, deps, file, clock)));
  }
  const mpId = needs.miniProgram?.appId;
  const found = {
    miniProgram: mpId ? resolveSecret('miniProgram', mpId, env, file) : undefined,
    wecom: needs.wecom ? resolveSecret('wecom', needs.wecom.corpId, env, file) : undefined,
    officialAccount: needs.officialAccount
      ? resolveSecret('officialAccount', needs.officialAccount.appId, env, file)
      : undefined,
  };
  const { apiBasesFromEnv, createClients, MemoryTokenStore } = await import('../wechat/index.js');
  const clients = createClients({
    ...apiBasesFromEnv(env),
    credentials: {
      ...(mpId && found.miniProgram
        ? { miniProgram: { appId: mpId, secret: found.miniProgram.secret } }
        : {}),
      ...(needs.wecom && found.wecom
        ? { wecom: { corpId: needs.wecom.corpId, secret: found.wecom.secret } }
        : {}),
      ...(needs.officialAccount && found.officialAccount
        ? { officialAccount: { appId: needs.officialAccount.appId, secret: found.officialAccount.secret } }
        : {}),
    },
    // A token of its own: doctor proves the secret works, whatever another process cached.
    tokenStore: new MemoryTokenStore(),
    clock,
    timeoutMs: 10_000,
  });
  const redact = redactWith(env, clients);
  const token = async (
    kind: SecretKind,
    id: string,
    checkId: string,
    title: string,
    secret: ResolvedSecret | undefined,
    fetchToken: () => Promise<string>,
  ): Promise<CheckResult> =>
    secret
      ? checkToken(checkId, `${title} ${id}`, describeSource(secret.source), fetchToken, redact)
      : {
          id: checkId,
          title,
          status: 'skip',
          detail: `${SECRET_ENVS[kind]} is not set (nor ${accountEnvName(kind, id)}${file ? `, nor ${id} in ${file.path}` : ''})`,
        };

  const mp = mpId
    ? await token('miniProgram', mpId, 'token:mini-program', 'Token: mini program', found.miniProgram, () =>
        clients.miniProgram.tokens.getToken(),
      )
    : undefined;
  if (mp) checks.push(mp);
  if (needs.wecom) {
    checks.push(
      await token('wecom', needs.wecom.corpId, 'token:wecom', 'Token: WeCom', found.wecom, () =>
        clients.wecom.getToken(),
      ),
    );
  }
  if (needs.officialAccount) {
    checks.push(
      await token(
        'officialAccount',
        needs.officialAccount.appId,
        'token:official-account',
        'Token: Official Account',
        found.officialAccount,
        () => clients.officialAccount.tokens.getToken(),
      ),
    );
  }
  // 小程序直播's permission matters only on mini-program: a Channels campaign's mini program only makes codes.
  if (needs.channels) return { checks, redact };
  checks.push(
    mp?.status === 'ok'
      ? await checkLivePermission(() => clients.miniProgram.rooms.list({ start: 0, limit: 1 }), redact)
      : {
          id: 'live-permission',
          title: 'Live permission',
          status: 'skip',
          detail: 'needs a mini-program token first',
        },
  );
  return { checks, redact };
}

function countAccounts(file: CredentialsFile): string {
  const n = (k: SecretKind) => Object.keys(file.entries[k]).length;
  const pay = new Set([
    ...Object.keys(file.entries.wechatPayPrivateKey),
    ...Object.keys(file.entries.wechatPayPublicKey),
  ]).size;
  return `${n('miniProgram')} mini program(s), ${n('wecom')} WeCom corp(s), ${n('officialAccount')} Official Account(s), ${pay} WeChat Pay merchant(s), ${n('channelsShop')} 微信小店, ${n('channelsAssistant')} 视频号助手`;
}

/**
 * WeChat Pay (coupons as 商家券 stocks): both key files exist, are RSA PEMs of the right kind, and
 * the private key is not world-readable. Never reads a key out loud. product-coupon merchants are
 * told plainly that their coupons stay a person's task.
 */
async function checkWeChatPay(
  campaign: Campaign,
  env: Deps['env'],
  file: CredentialsFile | undefined,
): Promise<CheckResult[]> {
  const pay = campaign.accounts.wechatPay!;
  if ((pay.product ?? 'busifavor') === 'product-coupon') {
    return [
      {
        id: 'wechatpay',
        title: 'WeChat Pay coupons',
        status: 'warn',
        detail: `merchant ${pay.mchId} uses 商品券 (product-coupon): livectl does not create those, so its coupons stay a person's task`,
        fix: 'Set the coupons up in the merchant platform; a merchant onboarded to 商家券 before 2025-12-15 can use product: busifavor instead.',
      },
    ];
  }
  const { checkKeyFiles } = await import('../wechatpay/index.js');
  return (await checkKeyFiles(env, pay.mchId, file)).map((k) => ({
    id: `wechatpay-${k.which}-key`,
    title: `WeChat Pay ${k.which} key`,
    status: k.ok ? 'ok' : 'fail',
    detail: k.detail,
    ...(k.fix ? { fix: k.fix } : {}),
  }));
}
