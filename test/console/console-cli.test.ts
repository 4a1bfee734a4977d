import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

/** `livectl console` with bad input: a located error and a non-zero exit, never a stack or a server left running. */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const dir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'livectl-console-cli-'));
  dirs.push(d);
  return d;
};

describe('livectl console, bad input', () => {
  it('refuses a bad --port as a usage error', async () => {
    const r = await runCli(['console', 'campaign.yaml', '--port', 'http'], { cwd: dir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port expects a TCP port');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('in Chinese (--lang zh-CN) the usage error is Chinese', async () => {
    const r = await runCli(['console', 'campaign.yaml', '--port', 'http', '--lang', 'zh-CN'], { cwd: dir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--port 需要一个 TCP 端口（0–65535，0 表示自动选一个空闲端口），收到的是 "http"',
    );
  });

  it('a missing or broken campaign file: exit 1 with the file located', async () => {
    const d = dir();
    const missing = await runCli(['console', 'nope.yaml'], { cwd: d });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.yaml');
    writeFileSync(path.join(d, 'bad.yaml'), 'apiVersion: livectl/v1\nkind: Campaign\nmetadata: [\n');
    const bad = await runCli(['console', 'bad.yaml'], { cwd: d });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\.yaml:\d+:\d+/);
    expect(bad.stdout).toBe('');
  });

  it('without LIVECTL_APP_SECRET: says which variable to set, serves nothing', async () => {
    const d = dir();
    writeFileSync(
      path.join(d, 'c.yaml'),
      readFileSync(path.join(import.meta.dirname, '../../campaigns/minimal.yaml')),
    );
    const r = await runCli(['console', 'c.yaml'], { cwd: d });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('LIVECTL_APP_SECRET is not set');
    expect(r.stdout).toBe('');
  });
});
