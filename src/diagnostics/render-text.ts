import { t } from '../i18n/catalog.js';
import { presentDiagnostic } from '../i18n/diagnostics.js';
import { displayWidth } from '../i18n/width.js';
import { type Diagnostic, type FileReport, formatPath, type ValidationSummary } from './diagnostic.js';
import { escapeText, escapeTextKeepNewlines } from './escape.js';

/** Colour functions; identity when colour is off. The CLI passes chalk's, so this module stays terminal-free. */
export interface TextStyle {
  error(s: string): string;
  warning(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  accent(s: string): string;
}

export const plainStyle: TextStyle = {
  error: (s) => s,
  warning: (s) => s,
  dim: (s) => s,
  bold: (s) => s,
  accent: (s) => s,
};

/**
 * `file:line:col error[E_CODE] message`, then a code frame around the place, then the path and hint.
 * The first line is what editors and terminals turn into a link.
 */
export function renderDiagnosticText(
  file: string,
  found: Diagnostic,
  source: string | undefined,
  style: TextStyle,
): string {
  const d = presentDiagnostic(found);
  const w = t().validate;
  // Everything that came from a file is escaped before colour is added: no raw ESC, BEL or bidi
  // control reaches the terminal.
  const sev = d.severity === 'error' ? style.error(`error[${d.code}]`) : style.warning(`warning[${d.code}]`);
  const where = d.line > 0 ? `${escapeText(file)}:${d.line}:${d.column}` : escapeText(file);
  const lines = [`${style.bold(where)} ${sev} ${escapeText(d.message)}`];
  if (source !== undefined && d.line > 0) lines.push(codeFrame(source, d, style));
  if (d.path.length > 0) lines.push(style.dim(`  ${w.at} ${escapeText(formatPath(d.path))}`));
  if (d.hint) lines.push(`  ${style.accent(w.hint)}${w.labelGap}${escapeTextKeepNewlines(d.hint)}`);
  return lines.join('\n');
}

/** Characters of a long line shown around the column, and before it. */
const FRAME_WIDTH = 100;
const FRAME_LEAD = 40;

/**
 * Two lines of context above, the line itself with a caret underline. Tabs shown as one space,
 * control characters escaped. A long line shows a window of FRAME_WIDTH characters around the
 * column ("…" marks the cuts), the same window on the context lines, so a 1 MB line prints ~100.
 */
export function codeFrame(source: string, d: Diagnostic, style: TextStyle): string {
  const all = source.split(/\r\n|\r|\n/, d.line);
  const first = Math.max(1, d.line - 2);
  const last = Math.min(all.length, d.line);
  const width = String(last).length;
  const startCol = Math.max(1, d.column);
  const target = all[d.line - 1] ?? '';
  const from =
    target.length > FRAME_WIDTH
      ? Math.max(0, Math.min(startCol - 1 - FRAME_LEAD, target.length - FRAME_WIDTH))
      : 0;
  const show = (raw: string, upTo?: number): string => {
    const text = raw.replace(/\t/g, ' ');
    if (text.length <= FRAME_WIDTH && from === 0)
      return escapeText(upTo === undefined ? text : text.slice(0, upTo));
    const to = from + FRAME_WIDTH;
    const head = from > 0 && text.length > 0 ? '…' : '';
    if (upTo !== undefined) return head + escapeText(text.slice(from, Math.max(from, upTo)));
    return head + escapeText(text.slice(from, to)) + (text.length > to ? '…' : '');
  };
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const raw = all[n - 1] ?? '';
    const shown = show(raw);
    const gutter = `${n === d.line ? '>' : ' '} ${String(n).padStart(width)} | `;
    out.push(style.dim(gutter) + shown);
    if (n === d.line) {
      const endCol = d.endLine === d.line && d.endColumn > startCol ? d.endColumn : startCol + 1;
      const lastShown = Math.min(raw.length, from + FRAME_WIDTH);
      const caretFrom = Math.min(startCol - 1, lastShown);
      const caretTo = Math.max(caretFrom + 1, Math.min(endCol - 1, lastShown));
      // Wide (CJK) characters take two terminal cells: pad by display width so the caret lines up.
      const pad = displayWidth(show(raw, caretFrom));
      const len = displayWidth(show(raw, caretTo)) - pad || 1;
      const caret = `${' '.repeat(width + 2)} | ${' '.repeat(pad)}${'^'.repeat(Math.max(1, len))}`;
      out.push(d.severity === 'error' ? style.error(caret) : style.warning(caret));
    }
  }
  return out.map((l) => `  ${l}`).join('\n');
}

export function renderReportText(
  files: readonly (FileReport & { source?: string })[],
  summary: ValidationSummary,
  style: TextStyle,
  opts: { strict?: boolean } = {},
): string {
  const blocks: string[] = [];
  for (const f of files) {
    for (const d of f.diagnostics) blocks.push(renderDiagnosticText(f.file, d, f.source, style));
  }
  const failed = summary.errors > 0 || (opts.strict && summary.warnings > 0);
  const w = t().validate;
  const counts = w.counts(summary);
  blocks.push(failed ? style.error(counts) : `${counts}${summary.warnings === 0 ? w.allClean : ''}`);
  return `${blocks.join('\n\n')}\n`;
}
