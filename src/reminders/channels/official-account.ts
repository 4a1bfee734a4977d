import { done, failed, type StepOutcome, skip } from '../../outcome.js';
import type { MenuButton } from '../../wechat/index.js';
import type { OfficialAccountPayload } from '../types.js';
import { fileInput, fitBytes, isErrcode, uploadOnce } from './media.js';
import type { ChannelAdapter, DispatchRow, SendContext, SendResult } from './types.js';

/**
 * The Official Account, three kinds of rows:
 * - `article`: the day-before article — the cover as permanent material (add_material), the poster
 *   in the body (media/uploadimg), a draft (draft/add), then mass/sendall to all followers with
 *   `clientmsgid` = the row's idempotency key. WeChat deduplicates a clientmsgid for 24 h (45065 /
 *   45066 with the first msg_id), so a retry after a lost answer cannot send twice. The cover and the
 *   draft ids are checkpointed, so a retry does not pile up drafts either.
 * - `menu-switch`: backs the current menu up (menu/get; none → null), records the backup, then makes
 *   the first top-level button the coupon-claim entry (menu/create: idempotent).
 * - `menu-restore`: writes the backup back (or deletes the menu when there was none).
 * The backup lives in the state as the `menu` resource, so `livectl status` and the restore see it.
 */

/** Where an old client goes when it cannot open mini programs from a menu. */
const MENU_FALLBACK_URL = 'https://mp.weixin.qq.com/';
const TITLE_CHARS = 32;
/** How long after an attempt a resend still counts on clientmsgid deduplication (24 h, an hour to spare). */
const DEDUPE_SAFE_MS = 23 * 3_600_000;
const TOP_NAME_BYTES = 16;

function payloadOf(row: DispatchRow): OfficialAccountPayload {
  return row.payload as OfficialAccountPayload;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The article body: the text as paragraphs, then the poster. */
export function articleHtml(text: string, imageUrl?: string): string {
  const paras = text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${escapeHtml(l)}</p>`);
  if (imageUrl) paras.push(`<p><img src="${escapeHtml(imageUrl)}" /></p>`);
  return paras.join('\n');
}

function cutChars(s: string, n: number): string {
  const cs = [...s];
  return cs.length <= n ? s : cs.slice(0, n).join('');
}

async function sendArticle(row: DispatchRow, ctx: SendContext): Promise<StepOutcome<SendResult>> {
  const p = payloadOf(row);
  const oa = ctx.clients.officialAccount;
  const account = p.accounts.officialAccount ?? '';
  let draft = typeof ctx.previous.draftMediaId === 'string' ? ctx.previous.draftMediaId : undefined;
  if (!draft) {
    const coverFile = p.poster?.path ?? p.room.shareImage;
    if (!coverFile) {
      return failed(
        'an Official Account article needs a cover image, and this wave has neither a rendered poster nor the room share image',
        { hint: 'Run `livectl apply` so the wave poster is rendered, then dispatch again.' },
      );
    }
    let thumb = typeof ctx.previous.thumbMediaId === 'string' ? ctx.previous.thumbMediaId : undefined;
    if (!thumb) {
      thumb = await uploadOnce(
        ctx,
        account,
        'oa-material',
        coverFile,
        async () => (await oa.addMaterial('image', await fileInput(ctx, coverFile))).mediaId,
      );
      await ctx.checkpoint({ thumbMediaId: thumb });
    }
    const file = p.poster?.path;
    const body = file
      ? await uploadOnce(
          ctx,
          account,
          'oa-uploadimg',
          file,
          async () => (await oa.uploadImage(await fileInput(ctx, file))).url,
        )
      : undefined;
    const title = cutChars(p.title ?? `「${p.room.name}」直播预告`, TITLE_CHARS);
    draft = (
      await oa.addDraft([
        {
          title,
          content: articleHtml(p.text, body),
          digest: cutChars(p.text.replace(/\s+/g, ' '), 120),
          thumb_media_id: thumb,
          need_open_comment: 1,
        },
      ])
    ).mediaId;
    await ctx.checkpoint({ draftMediaId: draft });
  }
  // WeChat answers a repeated clientmsgid with the first msg_id for 24 hours only. An earlier attempt
  // whose answer was lost (no msg_id recorded) longer ago than that can no longer be told apart from
  // a new send: say so instead of risking a second article to every follower.
  const since = ctx.attemptStartedAt;
  if (
    since &&
    typeof ctx.previous.msgId !== 'string' &&
    ctx.now.getTime() - since.getTime() >= DEDUPE_SAFE_MS
  ) {
    return failed(
      `an earlier attempt at ${since.toISOString()} may have sent the article, and WeChat deduplicates clientmsgid for 24 hours only: not sending again`,
      {
        hint: "Check the Official Account's sent messages (发表记录); if the article did not go out, send it by hand. A wave's grace over 23 hours for an article allows this.",
      },
    );
  }
  const sent = await oa.massSendAll({
    filter: { isToAll: true },
    msgtype: 'mpnews',
    mpnews: { media_id: draft },
    sendIgnoreReprint: 1,
    clientmsgid: row.idempotencyKey,
  });
  const msgId = String(sent.msgId);
  await ctx.checkpoint({ msgId });
  let status: string | undefined;
  try {
    status = (await oa.massGet(sent.msgId)).msgStatus;
  } catch {
    // The send is done; its status is a nicety (status polls it again later).
  }
  return done({
    remoteId: msgId,
    details: {
      msgId,
      draftMediaId: draft,
      ...(sent.msgDataId !== undefined ? { msgDataId: String(sent.msgDataId) } : {}),
      ...(sent.duplicate ? { duplicate: true } : {}),
      ...(status ? { msgStatus: status } : {}),
    },
  });
}

function claimButton(p: OfficialAccountPayload): MenuButton {
  const menu = p.menu!;
  return {
    type: 'miniprogram',
    name: fitBytes(menu.name, TOP_NAME_BYTES),
    appid: p.accounts.miniProgram,
    pagepath: menu.page,
    url: MENU_FALLBACK_URL,
  };
}

const sameButton = (a: MenuButton | undefined, b: MenuButton) =>
  a !== undefined && a.type === b.type && a.name === b.name && a.pagepath === b.pagepath;

type Backup = { button: MenuButton[] } | null;

async function switchMenu(row: DispatchRow, ctx: SendContext): Promise<StepOutcome<SendResult>> {
  const p = payloadOf(row);
  const oa = ctx.clients.officialAccount;
  const ours = claimButton(p);
  const rec = await ctx.resources.get('menu');
  let backup: Backup | undefined =
    'backup' in ctx.previous
      ? (ctx.previous.backup as Backup)
      : rec && 'backup' in rec.attributes
        ? (rec.attributes.backup as Backup)
        : undefined;
  if (backup === undefined) {
    let current: Backup = null;
    try {
      const m = await oa.getMenu();
      current = m.menu ? { button: m.menu.button } : null;
    } catch (err) {
      if (!isErrcode(err, 46003)) throw err; // 46003: no menu yet
    }
    // Never back up our own entry (an earlier switch whose record was lost): that would "restore" it.
    if (current && sameButton(current.button[0], ours)) current = null;
    backup = current;
    await ctx.checkpoint({ backup });
    await putMenu(ctx, rec, { backup, backedUpAt: ctx.now.toISOString() });
  }
  const button = backup ? [ours, ...backup.button.slice(1, 3)] : [ours];
  await oa.createMenu({ button });
  await putMenu(ctx, await ctx.resources.get('menu'), {
    switchedAt: ctx.now.toISOString(),
    entry: ours.name,
  });
  return done({ remoteId: 'menu', details: { backup, button: ours } });
}

async function restoreMenu(_row: DispatchRow, ctx: SendContext): Promise<StepOutcome<SendResult>> {
  const oa = ctx.clients.officialAccount;
  const rec = await ctx.resources.get('menu');
  if (!rec || !('backup' in rec.attributes)) {
    return skip('the menu was never switched: nothing to restore');
  }
  const backup = rec.attributes.backup as Backup;
  if (backup) await oa.createMenu({ button: backup.button });
  else await oa.deleteMenu();
  await putMenu(ctx, rec, { restoredAt: ctx.now.toISOString() });
  return done({ remoteId: 'menu', details: { restored: backup ? 'previous menu' : 'no menu (deleted)' } });
}

async function putMenu(
  ctx: SendContext,
  rec: Awaited<ReturnType<SendContext['resources']['get']>>,
  attrs: Record<string, unknown>,
): Promise<void> {
  const now = ctx.now.toISOString();
  await ctx.resources.put({
    ...(rec ?? { address: 'menu', kind: 'menu', createdAt: now }),
    address: 'menu',
    kind: 'menu',
    attributes: { ...(rec?.attributes ?? {}), ...attrs },
    updatedAt: now,
  });
}

export const officialAccount: ChannelAdapter = {
  type: 'official-account',
  delivery: 'exactly-once',
  why: 'mass/sendall carries clientmsgid = the idempotency key, which WeChat deduplicates for 24 h; menu changes are idempotent',

  send(row, ctx) {
    const op = payloadOf(row).op;
    if (op === 'menu-switch') return switchMenu(row, ctx);
    if (op === 'menu-restore') return restoreMenu(row, ctx);
    return sendArticle(row, ctx);
  },

  async lookup(row, ctx) {
    const p = payloadOf(row);
    if (p.op !== 'article') return { found: false }; // menu writes are idempotent: just write again
    const msgId = typeof ctx.previous.msgId === 'string' ? ctx.previous.msgId : undefined;
    // No msg_id recorded: sending again with the same clientmsgid returns the first one (45065).
    if (!msgId) return { found: false };
    return { found: true, remoteId: msgId, details: { msgId, foundBy: 'recorded msg_id' } };
  },
};
