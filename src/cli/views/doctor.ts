import type { CheckResult } from '../../doctor/checks.js';
import type { Deps } from '../../platform/deps.js';
import type { DoctorReport } from '../run-doctor.js';
import { styleFor } from '../style.js';

const MARK: Record<CheckResult['status'], string> = { ok: '✔', warn: '!', fail: '✖', skip: '-' };

/** `livectl doctor` as text: a line per check (its fix below it), then the count. */
export function renderDoctorText(r: DoctorReport, deps: Pick<Deps, 'stdout'>): string {
  const s = styleFor(deps.stdout);
  const paint = { ok: s.accent, warn: s.warning, fail: s.error, skip: s.dim };
  const w = Math.max(...r.checks.map((c) => c.title.length));
  const out = [s.bold(`livectl doctor${r.campaign ? ` ${r.campaign}` : ''}`), ''];
  for (const c of r.checks) {
    out.push(
      `  ${paint[c.status](MARK[c.status])} ${c.title.padEnd(w)}  ${c.status === 'skip' ? s.dim(c.detail) : c.detail}`,
    );
    if (c.fix) out.push(`    ${' '.repeat(w)}  ${s.dim('fix:')} ${c.fix}`);
  }
  const { ok, warn, fail, skip } = r.summary;
  out.push(
    '',
    fail
      ? s.error(`${fail} problem${fail === 1 ? '' : 's'} to fix`) +
          ` (${ok} ok, ${warn} warning${warn === 1 ? '' : 's'}, ${skip} skipped)`
      : `${s.accent('All good')} (${ok} ok, ${warn} warning${warn === 1 ? '' : 's'}, ${skip} skipped)`,
  );
  return `${out.join('\n')}\n`;
}
