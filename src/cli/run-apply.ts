import path from 'node:path';
import { channelsChecks } from '../apply/channels-steps.js';
import { applyPlan } from '../apply/executor.js';
import { acquireCampaignLock, type LockOptions } from '../apply/lock.js';
import { campaignPosterHook, type PosterHook } from '../apply/posters.js';
import type { ReminderHook } from '../apply/reminders.js';
import { UsageError } from '../errors.js';
import { applyingLine } from '../i18n/apply-zh-more.js';
import { planCampaign } from '../plan/planner.js';
import { type Deps, promptOf } from '../platform/deps.js';
import { reminderHook } from '../reminders/apply-hook.js';
import { finishLoading, readCampaign } from '../usecases/load-campaign.js';
import { checkSavedPlan, readSavedPlan, savedPlanCampaign } from '../usecases/saved-plan.js';
import { openClients, openStore, requireAppSecret } from './live-session.js';
import { resolveClock, resolveFormat } from './options.js';
import { styleFor } from './style.js';
import { applyView, renderApplyPlan, renderNothingToApply } from './views/apply.js';
import { renderInvalidCampaign } from './views/invalid-campaign.js';

export const APPLY_FORMATS = ['text', 'json'] as const;

export interface ApplyFlags {
  state?: string;
  now?: string;
  yes?: boolean;
  format?: string;
  out?: string;
}

/** Deps plus what only apply needs; tests pass lock timings and a poster hook (and a prompt, in Deps). */
export type ApplyDeps = Deps & {
  lock?: LockOptions;
  posters?: PosterHook;
  reminders?: ReminderHook;
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
  if (!read.ok) return refuse(read.report, format, deps);
  const name = read.campaign.metadata.name;
  await requireAppSecret(read.campaign, deps); // fail before touching anything when the secret is missing

  const store = await openStore(flags, read.absPath, deps, clock);
  try {
    const lock = await acquireCampaignLock(store, `apply:${name}`, `apply of ${name}`, deps.lock);
    try {
      const snapshot = await store.snapshot(name);
      const load = await finishLoading(read, snapshot);
      if (!load.ok) return refuse(load.report, format, deps);
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
      renderApplyPlan(plan, format, deps.stdout);
      // On 视频号 apply looks for the reservation a person was asked to make, and reads the audit of a
      // product whose changed draft is in audit: that is work too.
      const looks = channelsChecks(plan.changes, snapshot.resources);
      if (changes === 0 && s.wait === 0 && !looks) {
        renderNothingToApply(format, deps.stdout);
        return 0;
      }
      // Waits only (goods in audit): the reconcile completes what an earlier apply started; no new
      // change is made, so there is nothing to confirm.
      if (changes > 0 && !flags.yes) {
        const ok = await promptOf(deps).confirm(`Apply these changes to ${name}?`);
        if (!ok) {
          deps.stdout.write('Apply cancelled: nothing was changed.\n');
          return 1;
        }
      }

      const session = await openClients(loaded.campaign, store, deps, clock);
      const view = await applyView(format, deps.stdout, session.redact, style);
      view.note(format === 'text' ? `\n${style.bold(applyingLine(name))}` : '');
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

const refuse = (report: Parameters<typeof renderInvalidCampaign>[0], format: string, deps: Deps) =>
  renderInvalidCampaign(report, deps, {
    format,
    errorsOnly: true,
    footer: 'nothing applied: fix the errors above first (livectl validate shows warnings too)',
  });
