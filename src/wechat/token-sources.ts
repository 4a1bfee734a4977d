import type { Transport } from './http.js';
import type { FetchedToken, TokenSource } from './token-broker.js';

/**
 * Where tokens come from. Secrets go in the body (stable_token) or the query (cgi-bin/token,
 * WeCom gettoken); neither reaches logs or errors (the transport masks them).
 */

export interface AppCredentials {
  appId: string;
  secret: string;
}

export interface CorpCredentials {
  corpId: string;
  /** Secret of the self-built app allowed to use Customer Contact. */
  secret: string;
}

/** `stable`: POST /cgi-bin/stable_token (default; shared safely by many processes). `classic`: GET /cgi-bin/token. */
export type TokenMode = 'stable' | 'classic';

function expiresIn(body: Record<string, unknown>): number {
  const n = Number(body.expires_in ?? 7200);
  return Number.isFinite(n) && n > 0 ? n : 7200;
}

function token(body: Record<string, unknown>): FetchedToken {
  return { token: String(body.access_token ?? ''), expiresInSeconds: expiresIn(body) };
}

export function appTokenSource(
  transport: Transport,
  creds: AppCredentials,
  opts: { mode?: TokenMode; kind: 'mp' | 'oa' | 'shop' | 'assistant' },
): TokenSource {
  const mode = opts.mode ?? 'stable';
  return {
    // Stable and classic tokens are isolated from each other on WeChat's side, so they get different keys.
    key: `${opts.kind}-${mode}:${transport.baseUrl}:${creds.appId}`,
    async fetch({ force }) {
      if (mode === 'classic') {
        return token(
          await transport.json({
            path: '/cgi-bin/token',
            method: 'GET',
            query: { grant_type: 'client_credential', appid: creds.appId, secret: creds.secret },
            // Each fetch replaces the previous token: never repeat one blindly.
            idempotent: false,
          }),
        );
      }
      return token(
        await transport.json({
          path: '/cgi-bin/stable_token',
          method: 'POST',
          json: {
            grant_type: 'client_credential',
            appid: creds.appId,
            secret: creds.secret,
            ...(force ? { force_refresh: true } : {}),
          },
          // Normal mode hands everyone the same token, so repeating it is harmless; force is not.
          idempotent: !force,
        }),
      );
    },
  };
}

export function wecomTokenSource(transport: Transport, creds: CorpCredentials): TokenSource {
  return {
    key: `wecom:${transport.baseUrl}:${creds.corpId}`,
    async fetch() {
      // WeCom has no force mode: gettoken returns the live token, or a new one when it is gone.
      return token(
        await transport.json({
          path: '/cgi-bin/gettoken',
          method: 'GET',
          query: { corpid: creds.corpId, corpsecret: creds.secret },
          idempotent: true,
        }),
      );
    },
  };
}
