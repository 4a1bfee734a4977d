import path from 'node:path';
import { currentLang, t } from '../../i18n/catalog.js';
import { posterPhraseZh } from '../../i18n/posters-zh.js';
import { displayWidth, padEndDisplay } from '../../i18n/width.js';
import type { DateNotice } from '../../plan/date-findings.js';
import type { Deps } from '../../platform/deps.js';
import type { RenderCampaignPostersResult } from '../../poster/index.js';
import { styleFor } from '../style.js';

export const POSTERS_FORMAT_VERSION = 1;

export interface PostersViewOptions {
  campaign: string;
  outDir: string;
  format: string;
  /** `--wave`: only that wave's posters were asked for (the others' reasons are not shown). */
  wave?: string;
  /** How many playbook warnings the campaign has (validate shows them). */
  warnings: number;
  /** The one line about dates apply would refuse. */
  notice?: DateNotice;
}

/** `livectl posters`' output: what was written, as a table or as JSON (the date notice on stderr then). */
export function renderPosters(
  result: RenderCampaignPostersResult,
  opts: PostersViewOptions,
  deps: Pick<Deps, 'stdout' | 'stderr' | 'cwd'>,
): void {
  const { outDir, notice, warnings } = opts;
  const rel = (p: string) => path.relative(deps.cwd, p) || '.';
  if (opts.format === 'json') {
    deps.stdout.write(`${JSON.stringify(postersJson(opts.campaign, outDir, result, rel), null, 2)}\n`);
    if (notice) deps.stderr.write(`${notice.message}\n`);
    return;
  }
  const style = styleFor(deps.stdout);
  const say = (s: string) => (currentLang() === 'zh-CN' ? posterPhraseZh(s) : s);
  const p = t().posters;
  const lines = [`${style.bold(p.header({ campaign: opts.campaign }))} → ${rel(outDir)}${path.sep}`];
  const w = Math.max(...result.files.map((f) => displayWidth(path.basename(f.file))), 10);
  for (const f of result.files) {
    lines.push(
      `  ${padEndDisplay(path.basename(f.file), w)}  ${f.template.padEnd(9)} ${`${f.width}×${f.height}`.padEnd(10)} ${f.code === 'qr' ? p.previewQr : p.miniProgramCode}`,
    );
  }
  lines.push(`  ${'index.html'.padEnd(w)}  ${p.contactSheet}`);
  for (const s of result.skipped) {
    if (opts.wave === undefined)
      lines.push(style.dim(`  ${p.noPoster({ key: s.key, reason: say(s.reason) })}`));
  }
  for (const x of result.warnings) {
    lines.push(`${style.warning(p.warning)} ${x.poster}${x.field ? ` ${x.field}` : ''}: ${say(x.message)}`);
  }
  if (warnings > 0) {
    lines.push(style.dim(p.playbook({ n: warnings })));
  }
  if (notice) lines.push(style.warning(notice.message));
  deps.stdout.write(`${lines.join('\n')}\n`);
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
