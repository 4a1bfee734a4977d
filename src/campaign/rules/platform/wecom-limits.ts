import { type DiagnosticCode, error, type Finding } from '../../../diagnostics/diagnostic.js';
import { messageScope } from '../../message-scope.js';
import { renderPlaceholders } from '../../placeholders.js';
import type { ChannelType } from '../../schema.js';
import { utf8Bytes } from '../../width.js';
import type { Rule } from '../context.js';
import { allWaves, renderWaveText, waveChannelTypes } from './shared.js';

/**
 * Size limits on what a wave sends, measured on the rendered text (placeholders filled):
 * WeCom group send text ≤ 4000 bytes (channels reference §3.1); Moments ≤ 2000 characters and
 * 4000 bytes (§4.1, 'invalid text size'); robot text ≤ 2048 bytes (§5); the mini-program card of a
 * group send has the room name as title, ≤ 64 bytes (§3.1); an Official Account article title is at
 * most 32 characters (draft/add, §9.1).
 */
export const LIMITS = {
  groupsBytes: 4000,
  momentsBytes: 4000,
  momentsChars: 2000,
  robotBytes: 2048,
  cardTitleBytes: 64,
  articleTitleChars: 32,
} as const;

const TEXT_LIMITS: {
  type: ChannelType;
  code: DiagnosticCode;
  label: string;
  over: (t: string) => string | undefined;
}[] = [
  {
    type: 'wecom-groups',
    code: 'E_WECOM_TEXT_TOO_LONG',
    label: 'a WeCom group send',
    over: (t) =>
      utf8Bytes(t) > LIMITS.groupsBytes ? `${utf8Bytes(t)} bytes (at most ${LIMITS.groupsBytes})` : undefined,
  },
  {
    type: 'wecom-moments',
    code: 'E_MOMENTS_TEXT_TOO_LONG',
    label: 'a WeCom Moments post',
    over: (t) => {
      const n = [...t].length;
      if (n > LIMITS.momentsChars) return `${n} characters (at most ${LIMITS.momentsChars})`;
      if (utf8Bytes(t) > LIMITS.momentsBytes) return `${utf8Bytes(t)} bytes (at most ${LIMITS.momentsBytes})`;
      return undefined;
    },
  },
  {
    type: 'robot',
    code: 'E_ROBOT_TEXT_TOO_LONG',
    label: 'a group robot message',
    over: (t) =>
      utf8Bytes(t) > LIMITS.robotBytes ? `${utf8Bytes(t)} bytes (at most ${LIMITS.robotBytes})` : undefined,
  },
];

export const messageSize: Rule = {
  id: 'message-size',
  codes: TEXT_LIMITS.map((l) => l.code),
  description: 'Rendered wave messages fit the byte and character limits of every channel they go through.',
  check(ctx) {
    const out: Finding[] = [];
    for (const w of allWaves(ctx)) {
      const types = waveChannelTypes(ctx.campaign, w.wave);
      if (types.size === 0) continue;
      const t = renderWaveText(ctx, w);
      if (!t) continue;
      for (const limit of TEXT_LIMITS) {
        if (!types.has(limit.type)) continue;
        const over = limit.over(t.rendered);
        if (!over) continue;
        out.push(
          error(
            limit.code,
            t.path,
            `wave "${w.wave.id}": the message is ${over} once rendered, too long for ${limit.label}`,
            'Shorten the message (one Chinese character is 3 bytes); put details in the article or the poster.',
            { wave: w.wave.id, size: over },
          ),
        );
      }
    }
    return out;
  },
};

export const cardTitleSize: Rule = {
  id: 'card-title-size',
  codes: ['E_CARD_TITLE_TOO_LONG'],
  description: 'The room name, used as the mini-program card title of group sends, is at most 64 bytes.',
  check(ctx) {
    const name = ctx.campaign.room.name;
    const usesCard = allWaves(ctx).some((w) => waveChannelTypes(ctx.campaign, w.wave).has('wecom-groups'));
    if (!usesCard || utf8Bytes(name) <= LIMITS.cardTitleBytes) return [];
    return [
      error(
        'E_CARD_TITLE_TOO_LONG',
        ['room', 'name'],
        `the room name is ${utf8Bytes(name)} bytes; as the title of the mini-program card in WeCom group sends it may be at most ${LIMITS.cardTitleBytes}`,
        'Shorten the room name (emoji count 4 bytes, Chinese characters 3).',
        { bytes: utf8Bytes(name), max: LIMITS.cardTitleBytes },
      ),
    ];
  },
};

export const articleTitleSize: Rule = {
  id: 'article-title-size',
  codes: ['E_ARTICLE_TITLE_TOO_LONG'],
  description: 'An Official Account article title is at most 32 characters.',
  check(ctx) {
    const out: Finding[] = [];
    for (const w of allWaves(ctx)) {
      if (!waveChannelTypes(ctx.campaign, w.wave).has('official-account')) continue;
      const t = renderWaveText(ctx, w);
      if (!t?.titlePath || t.title === undefined) continue;
      const title = renderPlaceholders(t.title, messageScope(ctx.campaign, ctx.times, w.wave)).text;
      const n = [...title].length;
      if (n <= LIMITS.articleTitleChars) continue;
      out.push(
        error(
          'E_ARTICLE_TITLE_TOO_LONG',
          t.titlePath,
          `wave "${w.wave.id}": the article title is ${n} characters; an Official Account article title may have at most ${LIMITS.articleTitleChars}`,
          'Shorten the title; the rest belongs in the article text.',
          { wave: w.wave.id, length: n, max: LIMITS.articleTitleChars },
        ),
      );
    }
    return out;
  },
};
