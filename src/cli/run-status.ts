import path from 'node:path';
import { acquireCampaignLock, type LockOptions } from '../apply/lock.js';
import { type CampaignStatus, campaignStatus } from '../apply/status.js';
import { isValidTimeZone } from '../campaign/time.js';
import { UsageError } from '../errors.js';
import type { Clock, Deps } from '../platform/deps.js';
import { redactSecrets } from '../platform/redact.js';
import { describeStateLocation, resolveStateLocation } from '../state/location.js';
import { type StatusAll, statusAll } from '../usecases/status-all.js';
import { validateFiles } from '../validate/validate-files.js';
import { openClients, openStore } from './live-session.js';
import { resolveClock, resolveFormat } from './options.js';
import { renderInvalidCampaign } from './views/invalid-campaign.js';
import { renderStatus, renderStatusAll } from './views/status.js';

export interface StatusFlags {
  state?: string;
  refresh?: boolean;
  showPushUrl?: boolean;
  now?: string;
  format?: string;
  all?: boolean;
}

/** `livectl status`: wiring only — read the campaign's name, open the store, (refresh,) render. */
export async function runStatus(
  target: string | undefined,
  flags: StatusFlags,
  deps: Deps & { lock?: LockOptions },
): Promise<number> {
  const format = resolveFormat(flags.format, ['text', 'json'] as const);
  const { now, clock } = resolveClock(flags.now, deps);
  if (flags.all) {
    if (target !== undefined)
      throw new UsageError(
        `status --all lists every campaign in the state store: drop the campaign file (${target})`,
        'Use `livectl status --all` (the store from --state, LIVECTL_STATE or .livectl/state.db here), or `livectl status <campaign>` for one.',
      );
    if (flags.refresh) throw new UsageError('status --all reads the state store only: drop --refresh');
    return runStatusAll(flags, deps, { now, clock, format });
  }
  if (target === undefined)
    throw new UsageError(
      'status needs a campaign file, or --all for every campaign in the state store',
      'e.g. livectl status campaigns/goddess-day.yaml, or livectl status --all',
    );
  const abs = path.resolve(deps.cwd, target);
  // The campaign's shape is enough to know its name and products; rule errors do not hide the status.
  const report = { ...(await validateFiles([abs], { now })).files[0]!, file: target };
  const campaign = report.campaign;
  if (!campaign) return renderInvalidCampaign(report, deps, { format });
  const statePath = describeStateLocation(
    resolveStateLocation({ flag: flags.state, env: deps.env, campaignFile: abs, cwd: deps.cwd }),
  );
  const store = await openStore(flags, abs, deps, clock);
  let status: CampaignStatus;
  let redact = (s: string) => redactSecrets(s, deps.env);
  try {
    if (flags.refresh) {
      const session = await openClients(campaign, store, deps, clock, 'optional');
      redact = session.redact;
      const name = campaign.metadata.name;
      const lock = await acquireCampaignLock(
        store,
        `apply:${name}`,
        `apply (or status --refresh) of ${name}`,
        deps.lock,
      );
      try {
        status = await campaignStatus({
          campaign,
          store,
          now,
          statePath,
          refresh: {
            ...(session.clients.channels ? {} : { mp: session.clients.miniProgram }),
            clock,
            countRequests: session.requests,
            ...(session.wechatPay ? { wechatPay: session.wechatPay } : {}),
            ...(session.clients.channels ? { channels: session.clients.channels } : {}),
          },
        });
      } finally {
        await lock.release();
      }
    } else {
      status = await campaignStatus({ campaign, store, now, statePath });
    }
  } finally {
    await store.close();
  }
  const tz = isValidTimeZone(campaign.metadata.timezone) ? campaign.metadata.timezone : 'Asia/Shanghai';
  renderStatus(status, { format, tz, showPushUrl: Boolean(flags.showPushUrl), redact }, deps);
  return 0;
}

/** `livectl status --all`: every campaign of the store (from --state, LIVECTL_STATE or the cwd). */
async function runStatusAll(
  flags: StatusFlags,
  deps: Deps,
  o: { now: Date; clock: Clock; format: 'text' | 'json' },
): Promise<number> {
  const statePath = describeStateLocation(
    resolveStateLocation({ flag: flags.state, env: deps.env, cwd: deps.cwd }),
  );
  const store = await openStore(flags, undefined, deps, o.clock);
  let result: StatusAll;
  try {
    result = await statusAll({ store, now: o.now, statePath });
  } finally {
    await store.close();
  }
  renderStatusAll(result, { format: o.format, redact: (s) => redactSecrets(s, deps.env) }, deps);
  return 0;
}
