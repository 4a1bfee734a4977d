import path from 'node:path';

/** Where posters go: the folder the user named, else `out/<campaign>/` beside the campaign file. */
export function postersDir(
  campaignFile: string,
  campaignName: string,
  given: string | undefined,
  cwd: string,
): string {
  return given
    ? path.resolve(cwd, given)
    : path.join(path.dirname(path.resolve(cwd, campaignFile)), 'out', campaignName);
}
