import { TOKEN_TTL_S } from './core.js';
import { fail, MSG } from './errors.js';
import { type Call, ok, type Route } from './route.js';
import type { TokenRecord } from './state.js';

/**
 * Token endpoints. Without `apps` any id and secret are accepted; with it, an unknown id gives 40013 and
 * a wrong secret gives the code each endpoint documents.
 */
export const tokenRoutes: Route[] = [
  {
    method: 'GET',
    path: '/cgi-bin/token',
    realm: 'none',
    handle(call) {
      const q = call.query;
      if (q.get('grant_type') !== 'client_credential') fail(40002, 'invalid grant_type');
      const appid = checkApp(call, q.get('appid'), q.get('secret'), 40001, MSG.invalidCredential);
      const now = call.core.clock.nowMs();
      // A new /cgi-bin/token supersedes the previous one, which stays usable for a 5-minute overlap.
      for (const t of call.core.state.tokens) {
        if (t.appid === appid && t.source === 'token' && t.revokedAt === undefined)
          t.revokedAt = now + 300_000;
      }
      const t = issue(call, appid, 'mp', 'token');
      return { access_token: t.token, expires_in: TOKEN_TTL_S };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/stable_token',
    realm: 'none',
    body: 'json',
    handle(call) {
      const b = call.body;
      if (b.grant_type !== 'client_credential') fail(40002, 'invalid grant_type');
      // [CONFLICT] /cgi-bin/token documents 40001 for a wrong secret and stable_token 40125: each endpoint
      // answers with its own documented code so clients map both.
      const appid = checkApp(call, b.appid, b.secret, 40125, MSG.invalidAppsecret);
      const core = call.core;
      const now = core.clock.nowMs();
      const live = core.state.tokens.filter(
        (t) => t.appid === appid && t.source === 'stable' && t.revokedAt === undefined && t.expiresAt > now,
      );
      const current = live.sort((a, b) => b.issuedAt - a.issuedAt)[0];
      if (b.force_refresh === true) {
        core.state.forceRefresh[appid] ??= [];
        const history = core.state.forceRefresh[appid];
        const last = history[history.length - 1];
        // Inside 30 s of the last forced refresh the platform "will not refresh": same token back.
        if (current && last !== undefined && now - last < 30_000) return answer(current, now);
        const today = history.filter((at) => core.clock.dayKey(at) === core.clock.dayKey(now));
        if (today.length >= 20) fail(45009, MSG.dailyQuota);
        history.push(now);
        for (const t of live) t.revokedAt = now;
        return answer(issue(call, appid, 'mp', 'stable'), now);
      }
      // Normal mode: the same token while valid; rotated 5 minutes before expiry (old one keeps working).
      if (current && current.expiresAt - now > 300_000) return answer(current, now);
      return answer(issue(call, appid, 'mp', 'stable'), now);
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/gettoken',
    realm: 'none',
    handle(call) {
      const corpid = call.query.get('corpid');
      if (!corpid) fail(41002, 'corpid missing');
      const appid = checkApp(
        call,
        corpid,
        call.query.get('corpsecret'),
        40001,
        'invalid credential',
        'corpid',
      );
      const now = call.core.clock.nowMs();
      // WeCom hands back the same token while it is valid.
      const current = call.core.state.tokens.find(
        (t) => t.appid === appid && t.realm === 'wecom' && t.revokedAt === undefined && t.expiresAt > now,
      );
      const t = current ?? issue(call, appid, 'wecom', 'gettoken');
      return ok({ access_token: t.token, expires_in: Math.floor((t.expiresAt - now) / 1000) });
    },
  },
];

function checkApp(
  call: Call,
  id: unknown,
  secret: unknown,
  badSecretCode: number,
  badSecretText: string,
  idName = 'appid',
): string {
  if (typeof id !== 'string' || id === '') fail(41002, `${idName} missing`);
  if (typeof secret !== 'string' || secret === '') fail(41004, 'appsecret missing');
  const apps = call.core.opts.apps;
  if (apps) {
    if (!(id in apps)) fail(40013, idName === 'corpid' ? 'invalid corpid' : MSG.invalidAppid);
    if (apps[id] !== secret) fail(badSecretCode, badSecretText);
  }
  return id;
}

function issue(call: Call, appid: string, realm: 'mp' | 'wecom', source: TokenRecord['source']): TokenRecord {
  const now = call.core.clock.nowMs();
  // Real tokens are long opaque strings; a prefix tells the realm apart when reading logs.
  const t: TokenRecord = {
    token: `${realm === 'mp' ? 'EMU' : 'EMUCP'}_${call.core.randomToken()}`,
    realm,
    appid,
    source,
    issuedAt: now,
    expiresAt: now + TOKEN_TTL_S * 1000,
  };
  call.core.state.tokens.push(t);
  // Keep the table bounded: tokens long dead cannot be presented usefully any more.
  call.core.state.tokens = call.core.state.tokens.filter((x) => x.expiresAt > now - 86_400_000);
  return t;
}

function answer(t: TokenRecord, now: number): Record<string, unknown> {
  return { access_token: t.token, expires_in: Math.floor((t.expiresAt - now) / 1000) };
}
