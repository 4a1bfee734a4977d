import { presentDiagnostic } from '../i18n/diagnostics.js';
import { type FileReport, formatPath, type ValidationSummary } from './diagnostic.js';
import { escapeJson, escapeText, escapeTextKeepNewlines } from './escape.js';

/** The files with their diagnostics as shown: in the chosen language, without the rules' `args`. */
function present(files: readonly FileReport[]): FileReport[] {
  return files.map((f) => ({ file: f.file, diagnostics: f.diagnostics.map(presentDiagnostic) }));
}

export const VALIDATE_FORMAT_VERSION = 1;

/** `--format json`: one document. Invariant: `formatVersion` changes when a field changes meaning. */
export function renderReportJson(
  files: readonly FileReport[],
  summary: ValidationSummary,
  strict = false,
): string {
  const doc = {
    formatVersion: VALIDATE_FORMAT_VERSION,
    files: present(files),
    summary: { ...summary, strict, ok: summary.errors === 0 && (!strict || summary.warnings === 0) },
  };
  // JSON.stringify escapes C0 controls; C1, bidi and zero-width characters are escaped here too.
  return `${escapeJson(JSON.stringify(doc, null, 2))}\n`;
}

const escapeData = (s: string) =>
  escapeTextKeepNewlines(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProp = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `--format github`: workflow commands that GitHub Actions turns into annotations on the diff. */
export function renderReportGithub(files: readonly FileReport[], summary: ValidationSummary): string {
  const lines: string[] = [];
  for (const f of present(files)) {
    for (const d of f.diagnostics) {
      const props = [`file=${escapeProp(escapeText(f.file))}`];
      if (d.line > 0) {
        props.push(`line=${d.line}`, `col=${d.column}`, `endLine=${d.endLine}`, `endColumn=${d.endColumn}`);
      }
      props.push(`title=${escapeProp(d.code)}`);
      const body = `${escapeText(d.message)}${d.path.length ? ` (at ${escapeText(formatPath(d.path))})` : ''}${d.hint ? `\nhint: ${d.hint}` : ''}`;
      lines.push(`::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(body)}`);
    }
  }
  lines.push(`${summary.files} files checked: ${summary.errors} errors, ${summary.warnings} warnings`);
  return `${lines.join('\n')}\n`;
}

const xml = (s: string) =>
  escapeTextKeepNewlines(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 forbids most control characters even when escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/**
 * `--format junit`: one testcase per file; errors (and warnings with --strict) are failures,
 * other warnings go to system-out so CI dashboards still show them.
 */
export function renderReportJunit(
  files: readonly FileReport[],
  summary: ValidationSummary,
  strict = false,
): string {
  const cases: string[] = [];
  let failures = 0;
  for (const f of present(files)) {
    const failing = f.diagnostics.filter((d) => d.severity === 'error' || strict);
    const other = f.diagnostics.filter((d) => !failing.includes(d));
    const loc = (d: (typeof f.diagnostics)[number]) =>
      d.line > 0 ? `${f.file}:${d.line}:${d.column}` : f.file;
    let body = '';
    if (failing.length > 0) {
      failures++;
      const text = failing
        .map((d) => `${loc(d)} ${d.severity}[${d.code}] ${d.message}${d.hint ? `\n  hint: ${d.hint}` : ''}`)
        .join('\n');
      body += `\n      <failure message="${xml(`${failing.length} problem(s): ${failing[0]!.code} ${failing[0]!.message}`)}" type="${xml(failing[0]!.code)}">${xml(text)}</failure>`;
    }
    if (other.length > 0) {
      body += `\n      <system-out>${xml(other.map((d) => `${loc(d)} ${d.severity}[${d.code}] ${d.message}`).join('\n'))}</system-out>`;
    }
    cases.push(
      `    <testcase classname="livectl.validate" name="${xml(f.file)}">${body}${body ? '\n    ' : ''}</testcase>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="livectl validate" tests="${summary.files}" failures="${failures}">`,
    `  <testsuite name="livectl validate" tests="${summary.files}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
