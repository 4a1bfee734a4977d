import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { loadCredentials, resolveSecret, type SecretKind } from '../platform/credentials.js';
import type { Clock, Deps } from '../platform/deps.js';
import type { PayloadAccounts } from '../reminders/types.js';
import type { StateStore } from '../state/port.js';
import type { Clients } from '../wechat/index.js';

/**
 * What dispatch and daemon share: clients for each account set the outbox rows name (a store holds
 * many campaigns, possibly of several mini programs, WeCom corps and Official Accounts), each
 * account's secret from its own variable, the credentials file or the single variable
 * (src/platform/credentials.ts), tokens cached in the store (shared with every other livectl process
 * of the operator).
 */

export async function clientsFactory(
  deps: Pick<Deps, 'env' | 'cwd'>,
  store: StateStore,
  clock: Clock,
  extra: { onRequest?: () => void } = {},
): Promise<(accounts: PayloadAccounts) => Clients> {
  const { apiBasesFromEnv, createClients } = await import('../wechat/index.js');
  const env = deps.env;
  const file = await loadCredentials(env, deps.cwd);
  const secret = (kind: SecretKind, id: string | undefined) =>
    id ? resolveSecret(kind, id, env, file)?.secret : undefined;
  const cache = new Map<string, Clients>();
  return (a) => {
    const key = `${a.miniProgram}|${a.wecomCorp ?? ''}|${a.officialAccount ?? ''}`;
    let c = cache.get(key);
    if (!c) {
      const mp = secret('miniProgram', a.miniProgram);
      const wc = secret('wecom', a.wecomCorp);
      const oa = secret('officialAccount', a.officialAccount);
      c = createClients({
        ...apiBasesFromEnv(env),
        credentials: {
          ...(mp ? { miniProgram: { appId: a.miniProgram, secret: mp } } : {}),
          ...(wc && a.wecomCorp ? { wecom: { corpId: a.wecomCorp, secret: wc } } : {}),
          ...(oa && a.officialAccount ? { officialAccount: { appId: a.officialAccount, secret: oa } } : {}),
        },
        tokenStore: store.tokens,
        clock,
        ...(extra.onRequest ? { onRequest: extra.onRequest } : {}),
      });
      cache.set(key, c);
    }
    return c;
  };
}

/** A lease owner unique to this process: host, pid and a random tail. */
export function ownerId(role: string): string {
  return `${role}:${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}
