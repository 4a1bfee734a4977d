/**
 * `{{room.name}}`, `{{coupon.amount}}`, `{{product[0].price.now}}`: placeholders in message and poster
 * templates, resolved against a plain scope object. Pure.
 *
 * Sections keep a template readable when a value is absent: `{{#coupon}}…{{/coupon}}` renders its
 * body only when `coupon` has a value (a non-empty list, a non-empty string, a number or an object),
 * and `{{^coupon}}…{{/coupon}}` only when it does not. Sections do not nest with the same name.
 */
const EXPR = String.raw`[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*`;
const PLACEHOLDER = new RegExp(String.raw`\{\{\s*(${EXPR})\s*\}\}`, 'g');
const SECTION = new RegExp(String.raw`\{\{\s*([#^])\s*(${EXPR})\s*\}\}([\s\S]*?)\{\{\s*/\s*\2\s*\}\}`, 'g');
/** Any `{{ … }}` tag: placeholders and section tags. */
const TAG = /\{\{([^{}]*)\}\}/g;
const SECTION_TAG = new RegExp(String.raw`^\s*[#^/]\s*${EXPR}\s*$`);

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

function present(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === '') return false;
  return !(Array.isArray(v) && v.length === 0);
}

export function renderPlaceholders(template: string, scope: unknown): Rendered {
  const missing: string[] = [];
  const withSections = template.replace(SECTION, (_all, kind: string, expr: string, body: string) =>
    present(lookup(scope, expr)) === (kind === '#') ? body : '',
  );
  const text = withSections.replace(PLACEHOLDER, (_all, expr: string) => {
    const v = lookup(scope, expr);
    if (v === undefined || v === null || typeof v === 'object') {
      missing.push(expr);
      return '';
    }
    return String(v);
  });
  return { text, missing };
}

/** The value placeholders a template uses (section tags excluded: they name groups such as `coupon`). */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** `{{ … }}` tags that are neither a placeholder nor a section tag (typos such as `{{ room name }}`). */
export function malformedTags(template: string): string[] {
  return [...template.matchAll(TAG)]
    .map((m) => m[0])
    .filter((tag) => {
      const inner = tag.slice(2, -2).trim();
      return !new RegExp(`^${EXPR}$`).test(inner) && !SECTION_TAG.test(inner);
    });
}
