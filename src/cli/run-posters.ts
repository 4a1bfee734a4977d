import path from 'node:path';
import { resolveTimes } from '../campaign/resolve.js';
import { UsageError } from '../errors.js';
import { DATE_CODES, dateNotice, previewDateFindings } from '../plan/date-findings.js';
import type { Deps } from '../platform/deps.js';
import type { RenderCampaignPostersResult } from '../poster/index.js';
import { validateFiles } from '../validate/validate-files.js';
import { POSTERS_FORMATS, type PostersFlags } from './commands/posters.js';
import { resolveFormat, resolveNow } from './options.js';
import { postersDir } from './posters-dir.js';
import { styleFor } from './style.js';
import { renderInvalidCampaign } from './views/invalid-campaign.js';

export const POSTERS_FORMAT_VERSION = 1;

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
      footer: 'no posters written: fix the errors above first',
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
  const rel = (p: string) => path.relative(deps.cwd, p) || '.';
  if (format === 'json') {
    deps.stdout.write(
      `${JSON.stringify(postersJson(campaign.metadata.name, outDir, result, rel), null, 2)}\n`,
    );
    if (notice) deps.stderr.write(`${notice.message}\n`);
    return 0;
  }
  const style = styleFor(deps.stdout);
  const lines = [`${style.bold(`posters for ${campaign.metadata.name}`)} → ${rel(outDir)}${path.sep}`];
  const w = Math.max(...result.files.map((f) => path.basename(f.file).length), 10);
  for (const f of result.files) {
    lines.push(
      `  ${path.basename(f.file).padEnd(w)}  ${f.template.padEnd(9)} ${`${f.width}×${f.height}`.padEnd(10)} ${f.code === 'qr' ? 'preview QR' : 'mini-program code'}`,
    );
  }
  lines.push(`  ${'index.html'.padEnd(w)}  contact sheet: open it to see the whole campaign`);
  for (const s of result.skipped) {
    if (flags.wave === undefined) lines.push(style.dim(`  (no poster for ${s.key}: ${s.reason})`));
  }
  const warnings = report.diagnostics.filter(
    (d) => d.severity === 'warning' && !(DATE_CODES as readonly string[]).includes(d.code),
  ).length;
  for (const x of result.warnings) {
    lines.push(`${style.warning('warning')} ${x.poster}${x.field ? ` ${x.field}` : ''}: ${x.message}`);
  }
  if (warnings > 0) {
    lines.push(
      style.dim(
        `${warnings} playbook warning${warnings === 1 ? '' : 's'} in the campaign: see livectl validate`,
      ),
    );
  }
  if (notice) lines.push(style.warning(notice.message));
  deps.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function postersJson(
  campaign: string,
  outDir: string,
  r: RenderCampaignPostersResult,
  rel: (p: string) => string,
) {
  return {
    formatVersion: POSTERS_FORMAT_VERSION,
    campaign,
    outDir: rel(outDir),
    posters: r.files.map((f) => ({
      key: f.target.key,
      waveId: f.target.waveId,
      place: f.target.place,
      template: f.template,
      file: rel(f.file),
      width: f.width,
      height: f.height,
      bytes: f.bytes,
      sha256: f.sha256,
      code: f.code,
      codePayload: f.code === 'qr' ? f.target.sharePath : undefined,
    })),
    contactSheet: rel(r.contactSheet),
    skipped: r.skipped,
    warnings: r.warnings,
  };
}
