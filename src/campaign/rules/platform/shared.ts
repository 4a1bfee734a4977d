import type { DiagnosticPath } from '../../../diagnostics/diagnostic.js';
import { isShippedMessage } from '../../catalog.js';
import { messageScope } from '../../message-scope.js';
import { renderPlaceholders } from '../../placeholders.js';
import type { AfterWave, Campaign, ChannelType, Wave } from '../../schema.js';
import type { RuleContext } from '../context.js';

/** A wave of either list, with where it sits in the file. */
export interface PlacedWave {
  wave: Wave | AfterWave;
  list: 'waves' | 'after';
  index: number;
  /** Resolved instant, when `at` resolved. */
  at?: Date;
}

export function allWaves(ctx: RuleContext): PlacedWave[] {
  const c = ctx.campaign;
  return [
    ...c.waves.map((wave, index) => ({
      wave,
      list: 'waves' as const,
      index,
      at: ctx.times.waves.get(wave.id),
    })),
    ...c.after.map((wave, index) => ({
      wave,
      list: 'after' as const,
      index,
      at: ctx.times.after.get(wave.id),
    })),
  ];
}

/** The type of a channel by name, or undefined when no such channel is configured. */
export function channelType(c: Campaign, name: string): ChannelType | undefined {
  return c.channels[name]?.type;
}

/** Channel types a wave sends through (unknown names are reported by their own rule). */
export function waveChannelTypes(c: Campaign, wave: Wave | AfterWave): Set<ChannelType> {
  const out = new Set<ChannelType>();
  for (const name of wave.channels) {
    const t = channelType(c, name);
    if (t) out.add(t);
  }
  return out;
}

export interface WaveText {
  text: string;
  title?: string;
  /** Where the text is written (the inline text, or the template reference). */
  path: DiagnosticPath;
  titlePath?: DiagnosticPath;
}

/**
 * The raw (unrendered) text of a wave's message: a shipped template or message file from
 * ctx.texts, or the inline {title, text}. Undefined when there is no message or the file is unread.
 */
export function waveText(ctx: RuleContext, w: PlacedWave): WaveText | undefined {
  const m = w.wave.message;
  const base: DiagnosticPath = [w.list, w.index, 'message'];
  if (m === undefined) return undefined;
  if (typeof m === 'string') {
    const text = ctx.texts.get(m);
    return text === undefined ? undefined : { text, path: base };
  }
  return {
    text: m.text,
    path: [...base, 'text'],
    ...(m.title !== undefined ? { title: m.title, titlePath: [...base, 'title'] } : {}),
  };
}

/** The wave's message as it would be sent: placeholders filled from the campaign. */
export function renderWaveText(
  ctx: RuleContext,
  w: PlacedWave,
): (WaveText & { rendered: string }) | undefined {
  const t = waveText(ctx, w);
  if (!t) return undefined;
  const scope = messageScope(ctx.campaign, ctx.times, w.wave);
  return { ...t, rendered: renderPlaceholders(t.text, scope).text };
}

/**
 * A message or poster reference that reads as a template name (no folder, no file extension)
 * rather than a path: when it is not shipped, "unknown template" says more than "file missing".
 */
export function looksLikeTemplateName(ref: string): boolean {
  return !/[/\\.]/.test(ref);
}

export { isShippedMessage };
