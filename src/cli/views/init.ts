import path from 'node:path';
import { PLACEHOLDER_ACCOUNTS } from '../../campaign/rules/setup/placeholder-accounts.js';
import { renderReportText, type TextStyle } from '../../diagnostics/render-text.js';
import type { InitAnswers } from '../../init/answers.js';
import type { WrittenCampaign } from '../../init/write.js';
import type { Deps } from '../../platform/deps.js';
import { styleFor } from '../style.js';

/**
 * What `livectl init` says: the campaign's errors (nothing written) or warnings on stderr, then what
 * it wrote, the placeholders to replace and the next commands. Returns the exit code.
 */
export function renderInit(
  written: WrittenCampaign,
  answers: InitAnswers,
  shown: string,
  deps: Pick<Deps, 'stdout' | 'stderr' | 'cwd'>,
): number {
  const report = () =>
    renderReportText(written.report, written.summary, styleFor({ write() {}, isTTY: false, color: false }));
  if (!written.ok) {
    deps.stderr.write(report());
    deps.stderr.write(`error: the campaign did not validate, so nothing was written.\n`);
    return 1;
  }
  if (written.summary.warnings > 0) deps.stderr.write(report());
  const style = styleFor(deps.stdout);
  const rel = (p: string) => path.relative(deps.cwd, p) || p;
  const n = answers.products.length;
  deps.stdout.write(
    `${style.bold(`Wrote ${shown}`)} (${n} product${n === 1 ? '' : 's'}, the playbook's four warm-up waves on ${answers.channels.join(', ')})\n` +
      (written.images.length
        ? `${style.dim(`  placeholder images: ${written.images.map(rel).join(', ')} — replace them with your own pictures`)}\n`
        : '') +
      placeholderLine(answers, style) +
      `\nNext:\n  livectl validate ${shown}\n  livectl plan ${shown}       # the changes, the timeline and the posters\n  livectl doctor ${shown}     # credentials, tokens and the live permission\n`,
  );
  return 0;
}

/**
 * The account ids and senders init filled in for want of an answer, said out loud: apply fails on
 * WeChat with them, and validate warns (W_PLACEHOLDER_ACCOUNT) until they are replaced.
 */
export function placeholderLine(a: InitAnswers, style: TextStyle): string {
  const P = PLACEHOLDER_ACCOUNTS;
  const wecom = a.channels.includes('wecom-groups') || a.channels.includes('wecom-moments');
  const found: [string, string, string][] = [];
  if (a.appId === P.appId) found.push(['mini program AppID', a.appId, '--app-id']);
  if (wecom && a.corpId === P.corpId) found.push(['WeCom CorpID', a.corpId, '--corp-id']);
  if (wecom && a.senders.includes(P.sender)) found.push(['WeCom sender', P.sender, '--senders']);
  if (a.channels.includes('official-account') && a.oaAppId === P.oaAppId)
    found.push(['Official Account AppID', a.oaAppId, '--oa-app-id']);
  if (found.length === 0) return '';
  return `${style.warning(`  placeholder accounts: ${found.map(([what, v]) => `${what} ${v}`).join(', ')}`)}\n${style.dim(
    `    put in your own before apply (${found.map(([, , flag]) => flag).join(', ')}, or edit the file); validate warns W_PLACEHOLDER_ACCOUNT until then`,
  )}\n`;
}
