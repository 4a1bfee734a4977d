import { summarize } from '../../diagnostics/diagnostic.js';
import { renderReportJson } from '../../diagnostics/render-machine.js';
import { renderReportText } from '../../diagnostics/render-text.js';
import type { Deps } from '../../platform/deps.js';
import type { ValidatedFile } from '../../validate/validate-files.js';
import { styleFor } from '../style.js';

export interface InvalidCampaignOptions {
  /** `json`: the validate report on stdout; otherwise text on stderr. */
  format?: string;
  /** Show the errors only (the command's reason to refuse; `livectl validate` shows the warnings). */
  errorsOnly?: boolean;
  /** One line after the text report saying what was not done, e.g. "nothing applied: …". */
  footer?: string;
}

/**
 * The one view of a campaign a command refuses (plan, apply, posters, destroy, status, console):
 * its findings as `livectl validate` shows them — a code frame each and the summary — on stderr, or
 * the same JSON report as `validate --format json` on stdout. Returns the exit code, 1.
 */
export function renderInvalidCampaign(
  report: ValidatedFile,
  deps: Pick<Deps, 'stdout' | 'stderr'>,
  opts: InvalidCampaignOptions = {},
): number {
  const shown = opts.errorsOnly
    ? { ...report, diagnostics: report.diagnostics.filter((d) => d.severity === 'error') }
    : report;
  const summary = summarize([shown]);
  if (opts.format === 'json') deps.stdout.write(renderReportJson([shown], summary));
  else {
    deps.stderr.write(renderReportText([shown], summary, styleFor(deps.stderr)));
    if (opts.footer) deps.stderr.write(`${opts.footer}\n`);
  }
  return 1;
}
