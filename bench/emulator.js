// `livectl emulator` in its own process, as an operator runs it (client and server then use both cores).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'livectl.js');

/** Starts it with its clock held at `now`; verifies the given anchors. */
export async function spawnEmulator({ now, verify = [] }) {
  const child = spawn(process.execPath, [bin, 'emulator', '--port', '0', '--now', now.toISOString()], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /LIVECTL_WECHAT_API=(\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  const admin = (p, body) =>
    fetch(
      `${url}/__emulator/${p}`,
      body === undefined
        ? {}
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    ).then((r) => r.json());
  for (const wechat of verify) await admin('anchors/verify', { wechat });
  return {
    url,
    wechatBase: url,
    wecomBase: `${url}/qyapi`,
    admin,
    pid: child.pid,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}
