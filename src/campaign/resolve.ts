import type { DiagnosticPath } from '../diagnostics/diagnostic.js';
import { isShippedMessage, isShippedPoster } from './catalog.js';
import type { AssetRef, CampaignTimes } from './rules/context.js';
import type { Campaign } from './schema.js';
import { parseDateTime, parseDuration, resolveMoment } from './time.js';

/** Resolves room.start/end and every wave's `at` to instants in the campaign's zone. Pure. */
export function resolveTimes(c: Campaign): CampaignTimes {
  const tz = c.metadata.timezone;
  const start = safe(() => parseDateTime(c.room.start, tz));
  let end: Date | undefined;
  if (c.room.end !== undefined) end = safe(() => parseDateTime(c.room.end!, tz));
  else if (start && c.room.duration !== undefined) {
    const ms = parseDuration(c.room.duration);
    if (ms !== undefined) end = new Date(start.getTime() + ms);
  }
  const waves = new Map<string, Date | undefined>();
  const after = new Map<string, Date | undefined>();
  for (const w of c.waves) waves.set(w.id, start ? safe(() => resolveMoment(w.at, start, tz)) : undefined);
  for (const w of c.after) after.set(w.id, start ? safe(() => resolveMoment(w.at, start, tz)) : undefined);
  return { start, end, waves, after };
}

function safe<T>(f: () => T | undefined): T | undefined {
  try {
    return f();
  } catch {
    return undefined; // an unknown time zone: reported by its own rule
  }
}

/** Every file the campaign refers to, with where it is referred from. */
export function collectAssetRefs(c: Campaign): AssetRef[] {
  const refs: AssetRef[] = [];
  const add = (ref: string, kind: AssetRef['kind'], path: DiagnosticPath) => refs.push({ ref, kind, path });
  add(c.room.images.cover, 'image', ['room', 'images', 'cover']);
  add(c.room.images.share, 'image', ['room', 'images', 'share']);
  add(c.room.images.feeds, 'image', ['room', 'images', 'feeds']);
  c.products.forEach((p, i) => {
    add(p.image, 'image', ['products', i, 'image']);
    p.channels?.images?.forEach((img, j) => {
      add(img, 'image', ['products', i, 'channels', 'images', j]);
    });
  });
  for (const [name, ch] of Object.entries(c.channels)) {
    if (ch.type === 'subscribe-message') add(ch.audience, 'audience', ['channels', name, 'audience']);
  }
  const waveRefs = (list: readonly { message?: unknown; poster?: string }[], key: 'waves' | 'after') =>
    list.forEach((w, i) => {
      if (typeof w.message === 'string' && !isShippedMessage(w.message))
        add(w.message, 'message', [key, i, 'message']);
      if (w.poster !== undefined && !isShippedPoster(w.poster))
        add(w.poster, 'poster-template', [key, i, 'poster']);
    });
  waveRefs(c.waves, 'waves');
  waveRefs(c.after, 'after');
  return refs;
}
