import type { MomentTaskRequest } from '../../wechat/index.js';
import type { WecomMomentsPayload } from '../types.js';
import { fileInput, uploadOnce } from './media.js';
import type { ChannelAdapter, DispatchRow, SendContext } from './types.js';

/**
 * Shop assistants' Moments: add_moment_task with the wave's text and poster (uploaded with
 * upload_attachment, type 1 — Moments take no mini-program card), then the asynchronous job is polled
 * (get_moment_task_result) to its moment_id. Members publish it from their WeCom client.
 *
 * The jobid is recorded the moment WeCom answers, so a crash while polling resumes the poll instead
 * of creating a second task. If the create's own answer is lost there is no jobid to ask about, and
 * livectl's client has no Moments list query: that case is sent again (at-least-once) — the task
 * still waits for each member's confirmation, so a duplicate is visible to a person before it posts.
 */

const POLLS = 5;
const POLL_MS = 2_000;

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
  delivery: 'at-least-once',
  why: 'once WeCom answered, the jobid is recorded and polled (never created twice); a lost answer to add_moment_task leaves no jobid and there is no Moments list query in the client, so that task is created again',

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
      if (p.text) req.text = { content: p.text };
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
    return {
      remoteId: r.momentId ?? jobid,
      details: {
        jobid,
        ...r,
        ...(r.momentId ? {} : { note: 'the Moments job had not finished; its jobid is recorded' }),
        ...(p.poster && !p.poster.path
          ? { posterNote: `poster ${p.poster.key} not rendered: sent without it` }
          : {}),
      },
    };
  },

  async lookup(_row, ctx) {
    const jobid = typeof ctx.previous.jobid === 'string' ? ctx.previous.jobid : undefined;
    if (!jobid) return undefined;
    const r = await poll(ctx, jobid);
    return { found: true, remoteId: r.momentId ?? jobid, details: { jobid, ...r, foundBy: 'jobid' } };
  },
};
