/**
 * What livectl ships that a campaign can refer to by name (files under templates/).
 * A reference that is not one of these names is read as a path relative to the campaign file.
 */
export const MESSAGE_TEMPLATES = ['teaser', 'article', 'soon', 'live-now', 'feedback', 'replay'] as const;
export const POSTER_TEMPLATES = ['teaser', 'article', 'live-now'] as const;

export function isShippedMessage(ref: string): boolean {
  return (MESSAGE_TEMPLATES as readonly string[]).includes(ref);
}

export function isShippedPoster(ref: string): boolean {
  return (POSTER_TEMPLATES as readonly string[]).includes(ref);
}
