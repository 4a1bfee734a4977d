/**
 * Helpers for the emulator's own tests (and any test that drives it over HTTP with fetch): start, get
 * a token, upload an image, call JSON endpoints, read the admin state.
 */
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { codePng } from '../../src/emulator/png.js';

/** A JSON answer as tests read it: loosely typed on purpose, assertions check the shape. */
// biome-ignore lint/suspicious/noExplicitAny: test-side view of untyped JSON answers.
export type Json = Record<string, any>;

export const T0 = new Date('2027-03-01T02:00:00Z');

export interface Harness {
  emu: RunningEmulator;
  token: string;
  post(path: string, body: unknown, token?: string): Promise<Json>;
  get(path: string, query?: Record<string, string>, token?: string): Promise<Json>;
  upload(path: string, bytes: Buffer, query?: Record<string, string>, token?: string): Promise<Json>;
  admin(path: string, body?: unknown): Promise<Json>;
  state(): Promise<Json>;
  setClock(at: Date | number): Promise<void>;
  wecomToken(): Promise<string>;
  /** A fresh mini-program token (after moving the clock past the old one's expiry). */
  retoken(): Promise<void>;
}

export function png(width: number, height = width): Buffer {
  const b = codePng(Math.max(width, height), 'test', false);
  // Patch the header so non-square sizes can be tested without encoding another image.
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

export async function startHarness(opts: EmulatorOptions = {}): Promise<Harness> {
  const emu = await startEmulator({ port: 0, now: T0, ...opts });
  const url = (path: string, query: Record<string, string> = {}, token?: string) => {
    const u = new URL(emu.url + path);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    if (token) u.searchParams.set('access_token', token);
    return u.toString();
  };
  const tok = (await (
    await fetch(`${emu.url}/cgi-bin/stable_token`, {
      method: 'POST',
      body: JSON.stringify({ grant_type: 'client_credential', appid: 'wxapp', secret: 's' }),
    })
  ).json()) as { access_token: string };
  const h: Harness = {
    emu,
    token: tok.access_token,
    post: async (path, body, token = h.token) =>
      (await (
        await fetch(url(path, {}, token), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json()) as Json,
    get: async (path, query = {}, token = h.token) =>
      (await (await fetch(url(path, query, token))).json()) as Json,
    upload: async (path, bytes, query = {}, token = h.token) => {
      const form = new FormData();
      form.append('media', new Blob([bytes], { type: 'image/png' }), 'a.png');
      return (await (await fetch(url(path, query, token), { method: 'POST', body: form })).json()) as Json;
    },
    admin: async (path, body) =>
      (await (
        await fetch(
          `${emu.url}/__emulator/${path}`,
          body === undefined
            ? {}
            : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
        )
      ).json()) as Json,
    state: () => h.admin('state'),
    setClock: async (at) => {
      await h.admin('clock', { now: typeof at === 'number' ? at : at.toISOString() });
    },
    retoken: async () => {
      const r = await h.post(
        '/cgi-bin/stable_token',
        { grant_type: 'client_credential', appid: 'wxapp', secret: 's' },
        '',
      );
      h.token = r.access_token;
    },
    wecomToken: async () => {
      const r = (await (await fetch(`${emu.wecomBase}/cgi-bin/gettoken?corpid=ww1&corpsecret=s`)).json()) as {
        access_token: string;
      };
      return r.access_token;
    },
  };
  return h;
}
