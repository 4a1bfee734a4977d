import { formatLocal } from '../campaign/time.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * Date-relative findings: room.start against the clock (past, less than 10 minutes ahead, more than
 * 6 months ahead). They say nothing about the campaign itself, only about today, so the previews —
 * `plan` and `posters`, which send nothing — show them as warnings and carry on, with one line that
 * says `apply` would refuse; `validate` and `apply` keep them as errors. A bundled example whose
 * dates have passed still plans (exit 0); a real campaign with a past start still fails validation.
 * Pure.
 */
export const DATE_CODES = ['E_START_PAST', 'E_START_TOO_SOON', 'E_START_TOO_FAR'] as const;
export type DateCode = (typeof DATE_CODES)[number];

const isDateCode = (code: string): code is DateCode => (DATE_CODES as readonly string[]).includes(code);

/** The one line a preview prints when apply would refuse the campaign's dates. */
export interface DateNotice {
  code: DateCode;
  message: string;
}

/** Date-relative errors become warnings (same code, path and position); every other finding is kept. */
export function previewDateFindings(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) =>
    d.severity === 'error' && isDateCode(d.code) ? { ...d, severity: 'warning' as const } : d,
  );
}

/**
 * The notice for the first date-relative finding among `diagnostics` (as validated, before any
 * demotion), or undefined when the start is inside WeChat's window (or the room already exists with
 * this start: those findings were dropped before).
 */
export function dateNotice(
  diagnostics: readonly Diagnostic[],
  start: Date | undefined,
  tz: string,
): DateNotice | undefined {
  const hit = diagnostics.find((d) => isDateCode(d.code));
  if (!hit || !start) return undefined;
  const code = hit.code as DateCode;
  const when = `${formatLocal(start, tz)} ${tz}`;
  const refuse = `\`livectl apply\` would refuse it (${code})`;
  switch (code) {
    case 'E_START_PAST':
      return {
        code,
        message: `The dates are past: the broadcast was ${when}, so this is a preview only and ${refuse}. Start your own campaign with \`livectl init\`.`,
      };
    case 'E_START_TOO_SOON':
      return {
        code,
        message: `The broadcast starts ${when}, less than 10 minutes from now: this is a preview only and ${refuse}. Move room.start later, or start a new campaign with \`livectl init\`.`,
      };
    case 'E_START_TOO_FAR':
      return {
        code,
        message: `The broadcast starts ${when}, more than 6 months from now: this is a preview only and ${refuse} until it is within 6 months.`,
      };
  }
}
