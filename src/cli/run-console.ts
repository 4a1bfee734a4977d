import path from 'node:path';
import { resolveTimes } from '../campaign/resolve.js';
import type { ConsoleService } from '../console/actions.js';
import type { RunningConsole } from '../console/server.js';
import { UsageError } from '../errors.js';
import { currentLang, t } from '../i18n/catalog.js';
import type { Deps } from '../platform/deps.js';
import { validateFiles } from '../validate/validate-files.js';
import { openClients, openStore } from './live-session.js';
import { resolveClock } from './options.js';
import { renderInvalidCampaign } from './views/invalid-campaign.js';

export interface ConsoleFlags {
  port?: string;
  now?: string;
  state?: string;
}

/**
 * `livectl console <campaign>`: wiring only — load the campaign, open the store and the clients the
 * dispatcher uses, serve the page on 127.0.0.1, print its URL (with the token) on the first line,
 * serve until `until` resolves (SIGINT/SIGTERM in the CLI).
 */
export async function runConsole(
  target: string,
  flags: ConsoleFlags,
  deps: Deps,
  until: (c: RunningConsole, service: ConsoleService) => Promise<void> = waitForSignal,
): Promise<number> {
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(t().console.cli.badPort({ value: String(flags.port) }));
  const { now, clock } = resolveClock(flags.now, deps);
  const abs = path.resolve(deps.cwd, target);
  // The campaign's shape is enough for the run sheet; rule errors (a start now in the past) do not hide it.
  const report = { ...(await validateFiles([abs], { now })).files[0]!, file: target };
  const campaign = report.campaign;
  if (!campaign) return renderInvalidCampaign(report, deps);
  const store = await openStore(flags, abs, deps, clock);
  try {
    const session = await openClients(campaign, store, deps, clock, 'optional');
    const { ConsoleService } = await import('../console/actions.js');
    const { serveConsole } = await import('../console/server.js');
    const service = new ConsoleService({
      campaign,
      times: resolveTimes(campaign),
      store,
      clients: session.clients,
      env: deps.env,
      clock,
      redact: session.redact,
    });
    const running = await serveConsole(service, {
      ...(port ? { port } : {}),
      title: campaign.room.name,
      lang: currentLang(),
    });
    deps.stdout.write(`${running.url}\n`);
    deps.stderr.write(`${t().console.cli.serving({ name: campaign.metadata.name, port: running.port })}\n`);
    try {
      await until(running, service);
    } finally {
      await running.close();
    }
  } finally {
    await store.close();
  }
  return 0;
}

function waitForSignal(): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
