// bench/console: `livectl console` as the assistant runs it, against `livectl emulator` in its own
// process. Start-up: from spawn to the URL on stdout, and to the first run-sheet answer (which asks
// getliveinfo); memory: the console's resident set after that answer. Buttons: 100 clicks on "Push
// card" in Debian's Chromium, each timed from the click to the answer of /api/action — the console
// answers after the emulator did, so this bounds how long a click takes to reach the emulator.
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnEmulator } from './emulator.js';
import { median } from './measure.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'livectl.js');
const T0 = new Date('2027-04-01T02:00:00Z');
// campaigns/minimal.yaml starts 2027-04-10 19:30 in Shanghai: ten minutes in, live.
const LIVE = new Date('2027-04-10T11:40:00Z');
const CHROMIUM = '/usr/bin/chromium';

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

function startConsole(dir, env) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, 'console', 'campaign.yaml', '--now', LIVE.toISOString()], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ child, url: out.slice(0, nl), urlMs: performance.now() - t0, t0 });
    });
    child.stderr.on('data', () => {});
    child.on('exit', (code) => reject(new Error(`console exited with ${code}`)));
  });
}

const stop = (child) =>
  new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });

function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

export async function benchConsole({ clicks = 100, starts = 5 } = {}) {
  const emu = await spawnEmulator({ now: T0, verify: ['tea_lin'] });
  const dir = mkdtempSync(path.join(tmpdir(), 'livectl-bench-console-'));
  try {
    mkdirSync(path.join(dir, 'assets'));
    for (const f of readdirSync(path.join(root, 'campaigns', 'assets')))
      copyFileSync(path.join(root, 'campaigns', 'assets', f), path.join(dir, 'assets', f));
    writeFileSync(
      path.join(dir, 'campaign.yaml'),
      readFileSync(path.join(root, 'campaigns', 'minimal.yaml')),
    );
    const env = {
      ...process.env,
      LIVECTL_WECHAT_API: emu.wechatBase,
      LIVECTL_WECOM_API: emu.wecomBase,
      LIVECTL_APP_SECRET: 'bench-secret',
    };
    const apply = (now) => {
      const r = spawnSync(
        process.execPath,
        [bin, 'apply', 'campaign.yaml', '--yes', '--now', now.toISOString()],
        {
          cwd: dir,
          env,
          encoding: 'utf8',
        },
      );
      if (r.status !== 0) throw new Error(`apply failed: ${r.stdout}${r.stderr}`);
    };
    apply(T0);
    const approved = new Date(T0.getTime() + 3 * 3600_000);
    await emu.admin('clock', { now: approved.toISOString() });
    apply(approved); // the approved goods go into the room
    await emu.admin('clock', { now: LIVE.toISOString() });

    const urlMs = [];
    const readyMs = [];
    const rss = [];
    for (let i = 0; i < starts; i++) {
      const c = await startConsole(dir, env);
      const u = new URL(c.url);
      const res = await fetch(`${u.origin}/api/view`, {
        headers: { 'x-livectl-token': u.searchParams.get('token') },
      });
      if (!res.ok) throw new Error(`view: ${res.status}`);
      await res.json();
      readyMs.push(performance.now() - c.t0);
      urlMs.push(c.urlMs);
      rss.push(rssMb(c.child.pid));
      await stop(c.child);
    }

    const rows = [
      {
        metric: 'start-up to URL (median of 5)',
        value: `${median(urlMs).toFixed(0)} ms`,
        target: '< 1000 ms',
      },
      {
        metric: 'start-up to first run sheet',
        value: `${median(readyMs).toFixed(0)} ms`,
        target: '< 1500 ms',
      },
      { metric: 'memory (RSS after first view)', value: `${median(rss).toFixed(1)} MB`, target: '< 150 MB' },
    ];
    rows[0].ok = median(urlMs) < 1000;
    rows[1].ok = median(readyMs) < 1500;
    rows[2].ok = median(rss) < 150;

    let chromium;
    try {
      chromium = (await import('playwright-core')).chromium;
      readFileSync(CHROMIUM);
    } catch {
      rows.push({ metric: 'click → emulator', value: `skipped: no Chromium at ${CHROMIUM}`, target: '' });
      return rows;
    }
    const c = await startConsole(dir, env);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(c.url);
      await page.waitForSelector('body[data-ready="1"]');
      const button = page.locator('#goods tr[data-product="longjing"] button', { hasText: 'Push card' });
      await emu.admin('requests/clear', {});
      const ms = [];
      for (let i = 0; i < clicks; i++) {
        const answered = page.waitForResponse((r) => r.url().endsWith('/api/action'));
        const t = performance.now();
        await button.click();
        const r = await answered;
        ms.push(performance.now() - t);
        if (!(await r.json()).ok) throw new Error('a push failed');
        await page
          .locator('#goods tr[data-product="longjing"] button:not([disabled])', { hasText: 'Push card' })
          .waitFor();
      }
      // The same action without the browser: the console's own share (token, store, client, emulator).
      const u = new URL(c.url);
      const direct = [];
      for (let i = 0; i < clicks; i++) {
        const t = performance.now();
        const r = await fetch(`${u.origin}/api/action`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-livectl-token': u.searchParams.get('token') },
          body: JSON.stringify({ type: 'push', product: 'longjing' }),
        });
        if (!(await r.json()).ok) throw new Error('a push failed');
        direct.push(performance.now() - t);
      }
      const pushes = (await emu.admin('requests')).requests.filter((q) => q.path.endsWith('/goods/push'));
      if (pushes.length !== 2 * clicks)
        throw new Error(`the emulator saw ${pushes.length} pushes, not ${2 * clicks}`);
      rows.push(
        {
          metric: `POST /api/action → emulator p50 (${clicks})`,
          value: `${pct(direct, 50).toFixed(1)} ms`,
          target: '< 50 ms',
          ok: pct(direct, 50) < 50,
        },
        {
          metric: `POST /api/action → emulator p99 (${clicks})`,
          value: `${pct(direct, 99).toFixed(1)} ms`,
          target: '< 200 ms',
          ok: pct(direct, 99) < 200,
        },
      );
      rows.push(
        {
          metric: `click → emulator → answer p50 (${clicks} clicks)`,
          value: `${pct(ms, 50).toFixed(1)} ms`,
          target: '< 150 ms',
          ok: pct(ms, 50) < 150,
        },
        {
          metric: `click → emulator → answer p99 (${clicks} clicks)`,
          value: `${pct(ms, 99).toFixed(1)} ms`,
          target: '< 500 ms',
          ok: pct(ms, 99) < 500,
        },
      );
    } finally {
      await browser.close();
      await stop(c.child);
    }
    return rows;
  } finally {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchConsole())
    console.log(
      `${r.metric.padEnd(44)} ${String(r.value).padEnd(12)} ${r.target} ${r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED'}`,
    );
}
