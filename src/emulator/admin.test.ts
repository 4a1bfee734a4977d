import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { memoryOutput } from '../platform/deps.js';
import { type RunningEmulator, startEmulator } from './index.js';
import { bindWarning, emulatorOptions, runEmulator } from './run.js';

/**
 * The admin API's protections against the browser: a page the operator visits can POST to a
 * loopback port without a CORS preflight when the body is text/plain or a form. Everything here
 * runs against the emulator on 127.0.0.1.
 */
let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const NOW = new Date('2026-11-26T04:00:00Z');

async function verified(e: RunningEmulator): Promise<string[]> {
  const s = (await (await fetch(`${e.url}/__emulator/state`)).json()) as { verifiedWechat: string[] };
  return s.verifiedWechat;
}

describe('admin API: JSON from its own origin only', () => {
  it('refuses a cross-origin text/plain POST (what any web page can send): 403, nothing reset', async () => {
    emu = await startEmulator({ now: NOW, verifiedWechat: ['keep_me'] });
    // fetch with a string body sends content-type: text/plain;charset=UTF-8 — a "simple" request.
    const plain = await fetch(`${emu.url}/__emulator/reset`, { method: 'POST', body: '{}' });
    expect(plain.status).toBe(403);
    expect(((await plain.json()) as { error: string }).error).toMatch(/content-type text\/plain refused/);
    const form = await fetch(`${emu.url}/__emulator/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' },
      body: 'a=1',
    });
    expect(form.status).toBe(403);
    const foreign = await fetch(`${emu.url}/__emulator/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: string }).error).toMatch(/Origin http:\/\/evil\.example/);
    for (const origin of ['null', `http://127.0.0.1:${emu.port + 1}`, `https://127.0.0.1:${emu.port}`]) {
      const r = await fetch(`${emu.url}/__emulator/anchors/unverify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ wechat: 'keep_me' }),
      });
      expect(r.status, origin).toBe(403);
    }
    const read = await fetch(`${emu.url}/__emulator/state`, { headers: { origin: 'http://evil.example' } });
    expect(read.status).toBe(403);
    expect(await verified(emu)).toEqual(['keep_me']);
  });

  it('serves JSON without an Origin (curl, Node), from its own origin, and a POST with no body', async () => {
    emu = await startEmulator({ now: NOW });
    const json = { 'content-type': 'application/json; charset=utf-8' };
    const a = await fetch(`${emu.url}/__emulator/anchors/verify`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ wechat: 'a1' }),
    });
    expect(a.status).toBe(200);
    for (const origin of [`http://127.0.0.1:${emu.port}`, `http://localhost:${emu.port}`]) {
      const r = await fetch(`${emu.url}/__emulator/anchors/verify`, {
        method: 'POST',
        headers: { ...json, origin },
        body: JSON.stringify({ wechat: 'a2' }),
      });
      expect(r.status, origin).toBe(200);
    }
    const clear = await fetch(`${emu.url}/__emulator/requests/clear`, { method: 'POST' });
    expect(clear.status).toBe(200);
    expect(await verified(emu)).toEqual(['a1', 'a2']);
  });

  it('the platform endpoints are unchanged (they answer errcodes, as WeChat does)', async () => {
    emu = await startEmulator({ now: NOW });
    const r = await fetch(`${emu.url}/cgi-bin/stable_token`, {
      method: 'POST',
      body: JSON.stringify({ grant_type: 'client_credential', appid: 'wxapp', secret: 's' }),
    });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { access_token?: string }).access_token).toEqual(expect.any(String));
  });
});

describe('livectl emulator binds and files', () => {
  it('warns for a bind beyond loopback, not for loopback', () => {
    expect(bindWarning('0.0.0.0')).toMatch(/^warning: --host 0\.0\.0\.0 binds beyond this machine/);
    expect(bindWarning('::')).toMatch(/binds beyond this machine/);
    expect(bindWarning('192.168.1.5')).toMatch(/binds beyond this machine/);
    expect(bindWarning('127.0.0.1')).toBeUndefined();
    expect(bindWarning('::1')).toBeUndefined();
    expect(bindWarning('localhost')).toBeUndefined();
  });

  it('LIVECTL_NOW starts its clock when --now is not given; --now wins; a bad value is a usage error', () => {
    const env = { LIVECTL_NOW: '2027-03-01T10:00:00+08:00' };
    expect(emulatorOptions({}, { cwd: '/', env }).now?.toISOString()).toBe('2027-03-01T02:00:00.000Z');
    expect(emulatorOptions({ now: '2027-03-05T00:00:00Z' }, { cwd: '/', env }).now?.toISOString()).toBe(
      '2027-03-05T00:00:00.000Z',
    );
    expect(emulatorOptions({}, { cwd: '/', env: {} }).now).toBeUndefined();
    expect(() => emulatorOptions({}, { cwd: '/', env: { LIVECTL_NOW: 'soon' } })).toThrow(UsageError);
    expect(() => emulatorOptions({}, { cwd: '/', env: { LIVECTL_NOW: 'soon' } })).toThrow(/LIVECTL_NOW/);
  });

  it('the default bind (127.0.0.1) prints no warning', async () => {
    const err = memoryOutput();
    await runEmulator(
      { port: '0', now: NOW.toISOString() },
      { cwd: process.cwd(), stdout: memoryOutput(), stderr: err },
      async () => undefined,
    );
    expect(err.text()).not.toContain('warning');
  });

  it('writes the --data file 0600, also over an existing file that was readable by others', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'emu-data-'));
    const dataFile = path.join(dir, 'emulator.json');
    emu = await startEmulator({ now: NOW, dataFile });
    await fetch(`${emu.url}/__emulator/anchors/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ wechat: 'a1' }),
    });
    expect(statSync(dataFile).mode & 0o777).toBe(0o600);
    await emu.close();
    emu = undefined;
    writeFileSync(dataFile, '{"version":1,"clock":{"offsetMs":0},"state":{}}');
    chmodSync(dataFile, 0o644);
    emu = await startEmulator({ now: NOW, dataFile });
    expect(statSync(dataFile).mode & 0o777).toBe(0o600);
  });
});
