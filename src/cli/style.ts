import { Chalk } from 'chalk';
import type { TextStyle } from '../diagnostics/render-text.js';
import type { Output } from '../platform/deps.js';

/** chalk-backed colours when the output allows them (`Output.color`: see colorEnabled in platform/node-deps.ts), plain otherwise. */
export function styleFor(out: Output): TextStyle {
  const c = new Chalk({ level: out.color ? 1 : 0 });
  return { error: c.red, warning: c.yellow, dim: c.dim, bold: c.bold, accent: c.cyan };
}
