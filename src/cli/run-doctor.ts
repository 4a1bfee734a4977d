import path from 'node:path';
import type { Campaign } from '../campaign/schema.js';
import {
  accountsUsed,
  type CheckResult,
  campaignYears,
  checkCalendar,
  checkClock,
  checkCredentials,
  checkFont,
  checkLivePermission,
  checkNode,
  checkState,
  checkToken,
  type PlatformDate,
  redactWith,
  SECRET_ENV,
} from '../doctor/checks.js';
import type { Deps } from '../platform/deps.js';
import { resolveStatePath } from '../state/location.js';
import { resolveClock, resolveFormat, resolveNow } from './options.js';
import { renderDoctorText } from './views/doctor.js';

export interface DoctorFlags {
  format?: string;
  state?: string;
  now?: string;
}

export interface DoctorReport {
  formatVersion: 1;
  campaign: string | null;
  ok: boolean;
  checks: CheckResult[];
  summary: Record<CheckResult['status'], number>;
}

export interface DoctorDeps extends Deps {
  /** Defaults to this process's Node version. */
  nodeVersion?: string;
  /** Defaults to the Date header of an answer from LIVECTL_WECHAT_API. */
  platformDate?: PlatformDate;
}

/** `livectl doctor [campaign]`: every check, in the order a newcomer meets the problems. */
export async function runDoctor(
  target: string | undefined,
  flags: DoctorFlags,
  deps: DoctorDeps,
): Promise<number> {
  const format = resolveFormat(flags.format, ['text', 'json'] as const);
  const now = resolveNow(flags.now, deps);
  const report = await doctor(target, flags, deps, now);
  if (format === 'json') deps.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else deps.stdout.write(renderDoctorText(report, deps));
  return report.ok ? 0 : 1;
}

export async function doctor(
  target: string | undefined,
  flags: DoctorFlags,
  deps: DoctorDeps,
  now: Date,
): Promise<DoctorReport> {
  const checks: CheckResult[] = [checkNode(deps.nodeVersion ?? process.versions.node)];
  const { clock, fixed } = resolveClock(flags.now, deps);
  const abs = target ? path.resolve(deps.cwd, target) : undefined;
  let campaign: Campaign | undefined;
  let start: Date | undefined;

  if (abs) {
    const { validateFiles } = await import('../validate/validate-files.js');
    const file = (await validateFiles([abs], { now })).files[0]!;
    const errors = file.diagnostics.filter((d) => d.severity === 'error');
    campaign = file.campaign;
    if (campaign) {
      const { parseDateTime } = await import('../campaign/time.js');
      start = parseDateTime(campaign.room.start, campaign.metadata.timezone);
    }
    checks.push(
      errors.length === 0
        ? { id: 'campaign', title: 'Campaign file', status: 'ok', detail: `${target} is valid` }
        : {
            id: 'campaign',
            title: 'Campaign file',
            status: 'fail',
            detail: `${target}: ${errors.length} error${errors.length === 1 ? '' : 's'}, first: ${errors[0]!.code} ${errors[0]!.message}`,
            fix: `Run livectl validate ${target} for every error with its line and a hint.`,
          },
    );
  }

  let redact = redactWith(deps.env);
  if (campaign) {
    const needs = accountsUsed(campaign);
    checks.push(checkCredentials(needs, deps.env));
    if (campaign.accounts.wechatPay) checks.push(...(await checkWeChatPay(campaign, deps.env)));
    const { apiBasesFromEnv, createClients, MemoryTokenStore } = await import('../wechat/index.js');
    const env = deps.env;
    const clients = createClients({
      ...apiBasesFromEnv(env),
      credentials: {
        ...(env[SECRET_ENV.miniProgram]
          ? { miniProgram: { appId: needs.miniProgram.appId, secret: env[SECRET_ENV.miniProgram]! } }
          : {}),
        ...(needs.wecom && env[SECRET_ENV.wecom]
          ? { wecom: { corpId: needs.wecom.corpId, secret: env[SECRET_ENV.wecom]! } }
          : {}),
        ...(needs.officialAccount && env[SECRET_ENV.officialAccount]
          ? {
              officialAccount: {
                appId: needs.officialAccount.appId,
                secret: env[SECRET_ENV.officialAccount]!,
              },
            }
          : {}),
      },
      // A token of its own: doctor proves the secret works, whatever another process cached.
      tokenStore: new MemoryTokenStore(),
      clock,
      timeoutMs: 10_000,
    });
    redact = redactWith(env, clients);
    const skipped = (id: string, title: string, variable: string): CheckResult => ({
      id,
      title,
      status: 'skip',
      detail: `${variable} is not set`,
    });
    let mpOk = false;
    if (env[SECRET_ENV.miniProgram]) {
      const r = await checkToken(
        'token:mini-program',
        `Token: mini program ${needs.miniProgram.appId}`,
        SECRET_ENV.miniProgram,
        () => clients.miniProgram.tokens.getToken(),
        redact,
      );
      mpOk = r.status === 'ok';
      checks.push(r);
    } else checks.push(skipped('token:mini-program', 'Token: mini program', SECRET_ENV.miniProgram));
    if (needs.wecom) {
      checks.push(
        env[SECRET_ENV.wecom]
          ? await checkToken(
              'token:wecom',
              `Token: WeCom ${needs.wecom.corpId}`,
              SECRET_ENV.wecom,
              () => clients.wecom.getToken(),
              redact,
            )
          : skipped('token:wecom', 'Token: WeCom', SECRET_ENV.wecom),
      );
    }
    if (needs.officialAccount) {
      checks.push(
        env[SECRET_ENV.officialAccount]
          ? await checkToken(
              'token:official-account',
              `Token: Official Account ${needs.officialAccount.appId}`,
              SECRET_ENV.officialAccount,
              () => clients.officialAccount.tokens.getToken(),
              redact,
            )
          : skipped('token:official-account', 'Token: Official Account', SECRET_ENV.officialAccount),
      );
    }
    checks.push(
      mpOk
        ? await checkLivePermission(() => clients.miniProgram.rooms.list({ start: 0, limit: 1 }), redact)
        : {
            id: 'live-permission',
            title: 'Live permission',
            status: 'skip',
            detail: 'needs a mini-program token first',
          },
    );
  } else {
    const set = Object.values(SECRET_ENV).filter((v) => deps.env[v]);
    checks.push({
      id: 'credentials',
      title: 'Credentials',
      status: 'skip',
      detail: `no campaign given, so no accounts to check (set: ${set.length ? set.join(', ') : 'none'}); tokens and the live permission need one`,
    });
  }

  const statePath = resolveStatePath({ flag: flags.state, env: deps.env, campaignFile: abs, cwd: deps.cwd });
  checks.push(
    await checkState(statePath, async (file) => {
      const { openSqliteStore } = await import('../state/sqlite-store.js');
      return openSqliteStore(file, { clock });
    }),
  );
  checks.push(checkCalendar(campaignYears(campaign, start, now)));
  const { notoDirectory } = await import('../poster/fonts.js');
  checks.push(await checkFont(notoDirectory));
  const { apiBasesFromEnv } = await import('../wechat/index.js');
  checks.push(
    await checkClock(clock, fixed, deps.platformDate ?? headerDate(apiBasesFromEnv(deps.env).wechatBase)),
  );

  const summary = { ok: 0, warn: 0, fail: 0, skip: 0 };
  for (const c of checks) summary[c.status]++;
  return {
    formatVersion: 1,
    campaign: target ?? null,
    ok: summary.fail === 0,
    checks: checks.map((c) => ({ ...c, detail: redact(c.detail), ...(c.fix ? { fix: redact(c.fix) } : {}) })),
    summary,
  };
}

/**
 * The platform's clock: the Date header of a HEAD request to the API base. The typed clients do not
 * expose response headers, so this one bodiless request is made here; no credentials go with it.
 */
function headerDate(base: string): PlatformDate {
  return async () => {
    const host = new URL(base).host;
    let res: Response;
    try {
      res = await fetch(base, { method: 'HEAD', signal: AbortSignal.timeout(5_000) });
    } catch (err) {
      // No answer at all (offline, refused, no such host, timeout): not a missing Date header.
      throw new Error(`no answer from ${host} (${whyNoAnswer(err)})`);
    }
    const h = res.headers.get('date');
    const d = h ? new Date(h) : undefined;
    return d && !Number.isNaN(d.getTime()) ? { date: d, from: host } : undefined;
  };
}

/** fetch's "fetch failed" in words: the cause's code, or the timeout. */
function whyNoAnswer(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return 'none within 5 s';
  const code = (err as { cause?: { code?: unknown } })?.cause?.code;
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'name lookup failed',
    ENETUNREACH: 'network unreachable',
    EHOSTUNREACH: 'host unreachable',
    ETIMEDOUT: 'timed out',
  };
  if (typeof code === 'string') return words[code] ?? code;
  return err instanceof Error ? err.message : String(err);
}

/**
 * WeChat Pay (coupons as 商家券 stocks): both key files exist, are RSA PEMs of the right kind, and
 * the private key is not world-readable. Never reads a key out loud. product-coupon merchants are
 * told plainly that their coupons stay a person's task.
 */
async function checkWeChatPay(campaign: Campaign, env: Deps['env']): Promise<CheckResult[]> {
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
  return (await checkKeyFiles(env)).map((k) => ({
    id: k.env === 'LIVECTL_WECHATPAY_PRIVATE_KEY' ? 'wechatpay-private-key' : 'wechatpay-public-key',
    title: k.env === 'LIVECTL_WECHATPAY_PRIVATE_KEY' ? 'WeChat Pay private key' : 'WeChat Pay public key',
    status: k.ok ? 'ok' : 'fail',
    detail: k.detail,
    ...(k.fix ? { fix: k.fix } : {}),
  }));
}
