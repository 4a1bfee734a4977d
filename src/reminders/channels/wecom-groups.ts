import { done } from '../../outcome.js';
import type { WeComAttachment, WeComClient } from '../../wechat/index.js';
import type { WecomGroupsPayload } from '../types.js';
import { fileInput, fitBytes, isErrcode, uploadOnce } from './media.js';
import type { ChannelAdapter, DispatchRow, LookupResult, SendContext } from './types.js';

/**
 * WeCom customer-group send: one group-send task per sender (add_msg_template, chat_type group) with
 * the wave's text, its poster as an image and a mini-program card into the live room. WeCom only
 * creates the task; the sender confirms it in the WeCom client (a person in the loop), so "sent" here
 * means "the task exists" and the msgid lets `followUpGroupTask` see and nudge it.
 *
 * Exactly once: before any resend after a lost answer, the task list of the window
 * (get_groupmsg_list_v2) is searched for the row's marker, which rides in the card's page (`lc=`).
 */

const MINUTE = 60_000;
/** The card title is at most 64 bytes (validate checks the room name; this is the last guard). */
const CARD_TITLE_BYTES = 64;

function payloadOf(row: DispatchRow): WecomGroupsPayload {
  return row.payload as WecomGroupsPayload;
}

async function attachments(p: WecomGroupsPayload, ctx: SendContext): Promise<WeComAttachment[]> {
  const wc = ctx.clients.wecom;
  const corp = p.accounts.wecomCorp ?? '';
  const upload = (file: string) =>
    uploadOnce(
      ctx,
      corp,
      'wecom-media',
      file,
      async () => (await wc.uploadMedia('image', await fileInput(ctx, file))).mediaId,
    );
  const out: WeComAttachment[] = [];
  if (p.poster?.path) out.push({ msgtype: 'image', image: { media_id: await upload(p.poster.path) } });
  const cover = p.room.shareImage ?? p.poster?.path;
  if (cover && !p.noCard) {
    out.push({
      msgtype: 'miniprogram',
      miniprogram: {
        title: fitBytes(p.room.name, CARD_TITLE_BYTES),
        pic_media_id: await upload(cover),
        appid: p.accounts.miniProgram,
        page: p.room.page,
      },
    });
  }
  return out;
}

export const wecomGroups: ChannelAdapter = {
  type: 'wecom-groups',
  delivery: 'exactly-once',
  why: 'an earlier task is found in get_groupmsg_list_v2 by the marker in its mini-program card',

  async send(row, ctx) {
    const p = payloadOf(row);
    const list = await attachments(p, ctx);
    const r = await ctx.clients.wecom.addMsgTemplate({
      chatType: 'group',
      sender: p.sender,
      ...(p.chatIds?.length ? { chatIdList: p.chatIds } : {}),
      ...(p.tags?.length ? { tagFilter: { group_list: [{ tag_list: p.tags }] } } : {}),
      ...(p.text ? { text: { content: p.text } } : {}),
      attachments: list,
    });
    return done({
      remoteId: r.msgid,
      details: {
        msgid: r.msgid,
        sender: p.sender,
        attachments: list.map((a) => a.msgtype),
        ...(r.failList.length ? { failList: r.failList } : {}),
        ...(p.poster && !p.poster.path
          ? { note: `poster ${p.poster.key} not rendered: sent without it` }
          : {}),
      },
    });
  },

  async lookup(row, ctx): Promise<LookupResult | undefined> {
    const p = payloadOf(row);
    const from = (ctx.attemptStartedAt ?? new Date(row.dueAt)).getTime() - 10 * MINUTE;
    const to = ctx.now.getTime() + 5 * MINUTE;
    const marker = `lc=${p.marker}`;
    let cursor: string | undefined;
    let sameText = 0;
    for (let i = 0; i < 100; i++) {
      const page = await ctx.clients.wecom.getGroupMsgList({
        chatType: 'group',
        startTime: Math.floor(from / 1000),
        endTime: Math.ceil(to / 1000),
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      for (const m of page.items) {
        const card = m.attachments?.find((a) => a.msgtype === 'miniprogram');
        if (card && card.msgtype === 'miniprogram' && card.miniprogram.page.includes(marker)) {
          return { found: true, remoteId: m.msgid, details: { msgid: m.msgid, foundBy: 'task list' } };
        }
        if (!card && m.text?.content === p.text) sameText++;
      }
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    // Without a card there is no marker: a task with the same text could be another sender's.
    if ((p.noCard || (!p.room.shareImage && !p.poster?.path)) && sameText > 0) return undefined;
    return { found: false };
  },
};

/**
 * Follows a group-send task: whether the sender confirmed it, how many groups got it, and — when it
 * is still waiting — a reminder to the sender (WeCom allows 3 per task in 24 h; the 4th is refused
 * and reported as `reminded: false`).
 */
export async function followUpGroupTask(
  wecom: WeComClient,
  msgid: string,
  opts: { remind?: boolean } = {},
): Promise<{ confirmed: boolean; sent: number; failed: number; pending: number; reminded: boolean }> {
  const tasks = await wecom.getGroupMsgTask({ msgid });
  const confirmed = tasks.items.length > 0 && tasks.items.every((t) => t.status === 2);
  let sent = 0;
  let failed = 0;
  let pending = 0;
  for (const t of tasks.items) {
    const r = await wecom.getGroupMsgSendResult({ msgid, userid: t.userid });
    for (const s of r.items) {
      if (s.status === 1) sent++;
      else if (s.status === 0) pending++;
      else failed++;
    }
  }
  let reminded = false;
  if (!confirmed && opts.remind) {
    try {
      await wecom.remindGroupMsgSend(msgid);
      reminded = true;
    } catch (err) {
      if (!isErrcode(err, 45009)) throw err;
    }
  }
  return { confirmed, sent, failed, pending, reminded };
}
