import { WeChatApiError } from './errors.js';
import type { Transport } from './http.js';
import { type Id, toId, wireInt } from './ids.js';
import { type FileInput, mediaForm, type TempMedia, uploadTempMedia } from './media.js';
import type { TokenBroker } from './token-broker.js';
import { compact } from './wire-shape.js';

/**
 * Official Account (公众号): the menu, permanent material, drafts and mass send. Publishing
 * (freepublish) does not notify followers, so the campaign's "reach followers" wave is a mass send of
 * a draft. Menus keep their wire shape: we back the current menu up and write it back verbatim.
 */

export interface MenuButton {
  type?: string;
  name: string;
  key?: string;
  url?: string;
  appid?: string;
  pagepath?: string;
  media_id?: string;
  article_id?: string;
  sub_button?: MenuButton[];
}

export interface MenuAnswer {
  menu?: { button: MenuButton[]; menuid?: Id };
  conditionalmenu?: { button: MenuButton[]; matchrule?: Record<string, unknown>; menuid?: Id }[];
}

export interface DraftArticle {
  article_type?: 'news' | 'newspic';
  title: string;
  author?: string;
  digest?: string;
  /** HTML; images only from media/uploadimg. */
  content: string;
  content_source_url?: string;
  /** A permanent image media id (add_material). */
  thumb_media_id?: string;
  need_open_comment?: 0 | 1;
  only_fans_can_comment?: 0 | 1;
  pic_crop_235_1?: string;
  pic_crop_1_1?: string;
}

export interface MassSendRequest {
  filter: { isToAll: boolean; tagId?: number };
  msgtype: 'mpnews' | 'text' | 'voice' | 'images' | 'mpvideo' | 'wxcard';
  mpnews?: { media_id: string };
  text?: { content: string };
  /** 0 (default) stop when judged a reprint; 1 continue when reprinting is allowed. */
  sendIgnoreReprint?: 0 | 1;
  /** ≤ 64 bytes. WeChat dedupes on it for 24 h: always set it (the campaign/wave makes a good one). */
  clientmsgid?: string;
}

export interface MassSendResult {
  msgId: Id;
  msgDataId?: Id;
  /** True when WeChat said it already sent this clientmsgid (45065) and told us the msg_id. */
  duplicate: boolean;
}

export class OfficialAccountClient {
  constructor(
    private readonly t: Transport,
    readonly tokens: TokenBroker,
  ) {}

  /** Returned verbatim (wire shape) so it can be restored with createMenu. */
  async getMenu(): Promise<MenuAnswer> {
    const a = await this.t.json({
      path: '/cgi-bin/menu/get',
      method: 'GET',
      auth: this.tokens,
      idempotent: true,
    });
    const { errcode: _c, errmsg: _m, ...menu } = a;
    return menu as MenuAnswer;
  }

  async createMenu(menu: { button: MenuButton[] }): Promise<void> {
    await this.t.json({
      path: '/cgi-bin/menu/create',
      method: 'POST',
      json: menu,
      auth: this.tokens,
      idempotent: true,
    });
  }

  /** Deletes the default menu and every conditional menu. GET. */
  async deleteMenu(): Promise<void> {
    await this.t.json({ path: '/cgi-bin/menu/delete', method: 'GET', auth: this.tokens, idempotent: true });
  }

  /** Permanent material; videos need `description` {title, introduction}. */
  async addMaterial(
    type: 'image' | 'voice' | 'video' | 'thumb',
    file: FileInput,
    description?: { title: string; introduction: string },
  ): Promise<{ mediaId: string; url?: string }> {
    const a = await this.t.json({
      path: '/cgi-bin/material/add_material',
      method: 'POST',
      query: { type },
      form: mediaForm(file, description ? { description: JSON.stringify(description) } : {}),
      auth: this.tokens,
      // Each call adds another permanent item to a capped library.
      idempotent: false,
    });
    return compact({ mediaId: String(a.media_id ?? ''), url: typeof a.url === 'string' ? a.url : undefined });
  }

  /** Image URL for article bodies (external images are stripped from `content`). */
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

  uploadTempMedia(type: 'image' | 'voice' | 'video' | 'thumb', file: FileInput): Promise<TempMedia> {
    return uploadTempMedia(this.t, this.tokens, type, file);
  }

  async addDraft(articles: DraftArticle[]): Promise<{ mediaId: string }> {
    const a = await this.t.json({
      path: '/cgi-bin/draft/add',
      method: 'POST',
      json: { articles },
      auth: this.tokens,
      idempotent: false,
    });
    return { mediaId: String(a.media_id ?? '') };
  }

  /**
   * Mass send by tag or to all. With a clientmsgid, a repeat within 24 h is answered 45065 (45066
   * within a minute) with the first msg_id: the send we wanted exists, so it is returned as
   * `{duplicate: true}` instead of an error. This is what makes a retried wave safe.
   */
  async massSendAll(req: MassSendRequest): Promise<MassSendResult> {
    const json = compact({
      filter: compact({ is_to_all: req.filter.isToAll, tag_id: req.filter.tagId }),
      msgtype: req.msgtype,
      mpnews: req.mpnews,
      text: req.text,
      send_ignore_reprint: req.sendIgnoreReprint,
      clientmsgid: req.clientmsgid,
    });
    try {
      const a = await this.t.json({
        path: '/cgi-bin/message/mass/sendall',
        method: 'POST',
        json,
        auth: this.tokens,
        idempotent: false,
      });
      return compact({ msgId: toId(a.msg_id) ?? '', msgDataId: toId(a.msg_data_id), duplicate: false });
    } catch (err) {
      const first =
        err instanceof WeChatApiError && (err.errcode === 45065 || err.errcode === 45066)
          ? toId(err.payload.msg_id)
          : undefined;
      if (first) return { msgId: first, duplicate: true };
      throw err;
    }
  }

  /** SENDING → SEND_SUCCESS | SEND_FAIL | DELETE. */
  async massGet(msgId: Id): Promise<{ msgId: Id; msgStatus: string }> {
    const a = await this.t.json({
      path: '/cgi-bin/message/mass/get',
      method: 'POST',
      json: { msg_id: wireInt(msgId) },
      auth: this.tokens,
      idempotent: true,
    });
    return { msgId: toId(a.msg_id) ?? msgId, msgStatus: String(a.msg_status ?? '') };
  }
}
