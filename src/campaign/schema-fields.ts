import { z } from 'zod';

/**
 * The field shapes the campaign model is built from (schema.ts): the text patterns of ids, moments
 * and durations, and the zod types that use them, with the descriptions the JSON Schema carries.
 */

/** `-3d`, `-1d@12:00`, `-30m`, `0`, `+15m`, `+1h`, `+1d@10:00`, `+1h30m`: an offset from room.start. */
export const OFFSET_PATTERN =
  /^(?:0|[+-]\d+d@(?:[01]\d|2[0-3]):[0-5]\d|[+-](?=\d)(?:\d+d)?(?:\d+h)?(?:\d+m)?)$/;
/** A local date-time (in metadata.timezone) or an instant with Z / an offset. */
export const DATETIME_PATTERN =
  /^\d{4}-\d{2}-\d{2}[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$/;
/** `30m`, `2h`, `1h30m`, `1d`. */
export const DURATION_PATTERN = /^(?=\d)(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?$/;
/** Ids used in addresses and scenes: short, ASCII. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;

export const id = (what: string) =>
  z
    .string()
    .regex(ID_PATTERN, `must be 1–32 lower-case letters, digits or "-", starting with a letter or digit`)
    .describe(`Identifier of the ${what}: lower-case letters, digits and "-", at most 32 characters.`);

export const moment = z
  .union([z.literal(0), z.string()])
  .refine((v) => v === 0 || OFFSET_PATTERN.test(v) || DATETIME_PATTERN.test(v), {
    message:
      'must be an offset from room.start such as -3d@10:00, -30m, 0, +15m, +1d@10:00, or an ISO date-time',
  })
  .describe(
    'When, relative to room.start: -3d@10:00 (three days before, at 10:00 local), -1d@12:00, -30m, 0 (at go-live), +15m, +1h, +1d@10:00; or an absolute ISO date-time.',
  );

export const duration = z
  .string()
  .regex(DURATION_PATTERN, 'must be a duration such as 30m, 2h or 1h30m')
  .describe('A duration: 30m, 2h, 1h30m, 1d.');

export const relativePath = (what: string) =>
  z
    .string()
    .min(1)
    .describe(`Path to the ${what}, relative to the campaign file's folder (must stay inside it).`);

export const money = z.number().nonnegative().describe('Yuan, at most 2 decimal places.');
