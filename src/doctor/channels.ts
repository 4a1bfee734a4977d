import { describeSource, resolveSecret } from '../platform/credentials.js';
import type { CredentialsFile } from '../platform/credentials-file.js';
import type { Clock, Deps } from '../platform/deps.js';
import { redactSecrets } from '../platform/redact.js';
import { type CheckResult, checkToken } from './checks.js';

/**
 * doctor on `platform: channels`: a token for the 微信小店 and for the 视频号助手 (each with its own
 * secret; doctor says which source, never the value), then harmless reads that show the capability
 * switches and the store's audit quota work: the 视频号's attributes (its sph id must be the
 * campaign's finderUserName), the showcase, the live dashboard, the audit quota. A 48001 there means
 * an open-scene switch is off in 视频号助手 → 直播 → 直播管理 → 开放能力.
 */

const SWITCH_FIX =
  'In 视频号助手 → 直播 → 直播管理 → 开放能力 → 开放场景, turn on the switch of this capability, then run doctor again. ' +
  'Check also that accounts.channels.assistantAppId is the 视频号助手 AppID (a 微信小店 token gets 48001 too).';

interface ApiFailure {
  errcode: number | null;
  errmsg: string;
  hint?: string;
  message: string;
}

const asFailure = (err: unknown): ApiFailure | undefined =>
  err && typeof err === 'object' && 'errcode' in err ? (err as ApiFailure) : undefined;

async function probe(
  id: string,
  title: string,
  call: () => Promise<string>,
  redact: (s: string) => string,
  switchName?: string,
): Promise<CheckResult> {
  try {
    return { id, title, status: 'ok', detail: await call() };
  } catch (err) {
    const e = asFailure(err);
    if (e?.errcode === 48001)
      return {
        id,
        title,
        status: 'fail',
        detail: `48001: ${switchName ? `the ${switchName} switch is off` : 'the API is not open'} for this account`,
        fix: SWITCH_FIX,
      };
    return {
      id,
      title,
      status: 'fail',
      detail: redact(e ? `${e.errcode ?? ''} ${e.errmsg || e.message}`.trim() : String(err)),
      fix: redact(e?.hint ?? 'Check the network, then run doctor again.'),
    };
  }
}

export async function channelsChecks(
  ch: { shopAppId: string; assistantAppId: string; finderUserName: string },
  deps: Pick<Deps, 'env'>,
  file: CredentialsFile | undefined,
  clock: Clock,
): Promise<CheckResult[]> {
  const env = deps.env;
  const shop = resolveSecret('channelsShop', ch.shopAppId, env, file);
  const assistant = resolveSecret('channelsAssistant', ch.assistantAppId, env, file);
  const { apiBasesFromEnv, createChannelsClients, MemoryTokenStore } = await import('../wechat/index.js');
  const bases = apiBasesFromEnv(env);
  const clients = createChannelsClients({
    shopAppId: ch.shopAppId,
    assistantAppId: ch.assistantAppId,
    ...(shop ? { shopSecret: shop.secret } : {}),
    ...(assistant ? { assistantSecret: assistant.secret } : {}),
    wechatBase: bases.wechatBase,
    ...(bases.allowInsecure ? { allowInsecure: true } : {}),
    // Tokens of their own: doctor proves each secret works, whatever another process cached.
    tokenStore: new MemoryTokenStore(),
    clock,
    timeoutMs: 10_000,
  });
  const redact = (s: string) => clients.redact(redactSecrets(s, env));
  const out: CheckResult[] = [];
  const shopToken = shop
    ? await checkToken(
        'token:channels-shop',
        `Token: 微信小店 ${ch.shopAppId}`,
        describeSource(shop.source),
        () => clients.store.tokens.getToken(),
        redact,
      )
    : undefined;
  const finderToken = assistant
    ? await checkToken(
        'token:channels-assistant',
        `Token: 视频号助手 ${ch.assistantAppId}`,
        describeSource(assistant.source),
        () => clients.finder.tokens.getToken(),
        redact,
      )
    : undefined;
  if (shopToken) out.push(shopToken);
  if (finderToken) out.push(finderToken);
  if (finderToken?.status === 'ok') {
    const attr = await probe(
      'channels-finder',
      '视频号',
      async () => {
        const a = await clients.finder.finderAttr();
        if (a.uniqId !== ch.finderUserName)
          throw Object.assign(new Error(''), {
            errcode: null,
            errmsg: `the 视频号助手 account is ${a.uniqId} (${a.nickname}), not accounts.channels.finderUserName ${ch.finderUserName}`,
            hint: `Set accounts.channels.finderUserName to ${a.uniqId}, or use the 视频号助手 AppID of ${ch.finderUserName}.`,
          });
        return `${a.nickname} (${a.uniqId}), ${a.fansCount} followers`;
      },
      redact,
    );
    out.push(attr);
    out.push(
      await probe(
        'channels-showcase',
        '视频号 showcase (橱窗)',
        async () => {
          const p = await clients.finder.listWindowProducts({ appid: ch.shopAppId, pageSize: 1 });
          return `the showcase answers (${p.totalNum ?? p.products.length} product(s) of the 微信小店)`;
        },
        redact,
        '橱窗',
      ),
    );
    out.push(
      await probe(
        'channels-dashboard',
        'Live dashboard (带货直播数据)',
        async () => {
          await clients.finder.liveList(clock.now());
          return 'the live dashboard answers (status --refresh reads viewers, orders and GMV after the broadcast)';
        },
        redact,
        '带货直播数据',
      ),
    );
  }
  if (shopToken?.status === 'ok') {
    out.push(
      await probe(
        'channels-audit-quota',
        '微信小店 audit quota',
        async () => {
          const q = await clients.store.auditQuota();
          if (q.blockStatus !== 0)
            throw Object.assign(new Error(''), {
              errcode: null,
              errmsg: `product submissions are blocked (block_status ${q.blockStatus}); ${q.availQuota} of ${q.totalQuota} left`,
              hint: 'Products wait until the store may submit again: apply later (微信小店后台 shows why).',
            });
          return `${q.availQuota} of ${q.totalQuota} product audit submissions left`;
        },
        redact,
      ),
    );
  }
  return out;
}
