import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';
import { coveredYears } from '../campaign/calendar/working-days.js';
import { isChannels, miniProgramOf } from '../campaign/platform.js';
import type { Campaign } from '../campaign/schema.js';
import { localDate, resolveMoment } from '../campaign/time.js';
import {
  accountEnvName,
  CREDENTIALS_ENV,
  describeSource,
  resolveSecret,
  SECRET_ENVS,
  type SecretKind,
} from '../platform/credentials.js';
import type { CredentialsFile } from '../platform/credentials-file.js';
import type { Clock } from '../platform/deps.js';
import { redactSecrets } from '../platform/redact.js';
import type { Clients } from '../wechat/index.js';

/**
 * `livectl doctor`: each check says what it found and, when something is wrong, how to fix it in plain
 * words. Checks return data (a use-case); the CLI renders it. A `fail` makes doctor exit 1; a `warn`
 * (works, but watch out) and a `skip` (cannot tell from here) do not.
 */

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  /** Stable id: node, campaign, credentials, token:mini-program, live-permission, state, calendar, font, clock… */
  id: string;
  title: string;
  status: CheckStatus;
  /** What was found. */
  detail: string;
  /** How to fix it (fail and warn). */
  fix?: string;
  /** The credentials check: where each account's secret came from (never the secret). */
  sources?: SecretSourceReport[];
}

export const MIN_NODE = [20, 17] as const;

export function checkNode(version: string): CheckResult {
  const [maj = 0, min = 0] = version.replace(/^v/, '').split('.').map(Number);
  const ok = maj > MIN_NODE[0] || (maj === MIN_NODE[0] && min >= MIN_NODE[1]);
  return ok
    ? { id: 'node', title: 'Node.js', status: 'ok', detail: `Node ${version} (≥ ${MIN_NODE.join('.')})` }
    : {
        id: 'node',
        title: 'Node.js',
        status: 'fail',
        detail: `Node ${version} is too old: livectl needs ${MIN_NODE.join('.')} or newer`,
        fix: 'Install Node 20 LTS or newer (https://nodejs.org, or `nvm install 20`), then run npm ci again.',
      };
}

export interface AccountNeeds {
  /** Absent on a Channels campaign without a mini program. */
  miniProgram?: { appId: string };
  /** `platform: channels`: the 微信小店 and the 视频号助手. */
  channels?: { shopAppId: string; assistantAppId: string; finderUserName: string };
  wecom?: { corpId: string };
  officialAccount?: { appId: string };
  /** Robot channel name → env variable holding its key. */
  robots: { channel: string; keyEnv: string }[];
}

/**
 * The accounts a campaign will call: the mini program (always on mini-program; on Channels when it has
 * one), the two Channels accounts, WeCom and the OA when a wave uses them.
 */
export function accountsUsed(c: Campaign): AccountNeeds {
  const used = new Set([...c.waves, ...c.after].flatMap((w) => w.channels));
  const typeOf = (name: string) => c.channels[name]?.type;
  const usesType = (...types: string[]) => [...used].some((n) => types.includes(typeOf(n) ?? ''));
  const channels = isChannels(c) ? c.accounts.channels : undefined;
  return {
    ...(isChannels(c)
      ? c.accounts.miniProgram
        ? { miniProgram: c.accounts.miniProgram }
        : {}
      : { miniProgram: miniProgramOf(c) }),
    ...(channels ? { channels } : {}),
    ...(c.accounts.wecom && usesType('wecom-groups', 'wecom-moments') ? { wecom: c.accounts.wecom } : {}),
    ...(c.accounts.officialAccount && usesType('official-account')
      ? { officialAccount: c.accounts.officialAccount }
      : {}),
    robots: Object.entries(c.channels).flatMap(([channel, s]) =>
      s.type === 'robot' && used.has(channel) ? [{ channel, keyEnv: s.keyEnv }] : [],
    ),
  };
}

/** One account's secret as doctor reports it: where it came from, never the value. */
export interface SecretSourceReport {
  /** e.g. `mini program wx0123456789abcdef`, `robot channel "staff"`. */
  account: string;
  /** A variable's name or `credentials file <path>`; absent when nowhere. */
  source?: string;
}

/**
 * Each account's secret: found (and where: its own variable, the credentials file, or the single
 * variable), or missing (naming the single variable, as before, and the per-account forms in the fix).
 */
export function checkCredentials(
  needs: AccountNeeds,
  env: Readonly<Record<string, string | undefined>>,
  file?: CredentialsFile,
): CheckResult & { sources: SecretSourceReport[] } {
  const want: { account: string; who: string; variable: string; found?: string; perAccount?: string }[] = [];
  const secret = (kind: SecretKind, id: string, account: string, who: string) => {
    const r = resolveSecret(kind, id, env, file);
    want.push({
      account,
      who,
      variable: SECRET_ENVS[kind],
      perAccount: accountEnvName(kind, id),
      ...(r ? { found: describeSource(r.source) } : {}),
    });
  };
  if (needs.miniProgram) {
    const { appId } = needs.miniProgram;
    secret('miniProgram', appId, `mini program ${appId}`, `the mini program ${appId}`);
  }
  if (needs.channels) {
    const { shopAppId, assistantAppId } = needs.channels;
    secret('channelsShop', shopAppId, `微信小店 ${shopAppId}`, `the 微信小店 ${shopAppId}`);
    secret(
      'channelsAssistant',
      assistantAppId,
      `视频号助手 ${assistantAppId}`,
      `the 视频号助手 ${assistantAppId}`,
    );
  }
  if (needs.wecom)
    secret('wecom', needs.wecom.corpId, `WeCom ${needs.wecom.corpId}`, `WeCom ${needs.wecom.corpId}`);
  if (needs.officialAccount) {
    const id = needs.officialAccount.appId;
    secret('officialAccount', id, `Official Account ${id}`, `the Official Account ${id}`);
  }
  for (const r of needs.robots) {
    want.push({
      account: `robot channel "${r.channel}"`,
      who: `the robot channel "${r.channel}"`,
      variable: r.keyEnv,
      ...(env[r.keyEnv] ? { found: r.keyEnv } : {}),
    });
  }
  const sources = want.map((w) => ({ account: w.account, ...(w.found ? { source: w.found } : {}) }));
  const missing = want.filter((w) => !w.found);
  const base = { id: 'credentials', title: 'Credentials', sources };
  if (missing.length === 0) {
    return { ...base, status: 'ok', detail: want.map((w) => `${w.account}: ${w.found}`).join('; ') };
  }
  const perAccount = missing.flatMap((w) => (w.perAccount ? [w.perAccount] : []));
  return {
    ...base,
    status: 'fail',
    detail: `not set: ${missing.map((w) => `${w.variable} (${w.who})`).join(', ')}`,
    fix:
      `set ${missing.map((w) => w.variable).join(', ')} in the environment (export NAME=value, or the daemon's EnvironmentFile)` +
      (perAccount.length
        ? `, or per account ${perAccount.join(', ')}, or in the credentials file named by ${CREDENTIALS_ENV}`
        : '') +
      ': the AppSecret / Secret from the admin console ' +
      '(mp.weixin.qq.com → Development → Development settings; WeCom admin → the self-built app; for a robot, the key in its webhook URL). ' +
      'Secrets never go in the campaign file. Against the emulator any value works.',
  };
}

/** What a WeChatApiError-like failure looks like to doctor (duck-typed: no class import needed). */
interface ApiFailure {
  errcode: number | null;
  errmsg: string;
  hint?: string;
  api?: string;
  message: string;
}

function asApiFailure(err: unknown): ApiFailure | undefined {
  if (err && typeof err === 'object' && 'errcode' in err && 'message' in err) return err as ApiFailure;
  return undefined;
}

const TOKEN_FIX: Record<number, string> = {
  40164:
    "This machine's IP address is not on the account's IP allow-list (IP白名单). Add it in the admin console " +
    '(mini program: mp.weixin.qq.com → Development → Development settings → IP whitelist; WeCom: the app → Trusted IPs), ' +
    'wait a minute, and run doctor again. The IP WeChat saw is in the message above.',
  40125:
    'The secret is wrong (or was reset in the admin console). Copy the current AppSecret into the variable.',
  40013:
    'The AppID or CorpID is wrong: check accounts in the campaign file (an AppID is wx + 16 hex digits).',
  40001: 'The secret was refused. Copy the current AppSecret into the variable.',
  41004: 'The secret is empty: set the variable.',
};

/** Asks for an access token with the account's secret (a normal stable_token: no other process loses its token). */
export async function checkToken(
  id: string,
  title: string,
  envName: string,
  fetchToken: () => Promise<string>,
  redact: (s: string) => string,
): Promise<CheckResult> {
  try {
    await fetchToken();
    return { id, title, status: 'ok', detail: `access token obtained with ${envName}` };
  } catch (err) {
    const e = asApiFailure(err);
    const code = e?.errcode ?? null;
    return {
      id,
      title,
      status: 'fail',
      detail: redact(e ? `${code !== null ? `${code} ` : ''}${e.errmsg || e.message}` : String(err)),
      fix: redact(
        (code !== null ? TOKEN_FIX[code] : undefined) ?? e?.hint ?? 'Check the network and the secret.',
      ),
    };
  }
}

/** A harmless read of the live API (getliveinfo, one room) shows whether the account has 小程序直播. */
export async function checkLivePermission(
  listRooms: () => Promise<unknown>,
  redact: (s: string) => string,
): Promise<CheckResult> {
  const base = { id: 'live-permission', title: 'Live permission' };
  try {
    await listRooms();
    return { ...base, status: 'ok', detail: 'the live API (小程序直播) answers getliveinfo' };
  } catch (err) {
    const e = asApiFailure(err);
    if (e?.errcode === 268489001) {
      return {
        ...base,
        status: 'fail',
        detail: '268489001: this mini program has no live permission, and WeChat no longer grants new ones',
        fix:
          'WeChat froze new 小程序直播 permissions ("系统维护阶段，暂时不支持新增开通直播权限"); accounts that already ' +
          'have it keep it. There is nothing to fix in livectl: use a mini program that already has the permission, ' +
          'or broadcast through 视频号直播 (WeChat Channels) instead.',
      };
    }
    return {
      ...base,
      status: 'fail',
      detail: redact(e ? `${e.errcode ?? ''} ${e.errmsg || e.message}`.trim() : String(err)),
      fix: redact(e?.hint ?? 'Check the network, then run doctor again.'),
    };
  }
}

/** The store exists and opens (migrations included), or its folder (or nearest existing parent) is writable. */
export async function checkState(
  statePath: string,
  open: (file: string) => Promise<{ close(): Promise<void> | void }>,
): Promise<CheckResult> {
  const base = { id: 'state', title: 'State store' };
  let exists = false;
  try {
    exists = (await stat(statePath)).isFile();
  } catch {}
  if (exists) {
    try {
      const s = await open(statePath);
      await s.close();
      await access(statePath, constants.W_OK);
      return { ...base, status: 'ok', detail: `${statePath} opens and is writable` };
    } catch (err) {
      return {
        ...base,
        status: 'fail',
        detail: `${statePath}: ${err instanceof Error ? err.message : String(err)}`,
        fix: 'Give a writable file with --state or LIVECTL_STATE (the user running livectl must own it), or fix its permissions.',
      };
    }
  }
  let dir = path.dirname(statePath);
  while (true) {
    try {
      await access(dir, constants.F_OK);
      break;
    } catch {
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  try {
    await access(dir, constants.W_OK);
    return {
      ...base,
      status: 'ok',
      detail: `${statePath} does not exist yet; ${dir} is writable (apply creates it)`,
    };
  } catch {
    return {
      ...base,
      status: 'fail',
      detail: `${statePath} does not exist and ${dir} is not writable`,
      fix: 'Point --state or LIVECTL_STATE at a folder you can write to, e.g. export LIVECTL_STATE=~/.livectl/state.db.',
    };
  }
}

/** The years a campaign's dates fall in (from the first wave to the last after-wave), or this year and next. */
export function campaignYears(c: Campaign | undefined, start: Date | undefined, now: Date): number[] {
  if (!c || !start) {
    const y = now.getUTCFullYear();
    return [y];
  }
  const tz = c.metadata.timezone;
  const times = [start, ...[...c.waves, ...c.after].map((w) => resolveMoment(w.at, start, tz))].filter(
    (d): d is Date => d !== undefined,
  );
  const years = new Set(times.map((d) => Number(localDate(d, tz).slice(0, 4))));
  return [...years].sort();
}

export function checkCalendar(years: number[], covered: readonly number[] = coveredYears()): CheckResult {
  const base = { id: 'calendar', title: 'Working-day calendar' };
  const missing = years.filter((y) => !covered.includes(y));
  const range = covered.length ? `${covered[0]}–${covered[covered.length - 1]}` : 'none';
  if (missing.length === 0)
    return { ...base, status: 'ok', detail: `covers ${years.join(', ')} (holiday data ${range})` };
  return {
    ...base,
    status: 'warn',
    detail: `no holiday data for ${missing.join(', ')} (covered: ${range}); the goods-audit deadline counts weekends only there`,
    fix:
      'Update livectl (npm update chinese-days brings the official holiday notice once published, usually in November ' +
      'for the next year). Until then, check public holidays and make-up workdays yourself when planning the goods audit.',
  };
}

export async function checkFont(notoDir: () => string): Promise<CheckResult> {
  const base = { id: 'font', title: 'Poster font' };
  try {
    const dir = notoDir();
    await access(path.join(dir, 'package.json'));
    return { ...base, status: 'ok', detail: `Noto Sans SC at ${dir}` };
  } catch {
    return {
      ...base,
      status: 'fail',
      detail: 'the noto-sans-sc package is missing: posters cannot draw Chinese text',
      fix: 'Run npm ci in the livectl folder (the font ships as an npm dependency, not a system font).',
    };
  }
}

/**
 * The platform's clock from the Date header of an answer; undefined when the answer had none. Throws
 * when no answer came at all (the error's message says so: "no answer from <host> (<why>)").
 */
export type PlatformDate = () => Promise<{ date: Date; from: string } | undefined>;

export async function checkClock(
  clock: Clock,
  fixed: boolean,
  platformDate: PlatformDate,
): Promise<CheckResult> {
  const base = { id: 'clock', title: 'Clock' };
  if (fixed)
    return { ...base, status: 'skip', detail: '--now (or LIVECTL_NOW) fixes the clock: nothing to compare' };
  let answer: Awaited<ReturnType<PlatformDate>>;
  try {
    answer = await platformDate();
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      ...base,
      status: 'skip',
      detail: `can't tell: ${why.startsWith('no answer') ? why : `no answer from the platform (${why})`}`,
    };
  }
  if (!answer)
    return { ...base, status: 'skip', detail: "can't tell: the platform's answer carried no Date header" };
  const skew = (clock.now().getTime() - answer.date.getTime()) / 1000;
  const text = `${Math.abs(Math.round(skew))} s ${skew >= 0 ? 'ahead of' : 'behind'} ${answer.from} (±1 s)`;
  if (Math.abs(skew) <= 30) return { ...base, status: 'ok', detail: `local clock ${text}` };
  return {
    ...base,
    status: Math.abs(skew) <= 300 ? 'warn' : 'fail',
    detail: `local clock ${text}`,
    fix:
      'Reminders go out by this clock and rooms must start at least 10 minutes ahead: turn on time sync ' +
      '(timedatectl set-ntp true, or chrony), then run doctor again.',
  };
}

export function redactWith(env: Readonly<Record<string, string | undefined>>, clients?: Clients) {
  return (s: string) => (clients ? clients.redact(redactSecrets(s, env)) : redactSecrets(s, env));
}
