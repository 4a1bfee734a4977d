import { DAY_MS } from './core.js';
import { fail } from './errors.js';
import { type Call, ok, type Route } from './route.js';
import { utf8Bytes } from './rules.js';
import type { TaskRecord } from './state.js';

/**
 * WeCom customer contact: group-send tasks (add_msg_template …) and Moments tasks. Creating a task sends
 * nothing; a member confirms it (by the emulator's confirm policy or the admin API), then the query APIs
 * show it sent.
 */

const X = '/cgi-bin/externalcontact';
/** WeCom's generic "invalid parameter"; the platform publishes no finer codes for these limits. */
const BAD = 40058;

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

function media(call: Call, id: unknown, kinds: ('temp' | 'attachment')[]): void {
  call.core.requireMedia(id, 'wecom', 40007, 'invalid media_id', kinds);
}

function checkGroupAttachments(call: Call, list: unknown): unknown[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) fail(BAD, 'attachments must be an array');
  if (list.length > 9) fail(BAD, 'invalid attachments size: at most 9');
  for (const a of list) {
    const t = a?.msgtype;
    const o = a?.[t];
    if (typeof o !== 'object' || o === null) fail(BAD, `invalid attachments msgtype ${String(t)}`);
    switch (t) {
      case 'image':
        if (o.media_id !== undefined) media(call, o.media_id, ['temp']);
        else if (typeof o.pic_url !== 'string') fail(BAD, 'image needs media_id or pic_url');
        break;
      case 'link':
        if (typeof o.title !== 'string' || typeof o.url !== 'string') fail(BAD, 'link needs title and url');
        if (utf8Bytes(o.title) > 128 || utf8Bytes(o.url) > 2048) fail(BAD, 'link title or url too long');
        if (utf8Bytes(String(o.desc ?? '')) > 512 || utf8Bytes(String(o.picurl ?? '')) > 2048)
          fail(BAD, 'link desc or picurl too long');
        break;
      case 'miniprogram':
        for (const f of ['title', 'pic_media_id', 'appid', 'page']) {
          if (typeof o[f] !== 'string' || o[f] === '') fail(BAD, `miniprogram.${f} is required`);
        }
        if (utf8Bytes(o.title) > 64) fail(BAD, 'miniprogram title too long');
        media(call, o.pic_media_id, ['temp']);
        break;
      case 'video':
      case 'file':
        media(call, o.media_id, ['temp']);
        break;
      default:
        fail(BAD, `invalid attachments msgtype ${String(t)}`);
    }
  }
  return list;
}

function findTask(call: Call, kind: TaskRecord['kind'], id: unknown, field: string): TaskRecord {
  if (typeof id !== 'string' || id === '') fail(BAD, `${field} is required`);
  const t = call.core.state.tasks.find(
    (x) => x.kind === kind && x.appid === call.appid && (x.id === id || x.momentId === id),
  );
  if (!t) fail(BAD, `invalid ${field}`);
  return t;
}

function page<T>(list: T[], cursor: unknown, limit: number): { items: T[]; next_cursor: string } {
  const start = num(cursor) ?? 0;
  const items = list.slice(start, start + limit);
  return { items, next_cursor: start + items.length < list.length ? String(start + items.length) : '' };
}

export const wecomRoutes: Route[] = [
  {
    method: 'POST',
    path: `${X}/add_msg_template`,
    realm: 'wecom',
    body: 'json',
    handle(call) {
      const core = call.core;
      const b = call.body;
      const chatType = b.chat_type ?? 'single';
      if (chatType !== 'single' && chatType !== 'group') fail(BAD, 'chat_type must be single or group');
      if (chatType === 'group' && (typeof b.sender !== 'string' || b.sender === ''))
        fail(BAD, 'sender is required for chat_type group');
      const external: string[] = Array.isArray(b.external_userid) ? b.external_userid.map(String) : [];
      const chats: string[] = Array.isArray(b.chat_id_list) ? b.chat_id_list.map(String) : [];
      if (external.length > 10_000) fail(BAD, 'external_userid holds at most 10000 ids');
      if (chats.length > 2000) fail(BAD, 'chat_id_list holds at most 2000 ids');
      if (chatType === 'single' && external.length === 0 && !b.sender && !b.tag_filter)
        fail(BAD, 'external_userid and sender cannot both be empty');
      const text = b.text?.content;
      if (text !== undefined && (typeof text !== 'string' || utf8Bytes(text) > 4000))
        fail(BAD, 'invalid text size: at most 4000 bytes');
      const attachments = checkGroupAttachments(call, b.attachments);
      if (!text && attachments.length === 0) fail(BAD, 'text and attachments cannot both be empty');
      const recipients = chatType === 'group' ? chats : external;
      const msgid = `msg${core.randomToken(18)}`;
      core.state.tasks.push({
        kind: 'groupmsg',
        id: msgid,
        appid: call.appid,
        chatType,
        sender: b.sender,
        // For customers without a sender the platform picks the member who last chatted with each one.
        senders: [b.sender ?? 'emulator-member'],
        recipients,
        text,
        attachments,
        created: core.clock.nowMs(),
        reminders: [],
        results: recipients.map((r) => ({ recipient: r, status: 0 })),
      });
      core.tick();
      return ok({ fail_list: [], msgid });
    },
  },
  {
    method: 'POST',
    path: `${X}/get_groupmsg_list_v2`,
    realm: 'wecom',
    body: 'json',
    handle(call) {
      const b = call.body;
      const start = num(b.start_time);
      const end = num(b.end_time);
      if (b.chat_type !== 'single' && b.chat_type !== 'group') fail(BAD, 'chat_type is required');
      if (start === undefined || end === undefined || end < start)
        fail(BAD, 'start_time and end_time are required');
      if (end - start > 31 * 86400) fail(BAD, 'start_time and end_time may span at most one month');
      const limit = Math.min(num(b.limit) ?? 50, 100);
      const list = call.core.state.tasks.filter((t) => {
        const created = Math.floor(t.created / 1000);
        return (
          t.kind === 'groupmsg' &&
          t.appid === call.appid &&
          t.chatType === b.chat_type &&
          created >= start &&
          created <= end
        );
      });
      // filter_type 1 (personal) lists nothing: every task here was created by the corp through the API.
      const visible = num(b.filter_type) === 1 ? [] : list;
      const p = page(visible, b.cursor, limit);
      return ok({
        next_cursor: p.next_cursor,
        group_msg_list: p.items.map((t) => ({
          msgid: t.id,
          create_time: String(Math.floor(t.created / 1000)),
          create_type: 0,
          text: t.text === undefined ? undefined : { content: t.text },
          attachments: t.attachments,
        })),
      });
    },
  },
  {
    method: 'POST',
    path: `${X}/get_groupmsg_task`,
    realm: 'wecom',
    body: 'json',
    handle(call) {
      const t = findTask(call, 'groupmsg', call.body.msgid, 'msgid');
      const p = page(t.senders, call.body.cursor, Math.min(num(call.body.limit) ?? 500, 1000));
      const sent = t.confirmedAt !== undefined;
      return ok({
        next_cursor: p.next_cursor,
        task_list: p.items.map((userid) => ({
          userid,
          status: sent ? 2 : 0,
          send_time: sent ? Math.floor(t.confirmedAt! / 1000) : undefined,
        })),
      });
    },
  },
  {
    method: 'POST',
    path: `${X}/get_groupmsg_send_result`,
    realm: 'wecom',
    body: 'json',
    handle(call) {
      const t = findTask(call, 'groupmsg', call.body.msgid, 'msgid');
      if (typeof call.body.userid !== 'string') fail(BAD, 'userid is required');
      const rows = t.senders.includes(call.body.userid) ? t.results : [];
      const p = page(rows, call.body.cursor, Math.min(num(call.body.limit) ?? 500, 1000));
      return ok({
        next_cursor: p.next_cursor,
        send_list: p.items.map((r) => ({
          ...(t.chatType === 'group' ? { chat_id: r.recipient } : { external_userid: r.recipient }),
          userid: call.body.userid,
          status: r.status,
          ...(r.status === 1 ? { send_time: r.sendTime } : {}),
        })),
      });
    },
  },
  {
    method: 'POST',
    path: `${X}/remind_groupmsg_send`,
    realm: 'wecom',
    body: 'json',
    handle(call) {
      const t = findTask(call, 'groupmsg', call.body.msgid, 'msgid');
      const now = call.core.clock.nowMs();
      const recent = t.reminders.filter((at) => at > now - DAY_MS);
      // ≤ 3 reminders per task per 24 h. [U] the code for the 4th is unpublished; 45009 is the rate code.
      if (recent.length >= 3) fail(45009, 'api freq out of limit: at most 3 reminders per task in 24 hours');
      t.reminders.push(now);
      return ok();
    },
  },
  {
    method: 'POST',
    path: `${X}/cancel_groupmsg_send`,
    realm: 'wecom',
    body: 'json',
    handle(call) {
      const t = findTask(call, 'groupmsg', call.body.msgid, 'msgid');
      // Cancelling freezes the rows members have not sent yet; what was sent stays sent.
      if (t.confirmedAt === undefined) t.cancelledAt = call.core.clock.nowMs();
      return ok();
    },
  },
  {
    method: 'POST',
    path: `${X}/add_moment_task`,
    realm: 'wecom',
    body: 'json',
    handle(call) {
      const core = call.core;
      const b = call.body;
      const text = b.text?.content;
      if (
        text !== undefined &&
        (typeof text !== 'string' || [...text].length > 2000 || utf8Bytes(text) > 4000)
      ) {
        fail(BAD, 'invalid text size');
      }
      const attachments: unknown[] = b.attachments ?? [];
      if (!Array.isArray(attachments)) fail(BAD, 'invalid attachments msgtype');
      if (!text && attachments.length === 0) fail(BAD, 'text and attachments cannot both be empty');
      const types = new Set(attachments.map((a) => (a as { msgtype?: string })?.msgtype));
      if (types.size > 1) fail(BAD, 'invalid attachments msgtype');
      const type = [...types][0];
      if (type !== undefined && !['image', 'video', 'link'].includes(type))
        fail(BAD, 'invalid attachments msgtype');
      if (
        (type === 'image' && attachments.length > 9) ||
        ((type === 'video' || type === 'link') && attachments.length > 1)
      ) {
        fail(BAD, 'invalid attachments size');
      }
      for (const a of attachments as Record<string, Record<string, unknown>>[]) {
        const o = a[type!];
        if (type === 'video' && typeof o?.media_id !== 'string') fail(BAD, 'invalid msg');
        if (type === 'link') {
          if (typeof o?.url !== 'string' || typeof o?.media_id !== 'string')
            fail(BAD, 'link needs url and media_id');
          if (utf8Bytes(String(o.title ?? '')) > 64) fail(BAD, 'link title too long');
        }
        media(call, o?.media_id, ['attachment']);
      }
      const senders: string[] = Array.isArray(b.visible_range?.sender_list?.user_list)
        ? b.visible_range.sender_list.user_list.map(String)
        : ['@all'];
      const jobid = `job${core.randomToken(18)}`;
      core.state.tasks.push({
        kind: 'moment',
        id: jobid,
        appid: call.appid,
        momentId: `mom${core.randomToken(18)}`,
        senders,
        recipients: [],
        text,
        attachments,
        created: core.clock.nowMs(),
        reminders: [],
        results: [],
      });
      core.tick();
      return ok({ jobid });
    },
  },
  {
    method: 'GET',
    path: `${X}/get_moment_task_result`,
    realm: 'wecom',
    handle(call) {
      const t = findTask(call, 'moment', call.query.get('jobid') ?? '', 'jobid');
      // The creation job itself finishes at once; publishing is the members' part (get_moment_task).
      return ok({
        status: 3,
        type: 'add_moment_task',
        result: {
          errcode: 0,
          errmsg: 'ok',
          moment_id: t.momentId,
          invalid_sender_list: { user_list: [], department_list: [] },
          invalid_external_contact_list: { tag_list: [] },
        },
      });
    },
  },
  {
    // Enterprise-wide Moments records (WC-96352): a window of at most 30 days, `filter_type` 0
    // enterprise / 1 personal / 2 all (default), `creator`, pages of at most 20 (over 20 → 20).
    // Records inside (start_time, end_time). The emulator has only enterprise moments (create_type 0,
    // the tasks of add_moment_task); their `creator` is the task's first executor — which userid
    // WeCom records for an API-created task is not published [U].
    method: 'POST',
    path: `${X}/get_moment_list`,
    realm: 'wecom',
    body: 'json',
    handle(call) {
      const b = call.body;
      const start = num(b.start_time);
      const end = num(b.end_time);
      if (start === undefined || end === undefined) fail(BAD, 'start_time and end_time are required');
      if (end < start || end - start > 30 * 86_400) fail(BAD, 'invalid time range: at most 30 days');
      const filter = num(b.filter_type) ?? 2;
      const limit = num(b.limit);
      const size = limit === undefined || limit < 1 || limit > 20 ? 20 : limit;
      const list = call.core.state.tasks.filter(
        (t) =>
          t.kind === 'moment' &&
          t.appid === call.appid &&
          filter !== 1 &&
          t.cancelledAt === undefined &&
          t.created / 1000 > start &&
          t.created / 1000 < end &&
          (b.creator === undefined || b.creator === '' || t.senders[0] === b.creator),
      );
      const p = page(list, b.cursor, size);
      return ok({
        next_cursor: p.next_cursor,
        moment_list: p.items.map((t) => ({
          moment_id: t.momentId,
          creator: t.senders[0],
          create_time: Math.floor(t.created / 1000),
          create_type: 0,
          visible_type: 1,
          ...(t.text !== undefined ? { text: { content: t.text } } : {}),
          image: (t.attachments as { msgtype?: string; image?: { media_id?: string } }[])
            .filter((a) => a.msgtype === 'image')
            .map((a) => ({ media_id: a.image?.media_id })),
        })),
      });
    },
  },
  {
    method: 'POST',
    path: `${X}/get_moment_task`,
    realm: 'wecom',
    body: 'json',
    handle(call) {
      const t = findTask(call, 'moment', call.body.moment_id, 'moment_id');
      const p = page(t.senders, call.body.cursor, Math.min(num(call.body.limit) ?? 500, 1000));
      return ok({
        next_cursor: p.next_cursor,
        task_list: p.items.map((userid) => ({ userid, publish_status: t.confirmedAt !== undefined ? 1 : 0 })),
      });
    },
  },
];
