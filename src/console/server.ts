import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { consoleEn } from '../i18n/console-en.js';
import type { Lang } from '../i18n/lang.js';
import { notoDirectory } from '../poster/fonts.js';
import type { ConsoleAction, ConsoleService } from './actions.js';
import { consolePage } from './page.js';
import { pageText } from './page-text.js';

const SAY = consoleEn.server;

/**
 * The console's HTTP side: 127.0.0.1 only, every request needs the token (the page's URL carries it;
 * the page's own requests send it in `x-livectl-token`), compared in constant time. No CORS headers;
 * POSTs must be JSON, from this origin (Origin / Sec-Fetch-Site when the browser sends them) and to
 * this host (a DNS-rebinding page has another Host). The page is static: campaign text reaches it only
 * as JSON and is set with textContent, and a CSP with a per-start nonce allows no other script.
 */

export interface RunningConsole {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024;

export async function serveConsole(
  service: ConsoleService,
  /** `lang`: the page's language (its labels, and the server's English texts translated as it shows them). */
  opts: { port?: number; token?: string; title: string; lang?: Lang },
): Promise<RunningConsole> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const want = Buffer.from(token);
  const nonce = randomBytes(16).toString('base64');
  const text = pageText(opts.lang ?? 'en');
  let origin = '';
  const tokenOk = (given: string | null | undefined) => {
    if (!given) return false;
    const b = Buffer.from(given);
    // timingSafeEqual needs equal lengths: a wrong length still costs one comparison, then fails.
    if (b.length !== want.length) {
      timingSafeEqual(want, want);
      return false;
    }
    return timingSafeEqual(b, want);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { ok: false, message: SAY.internal });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    if (req.headers.host !== new URL(origin).host)
      return send(res, 403, { ok: false, message: SAY.wrongHost });
    const given = (req.headers['x-livectl-token'] as string | undefined) ?? url.searchParams.get('token');
    if (!given) return send(res, 401, { ok: false, message: SAY.tokenRequired });
    if (!tokenOk(given)) return send(res, 403, { ok: false, message: SAY.wrongToken });

    if (req.method === 'GET' && url.pathname === '/') {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self' 'nonce-${nonce}'; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      });
      res.end(consolePage(opts.title, nonce, token, text));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/font.css') {
      // The bundled font's stylesheet, its files pointed back here (with the token: a stylesheet's
      // font requests carry no header).
      const css = readFileSync(path.join(fontDir(), 'css.css'), 'utf8').replace(
        /url\(([\w.-]+\.woff2)\)/g,
        (_m, f: string) => `url(/font/${f}?token=${encodeURIComponent(token)})`,
      );
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/css; charset=utf-8' });
      res.end(css);
      return;
    }
    const font = /^\/font\/([\w-]+\.\d+\.woff2)$/.exec(url.pathname);
    if (req.method === 'GET' && font) {
      const file = path.join(fontDir(), font[1]!);
      if (!existsSync(file)) return send(res, 404, { ok: false, message: SAY.notFound });
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'cache-control': 'private, max-age=86400',
        'content-type': 'font/woff2',
      });
      res.end(readFileSync(file));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/api/view') return send(res, 200, await service.view());
    if (req.method === 'POST' && url.pathname === '/api/action') {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
      if (type !== 'application/json') return send(res, 415, { ok: false, message: SAY.jsonOnly });
      const o = req.headers.origin;
      const site = req.headers['sec-fetch-site'];
      if ((o !== undefined && o !== origin) || (site !== undefined && site !== 'same-origin'))
        return send(res, 403, { ok: false, message: SAY.crossOrigin });
      const action = parseAction(await readBody(req));
      if (!action) return send(res, 400, { ok: false, message: SAY.badAction });
      const result = await service.act(action);
      return send(res, result.ok ? 200 : 409, result);
    }
    return send(res, 404, { ok: false, message: SAY.notFound });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const fontDir = () => path.join(notoDirectory(), 'noto_sans_sc_regular');

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(c);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

function parseAction(b: unknown): ConsoleAction | undefined {
  if (typeof b !== 'object' || b === null) return undefined;
  const o = b as Record<string, unknown>;
  if (o.type === 'push' && typeof o.product === 'string') return { type: 'push', product: o.product };
  if (o.type === 'onsale' && typeof o.product === 'string' && typeof o.onSale === 'boolean')
    return { type: 'onsale', product: o.product, onSale: o.onSale };
  if (o.type === 'mark' && typeof o.cue === 'string') return { type: 'mark', cue: o.cue };
  return undefined;
}
