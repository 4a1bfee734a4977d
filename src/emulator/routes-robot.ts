import { createHash } from 'node:crypto';
import { fail } from './errors.js';
import { ok, type Route } from './route.js';
import { utf8Bytes } from './rules.js';

/** WeCom group robot webhook: `?key=`, no access token; 20 messages a minute per key. */

const WINDOW_MS = 60_000;
const PER_WINDOW = 20;

export const robotRoutes: Route[] = [
  {
    method: 'POST',
    path: '/cgi-bin/webhook/send',
    realm: 'none',
    body: 'json',
    handle(call) {
      const core = call.core;
      const key = call.query.get('key') ?? '';
      const allowed = core.opts.robotKeys;
      if (key === '' || core.state.revokedRobotKeys.includes(key) || (allowed && !allowed.includes(key))) {
        fail(93000, 'invalid webhook url');
      }
      const b = call.body;
      // [U] the oversize code is unverified; 45002 ("content size out of limit") is the plausible one.
      const tooBig = () => fail(45002, 'content size out of limit');
      switch (b.msgtype) {
        case 'text': {
          const c = b.text?.content;
          if (typeof c !== 'string' || c === '') fail(44004, 'empty content');
          if (utf8Bytes(c) > 2048) tooBig();
          break;
        }
        case 'markdown':
        case 'markdown_v2': {
          const c = b[b.msgtype]?.content;
          if (typeof c !== 'string' || c === '') fail(44004, 'empty content');
          if (utf8Bytes(c) > 4096) tooBig();
          break;
        }
        case 'image': {
          const { base64, md5 } = b.image ?? {};
          if (typeof base64 !== 'string' || typeof md5 !== 'string')
            fail(40058, 'image.base64 and image.md5 are required');
          const bytes = Buffer.from(base64, 'base64');
          if (bytes.length > 2 * 1024 * 1024) tooBig();
          // The md5 is of the raw bytes, before base64.
          if (createHash('md5').update(bytes).digest('hex') !== md5.toLowerCase())
            fail(40058, 'image md5 does not match the data');
          break;
        }
        case 'news': {
          const articles = b.news?.articles;
          if (!Array.isArray(articles) || articles.length < 1 || articles.length > 8)
            fail(40058, 'news needs 1 to 8 articles');
          for (const a of articles) {
            if (typeof a?.title !== 'string' || typeof a?.url !== 'string')
              fail(40058, 'article title and url are required');
            if (utf8Bytes(a.title) > 128 || utf8Bytes(String(a.description ?? '')) > 512) tooBig();
          }
          break;
        }
        default:
          fail(40008, 'invalid message type');
      }
      // Sliding 60 s window per key, counted on accepted messages only.
      const now = core.clock.nowMs();
      const recent = (core.state.robotSends[key] ?? []).filter((t) => t > now - WINDOW_MS);
      if (recent.length >= PER_WINDOW) {
        core.state.robotSends[key] = recent;
        fail(45009, 'api freq out of limit');
      }
      recent.push(now);
      core.state.robotSends[key] = recent;
      core.state.messages.push({
        kind: 'robot',
        id: String(core.nextId()),
        appid: '',
        at: now,
        // Keys are secrets: the state shows only a fingerprint.
        to: `robot:${createHash('sha256').update(key).digest('hex').slice(0, 12)}`,
        content: { msgtype: b.msgtype, [b.msgtype]: b[b.msgtype] },
      });
      return ok();
    },
  },
];
