import type { Diagnostic, DiagnosticArgs } from '../diagnostics/diagnostic.js';

/** A diagnostic in another language: its message and, when the English one has a hint, its hint. */
export interface Rendered {
  message: string;
  hint?: string;
}

/** Renders one code from the values the rule named (`args`) and the diagnostic itself (its path). */
export type ZhRender = (args: DiagnosticArgs, d: Diagnostic) => Rendered;
