import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Deps } from '../platform/deps.js';
import { isLoopbackHost } from '../wechat/base-url.js';
import { exampleChannels } from './channels-example.js';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from './index.js';

/** Flags of `livectl emulator`, as commander hands them over (strings). */
export interface EmulatorFlags {
  port?: string;
  host?: string;
  apps?: string;
  now?: string;
  audit?: string;
  data?: string;
  strictDuration?: boolean;
  wechatpayMerchant?: string;
}

/**
 * Turns CLI flags into startEmulator options; bad flags are usage errors (exit 2). Without --now,
 * LIVECTL_NOW (the clock every other command honours) starts the emulator's clock, so a rehearsal
 * with LIVECTL_NOW exported in both terminals sees one time. The 视频号 + 微信小店 side starts with
 * what the bundled channels example names (channels-example.ts).
 */
export function emulatorOptions(
  flags: EmulatorFlags,
  deps: Pick<Deps, 'cwd'> & { env?: Deps['env'] },
): EmulatorOptions {
  const opts: EmulatorOptions = { host: flags.host ?? '127.0.0.1', channels: exampleChannels() };
  if (flags.port !== undefined) {
    const port = Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be 0–65535, got "${flags.port}"`);
    opts.port = port;
  }
  if (flags.apps !== undefined) {
    const apps: Record<string, string> = {};
    for (const pair of flags.apps.split(',').filter(Boolean)) {
      const i = pair.indexOf(':');
      if (i <= 0 || i === pair.length - 1) {
        throw new UsageError(`--apps expects appid:secret pairs separated by commas, got "${pair}"`);
      }
      apps[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
    }
    opts.apps = apps;
  }
  const envNow = deps.env?.LIVECTL_NOW || undefined;
  const nowText = flags.now ?? envNow;
  if (nowText !== undefined) {
    const d = new Date(nowText);
    if (Number.isNaN(d.getTime()))
      throw new UsageError(
        `${flags.now === undefined ? 'LIVECTL_NOW' : '--now'} is not a valid ISO-8601 instant: "${nowText}"`,
      );
    opts.now = d;
  }
  if (flags.audit !== undefined) {
    if (flags.audit !== 'auto' && flags.audit !== 'manual')
      throw new UsageError(`--audit must be auto or manual, got "${flags.audit}"`);
    opts.audit = flags.audit;
  }
  if (flags.data !== undefined) opts.dataFile = resolve(deps.cwd, flags.data);
  if (flags.strictDuration) opts.strictDuration = true;
  if (flags.wechatpayMerchant !== undefined) {
    opts.payMerchants = flags.wechatpayMerchant
      .split(',')
      .filter(Boolean)
      .map((pair) => {
        const i = pair.indexOf(':');
        const mchId = pair.slice(0, i).trim();
        if (i <= 0 || !/^\d{8,15}$/.test(mchId))
          throw new UsageError(`--wechatpay-merchant expects mchid:path-to-public-key.pem, got "${pair}"`);
        const file = resolve(deps.cwd, pair.slice(i + 1).trim());
        let pem: string;
        try {
          pem = readFileSync(file, 'utf8');
        } catch {
          throw new UsageError(`--wechatpay-merchant: cannot read ${file}`);
        }
        if (!/-----BEGIN (RSA )?PUBLIC KEY-----/.test(pem))
          throw new UsageError(
            `--wechatpay-merchant: ${file} is not a PEM public key (give the public half, never the private key)`,
          );
        return { mchId, publicKeyPem: pem };
      });
  }
  return opts;
}

/**
 * The use-case behind `livectl emulator`: start, print the export lines, serve until `until`
 * resolves (SIGINT/SIGTERM in the CLI), close. Returns the exit code (0).
 */
export async function runEmulator(
  flags: EmulatorFlags,
  deps: Pick<Deps, 'cwd' | 'stdout' | 'stderr'> & { env?: Deps['env'] },
  until: (emu: RunningEmulator) => Promise<void> = waitForSignal,
): Promise<number> {
  const opts = emulatorOptions(flags, deps);
  const warning = bindWarning(opts.host ?? '127.0.0.1');
  if (warning) deps.stderr.write(`${warning}\n`);
  const emu = await startEmulator(opts);
  deps.stdout.write(
    `export LIVECTL_WECHAT_API=${emu.wechatBase}\nexport LIVECTL_WECOM_API=${emu.wecomBase}\nexport LIVECTL_WECHATPAY_API=${emu.url}\n`,
  );
  deps.stderr.write(
    `livectl emulator listening on ${emu.url} (admin: ${emu.url}/__emulator/state). Ctrl-C to stop.\n`,
  );
  try {
    await until(emu);
  } finally {
    await emu.close();
  }
  return 0;
}

/** The warning for a bind beyond loopback (0.0.0.0, ::, a LAN address), or undefined. */
export function bindWarning(host: string): string | undefined {
  if (isLoopbackHost(host)) return undefined;
  return (
    `warning: --host ${host} binds beyond this machine: anyone who can reach it can read the emulator's ` +
    'state and request log and use its admin API (reset, clock, faults). Use --host 127.0.0.1 unless you mean it.'
  );
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
