import type { Transport } from './http.js';
import { type FileInput, mediaForm, type TempMedia, toTempMedia, uploadTempMedia } from './media.js';
import type { TokenBroker } from './token-broker.js';
import { camelizeAnswer, compact } from './wire-shape.js';

/**
 * WeCom (qyapi.weixin.qq.com) customer contact: group-send tasks to customers and customer groups,
 * customer Moments tasks, and the media they need. These APIs create *tasks*: a member confirms in the
 * WeCom client before anything is delivered, so results are polled later.
 *
 * Attachments keep WeCom's wire shape (snake_case, `msgtype` + object of the same name): they are
 * written by templates and read back from the list APIs, and one shape both ways is simpler.
 */

export type WeComAttachment =
  | { msgtype: 'image'; image: { media_id?: string; pic_url?: string } }
  | { msgtype: 'link'; link: { title: string; picurl?: string; desc?: string; url: string } }
  | {
      msgtype: 'miniprogram';
      miniprogram: { title: string; pic_media_id: string; appid: string; page: string };
    }
  | { msgtype: 'video'; video: { media_id: string } }
  | { msgtype: 'file'; file: { media_id: string } };

export interface MsgTemplateRequest {
  /** `single` (customers, default) or `group` (customer groups; needs `sender`). */
  chatType?: 'single' | 'group';
  externalUserid?: string[];
  chatIdList?: string[];
  tagFilter?: { group_list: { tag_list: string[] }[] };
  sender?: string;
  allowSelect?: boolean;
  /** ≤ 4000 bytes. */
  text?: { content: string };
  /** ≤ 9. */
  attachments?: WeComAttachment[];
}

export interface MsgTemplateResult {
  msgid: string;
  /** Customers that could not be included. */
  failList: string[];
}

export interface GroupMsg {
  msgid: string;
  creator?: string;
  /** Unix seconds; WeCom sends a string or a number. */
  createTime: number;
  createType: 0 | 1;
  text?: { content: string };
  attachments?: WeComAttachment[];
}

export interface GroupMsgTask {
  userid: string;
  /** 0 not sent, 2 sent. */
  status: number;
  sendTime?: number;
}

export interface GroupMsgSendResult {
  externalUserid?: string;
  chatId?: string;
  userid: string;
  /** 0 not sent, 1 sent, 2 not a friend, 3 recipient cap reached. */
  status: number;
  sendTime?: number;
}

export type MomentAttachment =
  | { msgtype: 'image'; image: { media_id: string } }
  | { msgtype: 'video'; video: { media_id: string } }
  | { msgtype: 'link'; link: { title?: string; url: string; media_id: string } };

export interface MomentTaskRequest {
  visibleRange?: {
    sender_list?: { user_list?: string[]; department_list?: number[] };
    external_contact_list?: { tag_list?: string[] };
  };
  text?: { content: string };
  attachments?: MomentAttachment[];
}

export interface MomentTaskResult {
  /** 1 started, 2 running, 3 done (then `result` is meaningful). */
  status: 1 | 2 | 3;
  type: string;
  result?: {
    errcode: number;
    errmsg: string;
    momentId?: string;
    invalidSenderList?: { userList?: string[]; departmentList?: number[] };
    invalidExternalContactList?: { tagList?: string[] };
  };
}

/** One record of get_moment_list. */
export interface MomentRecord {
  momentId: string;
  creator?: string;
  /** Unix seconds. */
  createTime: number;
  /** 0 published by the corp, 1 by a member. */
  createType: 0 | 1;
  visibleType?: number;
  text?: { content: string };
  image?: { mediaId?: string }[];
}

const EC = '/cgi-bin/externalcontact';
/** List answers echo attachments: keep their wire shape (see above). */
const KEEP = new Set(['attachments']);

interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export class WeComClient {
  constructor(
    private readonly t: Transport,
    readonly tokens: TokenBroker,
  ) {}

  private post(path: string, json: unknown, idempotent: boolean) {
    return this.t.json({ path, method: 'POST', json, auth: this.tokens, idempotent });
  }

  /** The WeCom access token (gettoken), cached and shared. Never print it. */
  getToken(): Promise<string> {
    return this.tokens.getToken();
  }

  /** Temporary media (3 days): group-send images, videos, files, miniprogram covers. */
  uploadMedia(type: 'image' | 'voice' | 'video' | 'file', file: FileInput): Promise<TempMedia> {
    return uploadTempMedia(this.t, this.tokens, type, file);
  }

  /** Attachment resources (3 days). `attachmentType` 1 = Moments, 2 = product album. */
  async uploadAttachment(
    mediaType: 'image' | 'video' | 'file',
    attachmentType: 1 | 2,
    file: FileInput,
  ): Promise<TempMedia> {
    const a = await this.t.json({
      path: '/cgi-bin/media/upload_attachment',
      method: 'POST',
      query: { media_type: mediaType, attachment_type: attachmentType },
      form: mediaForm(file),
      auth: this.tokens,
      idempotent: true,
    });
    return toTempMedia(a);
  }

  /** A permanent image URL: the only valid `pic_url` for group-send images. */
  async uploadImage(file: FileInput): Promise<{ url: string }> {
    const a = await this.t.json({
      path: '/cgi-bin/media/uploadimg',
      method: 'POST',
      form: mediaForm(file),
      auth: this.tokens,
      idempotent: true,
    });
    return { url: String(a.url ?? '') };
  }

  /** Creates a group-send task (members confirm before delivery). Not idempotent: record the msgid. */
  async addMsgTemplate(req: MsgTemplateRequest): Promise<MsgTemplateResult> {
    const a = await this.post(
      `${EC}/add_msg_template`,
      compact({
        chat_type: req.chatType,
        external_userid: req.externalUserid,
        chat_id_list: req.chatIdList,
        tag_filter: req.tagFilter,
        sender: req.sender,
        allow_select: req.allowSelect,
        text: req.text,
        attachments: req.attachments,
      }),
      false,
    );
    return { msgid: String(a.msgid ?? ''), failList: (a.fail_list as string[] | undefined) ?? [] };
  }

  /** Group-send records in a window (≤ 1 month). Used to find an earlier attempt before re-sending. */
  async getGroupMsgList(q: {
    chatType: 'single' | 'group';
    startTime: number;
    endTime: number;
    creator?: string;
    filterType?: 0 | 1 | 2;
    limit?: number;
    cursor?: string;
  }): Promise<Page<GroupMsg>> {
    const a = camelizeAnswer(
      await this.post(
        `${EC}/get_groupmsg_list_v2`,
        compact({
          chat_type: q.chatType,
          start_time: q.startTime,
          end_time: q.endTime,
          creator: q.creator,
          filter_type: q.filterType,
          limit: q.limit,
          cursor: q.cursor,
        }),
        true,
      ),
      KEEP,
    ) as { groupMsgList?: GroupMsg[]; nextCursor?: string };
    const items = (a.groupMsgList ?? []).map((m) => ({ ...m, createTime: Number(m.createTime) }));
    return page(items, a.nextCursor);
  }

  async getGroupMsgTask(q: { msgid: string; limit?: number; cursor?: string }): Promise<Page<GroupMsgTask>> {
    const a = camelizeAnswer(await this.post(`${EC}/get_groupmsg_task`, compact({ ...q }), true)) as {
      taskList?: GroupMsgTask[];
      nextCursor?: string;
    };
    return page(a.taskList ?? [], a.nextCursor);
  }

  async getGroupMsgSendResult(q: {
    msgid: string;
    userid: string;
    limit?: number;
    cursor?: string;
  }): Promise<Page<GroupMsgSendResult>> {
    const a = camelizeAnswer(await this.post(`${EC}/get_groupmsg_send_result`, compact({ ...q }), true)) as {
      sendList?: GroupMsgSendResult[];
      nextCursor?: string;
    };
    return page(a.sendList ?? [], a.nextCursor);
  }

  /** Re-notifies members (≤ 3 times per task per 24 h). */
  async remindGroupMsgSend(msgid: string): Promise<void> {
    await this.post(`${EC}/remind_groupmsg_send`, { msgid }, false);
  }

  async cancelGroupMsgSend(msgid: string): Promise<void> {
    await this.post(`${EC}/cancel_groupmsg_send`, { msgid }, true);
  }

  /** Asynchronous: returns a jobid (valid 24 h) to poll with getMomentTaskResult. No miniprogram attachments. */
  async addMomentTask(req: MomentTaskRequest): Promise<{ jobid: string }> {
    const a = await this.post(
      `${EC}/add_moment_task`,
      compact({ visible_range: req.visibleRange, text: req.text, attachments: req.attachments }),
      false,
    );
    return { jobid: String(a.jobid ?? '') };
  }

  /** GET with the jobid in the query. */
  async getMomentTaskResult(jobid: string): Promise<MomentTaskResult> {
    const a = camelizeAnswer(
      await this.t.json({
        path: `${EC}/get_moment_task_result`,
        method: 'GET',
        query: { jobid },
        auth: this.tokens,
        idempotent: true,
      }),
    ) as MomentTaskResult & Record<string, unknown>;
    const out: MomentTaskResult = { status: a.status, type: String(a.type ?? '') };
    if (a.result) out.result = a.result;
    return out;
  }

  /**
   * The corp's Moments records in a window (≤ 30 days; records strictly inside it), pages of ≤ 20.
   * `filterType` 0 = published by the corp (add_moment_task), 1 = by members, 2 = all (default).
   * Deleted moments are not listed; a self-built app sees only its visible range. Used to find an
   * earlier add_moment_task whose answer was lost.
   */
  async getMomentList(q: {
    startTime: number;
    endTime: number;
    creator?: string;
    filterType?: 0 | 1 | 2;
    limit?: number;
    cursor?: string;
  }): Promise<Page<MomentRecord>> {
    const a = camelizeAnswer(
      await this.post(
        `${EC}/get_moment_list`,
        compact({
          start_time: q.startTime,
          end_time: q.endTime,
          creator: q.creator,
          filter_type: q.filterType,
          cursor: q.cursor,
          limit: q.limit,
        }),
        true,
      ),
    ) as { momentList?: MomentRecord[]; nextCursor?: string };
    const items = (a.momentList ?? []).map((m) => ({ ...m, createTime: Number(m.createTime) }));
    return page(items, a.nextCursor);
  }

  async getMomentTask(q: {
    momentId: string;
    cursor?: string;
    limit?: number;
  }): Promise<Page<{ userid: string; publishStatus: 0 | 1 }>> {
    const a = camelizeAnswer(
      await this.post(
        `${EC}/get_moment_task`,
        compact({ moment_id: q.momentId, cursor: q.cursor, limit: q.limit }),
        true,
      ),
    ) as { taskList?: { userid: string; publishStatus: 0 | 1 }[]; nextCursor?: string };
    return page(a.taskList ?? [], a.nextCursor);
  }
}

function page<T>(items: T[], nextCursor: string | undefined): Page<T> {
  return nextCursor ? { items, nextCursor } : { items };
}
