// bench/clients: client → emulator round trips over loopback with 8 concurrent callers: requests/s and
// p50/p99 for a simple read (getliveinfo), room create and goods add, against a raw node:http call of the same
// read measured in the same run (the network and the emulator alone), so the client's own cost shows.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClients } from '../dist/wechat/index.js';
import { spawnEmulator } from './emulator.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const T0 = new Date('2027-03-01T02:00:00Z');
const CONCURRENCY = 8;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `total` calls of `fn(i)` with `CONCURRENCY` callers; returns req/s and latency percentiles in ms. */
async function drive(total, fn) {
  const lat = [];
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) {
        const i = next++;
        const s = process.hrtime.bigint();
        await fn(i);
        lat.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
    }),
  );
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  lat.sort((a, b) => a - b);
  return { rps: total / secs, p50: percentile(lat, 50), p99: percentile(lat, 99) };
}

export async function benchClients({ reads = 4000, rooms = 1000, goods = 480 } = {}) {
  const emu = await spawnEmulator({ now: T0, verify: ['anchor_ok'] });
  try {
    const clients = createClients({
      wechatBase: emu.wechatBase,
      wecomBase: emu.wecomBase,
      credentials: { miniProgram: { appId: 'wx0123456789abcdef', secret: 'bench-secret-0123456789' } },
      clock: { now: () => T0 },
    });
    const mp = clients.miniProgram;
    const png = (name) => ({
      bytes: readFileSync(path.join(root, 'campaigns', 'assets', name)),
      filename: name,
    });
    const cover = (await mp.uploadMedia('image', png('cover.png'))).mediaId;
    const share = (await mp.uploadMedia('image', png('share.png'))).mediaId;
    const feeds = (await mp.uploadMedia('image', png('feeds.png'))).mediaId;
    const goodsImg = (await mp.uploadMedia('image', png('lipstick.png'))).mediaId;
    await mp.rooms.list(); // warm the token and the connection pool

    // Baseline: the same read over node:http with keep-alive (no client library), token fetched once.
    const token = (
      await (
        await fetch(`${emu.wechatBase}/cgi-bin/stable_token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            grant_type: 'client_credential',
            appid: 'wx0123456789abcdef',
            secret: 'bench-secret-0123456789',
          }),
        })
      ).json()
    ).access_token;
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const u = new URL(`${emu.wechatBase}/wxa/business/getliveinfo?access_token=${token}`);
    const rawCall = () =>
      new Promise((resolve, reject) => {
        const req = http.request(
          {
            host: u.hostname,
            port: u.port,
            path: u.pathname + u.search,
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json' },
          },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (d) => {
              body += d;
            });
            res.on('end', () => resolve(JSON.parse(body)));
          },
        );
        req.on('error', reject);
        req.end('{"start":0,"limit":10}');
      });
    await drive(500, rawCall); // warm-up (JIT, sockets)
    const raw = await drive(reads, rawCall);
    agent.destroy();
    await drive(500, () => mp.rooms.list({ start: 0, limit: 10 }));
    const read = await drive(reads, () => mp.rooms.list({ start: 0, limit: 10 }));
    const start = Math.floor(T0.getTime() / 1000) + 86_400;
    const create = await drive(rooms, (i) =>
      mp.rooms.create({
        name: `压测直播间${i}`,
        coverImg: cover,
        shareImg: share,
        feedsImg: feeds,
        startTime: start,
        endTime: start + 7200,
        anchorName: '主播小美',
        anchorWechat: 'anchor_ok',
        type: 0,
        closeLike: 0,
        closeGoods: 0,
        closeComment: 0,
      }),
    );
    const add = await drive(goods, (i) =>
      mp.goods.add({
        coverImgUrl: goodsImg,
        name: `口红${i}号`,
        priceType: 1,
        price: 99,
        url: 'pages/goods/detail?id=1',
      }),
    );
    const row = (metric, r, target, ok) => ({
      metric,
      value: `${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms`,
      target,
      ok,
    });
    return [
      row('raw node:http getliveinfo (baseline), 8 callers', raw, '', true),
      row('client rooms.list (getliveinfo), 8 callers', read, '≥ 2,000 req/s', read.rps >= 2000),
      {
        metric: 'client ÷ raw node:http, req/s',
        value: `${(read.rps / raw.rps).toFixed(2)}×`,
        target: '',
        ok: true,
      },
      row(`client rooms.create ×${rooms}, 8 callers`, create, '', true),
      row(`client goods.add ×${goods}, 8 callers`, add, '', true),
    ];
  } finally {
    await emu.close();
  }
}
