import { createHash } from 'node:crypto';
import path from 'node:path';
import { isShippedMessage } from '../campaign/catalog.js';
import { messageScope } from '../campaign/message-scope.js';
import { renderPlaceholders } from '../campaign/placeholders.js';
import { isChannels, livePageOf } from '../campaign/platform.js';
import type { CampaignTimes } from '../campaign/rules/context.js';
import type { AfterWave, Campaign, ChannelSettings, Wave } from '../campaign/schema.js';
import { parseDuration } from '../campaign/time.js';
import { liveEntryPath, posterTargets, sharePath } from '../poster/targets.js';
import { cueRows } from './cues.js';
import { defaultGraceMs } from './grace.js';
import { PRODUCT_CARD_CHANNEL, productCardEntries } from './product-cards.js';
import { cardless, channelsPage, withoutCardWords } from './schedule-channels.js';
import type {
  OutboxRowSpec,
  PayloadCommon,
  ReminderKind,
  ReminderPayload,
  RoomState,
  ScheduleInputs,
} from './types.js';

/**
 * Campaign → outbox rows. Pure: texts, audiences and the room's ids come in; nothing is read here.
 *
 * One row per (campaign, wave, channel, audience slice):
 * - wecom-groups: one per sender (each sender confirms their own task in WeCom);
 * - wecom-moments, official-account, live-followers, robot: one per wave;
 * - subscribe-message: one per chunk of the audience (1,000 openids by default);
 * - official-account with `menu:`: a `menu-switch` row with its first wave and a `menu-restore` row
 *   after the campaign (the end of the broadcast or the last after-wave, whichever is later);
 * - robot channels also get the run-sheet cues of `during:` (wave `during`, see cues.ts);
 * - each `during.productCards` entry: one `product-card` row (wave `during`, channel `room`, slice
 *   `card:<n>`) that dispatch pushes into the live room (see product-cards.ts).
 * Waves whose time cannot be resolved, and names that are not channels, give no rows (validate
 * reports both).
 */

export const DEFAULT_CHUNK_SIZE = 1_000;

/** 32 hex characters of sha256 over the row's identity — never over its text or time. */
export function reminderKey(campaign: string, wave: string, channel: string, slice: string): string {
  return createHash('sha256')
    .update(JSON.stringify(['livectl/reminder/v1', campaign, wave, channel, slice]))
    .digest('hex')
    .slice(0, 32);
}

type AnyWave = Wave | AfterWave;

interface PlacedWave {
  wave: AnyWave;
  after: boolean;
  at: Date;
  /** Index among the after-waves sorted by time (0 = first); -1 for warm-up waves. */
  afterRank: number;
}

const HOUR = 3_600_000;

/**
 * What a wave is, from its place: 36 h or more before the start → teaser; 3 h or more → the
 * day-before article; less → "starting soon"; from the start to the end → live now. After-waves:
 * the first is feedback, later ones the replay when the room keeps one.
 */
export function kindOfPlace(c: Campaign, times: CampaignTimes, w: PlacedWave): ReminderKind {
  if (w.after) return w.afterRank === 0 || !c.room.features.replay ? 'feedback' : 'replay';
  const start = times.start?.getTime();
  if (start === undefined) return 'message';
  const lead = start - w.at.getTime();
  if (lead >= 36 * HOUR) return 'teaser';
  if (lead >= 3 * HOUR) return 'article';
  if (lead > 0) return 'soon';
  const end = times.end?.getTime();
  return end === undefined || w.at.getTime() < end ? 'live-now' : 'replay';
}

const SHIPPED_FOR_KIND: Partial<Record<ReminderKind, string>> = {
  teaser: 'teaser',
  article: 'article',
  soon: 'soon',
  'live-now': 'live-now',
  feedback: 'feedback',
  replay: 'replay',
};

/** The message reference a wave uses: its own, or the shipped default for its place. */
export function messageRefOf(c: Campaign, times: CampaignTimes, w: PlacedWave): AnyWave['message'] {
  if (w.wave.message !== undefined) return w.wave.message;
  return SHIPPED_FOR_KIND[kindOfPlace(c, times, w)] ?? 'teaser';
}

function placedWaves(c: Campaign, times: CampaignTimes): PlacedWave[] {
  const out: PlacedWave[] = [];
  for (const wave of c.waves) {
    const at = times.waves.get(wave.id);
    if (at) out.push({ wave, after: false, at, afterRank: -1 });
  }
  const after = c.after
    .map((wave) => ({ wave, at: times.after.get(wave.id) }))
    .filter((x): x is { wave: AfterWave; at: Date } => x.at !== undefined)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  after.forEach((x, i) => {
    out.push({ wave: x.wave, after: true, at: x.at, afterRank: i });
  });
  return out;
}

export function scheduleReminders(
  campaign: Campaign,
  times: CampaignTimes,
  room: RoomState | undefined,
  inputs: ScheduleInputs,
): OutboxRowSpec[] {
  const c = campaign;
  const name = c.metadata.name;
  const rows: OutboxRowSpec[] = [];
  const posters = new Map(
    posterTargets(c, times, room?.roomId === undefined ? {} : { roomId: room.roomId }).targets.flatMap((t) =>
      t.waveId === undefined ? [] : [[t.waveId, t] as const],
    ),
  );
  const accounts = {
    miniProgram: c.accounts.miniProgram?.appId ?? '',
    ...(c.accounts.wecom ? { wecomCorp: c.accounts.wecom.corpId } : {}),
    ...(c.accounts.officialAccount ? { officialAccount: c.accounts.officialAccount.appId } : {}),
  };
  const shareImage =
    inputs.campaignDir !== undefined ? path.resolve(inputs.campaignDir, c.room.images.share) : undefined;
  const waves = placedWaves(c, times);
  // The page a card or the menu opens: the merchant's live page with the share code's query, else
  // the live-player plugin's path (the one getsharedcode recorded for the wave, when there is one).
  // After-waves of a room that keeps a replay open the live page for the replay (`replay=1`); the
  // plugin's own path needs no flag: for an ended room it plays the replay.
  const livePage = livePageOf(c);
  const channels = isChannels(c);
  const noCard = cardless(c);
  const roomPage = (waveId: string | undefined, recorded?: string, replay = false): string =>
    channels
      ? channelsPage(c, waveId)
      : livePage !== undefined
        ? liveEntryPath(livePage, room?.roomId, waveId, replay)
        : (recorded ?? sharePath(room?.roomId, waveId));

  const push = (
    w: { id: string; at: Date; grace?: string },
    channel: string,
    slice: string,
    kind: ReminderKind,
    payload: ReminderPayload,
  ) => {
    const explicit = w.grace !== undefined ? parseDuration(w.grace) : undefined;
    rows.push({
      campaign: name,
      wave: w.id,
      channel,
      slice,
      dueAt: w.at.toISOString(),
      graceMs: explicit ?? defaultGraceMs(kind),
      idempotencyKey: reminderKey(name, w.id, channel, slice),
      payload,
    });
  };

  for (const w of waves) {
    const kind = kindOf(c, times, w);
    const scope = messageScope(c, times, w.wave);
    const { text, title } = renderMessage(messageRefOf(c, times, w), scope, inputs.texts);
    const ids = 'coupons' in w.wave ? (w.wave.coupons ?? []) : [];
    const coupons = ids.flatMap((id) => {
      const k = c.coupons.find((x) => x.id === id);
      return k ? [{ id: k.id, title: k.title }] : [];
    });
    const target = posters.get(w.wave.id);
    const waveRoom = room?.waves?.[w.wave.id];
    const page = roomPage(w.wave.id, waveRoom?.sharePath, w.after && c.room.features.replay);
    const at = { id: w.wave.id, at: w.at, ...(w.wave.grace !== undefined ? { grace: w.wave.grace } : {}) };
    // 视频号 has no replay API to wait for.
    const waitForReplay = !channels && w.after && promisesReplay(w.wave, kind);

    for (const channel of w.wave.channels) {
      const ch = c.channels[channel];
      if (!ch || (channels && ch.type === 'live-followers')) continue;
      const common = (slice: string): PayloadCommon => {
        const marker = reminderKey(name, w.wave.id, channel, slice).slice(0, 12);
        return {
          v: 1,
          type: ch.type,
          kind,
          accounts,
          timezone: c.metadata.timezone,
          text: noCard ? withoutCardWords(text) : textFor(ch.type, text, target !== undefined),
          ...(title !== undefined ? { title } : {}),
          ...(target
            ? {
                poster: {
                  key: target.key,
                  template: target.template,
                  ...(waveRoom?.posterPath !== undefined ? { path: waveRoom.posterPath } : {}),
                },
              }
            : {}),
          coupons,
          room: {
            name: c.room.name,
            ...(room?.roomId !== undefined ? { id: room.roomId } : {}),
            page: noCard ? '' : withMarker(page, marker),
            ...(shareImage !== undefined && !noCard ? { shareImage } : {}),
            ...(room?.noticeId !== undefined ? { noticeId: room.noticeId } : {}),
          },
          ...(noCard ? { noCard: true as const } : {}),
          marker,
          ...(waitForReplay ? { waitForReplay: true as const } : {}),
        };
      };
      for (const [slice, payload] of channelRows(c, ch, scope, common, inputs)) {
        push(at, channel, slice, kind, payload);
      }
    }
  }

  // The Official Account's menu: switched with the first wave that goes to the account, restored
  // after the campaign.
  for (const [channel, ch] of Object.entries(c.channels)) {
    if (ch.type !== 'official-account' || !ch.menu || c.accounts.miniProgram === undefined) continue;
    const first = waves
      .filter((w) => w.wave.channels.includes(channel))
      .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
    if (!first) continue;
    const page = ch.menu.page ?? roomPage(first.wave.id);
    if (page === '') continue; // channels without a live page: nothing for the menu to open
    const menuPayload = (op: 'menu-switch' | 'menu-restore', slice: string): ReminderPayload => ({
      v: 1,
      type: 'official-account',
      kind: op,
      op,
      accounts,
      timezone: c.metadata.timezone,
      text: '',
      coupons: [],
      room: { name: c.room.name, ...(room?.roomId !== undefined ? { id: room.roomId } : {}), page },
      marker: reminderKey(name, first.wave.id, channel, slice).slice(0, 12),
      menu: { name: ch.menu!.name, page },
    });
    push(
      { id: first.wave.id, at: first.at, ...(first.wave.grace ? { grace: first.wave.grace } : {}) },
      channel,
      'menu-switch',
      'menu-switch',
      menuPayload('menu-switch', 'menu-switch'),
    );
    const ends = [times.end, ...waves.filter((w) => w.after).map((w) => w.at)].filter(
      (d): d is Date => d !== undefined,
    );
    const restoreAt = new Date(Math.max(first.at.getTime(), ...ends.map((d) => d.getTime())));
    push(
      { id: first.wave.id, at: restoreAt },
      channel,
      'menu-restore',
      'menu-restore',
      menuPayload('menu-restore', 'menu-restore'),
    );
  }

  // Run-sheet cues for every robot channel.
  for (const [channel, ch] of Object.entries(c.channels)) {
    if (ch.type !== 'robot') continue;
    for (const cue of cueRows(c, times)) {
      const slice = `cue:${cue.id}`;
      const payload: ReminderPayload = {
        v: 1,
        type: 'robot',
        kind: 'cue',
        accounts,
        timezone: c.metadata.timezone,
        text: cue.text,
        title: cue.title,
        coupons: cue.coupons,
        room: {
          name: c.room.name,
          ...(room?.roomId !== undefined ? { id: room.roomId } : {}),
          page: roomPage(undefined),
        },
        marker: reminderKey(name, 'during', channel, slice).slice(0, 12),
        keyEnv: ch.keyEnv,
        msgtype: 'markdown',
        content: robotMarkdown(cue.title, cue.text),
      };
      push({ id: 'during', at: cue.at }, channel, slice, 'cue', payload);
    }
  }

  // Product cards: one row per entry of during.productCards, pushed into the room (not a channel).
  // On channels products are explained from the live console by hand (a plan task).
  for (const card of channels ? [] : productCardEntries(c, times, room)) {
    const slice = `card:${card.index + 1}`;
    const payload: ReminderPayload = {
      v: 1,
      type: 'product-card',
      kind: 'product-card',
      accounts,
      timezone: c.metadata.timezone,
      text: `商品卡片：${card.product.name}`,
      coupons: [],
      room: {
        name: c.room.name,
        ...(room?.roomId !== undefined ? { id: room.roomId } : {}),
        page: roomPage(undefined),
      },
      marker: reminderKey(name, 'during', PRODUCT_CARD_CHANNEL, slice).slice(0, 12),
      product: card.product,
    };
    push({ id: 'during', at: card.at }, PRODUCT_CARD_CHANNEL, slice, 'product-card', payload);
  }

  return rows.sort(
    (a, b) =>
      a.dueAt.localeCompare(b.dueAt) ||
      a.wave.localeCompare(b.wave) ||
      a.channel.localeCompare(b.channel) ||
      a.slice.localeCompare(b.slice),
  );
}

/** An after-wave promises the replay when it says so: the replay kind, message or poster. */
export function promisesReplay(wave: AnyWave, kind: ReminderKind): boolean {
  return kind === 'replay' || wave.message === 'replay' || wave.poster === 'replay';
}

/** The kind that sets the default grace: the shipped message's name, else the wave's place. */
function kindOf(c: Campaign, times: CampaignTimes, w: PlacedWave): ReminderKind {
  const m = w.wave.message;
  if (typeof m === 'string' && isShippedMessage(m)) return m as ReminderKind;
  return kindOfPlace(c, times, w);
}

function renderMessage(
  ref: AnyWave['message'],
  scope: Record<string, unknown>,
  texts: ReadonlyMap<string, string>,
): { text: string; title?: string } {
  if (ref === undefined) return { text: '' };
  if (typeof ref === 'string') {
    const raw = texts.get(ref);
    if (raw === undefined) {
      // A bug in the caller, not the user's: validate has checked the reference exists.
      throw new Error(`scheduleReminders: no text for message "${ref}" (the caller must load it)`);
    }
    return { text: renderPlaceholders(raw, scope).text.trim() };
  }
  const text = renderPlaceholders(ref.text, scope).text.trim();
  return ref.title === undefined
    ? { text }
    : { text, title: renderPlaceholders(ref.title, scope).text.trim() };
}

/**
 * Moments and the robot carry no mini-program card: "点击卡片…" there points at nothing. Moments
 * with a poster point at its code instead; otherwise the phrase goes (and the 👇 that pointed at it).
 */
export function textFor(type: ChannelSettings['type'], text: string, hasPoster: boolean): string {
  if (type !== 'wecom-moments' && type !== 'robot') return text;
  const by = type === 'wecom-moments' && hasPoster ? '长按识别海报上的二维码' : '';
  return text.replace(/点击卡片/g, by).replace(/\s*👇/g, '');
}

/** The card's page with the row's marker in its query (`lc=`), so an earlier task can be found. */
function withMarker(page: string, marker: string): string {
  return `${page}${page.includes('?') ? '&' : '?'}lc=${marker}`;
}

function robotMarkdown(title: string | undefined, text: string): string {
  return title ? `**${title}**\n${text}` : text;
}

function channelRows(
  c: Campaign,
  ch: ChannelSettings,
  scope: Record<string, unknown>,
  common: (slice: string) => PayloadCommon,
  inputs: ScheduleInputs,
): [string, ReminderPayload][] {
  switch (ch.type) {
    case 'wecom-groups':
      return ch.senders.map((sender) => {
        const slice = `sender:${sender}`;
        return [
          slice,
          {
            ...common(slice),
            type: 'wecom-groups',
            sender,
            ...(ch.chatIds ? { chatIds: ch.chatIds } : {}),
            ...(ch.tags ? { tags: ch.tags } : {}),
          },
        ];
      });
    case 'wecom-moments':
      return [
        [
          '',
          {
            ...common(''),
            type: 'wecom-moments',
            ...(ch.senders ? { senders: ch.senders } : {}),
            ...(ch.departments ? { departments: ch.departments } : {}),
            ...(ch.tags ? { tags: ch.tags } : {}),
          },
        ],
      ];
    case 'official-account': {
      const base = common('');
      const r = scope.room as { name: string; date: string; time: string };
      const title = base.title ?? `${r.date}${r.time ? ` ${r.time}` : ''}「${r.name}」开播`.trim();
      return [['', { ...base, title, type: 'official-account', op: 'article' }]];
    }
    case 'live-followers':
      return [['', { ...common(''), type: 'live-followers' }]];
    case 'robot': {
      const base = common('');
      const heading = `${c.room.name}`;
      return [
        [
          '',
          {
            ...base,
            type: 'robot',
            keyEnv: ch.keyEnv,
            msgtype: 'markdown',
            content: robotMarkdown(base.title ?? heading, base.text),
          },
        ],
      ];
    }
    case 'subscribe-message': {
      const openids = inputs.audiences?.get(ch.audience) ?? [];
      const size = inputs.chunkSize ?? DEFAULT_CHUNK_SIZE;
      const data: Record<string, string> = {};
      for (const [k, v] of Object.entries(ch.fields)) data[k] = renderPlaceholders(v, scope).text;
      const out: [string, ReminderPayload][] = [];
      for (let i = 0; i * size < openids.length; i++) {
        const slice = `openids:${String(i + 1).padStart(4, '0')}`;
        out.push([
          slice,
          {
            ...common(slice),
            type: 'subscribe-message',
            templateId: ch.templateId,
            ...(ch.page !== undefined ? { page: ch.page } : {}),
            data,
            openids: openids.slice(i * size, (i + 1) * size),
          },
        ]);
      }
      return out;
    }
  }
}
