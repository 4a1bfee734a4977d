import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { applyPlan } from '../apply/executor.js';
import { finishLoading, type LoadedCampaign, readCampaign } from '../apply/load-campaign.js';
import { acquireCampaignLock, type LockOptions } from '../apply/lock.js';
import { campaignPosterHook, type PosterHook } from '../apply/posters.js';
import type { ReminderHook } from '../apply/reminders.js';
import { renderReportJson } from '../diagnostics/render-machine.js';
import { renderReportText } from '../diagnostics/render-text.js';
import { UsageError, UserError } from '../errors.js';
import { planCampaign } from '../plan/planner.js';
import { renderPlanText } from '../plan/render-plan.js';
import { PLAN_FORMAT_VERSION, type Plan } from '../plan/types.js';
import type { Deps, Output } from '../platform/deps.js';
import { reminderHook } from '../reminders/apply-hook.js';
import type { StateSnapshot } from '../state/types.js';
import type { ValidatedFile } from '../validate/validate-files.js';
import { type ApplyView, jsonView, linesView, spinnerView } from './apply-view.js';
import { openClients, openStore, requireAppSecret } from './live-session.js';
import { resolveClock, resolveFormat } from './options.js';
import { styleFor } from './style.js';

export const APPLY_FORMATS = ['text', 'json'] as const;

export interface ApplyFlags {
  state?: string;
  now?: string;
  yes?: boolean;
  format?: string;
  out?: string;
}

/** The confirm prompt (a port: tests answer it; the CLI uses @inquirer/prompts). */
export interface Prompt {
  confirm(message: string): Promise<boolean>;
}

/** Deps plus what only apply needs; tests pass a prompt, lock timings and a poster hook. */
export type ApplyDeps = Deps & {
  prompt?: Prompt;
  lock?: LockOptions;
  posters?: PosterHook;
  reminders?: ReminderHook;
};

const inquirerPrompt: Prompt = {
  async confirm(message) {
    const { confirm } = await import('@inquirer/prompts');
    return confirm({ message, default: false });
  },
};

/**
 * `livectl apply <campaign | plan.json>`: wiring only — validate, plan (or load a saved plan and
 * check it is still current), show it, confirm, then run the executor under the campaign's lock
 * with a view of its events. Exit 0 when complete, 1 when anything failed or waits for a person.
 */
export async function runApply(target: string, flags: ApplyFlags, deps: ApplyDeps): Promise<number> {
  const format = resolveFormat(flags.format, APPLY_FORMATS);
  const { now, clock } = resolveClock(flags.now, deps);
  const interactive = format === 'text' && deps.stdinIsTTY && deps.stdout.isTTY;
  if (!flags.yes && !interactive) {
    throw new UsageError(
      'apply needs --yes when it cannot ask (no terminal, or --format json)',
      'Review the changes with `livectl plan <campaign>`, then run `livectl apply <campaign> --yes`.',
    );
  }

  const saved = target.endsWith('.json') ? await readSavedPlan(target, deps.cwd) : undefined;
  const campaignFile = saved ? savedPlanCampaign(saved, target, deps.cwd) : target;
  const read = await readCampaign(campaignFile, deps.cwd, now);
  if (!read.ok) return reportInvalid(read.report, format, deps);
  const name = read.campaign.metadata.name;
  await requireAppSecret(read.campaign, deps); // fail before touching anything when the secret is missing

  const store = await openStore(flags, read.absPath, deps, clock);
  try {
    const lock = await acquireCampaignLock(store, `apply:${name}`, `apply of ${name}`, deps.lock);
    try {
      const snapshot = await store.snapshot(name);
      const load = await finishLoading(read, snapshot);
      if (!load.ok) return reportInvalid(load.report, format, deps);
      const loaded = load.loaded;
      const plan = saved
        ? checkSavedPlan(saved, loaded, snapshot, target)
        : planCampaign({
            campaign: loaded.campaign,
            file: campaignFile,
            campaignHash: loaded.hash,
            assets: loaded.assets,
            state: snapshot,
            now,
          });
      const style = styleFor(deps.stdout);
      const s = plan.summary;
      const changes = s.create + s.update + s.delete;
      if (format === 'json')
        deps.stdout.write(`${JSON.stringify({ formatVersion: 1, type: 'plan', plan })}\n`);
      else deps.stdout.write(renderPlanText(plan, style, { applyHint: false }));

      if (changes === 0 && s.wait === 0) {
        if (format === 'text') deps.stdout.write('\nNothing to apply.\n');
        else
          deps.stdout.write(
            `${JSON.stringify({ formatVersion: 1, type: 'summary', outcome: 'complete', message: 'Nothing to apply.' })}\n`,
          );
        return 0;
      }
      // Waits only (goods in audit): the reconcile completes what an earlier apply started; no new
      // change is made, so there is nothing to confirm.
      if (changes > 0 && !flags.yes) {
        const ok = await (deps.prompt ?? inquirerPrompt).confirm(`Apply these changes to ${name}?`);
        if (!ok) {
          deps.stdout.write('Apply cancelled: nothing was changed.\n');
          return 1;
        }
      }

      const session = await openClients(loaded.campaign, store, deps, clock);
      const view = await makeView(format, deps.stdout, session.redact, style);
      view.note(format === 'text' ? `\n${style.bold(`Applying ${name}`)}` : '');
      try {
        const result = await applyPlan(plan, {
          campaign: loaded.campaign,
          times: loaded.times,
          assets: loaded.assets,
          campaignHash: loaded.hash,
          store,
          clients: session.clients,
          ...(session.wechatPay ? { wechatPay: session.wechatPay } : {}),
          clock,
          emit: (e) => view.event(e),
          artifactsDir: flags.out
            ? path.resolve(deps.cwd, flags.out)
            : path.join(path.dirname(loaded.absPath), 'out', name),
          countRequests: session.requests,
          heartbeat: async () => lock.check(),
          posters:
            deps.posters ??
            campaignPosterHook({ campaignDir: path.dirname(loaded.absPath), times: loaded.times, now }),
          reminders: deps.reminders ?? reminderHook({ campaignDir: path.dirname(loaded.absPath) }),
        });
        return result.outcome === 'complete' ? 0 : 1;
      } finally {
        view.close();
      }
    } finally {
      await lock.release();
    }
  } finally {
    await store.close();
  }
}

async function makeView(
  format: string,
  out: Output,
  redact: (s: string) => string,
  style: ReturnType<typeof styleFor>,
): Promise<ApplyView> {
  if (format === 'json') return jsonView(out, redact);
  // The spinner draws on the real terminal; anything else (CI, pipes, tests) gets plain lines.
  // A terminal that reports no width (some pseudo-terminals) gets lines: ora divides by the width.
  if (out.isTTY && process.stdout.isTTY && (process.stdout.columns ?? 0) > 0) {
    return spinnerView(process.stdout, style, redact);
  }
  return linesView(out, style, redact);
}

function reportInvalid(report: ValidatedFile, format: string, deps: Deps): number {
  const errorsOnly = { ...report, diagnostics: report.diagnostics.filter((d) => d.severity === 'error') };
  const summary = { files: 1, invalidFiles: 1, errors: errorsOnly.diagnostics.length, warnings: 0 };
  if (format === 'json') deps.stdout.write(renderReportJson([errorsOnly], summary));
  else {
    deps.stderr.write(renderReportText([errorsOnly], summary, styleFor(deps.stderr)));
    deps.stderr.write('nothing applied: fix the errors above first (livectl validate shows warnings too)\n');
  }
  return 1;
}

async function readSavedPlan(file: string, cwd: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (err) {
    throw new UserError(
      `cannot read the saved plan ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let plan: Plan;
  try {
    plan = JSON.parse(text) as Plan;
  } catch {
    throw new UserError(`${file} is not a saved plan (not JSON)`, {
      hint: 'Make one with `livectl plan <campaign> --out plan.json`.',
    });
  }
  if (plan?.formatVersion !== PLAN_FORMAT_VERSION || !Array.isArray(plan.changes) || !plan.campaign?.file) {
    throw new UserError(
      `${file} is not a saved plan this livectl understands (formatVersion ${String(plan?.formatVersion)})`,
      {
        hint: 'Make a new one with `livectl plan <campaign> --out plan.json`.',
      },
    );
  }
  return plan;
}

/** The campaign a saved plan was made from: as given then (relative to where `plan` ran, else beside the plan). */
function savedPlanCampaign(plan: Plan, planFile: string, cwd: string): string {
  const file = plan.campaign.file;
  if (path.isAbsolute(file) || existsSync(path.resolve(cwd, file))) return file;
  const besidePlan = path.resolve(path.dirname(path.resolve(cwd, planFile)), file);
  return existsSync(besidePlan) ? besidePlan : file;
}

/** A saved plan applies only to the campaign bytes and the state it was made against (design.md). */
export function checkSavedPlan(
  plan: Plan,
  loaded: LoadedCampaign,
  snapshot: StateSnapshot,
  planFile: string,
): Plan {
  const stale = (why: string) =>
    new UserError(`the saved plan ${planFile} is stale: ${why}`, {
      hint: `Make a new plan (livectl plan ${plan.campaign.file} --out ${planFile}), review it, and apply that.`,
    });
  if (plan.campaign.name !== loaded.campaign.metadata.name) {
    throw stale(
      `it is for campaign ${plan.campaign.name}, the file now says ${loaded.campaign.metadata.name}`,
    );
  }
  if (plan.campaign.hash !== loaded.hash)
    throw stale(`${plan.campaign.file} changed since the plan was made`);
  // The images are part of the campaign: the plan's media changes name their bytes.
  const images = plan.campaign.images;
  if (typeof images !== 'object' || images === null)
    throw stale("it does not record its images' hashes (made by an earlier livectl)");
  for (const ref of new Set([...Object.keys(images), ...loaded.assets.keys()])) {
    const planned = Object.hasOwn(images, ref) ? images[ref] : undefined;
    if (planned !== loaded.assets.get(ref)?.sha256)
      throw stale(`image ${ref} changed since the plan was made`);
  }
  const serial = snapshot.campaign?.serial ?? 0;
  if (plan.stateSerial !== serial) {
    throw stale(
      `the state changed since (serial ${plan.stateSerial} → ${serial}: another apply ran in between)`,
    );
  }
  if (
    (plan.lineage ?? undefined) !== (snapshot.campaign?.lineage ?? undefined) &&
    plan.lineage !== undefined
  ) {
    throw stale(
      'it was made against another state store (or before the campaign was destroyed and applied again)',
    );
  }
  return plan;
}
