import { isIP } from 'node:net';
import { UserError } from '../errors.js';

/**
 * Which API bases livectl talks to: `https://` anywhere, plain `http://` only to this machine
 * (loopback: 127.0.0.0/8, ::1, `localhost`) — the emulator — unless LIVECTL_ALLOW_INSECURE=1.
 * Over plain http every secret (appsecret, corpsecret) and access token crosses the network in
 * clear. Pure: the decision reads the URL's text only and never resolves a name (a name other than
 * `localhost` is not loopback, whatever it would resolve to).
 */

/** The environment variable that lets plain http:// reach a host that is not loopback. */
export const ALLOW_INSECURE_ENV = 'LIVECTL_ALLOW_INSECURE';

/** Whether `host` (a hostname, IPv4/IPv6 literal, with or without [brackets]) is this machine. */
export function isLoopbackHost(host: string): boolean {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (h === 'localhost') return true;
  const kind = isIP(h);
  if (kind === 4) return h.split('.')[0] === '127';
  if (kind === 6) {
    // Normalise through the URL parser (::0:1, 0:0:0:0:0:0:0:1 → ::1; ::ffff:127.0.0.1 → ::ffff:7f00:1).
    const n = new URL(`http://[${h}]/`).hostname.slice(1, -1);
    return n === '::1' || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(n);
  }
  return false;
}

export type BaseUrlVerdict =
  | { ok: true; url: string }
  | { ok: false; reason: 'not-a-url' | 'scheme' | 'insecure'; message: string; hint: string };

/**
 * The rule, as data: is `value` (the contents of `variable`) an acceptable API base? The message
 * names the scheme and host only — never a path, query or user-info, which could carry a key.
 */
export function judgeBaseUrl(value: string, variable: string, allowInsecure: boolean): BaseUrlVerdict {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return {
      ok: false,
      reason: 'not-a-url',
      message: `${variable} is not a URL`,
      hint: `Set ${variable} to an https:// address, or http://127.0.0.1:PORT for the emulator.`,
    };
  }
  const where = `${u.protocol}//${u.host}`;
  if (u.protocol === 'https:') return { ok: true, url: value };
  if (u.protocol !== 'http:') {
    return {
      ok: false,
      reason: 'scheme',
      message: `${variable} must be an http(s) address, got ${u.protocol}`,
      hint: `Set ${variable} to an https:// address, or http://127.0.0.1:PORT for the emulator.`,
    };
  }
  if (isLoopbackHost(u.hostname) || allowInsecure) return { ok: true, url: value };
  return {
    ok: false,
    reason: 'insecure',
    message: `${variable} is ${where}: plain http:// to a host that is not this machine would send secrets and access tokens in clear`,
    hint: `Use https://, or http:// only to loopback (127.0.0.1, ::1, localhost). To accept the risk on a network you trust, set ${ALLOW_INSECURE_ENV}=1.`,
  };
}

/** `judgeBaseUrl` for the CLI: the URL, or a UserError (exit 1) saying what to change. */
export function checkBaseUrl(value: string, variable: string, allowInsecure: boolean): string {
  const v = judgeBaseUrl(value, variable, allowInsecure);
  if (!v.ok) throw new UserError(v.message, { hint: v.hint });
  return v.url;
}

/** LIVECTL_ALLOW_INSECURE is on only when it is exactly `1`. */
export function allowInsecureFromEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  return env[ALLOW_INSECURE_ENV] === '1';
}
