import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopbackHost } from '../wechat/base-url.js';
import { handleAdmin } from './admin.js';
import { EmulatorClock } from './clock.js';
import { EmulatorCore } from './core.js';
import { errorBody, fail, MSG, PlatformError } from './errors.js';
import { type Fault, FaultTable, faultText, patchAnswer } from './faults.js';
import type { EmulatorOptions, RunningEmulator } from './index.js';
import { parseMultipart } from './multipart.js';
import { RequestLog } from './request-log.js';
import { type Call, isBinary, type Reply, type Route } from './route.js';
import { channelsCouponRoutes } from './routes-channels-coupons.js';
import { channelsFinderRoutes } from './routes-channels-finder.js';
import { channelsStoreRoutes } from './routes-channels-store.js';
import { goodsRoutes } from './routes-goods.js';
import { liveRoutes } from './routes-live.js';
import { mediaRoutes, wecomMediaRoutes } from './routes-media.js';
import { mpRoutes } from './routes-mp.js';
import { oaRoutes } from './routes-oa.js';
import { addMerchant, PAY_PREFIX, servePay } from './routes-pay.js';
import { robotRoutes } from './routes-robot.js';
import { tokenRoutes } from './routes-token.js';
import { wecomRoutes } from './routes-wecom.js';
import { loadDataFile, saveDataFile } from './state.js';

/** qyapi.weixin.qq.com endpoints live under this prefix, api.weixin.qq.com ones at the root. */
export const WECOM_PREFIX = '/qyapi';
const MAX_BODY = 25 * 1024 * 1024;

/** Everything the admin API needs to reach. */
export interface EmulatorRuntime {
  core: EmulatorCore;
  faults: FaultTable;
  log: RequestLog;
  baseUrl: string;
  /** The port the server listens on (0 until it does): an own-origin admin request names it. */
  port: number;
  persist(): void;
}

/**
 * Why an admin request is refused, or undefined to serve it. Refused: an `Origin` header that is
 * not this emulator on loopback (browsers send it on every cross-origin POST; curl and Node clients
 * send none), and a body or POST with a content type other than JSON (`text/plain`, forms: what a
 * page can send without a CORS preflight). A POST with no body and no content type is fine.
 */
export function refuseAdmin(req: IncomingMessage, raw: Buffer, port: number): string | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, port)) {
    return `cross-origin request refused: Origin ${origin} is not this emulator (the admin API answers only loopback callers without a foreign Origin)`;
  }
  const method = req.method ?? 'GET';
  const [mediaType = ''] = (req.headers['content-type'] ?? '').split(';');
  const type = mediaType.trim().toLowerCase();
  const hasBody = raw.length > 0 || (method !== 'GET' && method !== 'HEAD' && type !== '');
  if (hasBody && type !== 'application/json') {
    return `content-type ${type || '(none)'} refused: admin requests send JSON with content-type: application/json`;
  }
  return undefined;
}

function isOwnOrigin(origin: string, port: number): boolean {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false; // "null" (sandboxed pages, file://) included
  }
  return u.protocol === 'http:' && isLoopbackHost(u.hostname) && Number(u.port || 80) === port;
}

function routeTable(): Map<string, Route> {
  const table = new Map<string, Route>();
  const add = (prefix: string, routes: Route[]) => {
    for (const r of routes) table.set(prefix + r.path, r);
  };
  add('', [
    ...tokenRoutes.filter((r) => r.path !== '/cgi-bin/gettoken'),
    ...mediaRoutes,
    ...liveRoutes,
    ...goodsRoutes,
    ...mpRoutes,
    ...oaRoutes,
    ...channelsStoreRoutes,
    ...channelsCouponRoutes,
    ...channelsFinderRoutes,
  ]);
  add(WECOM_PREFIX, [
    ...tokenRoutes.filter((r) => r.path === '/cgi-bin/gettoken'),
    ...wecomMediaRoutes,
    ...wecomRoutes,
    ...robotRoutes,
  ]);
  return table;
}

export async function createEmulatorServer(opts: EmulatorOptions): Promise<RunningEmulator> {
  const clock = new EmulatorClock(opts.now);
  const core = new EmulatorCore(clock, {
    apps: opts.apps,
    audit: opts.audit ?? 'auto',
    auditDelayMs: opts.auditDelayMs ?? 3_600_000,
    auditRejectPattern: opts.auditRejectPattern ?? /违禁|\[reject\]/i,
    strictDuration: opts.strictDuration ?? false,
    confirm: opts.confirm ?? 'immediate',
    robotKeys: opts.robotKeys,
    wecomMonthlyCap: opts.wecomMonthlyCap,
    releasedPages: opts.releasedPages,
    channels: opts.channels,
  });
  if (opts.verifiedWechat) core.state.verifiedWechat.push(...opts.verifiedWechat);
  const dataFile = opts.dataFile;
  if (dataFile) {
    const saved = loadDataFile(dataFile);
    if (saved) {
      core.state = saved.state;
      // An explicit `now` wins over the saved clock; otherwise time continues where it stopped.
      if (!opts.now) clock.restore(saved.clock);
    }
  }
  for (const m of opts.payMerchants ?? []) addMerchant(rt0(core), m);
  const faults = new FaultTable();
  const log = new RequestLog();
  const routes = routeTable();
  const rt: EmulatorRuntime = {
    core,
    faults,
    log,
    baseUrl: '',
    port: 0,
    persist: () => {
      if (dataFile) saveDataFile(dataFile, { version: 1, clock: clock.snapshot(), state: core.state });
    },
  };

  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => serve(rt, routes, req, res, raw))
      .catch((err: unknown) => {
        if (!res.headersSent) send(res, 500, { errcode: -1, errmsg: `system error: ${String(err)}` });
      });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  rt.baseUrl = url;
  rt.port = port;
  rt.persist();
  return {
    url,
    wechatBase: url,
    wecomBase: url + WECOM_PREFIX,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Enough of a runtime for the pay state helpers before the server exists. */
const rt0 = (core: EmulatorCore) => ({ core }) as unknown as EmulatorRuntime;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  // The platform labels its JSON this way; clients must key on "application/json".
  res.writeHead(status, {
    'content-type': 'application/json; encoding=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function serve(
  rt: EmulatorRuntime,
  routes: Map<string, Route>,
  req: IncomingMessage,
  res: ServerResponse,
  raw: Buffer,
): Promise<void> {
  const u = new URL(req.url ?? '/', 'http://emulator.local');
  const path = u.pathname;
  if (path.startsWith('/__emulator')) {
    // Any web page the operator visits can send a "simple" cross-origin request (text/plain POST,
    // form post, no preflight) to a loopback port: the admin API takes JSON from its own origin only.
    const refused = refuseAdmin(req, raw, rt.port);
    if (refused) {
      send(res, 403, { error: refused });
      return;
    }
    const out = handleAdmin(rt, req.method ?? 'GET', path, u.searchParams, raw);
    if (isBinary(out.body as Reply)) {
      const b = out.body as { binary: Buffer; contentType: string };
      res.writeHead(out.status, { 'content-type': b.contentType, 'content-length': b.binary.length });
      res.end(b.binary);
    } else {
      send(res, out.status, out.body);
    }
    if (req.method !== 'GET' || path === '/__emulator/realname') rt.persist();
    return;
  }

  if (path.startsWith(PAY_PREFIX)) {
    await servePay(rt, req, res, raw);
    return;
  }
  const method = req.method ?? 'GET';
  const route = routes.get(path);
  const entry = rt.log.start(
    rt.core.clock.nowMs(),
    method,
    path,
    u.searchParams,
    req.headers['content-type'],
    raw,
  );
  let status = 200;
  let reply: Reply;
  let drop = false;
  const patches: Fault[] = [];
  try {
    if (!route) {
      status = 404;
      throw new PlatformError(40066, `invalid url: no emulated endpoint ${method} ${path}`, {}, 404);
    }
    for (const f of rt.faults.take(path)) {
      if (f.kind === 'latency') await new Promise((r) => setTimeout(r, f.ms ?? 1000));
      else if (f.kind === 'errcode') fail(f.errcode!, faultText(f.errcode!));
      else if (f.kind === 'patch-answer') patches.push(f);
      else drop = true;
    }
    reply = dispatch(rt, route, method, path, u.searchParams, req.headers['content-type'] ?? '', raw);
    // The effect happened; the answer says "ok" but with fields changed or missing.
    if (patches.length > 0 && !isBinary(reply))
      reply = patchAnswer(reply as Record<string, unknown>, patches);
  } catch (err) {
    if (!(err instanceof PlatformError)) throw err;
    status = err.status;
    reply = errorBody(err);
  }
  rt.log.finish(entry, status, reply);
  // Even reads count quotas and run time-driven transitions, so every call is persisted.
  rt.persist();
  if (drop) {
    // The effect happened; the caller never learns it.
    req.socket.destroy();
    return;
  }
  if (isBinary(reply)) {
    res.writeHead(status, { 'content-type': reply.contentType, 'content-length': reply.binary.length });
    res.end(reply.binary);
  } else {
    send(res, status, reply);
  }
}

function dispatch(
  rt: EmulatorRuntime,
  route: Route,
  method: string,
  path: string,
  query: URLSearchParams,
  contentType: string,
  raw: Buffer,
): Reply {
  const core = rt.core;
  if (route.method === 'GET' && method !== 'GET') fail(43001, MSG.requireGet);
  if (route.method === 'POST' && method !== 'POST') fail(43002, MSG.requirePost);
  const call: Call = { method, path, query, body: {}, parts: [], appid: '', baseUrl: rt.baseUrl, core };
  if (route.realm !== 'none') {
    const tokenText = query.get('access_token');
    if (!tokenText) fail(41001, MSG.tokenMissing);
    const token = core.state.tokens.find((t) => t.token === tokenText);
    const now = core.clock.nowMs();
    if (!token || token.realm !== route.realm) fail(40001, MSG.invalidCredential);
    if (token.revokedAt !== undefined && token.revokedAt <= now) fail(40001, MSG.invalidCredential);
    if (token.expiresAt <= now) fail(42001, MSG.tokenExpired);
    call.token = token;
    call.appid = token.appid;
  }
  const bodyMode =
    route.body === 'multipart-or-json'
      ? contentType.toLowerCase().startsWith('multipart/')
        ? 'multipart'
        : 'optional-json'
      : route.body;
  if (bodyMode === 'json' || bodyMode === 'optional-json') {
    if (raw.length === 0) {
      if (bodyMode === 'json') fail(44002, MSG.emptyPost);
    } else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString('utf8'));
      } catch {
        fail(47001, route.realm === 'wecom' ? 'Warning: wrong json format.' : MSG.dataFormat);
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail(47001, MSG.dataFormat);
      call.body = parsed as Call['body'];
    }
  } else if (bodyMode === 'multipart') {
    const parts = contentType.toLowerCase().startsWith('multipart/form-data')
      ? parseMultipart(raw, contentType)
      : undefined;
    if (!parts) fail(41005, 'media data missing');
    call.parts = parts;
  }
  core.tick();
  return route.handle(call);
}
