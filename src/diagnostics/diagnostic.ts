import type { DiagnosticCode } from './codes.js';

/**
 * A finding about a campaign file. Validators return lists of these; they never throw.
 * Invariants: `code` is stable (tests and CI filters rely on it), `path` is the location in the campaign
 * model (e.g. ['products', 0, 'name']), and line/column are 1-based positions in the ORIGINAL YAML text,
 * falling back to the nearest existing parent node when the path itself is absent.
 */
export type { DiagnosticCode } from './codes.js';

export type Severity = 'error' | 'warning';

export type DiagnosticPath = readonly (string | number)[];

export interface Diagnostic {
  severity: Severity;
  /** Stable code, e.g. E_ROOM_NAME_WIDTH or W_SINGLE_WAVE (the closed list: codes.ts). */
  code: DiagnosticCode;
  message: string;
  path: DiagnosticPath;
  /** 1-based; 0 when the finding concerns the whole file and has no position. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** What to do about it, in plain words. */
  hint?: string;
  /**
   * The values the message names (a width, a limit, an id…), for rendering it in another language
   * (src/i18n/diagnostics.ts). Never part of the output: renderers drop it.
   */
  args?: DiagnosticArgs;
}

/** Values a diagnostic's message names, by name; `kind` picks a variant when a code has several. */
export type DiagnosticArgs = Readonly<Record<string, string | number | undefined>>;

/** A finding before it is located: rules produce these, the locator fills in line and column. */
export type Finding = Omit<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'> & {
  /** Where to point when the path alone is not precise: the key rather than the value. */
  target?: 'key' | 'value';
};

export function error(
  code: DiagnosticCode,
  path: DiagnosticPath,
  message: string,
  hint?: string,
  args?: DiagnosticArgs,
): Finding {
  return { severity: 'error', code, path, message, ...(hint ? { hint } : {}), ...(args ? { args } : {}) };
}

export function warning(
  code: DiagnosticCode,
  path: DiagnosticPath,
  message: string,
  hint?: string,
  args?: DiagnosticArgs,
): Finding {
  return { severity: 'warning', code, path, message, ...(hint ? { hint } : {}), ...(args ? { args } : {}) };
}

/** Renders a model path as `products[0].name`. */
export function formatPath(path: DiagnosticPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out || '(root)';
}

export interface FileReport {
  file: string;
  diagnostics: Diagnostic[];
}

export interface ValidationSummary {
  files: number;
  errors: number;
  warnings: number;
  /** Files with at least one error. */
  invalidFiles: number;
  /** Worker threads `validate` spread the files over; 0 when it checked them in its own thread. */
  workers?: number;
}

export function summarize(files: readonly FileReport[]): ValidationSummary {
  let errors = 0;
  let warnings = 0;
  let invalidFiles = 0;
  for (const f of files) {
    let fileErrors = 0;
    for (const d of f.diagnostics) {
      if (d.severity === 'error') fileErrors++;
      else warnings++;
    }
    errors += fileErrors;
    if (fileErrors > 0) invalidFiles++;
  }
  return { files: files.length, errors, warnings, invalidFiles };
}
