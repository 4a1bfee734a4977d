import path from 'node:path';
import { resolveTimes } from '../campaign/resolve.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalog.js';
import { DATE_CODES, dateNotice, previewDateFindings } from '../plan/date-findings.js';
import type { Deps } from '../platform/deps.js';
import { validateFiles } from '../validate/validate-files.js';
import { POSTERS_FORMATS, type PostersFlags } from './commands/posters.js';
import { resolveFormat, resolveNow } from './options.js';
import { postersDir } from './posters-dir.js';
import { renderInvalidCampaign } from './views/invalid-campaign.js';
import { renderPosters } from './views/posters.js';

/**
 * `livectl posters`: wiring only. Validates the campaign first (errors stop it, shown as `validate`
 * shows them), then renders the posters and the contact sheet, then reports what was written.
 */
export async function runPosters(campaignArg: string, flags: PostersFlags, deps: Deps): Promise<number> {
  const format = resolveFormat(flags.format, POSTERS_FORMATS);
  const now = resolveNow(flags.now, deps);
  const scale = flags.scale === undefined ? 1 : Number(flags.scale);
  if (scale !== 1 && scale !== 2) throw new UsageError(`--scale must be 1 or 2, got "${flags.scale}"`);
  const file = path.resolve(deps.cwd, campaignArg);
  // Start loading the renderer (native, ~40 ms) now: it fills the waits of validation's file reads.
  const { loadCanvas } = await import('../poster/canvas.js');
  loadCanvas().catch(() => undefined);
  const validation = await validateFiles([file], { now });
  const validated = { ...validation.files[0]!, file: campaignArg };
  const campaign = validated.campaign;
  // Posters are a preview, like plan: a start outside WeChat's window (a past example's) is one line, not an error.
  const notice = campaign
    ? dateNotice(validated.diagnostics, resolveTimes(campaign).start, campaign.metadata.timezone)
    : undefined;
  const report = { ...validated, diagnostics: previewDateFindings(validated.diagnostics) };
  if (!campaign || report.diagnostics.some((d) => d.severity === 'error')) {
    return renderInvalidCampaign(report, deps, {
      format,
      errorsOnly: true,
      footer: t().posters.refused,
    });
  }
  const campaignDir = path.dirname(file);
  const outDir = postersDir(campaignArg, campaign.metadata.name, flags.out, deps.cwd);
  const { renderCampaignPosters } = await import('../poster/index.js');
  const result = await renderCampaignPosters({
    campaign,
    times: resolveTimes(campaign),
    campaignDir,
    outDir,
    scale,
    waveId: flags.wave,
    now,
    fontFile: flags.font === undefined ? undefined : path.resolve(deps.cwd, flags.font),
  });
  const warnings = report.diagnostics.filter(
    (d) => d.severity === 'warning' && !(DATE_CODES as readonly string[]).includes(d.code),
  ).length;
  renderPosters(
    result,
    { campaign: campaign.metadata.name, outDir, format, wave: flags.wave, warnings, notice },
    deps,
  );
  return 0;
}
