import path from 'node:path';
import { renderReportGithub, renderReportJson, renderReportJunit } from '../diagnostics/render-machine.js';
import { renderReportText } from '../diagnostics/render-text.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalog.js';
import type { Deps } from '../platform/deps.js';
import { expandInputs } from '../validate/expand-inputs.js';
import { validateFiles } from '../validate/validate-files.js';
import { VALIDATE_FORMATS } from './commands/validate.js';
import { resolveFormat, resolveNow } from './options.js';
import { styleFor } from './style.js';

/** `livectl validate`: wiring only — flags → use-case → view → exit code. */
export async function runValidate(
  inputs: readonly string[],
  flags: { format?: string; now?: string; strict?: boolean; cache?: boolean; cacheLocation?: string },
  deps: Deps,
): Promise<number> {
  const format = resolveFormat(flags.format, VALIDATE_FORMATS);
  const now = resolveNow(flags.now, deps);
  const { files, unmatched } = await expandInputs(inputs, deps.cwd);
  if (files.length === 0) {
    throw new UsageError(
      t().usage.noFiles({ inputs: unmatched.map((u) => `"${u}"`).join(', ') }),
      t().usage.noFilesHint,
    );
  }
  const result = await validateFiles(
    files.map((f) => path.resolve(deps.cwd, f)),
    {
      now,
      ...(flags.cache
        ? { cache: { file: path.resolve(deps.cwd, flags.cacheLocation ?? '.livectl/validate-cache') } }
        : {}),
    },
  );
  // Report files as the user named them (relative to the working directory).
  const reports = result.files.map((f, i) => ({ ...f, file: files[i]! }));
  const strict = Boolean(flags.strict);
  const out =
    format === 'json'
      ? renderReportJson(reports, result.summary, strict)
      : format === 'github'
        ? renderReportGithub(reports, result.summary)
        : format === 'junit'
          ? renderReportJunit(reports, result.summary, strict)
          : renderReportText(reports, result.summary, styleFor(deps.stdout), { strict });
  deps.stdout.write(out);
  const failed = result.summary.errors > 0 || (strict && result.summary.warnings > 0);
  return failed ? 1 : 0;
}
