/**
 * `{{room.name}}`, `{{coupon.amount}}`, `{{product[0].price.now}}`: placeholders in message and poster
 * templates, resolved against a plain scope object. Pure.
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*)\s*\}\}/g;

export interface Rendered {
  text: string;
  /** Placeholders with no value in the scope (rendered as empty text). */
  missing: string[];
}

export function lookup(scope: unknown, expr: string): unknown {
  let v: unknown = scope;
  for (const m of expr.matchAll(/[A-Za-z_][\w-]*|\[(\d+)\]/g)) {
    if (v === null || v === undefined) return undefined;
    const key = m[1] !== undefined ? Number(m[1]) : m[0];
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

export function renderPlaceholders(template: string, scope: unknown): Rendered {
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (_all, expr: string) => {
    const v = lookup(scope, expr);
    if (v === undefined || v === null || typeof v === 'object') {
      missing.push(expr);
      return '';
    }
    return String(v);
  });
  return { text, missing };
}

/** The placeholder expressions a template uses. */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}
