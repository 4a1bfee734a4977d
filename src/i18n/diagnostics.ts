import type { Diagnostic, DiagnosticCode } from '../diagnostics/diagnostic.js';
import { currentLang } from './catalog.js';
import type { ZhRender } from './diagnostics-types.js';
import { ZH_CHANNELS } from './diagnostics-zh-channels.js';
import { ZH_RULE_ERRORS } from './diagnostics-zh-rules.js';
import { ZH_STRUCTURE } from './diagnostics-zh-structure.js';
import { ZH_WARNINGS } from './diagnostics-zh-warnings.js';

/**
 * Diagnostics in Chinese, one renderer per code: rules keep writing their English message and hint
 * and name the values in them (`args`); the renderer writes the Chinese sentence from those. A code
 * without a renderer shows its English text (diagnostics.test.ts fails and lists it).
 */
export const ZH_DIAGNOSTICS: Readonly<Partial<Record<DiagnosticCode, ZhRender>>> = {
  ...ZH_STRUCTURE,
  ...ZH_RULE_ERRORS,
  ...ZH_WARNINGS,
  ...ZH_CHANNELS,
};

/** A YAML syntax error named by the yaml library (E_YAML_<code>): its own words follow. */
const yamlError: ZhRender = (_a, d) => ({ message: `YAML 语法错误：${d.message}` });

/**
 * A diagnostic as it is shown: in the chosen language, without `args`. English is the rule's own
 * text, so in English the output is what it always was; the code, path and place never change.
 */
export function presentDiagnostic(d: Diagnostic): Diagnostic {
  const { args, ...rest } = d;
  if (currentLang() === 'en') return args === undefined ? d : rest;
  const render = ZH_DIAGNOSTICS[d.code] ?? (d.code.startsWith('E_YAML_') ? yamlError : undefined);
  if (!render) return rest;
  const zh = render(args ?? {}, d);
  const out: Diagnostic = { ...rest, message: zh.message };
  if (rest.hint !== undefined && zh.hint) out.hint = zh.hint;
  return out;
}
