import path from 'node:path';
import { destroyCampaign, planDestroy } from '../apply/destroy.js';
import { acquireCampaignLock, type LockOptions } from '../apply/lock.js';
import { UsageError } from '../errors.js';
import { type Deps, promptOf } from '../platform/deps.js';
import { validateFiles } from '../validate/validate-files.js';
import { openClients, openStore } from './live-session.js';
import { resolveClock, resolveFormat } from './options.js';
import { styleFor } from './style.js';
import { jsonView, linesView } from './views/apply.js';
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
          : `Nothing to destroy: ${name} is not in the state store.\n`,
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
      const remote = plan.targets.filter((t) => t.action !== 'forget');
      if (format === 'json')
        deps.stdout.write(
          `${session.redact(JSON.stringify({ formatVersion: 1, type: 'destroy-plan', plan }))}\n`,
        );
      else {
        const lines = [style.bold(`Destroy ${name}`), ''];
        for (const t of remote) {
          const g = t.action === 'delete' ? style.error('  -') : style.dim('  =');
          lines.push(
            `${g} ${t.address}${t.remoteId ? style.dim(` (${t.address === 'room' ? 'roomId' : t.address.startsWith('coupon/') ? 'stock' : 'goodsId'} ${t.remoteId})`) : ''}  ${t.action === 'keep' ? `kept: ${t.reason}` : t.reason}`,
          );
        }
        const forget = plan.targets.length - remote.length;
        if (forget)
          lines.push(
            style.dim(
              `    and ${forget} local record${forget === 1 ? '' : 's'} (codes, media ids) forgotten`,
            ),
          );
        deps.stdout.write(`${lines.join('\n')}\n`);
      }
      const deletes = plan.targets.filter((t) => t.action === 'delete').length;
      if (deletes > 0 && !flags.yes) {
        const ok = await promptOf(deps).confirm(`Delete these from WeChat for ${name}?`);
        if (!ok) {
          deps.stdout.write('Destroy cancelled: nothing was deleted.\n');
          return 1;
        }
      }
      const view =
        format === 'json'
          ? jsonView(deps.stdout, session.redact)
          : linesView(deps.stdout, style, session.redact);
      const result = await destroyCampaign({ ...opts, emit: (e) => view.event(e) }, plan);
      view.close();
      const reminders = result.cancelledReminders
        ? ` ${result.cancelledReminders} pending reminder${result.cancelledReminders === 1 ? '' : 's'} cancelled.`
        : '';
      const kept = result.kept.length
        ? ` Kept: ${result.kept.map((k) => `${k.address} (${k.reason})`).join('; ')}.`
        : '';
      const left = result.left.length
        ? ` Left on WeChat (not this campaign's to delete): ${result.left.map((k) => `${k.address} ${k.remoteId}`).join(', ')}.`
        : '';
      const message = result.failures.length
        ? `Destroy incomplete: ${result.deleted.length} deleted, ${result.failures.length} failed.${reminders}${kept}${left} Run destroy again to retry.`
        : result.forgotten
          ? `Destroyed: ${result.deleted.length} deleted on WeChat;${reminders}${left} ${name} is forgotten by the state store.`
          : `Destroyed what could be: ${result.deleted.length} deleted.${reminders}${kept}${left} The state keeps what is left.`;
      deps.stdout.write(
        format === 'json'
          ? `${JSON.stringify({ formatVersion: 1, type: 'summary', outcome: result.failures.length ? 'partial' : 'complete', deleted: result.deleted, kept: result.kept, left: result.left, forgotten: result.forgotten, cancelledReminders: result.cancelledReminders, message })}\n`
          : `\n${message}\n`,
      );
      return result.failures.length ? 1 : 0;
    } finally {
      await lock.release();
    }
  } finally {
    await store.close();
  }
}
