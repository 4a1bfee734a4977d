import { error, type Finding, warning } from '../../../diagnostics/diagnostic.js';
import { fitWallTime, formatDuration, isValidTimeZone, parseDateTime, wallTimeOf } from '../../time.js';
import type { Rule } from '../context.js';

/**
 * Local times that the campaign's zone skips or repeats. A time in a spring-forward gap (2027-03-14
 * 02:30 in America/New_York) does not exist: it is an error at its line, not a silent move by an
 * hour. A time in a fall-back overlap happens twice: the first is used, and a warning says so.
 *   E_TIME_NONEXISTENT   the wall time falls in a gap
 *   W_TIME_AMBIGUOUS     the wall time happens twice; the first instance is used
 */
export const wallTimesExist: Rule = {
  id: 'wall-times-exist',
  codes: ['E_TIME_NONEXISTENT', 'W_TIME_AMBIGUOUS'],
  description: 'Local times exist, once, in metadata.timezone (daylight saving gaps and overlaps).',
  check(ctx) {
    const { room, metadata, waves, after } = ctx.campaign;
    const tz = metadata.timezone;
    if (!isValidTimeZone(tz)) return [];
    const start = parseDateTime(room.start, tz);
    const moments: { path: (string | number)[]; at: string | number }[] = [
      { path: ['room', 'start'], at: room.start },
      ...(room.end !== undefined ? [{ path: ['room', 'end'], at: room.end }] : []),
      ...waves.map((w, i) => ({ path: ['waves', i, 'at'], at: w.at })),
      ...after.map((w, i) => ({ path: ['after', i, 'at'], at: w.at })),
    ];
    const out: Finding[] = [];
    for (const m of moments) {
      const wall = wallTimeOf(m.at, start, tz);
      if (!wall) continue;
      const fit = fitWallTime(...wall, tz);
      const shown = `${wall[0]}-${pad(wall[1])}-${pad(wall[2])} ${pad(wall[3])}:${pad(wall[4])}`;
      const what =
        typeof m.at === 'string' && m.at !== shown.replace(' ', 'T') ? `${m.at} (${shown})` : shown;
      if (fit.kind === 'gap') {
        out.push(
          error(
            'E_TIME_NONEXISTENT',
            m.path,
            `${what} does not exist in ${tz}: the clocks skip ${formatDuration(fit.skipped)} for daylight saving time that night`,
            'Pick a time outside the skipped hour (for example one hour later), or give an offset such as 2027-03-14T03:30-04:00.',
            { what, zone: tz, skipped: formatDuration(fit.skipped) },
          ),
        );
      } else if (fit.kind === 'overlap') {
        out.push(
          warning(
            'W_TIME_AMBIGUOUS',
            m.path,
            `${what} happens twice in ${tz} (the clocks go back that night); livectl uses the first, ${fit.first.toISOString().replace(':00.000Z', 'Z')}`,
            'Give an offset (e.g. 2027-11-07T01:30-05:00 for the second) or pick another time to make it unambiguous.',
            { what, zone: tz, first: fit.first.toISOString().replace(':00.000Z', 'Z') },
          ),
        );
      }
    }
    return out;
  },
};

const pad = (n: number) => String(n).padStart(2, '0');
