import { done, type Failed, failed } from '../../outcome.js';
import type { MomentTaskRequest } from '../../wechat/index.js';
import type { WecomMomentsPayload } from '../types.js';
import { fileInput, uploadOnce } from './media.js';
import type { ChannelAdapter, DispatchRow, LookupResult, SendContext } from './types.js';

/**
 * Shop assistants' Moments: add_moment_task with the wave's text and poster (uploaded with
 * upload_attachment, type 1 — Moments take no mini-program card), then the asynchronous job is polled
 * (get_moment_task_result) to its moment_id. Members publish it from their WeCom client.
 *
 * Exactly once: the jobid is recorded the moment WeCom answers, so a crash while polling resumes the
 * poll instead of creating a second task. When the create's own answer is lost there is no jobid;
 * then the corp's Moments of the attempt's window (get_moment_list, filter_type 0 = published by the
 * corp) are searched for the row's marker, which rides at the end of the text as invisible
 * characters (Moments have no card page to carry it, as group sends do).
 */

const POLLS = 5;
const POLL_MS = 2_000;
const MINUTE = 60_000;
/** get_moment_list answers at most 20 a page and spans at most 30 days. */
const LIST_PAGE = 20;
const LIST_SPAN_MS = 30 * 24 * 60 * MINUTE;
/** Moments text limits (add_moment_task: 'invalid text size'); validate checks the text itself. */
const TEXT_CHARS = 2000;
const TEXT_BYTES = 4000;

/**
 * The row's marker (hex) as zero-width characters, two per hex digit (U+200B, U+200C, U+200D,
 * U+2060 as base-4 digits): invisible in the post, 24 characters and 72 bytes for a 12-digit marker.
 * [U] That WeCom keeps these characters in get_moment_list's `text.content` is not documented; if it
 * stripped them a lost answer would be sent again (the old at-least-once), never lost.
 */
const ZW = ['\u200b', '\u200c', '\u200d', '\u2060'] as const;
export function invisibleMarker(marker: string): string {
  let out = '';
  for (const ch of marker.toLowerCase()) {
    const n = Number.parseInt(ch, 16);
    if (Number.isNaN(n)) continue;
    out += ZW[n >> 2]! + ZW[n & 3]!;
  }
  return out;
}

/** The text that is posted: the wave's text with the marker appended, when it still fits. */
function markedText(text: string, marker: string): string | undefined {
  const t = text + invisibleMarker(marker);
  return [...t].length <= TEXT_CHARS && Buffer.byteLength(t, 'utf8') <= TEXT_BYTES ? t : undefined;
}

function payloadOf(row: DispatchRow): WecomMomentsPayload {
  return row.payload as WecomMomentsPayload;
}

async function poll(
  ctx: SendContext,
  jobid: string,
): Promise<{ momentId?: string; invalidSenders?: string[] }> {
  for (let i = 0; i < POLLS; i++) {
    const r = await ctx.clients.wecom.getMomentTaskResult(jobid);
    if (r.status === 3) {
      const invalid = r.result?.invalidSenderList?.userList ?? [];
      return {
        ...(r.result?.momentId ? { momentId: r.result.momentId } : {}),
        ...(invalid.length ? { invalidSenders: invalid } : {}),
      };
    }
    if (i < POLLS - 1) await ctx.sleep(POLL_MS);
  }
  return {};
}

export const wecomMoments: ChannelAdapter = {
  type: 'wecom-moments',
  delivery: 'exactly-once',
  why: 'once WeCom answered, the jobid is recorded and polled (never created twice); after a lost answer to add_moment_task the Moments of the window (get_moment_list) are searched for the marker at the end of the text',

  async send(row, ctx) {
    const p = payloadOf(row);
    let jobid = typeof ctx.previous.jobid === 'string' ? ctx.previous.jobid : undefined;
    if (!jobid) {
      const req: MomentTaskRequest = {};
      const senders = p.senders ?? [];
      const departments = p.departments ?? [];
      if (senders.length || departments.length || p.tags?.length) {
        req.visibleRange = {
          ...(senders.length || departments.length
            ? {
                sender_list: {
                  ...(senders.length ? { user_list: senders } : {}),
                  ...(departments.length ? { department_list: departments } : {}),
                },
              }
            : {}),
          ...(p.tags?.length ? { external_contact_list: { tag_list: p.tags } } : {}),
        };
      }
      // A text too long for the marker goes without it (and a lost answer is then sent again).
      const text = markedText(p.text ?? '', p.marker) ?? p.text;
      if (text) req.text = { content: text };
      if (p.poster?.path) {
        const file = p.poster.path;
        const mediaId = await uploadOnce(
          ctx,
          p.accounts.wecomCorp ?? '',
          'moment-attachment',
          file,
          async () =>
            (await ctx.clients.wecom.uploadAttachment('image', 1, await fileInput(ctx, file))).mediaId,
        );
        req.attachments = [{ msgtype: 'image', image: { media_id: mediaId } }];
      }
      jobid = (await ctx.clients.wecom.addMomentTask(req)).jobid;
      await ctx.checkpoint({ jobid });
    }
    const r = await poll(ctx, jobid);
    return done({
      remoteId: r.momentId ?? jobid,
      details: {
        jobid,
        ...r,
        ...(r.momentId ? {} : { note: 'the Moments job had not finished; its jobid is recorded' }),
        ...(p.poster && !p.poster.path
          ? { posterNote: `poster ${p.poster.key} not rendered: sent without it` }
          : {}),
      },
    });
  },

  async lookup(row, ctx): Promise<LookupResult | Failed | undefined> {
    const jobid = typeof ctx.previous.jobid === 'string' ? ctx.previous.jobid : undefined;
    if (jobid) {
      const r = await poll(ctx, jobid);
      return { found: true, remoteId: r.momentId ?? jobid, details: { jobid, ...r, foundBy: 'jobid' } };
    }
    const p = payloadOf(row);
    // Sent without the marker (too long a text): there is nothing to recognise it by.
    if (!markedText(p.text ?? '', p.marker)) return undefined;
    const marker = invisibleMarker(p.marker);
    const to = ctx.now.getTime() + 5 * MINUTE;
    const from = Math.max(
      (ctx.attemptStartedAt ?? new Date(row.dueAt)).getTime() - 10 * MINUTE,
      to - LIST_SPAN_MS,
    );
    // No `creator`: which userid WeCom records as the creator of an API-created task is not
    // published [U], and the window is minutes wide, so every corp moment in it is read.
    let cursor: string | undefined;
    for (let i = 0; i < 500; i++) {
      const page = await ctx.clients.wecom.getMomentList({
        startTime: Math.floor(from / 1000),
        endTime: Math.ceil(to / 1000),
        filterType: 0,
        limit: LIST_PAGE,
        ...(cursor ? { cursor } : {}),
      });
      const m = page.items.find((x) => x.text?.content?.includes(marker));
      if (m) {
        return {
          found: true,
          remoteId: m.momentId,
          details: { momentId: m.momentId, foundBy: 'moment list' },
        };
      }
      if (!page.nextCursor) return { found: false };
      cursor = page.nextCursor;
    }
    return failed('get_moment_list kept paging past 10,000 moments in the window', {
      hint: 'The earlier attempt could not be checked; it is tried again later.',
      retryable: true,
    });
  },
};
