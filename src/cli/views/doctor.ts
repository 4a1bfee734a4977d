import type { CheckResult } from '../../doctor/checks.js';
import { currentLang, t } from '../../i18n/catalog.js';
import { doctorDetailZh, doctorFixZh, doctorTitleZh } from '../../i18n/doctor-zh.js';
import { displayWidth, padEndDisplay } from '../../i18n/width.js';
import type { Deps } from '../../platform/deps.js';
import type { DoctorReport } from '../run-doctor.js';
import { styleFor } from '../style.js';

const MARK: Record<CheckResult['status'], string> = { ok: '✔', warn: '!', fail: '✖', skip: '-' };

/** `livectl doctor` as text: a line per check (its fix below it), then the count. */
export function renderDoctorText(r: DoctorReport, deps: Pick<Deps, 'stdout'>): string {
  const s = styleFor(deps.stdout);
  const paint = { ok: s.accent, warn: s.warning, fail: s.error, skip: s.dim };
  const zh = currentLang() === 'zh-CN';
  const words = t().doctor;
  const checks = r.checks.map((c) =>
    zh
      ? {
          ...c,
          title: doctorTitleZh(c.title),
          detail: doctorDetailZh(c.detail),
          ...(c.fix ? { fix: doctorFixZh(c.fix) } : {}),
        }
      : c,
  );
  const w = Math.max(...checks.map((c) => displayWidth(c.title)));
  const out = [s.bold(`livectl doctor${r.campaign ? ` ${r.campaign}` : ''}`), ''];
  for (const c of checks) {
    out.push(
      `  ${paint[c.status](MARK[c.status])} ${padEndDisplay(c.title, w)}  ${c.status === 'skip' ? s.dim(c.detail) : c.detail}`,
    );
    if (c.fix) out.push(`    ${' '.repeat(w)}  ${s.dim(words.fix)}${words.gap}${c.fix}`);
  }
  const { ok, warn, fail, skip } = r.summary;
  const tally = words.tally({ ok, warn, skip });
  out.push('', fail ? s.error(words.problems({ n: fail })) + tally : `${s.accent(words.allGood)}${tally}`);
  return `${out.join('\n')}\n`;
}
