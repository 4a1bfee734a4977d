import path from 'node:path';
import { destroyCampaign, planDestroy } from '../apply/destroy.js';
import { acquireCampaignLock, type LockOptions } from '../apply/lock.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalog.js';
import { type Deps, promptOf } from '../platform/deps.js';
import { validateFiles } from '../validate/validate-files.js';
import { openClients, openStore } from './live-session.js';
import { resolveClock, resolveFormat } from './options.js';
import { styleFor } from './style.js';
import { jsonView, linesView } from './views/apply.js';
import { renderDestroyPlan, renderDestroyResult } from './views/destroy.js';
import { renderInvalidCampaign } from './views/invalid-campaign.js';

export interface DestroyFlags {
  state?: string;
  yes?: boolean;
  now?: string;
  format?: string;
}

/** `livectl destroy`: wiring only — show what goes, confirm, delete under the campaign's lock. */
export async function runDestroy(
  target: string,
  flags: DestroyFlags,
  deps: Deps & { lock?: LockOptions },
): Promise<number> {
  const format = resolveFormat(flags.format, ['text', 'json'] as const);
  const { now, clock } = resolveClock(flags.now, deps);
  const interactive = format === 'text' && deps.stdinIsTTY && deps.stdout.isTTY;
  if (!flags.yes && !interactive) {
    throw new UsageError(
      'destroy needs --yes when it cannot ask (no terminal, or --format json)',
      'Check what would go with `livectl status <campaign>`, then run `livectl destroy <campaign> --yes`.',
    );
  }
  const abs = path.resolve(deps.cwd, target);
  const report = { ...(await validateFiles([abs], { now })).files[0]!, file: target };
  const campaign = report.campaign;
  if (!campaign) return renderInvalidCampaign(report, deps, { format });
  const name = campaign.metadata.name;
  const style = styleFor(deps.stdout);
  const store = await openStore(flags, abs, deps, clock);
  try {
    if (!(await store.snapshot(name)).campaign) {
      deps.stdout.write(
        format === 'json'
          ? `${JSON.stringify({ formatVersion: 1, type: 'summary', outcome: 'complete', message: `Nothing to destroy: ${name} is not in the state store.` })}\n`
          : `${t().destroy.nothing({ name })}\n`,
      );
      return 0;
    }
    const session = await openClients(campaign, store, deps, clock, 'optional');
    const lock = await acquireCampaignLock(
      store,
      `apply:${name}`,
      `apply (or destroy) of ${name}`,
      deps.lock,
    );
    try {
      const opts = {
        campaign,
        store,
        clients: session.clients,
        ...(session.wechatPay ? { wechatPay: session.wechatPay } : {}),
        clock,
        countRequests: session.requests,
      };
      const plan = await planDestroy(opts);
      renderDestroyPlan(plan, format, deps.stdout, session.redact);
      const deletes = plan.targets.filter((t) => t.action === 'delete').length;
      if (deletes > 0 && !flags.yes) {
        const ok = await promptOf(deps).confirm(t().destroy.confirm({ name }));
        if (!ok) {
          deps.stdout.write(`${t().destroy.cancelled}\n`);
          return 1;
        }
      }
      const view =
        format === 'json'
          ? jsonView(deps.stdout, session.redact)
          : linesView(deps.stdout, style, session.redact);
      const result = await destroyCampaign({ ...opts, emit: (e) => view.event(e) }, plan);
      view.close();
      renderDestroyResult(result, name, format, deps.stdout);
      return result.failures.length ? 1 : 0;
    } finally {
      await lock.release();
    }
  } finally {
    await store.close();
  }
}
