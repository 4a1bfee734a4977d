import path from 'node:path';
import { PLACEHOLDER_ACCOUNTS } from '../../campaign/rules/setup/placeholder-accounts.js';
import { renderReportText, type TextStyle } from '../../diagnostics/render-text.js';
import { t } from '../../i18n/catalog.js';
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
    deps.stderr.write(t().init.notValid);
    return 1;
  }
  if (written.summary.warnings > 0) deps.stderr.write(report());
  const style = styleFor(deps.stdout);
  const rel = (p: string) => path.relative(deps.cwd, p) || p;
  const m = t().init;
  deps.stdout.write(
    `${style.bold(m.wrote({ file: shown }))}${m.wroteDetail({ products: answers.products.length, channels: answers.channels })}\n` +
      (written.images.length
        ? `${style.dim(m.placeholderImages({ files: written.images.map(rel) }))}\n`
        : '') +
      placeholderLine(answers, style) +
      m.next({ file: shown }),
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
  const m = t().init;
  const what = m.placeholderWhat;
  const found: [string, string, string][] = [];
  if (a.appId === P.appId) found.push([what.appId, a.appId, '--app-id']);
  if (wecom && a.corpId === P.corpId) found.push([what.corpId, a.corpId, '--corp-id']);
  if (wecom && a.senders.includes(P.sender)) found.push([what.sender, P.sender, '--senders']);
  if (a.channels.includes('official-account') && a.oaAppId === P.oaAppId)
    found.push([what.oaAppId, a.oaAppId, '--oa-app-id']);
  if (found.length === 0) return '';
  const accounts = m.placeholderAccounts({ found: found.map(([w, v]) => [w, v] as const) });
  const fix = m.placeholderFix({ flags: found.map(([, , flag]) => flag) });
  return `${style.warning(accounts)}\n${style.dim(fix)}\n`;
}
