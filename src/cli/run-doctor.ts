import path from 'node:path';
import type { Campaign } from '../campaign/schema.js';
import {
  type CheckResult,
  campaignYears,
  checkCalendar,
  checkClock,
  checkFont,
  checkNode,
  checkState,
  type PlatformDate,
} from '../doctor/checks.js';
import type { Deps } from '../platform/deps.js';
import { resolveStateLocation } from '../state/location.js';
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

  const { accountChecks } = await import('../doctor/accounts.js');
  const accounts = await accountChecks(campaign, deps, clock);
  checks.push(...accounts.checks);
  const redact = accounts.redact;

  const where = resolveStateLocation({ flag: flags.state, env: deps.env, campaignFile: abs, cwd: deps.cwd });
  const { openStateStore } = await import('../state/open.js');
  checks.push(
    where.kind === 'postgres'
      ? await checkPgState(where.display, () => openStateStore(where, { clock }))
      : await checkState(where.path, (file) => openStateStore({ ...where, path: file }, { clock })),
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

/** A PostgreSQL store: it opens (connects, migrates) and closes. The URL shown has its password masked. */
async function checkPgState(
  display: string,
  open: () => Promise<{ close(): Promise<void> }>,
): Promise<CheckResult> {
  const base = { id: 'state', title: 'State store' };
  try {
    const store = await open();
    await store.close();
    return { ...base, status: 'ok', detail: `${display} connects and is up to date` };
  } catch (err) {
    return {
      ...base,
      status: 'fail',
      detail: `${display}: ${err instanceof Error ? err.message : String(err)}`,
      fix: 'Check the URL in --state or LIVECTL_STATE, the password (in the URL or PGPASSWORD), and that the server accepts connections from this host.',
    };
  }
}
