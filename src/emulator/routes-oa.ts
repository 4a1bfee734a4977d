import { DAY_MS } from './core.js';
import { fail } from './errors.js';
import { ok, type Route } from './route.js';
import { utf8Bytes } from './rules.js';

/** Official Account: custom menu, drafts, mass send. Same host (and token realm) as the mini program. */

const BUTTON_TYPES = new Set([
  'click',
  'view',
  'miniprogram',
  'scancode_push',
  'scancode_waitmsg',
  'pic_sysphoto',
  'pic_photo_or_album',
  'pic_weixin',
  'location_select',
  'media_id',
  'view_limited',
  'article_id',
  'article_view_limited',
]);

// biome-ignore lint/suspicious/noExplicitAny: untrusted JSON, each field is checked.
type Button = Record<string, any>;

function checkButton(b: Button, top: boolean): void {
  if (typeof b?.name !== 'string' || b.name === '') fail(40018, 'invalid button name size');
  if (utf8Bytes(b.name) > (top ? 16 : 60))
    fail(top ? 40018 : 40025, top ? 'invalid button name size' : 'invalid sub button name size');
  if (top && Array.isArray(b.sub_button) && b.sub_button.length > 0) {
    if (b.sub_button.length > 5) fail(40023, 'invalid sub button size');
    for (const s of b.sub_button) checkButton(s, false);
    return;
  }
  if (!BUTTON_TYPES.has(b.type)) fail(40017, 'invalid button type');
  if (b.key !== undefined && utf8Bytes(String(b.key)) > 128) fail(40019, 'invalid button key size');
  if (b.url !== undefined && utf8Bytes(String(b.url)) > 1024)
    fail(top ? 40020 : 40027, 'invalid button url size');
  if (
    [
      'click',
      'scancode_push',
      'scancode_waitmsg',
      'pic_sysphoto',
      'pic_photo_or_album',
      'pic_weixin',
      'location_select',
    ].includes(b.type) &&
    !b.key
  ) {
    fail(40019, 'invalid button key size');
  }
  if (b.type === 'view' && !b.url) fail(top ? 40020 : 40027, 'invalid button url size');
  // A miniprogram button needs appid and pagepath, plus url as the fallback for old clients.
  if (b.type === 'miniprogram' && (!b.appid || !b.pagepath || !b.url)) fail(40120, 'invalid use button type');
}

export const oaRoutes: Route[] = [
  {
    method: 'POST',
    path: '/cgi-bin/menu/create',
    realm: 'mp',
    body: 'json',
    handle(call) {
      const buttons = call.body.button;
      if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3)
        fail(40016, 'invalid button size');
      for (const b of buttons) checkButton(b, true);
      const core = call.core;
      core.useQuota(call.appid, 'menu/create', 1000);
      core.state.menus = core.state.menus.filter((m) => m.appid !== call.appid);
      core.state.menus.push({
        appid: call.appid,
        menuid: core.nextId(),
        button: buttons,
        createdAt: core.clock.nowMs(),
      });
      return ok();
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/menu/get',
    realm: 'mp',
    handle(call) {
      const m = call.core.state.menus.find((x) => x.appid === call.appid);
      if (!m) fail(46003, 'menu no exist');
      return { menu: { button: m.button, menuid: m.menuid } };
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/menu/delete',
    realm: 'mp',
    handle(call) {
      // Deletes the default menu and every conditional one.
      call.core.state.menus = call.core.state.menus.filter((m) => m.appid !== call.appid);
      return ok();
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/draft/add',
    realm: 'mp',
    body: 'json',
    handle(call) {
      const core = call.core;
      const articles = call.body.articles;
      if (!Array.isArray(articles) || articles.length === 0)
        fail(47001, 'data format error: articles is required');
      for (const a of articles) {
        if (typeof a?.title !== 'string' || a.title === '' || [...a.title].length > 32)
          fail(45003, 'title size out of limit');
        if (a.author !== undefined && [...String(a.author)].length > 16)
          fail(45110, 'author size out of limit');
        if (typeof a.content !== 'string' || a.content === '')
          fail(47001, 'data format error: content is required');
        if ([...a.content].length >= 20_000 || utf8Bytes(a.content) >= 1024 * 1024)
          fail(45002, 'content size out of limit');
        if (a.digest !== undefined && [...String(a.digest)].length > 128)
          fail(45004, 'description size out of limit');
        const type = a.article_type ?? 'news';
        // A news article's cover must be permanent material, not a 3-day temp media_id.
        if (type === 'news')
          core.requireMedia(a.thumb_media_id, 'mp', 40007, 'invalid media_id', ['permanent']);
      }
      core.useQuota(call.appid, 'draft/add', 1000);
      const mediaId = `DR${core.nextId()}_${core.randomToken(18)}`;
      core.state.drafts.push({ mediaId, appid: call.appid, articles, createdAt: core.clock.nowMs() });
      return { media_id: mediaId };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/mass/sendall',
    realm: 'mp',
    body: 'json',
    handle(call) {
      const core = call.core;
      const b = call.body;
      const now = core.clock.nowMs();
      const isToAll = b.filter?.is_to_all === true;
      if (!isToAll && b.filter?.tag_id === undefined)
        fail(40058, 'invalid filter: is_to_all or tag_id is required');
      const msgtype = b.msgtype;
      let content: unknown;
      if (msgtype === 'mpnews') {
        const draft = core.state.drafts.find(
          (d) => d.mediaId === b.mpnews?.media_id && d.appid === call.appid,
        );
        if (!draft) fail(40007, 'invalid media_id');
        content = { mpnews: { media_id: draft.mediaId, articles: draft.articles } };
      } else if (msgtype === 'text') {
        if (typeof b.text?.content !== 'string' || b.text.content === '') fail(44004, 'empty content');
        content = { text: b.text };
      } else if (['voice', 'images', 'image', 'mpvideo', 'wxcard'].includes(msgtype)) {
        content = { [msgtype]: b[msgtype] };
      } else {
        fail(40008, 'invalid message type');
      }
      const cid = b.clientmsgid;
      if (cid !== undefined) {
        if (typeof cid !== 'string' || utf8Bytes(cid) > 64) fail(45067, 'clientmsgid size out of limit');
        const prior = core.state.mass.find(
          (m) => m.appid === call.appid && m.clientmsgid === cid && m.at > now - DAY_MS,
        );
        // Same clientmsgid within a minute: 45066; within 24 h: 45065 with the original msg_id.
        if (prior && prior.at > now - 60_000)
          fail(45066, 'clientmsgid retried within one minute', { msg_id: prior.msgId });
        if (prior) fail(45065, 'clientmsgid exist', { msg_id: prior.msgId });
      }
      // is_to_all: once a day (counting the web console, which we do not see).
      if (isToAll) core.useQuota(call.appid, 'mass/sendall-to-all', 1, 45028, 'has no masssend quota');
      core.useQuota(call.appid, 'mass/sendall', 100);
      const msgId = 3_000_000_000 + core.nextId();
      const msgDataId = 2_400_000_000 + core.nextId();
      core.state.mass.push({ msgId, msgDataId, appid: call.appid, clientmsgid: cid, isToAll, at: now });
      core.state.messages.push({
        kind: 'mass-send',
        id: String(msgId),
        appid: call.appid,
        at: now,
        to: isToAll ? 'all' : `tag:${b.filter.tag_id}`,
        content: { msgtype, ...(content as object), clientmsgid: cid },
      });
      return { errcode: 0, errmsg: 'send job submission success', msg_id: msgId, msg_data_id: msgDataId };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/mass/get',
    realm: 'mp',
    body: 'json',
    handle(call) {
      const id = Number(call.body.msg_id);
      const m = call.core.state.mass.find((x) => x.msgId === id && x.appid === call.appid);
      if (!m) fail(40058, 'invalid msg_id');
      // SENDING for the first minute of emulator time, then SEND_SUCCESS.
      const status = call.core.clock.nowMs() - m.at < 60_000 ? 'SENDING' : 'SEND_SUCCESS';
      return { msg_id: m.msgId, msg_status: status };
    },
  },
];
