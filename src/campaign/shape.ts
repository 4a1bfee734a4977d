import type { z } from 'zod';
import { error, type Finding } from '../diagnostics/diagnostic.js';
import { suggest } from './suggest.js';

/**
 * Turns zod issues into findings with stable codes and plain messages:
 *   E_UNKNOWN_KEY (with "did you mean"), E_REQUIRED, E_TYPE, E_VALUE (not one of the allowed values),
 *   E_FORMAT (pattern), E_RANGE (too small / too big), E_SHAPE (anything else).
 */
type Issue = z.core.$ZodIssue;

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
  entries?: Record<string, unknown>;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const d = defOf(s);
    if (
      d.innerType &&
      ['optional', 'default', 'nullable', 'readonly', 'catch', 'prefault', 'nonoptional'].includes(d.type)
    ) {
      s = d.innerType;
    } else if (d.type === 'pipe' && d.in) {
      s = d.in;
    } else break;
  }
  return s;
}

/** Among union options, the object option sharing most keys with the value. */
function pickOption(options: z.ZodType[], value: unknown): z.ZodType | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const keys = Object.keys(value);
  let best: z.ZodType | undefined;
  let bestScore = -1;
  for (const o of options) {
    const d = defOf(unwrap(o));
    if (d.type !== 'object' || !d.shape) continue;
    let score = keys.filter((k) => k in d.shape!).length;
    // A matching discriminator decides.
    const disc = d.shape.type ? defOf(unwrap(d.shape.type)) : undefined;
    if (disc?.values?.includes((value as Record<string, unknown>).type)) score += 100;
    if (score > bestScore) {
      best = o;
      bestScore = score;
    }
  }
  return best;
}

/** The (unwrapped) schema at a path, choosing union branches by the actual value. */
export function schemaAt(
  root: z.ZodType,
  path: readonly PropertyKey[],
  rootValue: unknown,
  keepLastUnion = false,
): z.ZodType | undefined {
  let s: z.ZodType | undefined = unwrap(root);
  for (let i = 0; i <= path.length && s; i++) {
    let d = defOf(s);
    if (d.type === 'union' && d.options && !(keepLastUnion && i === path.length)) {
      s = pickOption(d.options, valueAt(rootValue, path.slice(0, i)));
      if (!s) return undefined;
      s = unwrap(s);
      d = defOf(s);
    }
    const seg = path[i];
    if (seg === undefined) return s; // the end of the path
    if (d.type === 'object' && d.shape) s = d.shape[String(seg)];
    else if (d.type === 'array' && d.element) s = d.element;
    else if (d.type === 'record' && d.valueType) s = d.valueType;
    else return undefined;
    s = s ? unwrap(s) : undefined;
  }
  return s;
}

function knownKeys(root: z.ZodType, path: readonly PropertyKey[], rootValue: unknown): string[] {
  const s = schemaAt(root, path, rootValue);
  if (!s) return [];
  const d = defOf(s);
  return d.type === 'object' && d.shape ? Object.keys(d.shape) : [];
}

function allowedValues(root: z.ZodType, path: readonly PropertyKey[], rootValue: unknown): unknown[] {
  const s = schemaAt(root, path, rootValue);
  if (!s) return [];
  const d = defOf(s);
  if (d.values) return d.values;
  if (d.entries) return Object.values(d.entries);
  return [];
}

/** What was found, in the words a person would use; never the expected type's own name for a wrong value. */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Uint8Array) return 'binary data (!!binary)';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN (.nan)';
    if (!Number.isFinite(v))
      return v > 0 ? 'infinity (.inf, or a number as large as 1e309)' : 'minus infinity (-.inf)';
    return 'a number';
  }
  if (typeof v === 'object') return 'a mapping';
  return `a ${typeof v}`;
}

const expectedName: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
  record: 'a mapping (key: value)',
};

function fieldName(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  return typeof last === 'number' ? `item ${last}` : String(last ?? 'the file');
}

export function issuesToFindings(
  issues: readonly Issue[],
  root: z.ZodType,
  rootValue: unknown,
  prefix: readonly (string | number)[] = [],
): Finding[] {
  const out: Finding[] = [];
  for (const issue of issues) {
    const rel = issue.path as PropertyKey[];
    const path = [...prefix, ...rel].map((p) => (typeof p === 'symbol' ? String(p) : p)) as (
      | string
      | number
    )[];
    const input = valueAt(rootValue, rel);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = knownKeys(root, rel, rootValue);
        for (const key of issue.keys) {
          const guess = suggest(key, known);
          out.push({
            ...error(
              'E_UNKNOWN_KEY',
              [...path, key],
              `unknown key "${key}"${guess ? `; did you mean "${guess}"?` : ''}`,
              guess
                ? `Rename "${key}" to "${guess}".`
                : known.length
                  ? `Allowed here: ${known.filter((k) => k !== '$schema').join(', ')}.`
                  : undefined,
              { key, guess, allowed: known.filter((k) => k !== '$schema').join(', ') },
            ),
            target: 'key',
          });
        }
        break;
      }
      case 'invalid_type': {
        if (input === undefined) {
          out.push(
            error('E_REQUIRED', path, `missing required field "${fieldName(path)}"`, undefined, {
              field: fieldName(path),
            }),
          );
        } else {
          const exp = expectedName[issue.expected] ?? issue.expected;
          out.push(
            error('E_TYPE', path, `${fieldName(path)} must be ${exp}, not ${typeName(input)}`, undefined, {
              field: fieldName(path),
              expected: exp,
              got: typeName(input),
            }),
          );
        }
        break;
      }
      case 'invalid_value': {
        const values = issue.values.map((v) => JSON.stringify(v));
        const guess = typeof input === 'string' ? suggest(input, issue.values.map(String)) : undefined;
        out.push(
          error(
            'E_VALUE',
            path,
            `${fieldName(path)} must be ${values.length === 1 ? values[0] : `one of ${values.join(', ')}`}; got ${JSON.stringify(input)}${guess ? ` (did you mean "${guess}"?)` : ''}`,
            undefined,
            { field: fieldName(path), allowed: values.join(', '), got: JSON.stringify(input), guess },
          ),
        );
        break;
      }
      case 'invalid_union': {
        const disc = (issue as { discriminator?: string }).discriminator;
        if (disc) {
          // zod points at the discriminator itself; its parent is the union's value.
          const unionRel = rel[rel.length - 1] === disc ? rel.slice(0, -1) : rel;
          const unionPath = path[path.length - 1] === disc ? path.slice(0, -1) : path;
          const choices = allowedDiscriminators(root, unionRel, rootValue, disc);
          const got = (valueAt(rootValue, unionRel) as Record<string, unknown> | undefined)?.[disc];
          const guess = typeof got === 'string' ? suggest(got, choices) : undefined;
          out.push(
            error(
              got === undefined ? 'E_REQUIRED' : 'E_VALUE',
              [...unionPath, disc],
              got === undefined
                ? `missing required field "${disc}" (one of ${choices.join(', ')})`
                : `${disc} must be one of ${choices.join(', ')}; got ${JSON.stringify(got)}${guess ? ` (did you mean "${guess}"?)` : ''}`,
              undefined,
              {
                field: disc,
                choices: choices.join(', '),
                allowed: choices.join(', '),
                got: JSON.stringify(got),
                guess,
              },
            ),
          );
          break;
        }
        const branches = issue.errors;
        const best = pickBranch(branches, input);
        const unionSchema = schemaAt(root, rel, rootValue, true);
        if (best && unionSchema) out.push(...issuesToFindings(best, unionSchema, input, path));
        else
          out.push(
            error('E_TYPE', path, `${fieldName(path)} has the wrong shape: ${issue.message}`, undefined, {
              field: fieldName(path),
            }),
          );
        break;
      }
      case 'invalid_format':
        out.push(
          error('E_FORMAT', path, `${fieldName(path)} ${issue.message}`, undefined, {
            field: fieldName(path),
            detail: issue.message,
          }),
        );
        break;
      case 'too_small':
      case 'too_big':
        out.push(
          error('E_RANGE', path, `${fieldName(path)}: ${rangeMessage(issue)}`, undefined, {
            field: fieldName(path),
            ...rangeArgs(issue),
          }),
        );
        break;
      case 'custom':
        out.push(
          error('E_FORMAT', path, `${fieldName(path)} ${issue.message}`, undefined, {
            field: fieldName(path),
            detail: issue.message,
          }),
        );
        break;
      default:
        out.push(
          error('E_SHAPE', path, `${fieldName(path)}: ${issue.message}`, undefined, {
            field: fieldName(path),
            detail: issue.message,
          }),
        );
    }
  }
  return out;
}

function allowedDiscriminators(
  root: z.ZodType,
  path: PropertyKey[],
  rootValue: unknown,
  disc: string,
): string[] {
  const s = schemaAt(root, path, rootValue, true);
  const d = s ? defOf(s) : undefined;
  const out: string[] = [];
  for (const o of d?.options ?? []) {
    const od = defOf(unwrap(o));
    const t = od.shape?.[disc];
    if (t) out.push(...(allowedValues(t, [], undefined) as string[]));
  }
  return out;
}

/** Picks the union branch the author most likely meant: fewest issues at its root, then fewest issues. */
function pickBranch(branches: readonly (readonly Issue[])[], input: unknown): readonly Issue[] | undefined {
  let best: readonly Issue[] | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const b of branches) {
    const rootTypeMismatch = b.some((i) => i.path.length === 0 && i.code === 'invalid_type');
    const score = (rootTypeMismatch ? 1000 : 0) + b.length;
    if (score < bestScore) {
      best = b;
      bestScore = score;
    }
  }
  // When every branch fails at its root the value's own type is wrong: no branch explains it well.
  if (best?.some((i) => i.path.length === 0 && i.code === 'invalid_type') && input !== undefined)
    return undefined;
  return best;
}

function rangeMessage(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  const { cmp, bound, what } = rangeArgs(issue);
  return `must be ${cmp} ${bound}${what ? ` ${what}` : ''}`;
}

function rangeArgs(issue: Issue & { code: 'too_small' | 'too_big' }): {
  cmp: string;
  bound: string;
  what: string;
} {
  const small = issue.code === 'too_small';
  const bound = (issue as { minimum?: number | bigint; maximum?: number | bigint })[
    small ? 'minimum' : 'maximum'
  ];
  const origin = (issue as { origin?: string }).origin;
  const what = origin === 'array' ? 'items' : origin === 'string' ? 'characters' : '';
  const inclusive = (issue as { inclusive?: boolean }).inclusive !== false;
  const cmp = small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
  return { cmp, bound: String(bound), what };
}

/**
 * zod skips own `__proto__` keys in records (a guard against prototype pollution), so a value under
 * such a key would pass unchecked. Check it against the record's value schema like any other key.
 */
export function protoKeyFindings(root: z.ZodType, rootValue: unknown): Finding[] {
  const out: Finding[] = [];
  const walk = (v: unknown, path: (string | number)[], depth: number) => {
    if (v === null || typeof v !== 'object' || depth > 64 || v instanceof Uint8Array) return;
    if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) walk(item, [...path, i], depth + 1);
      return;
    }
    if (Object.hasOwn(v, '__proto__')) {
      const s = schemaAt(root, path, rootValue);
      const d = s ? defOf(s) : undefined;
      const inner = Object.getOwnPropertyDescriptor(v, '__proto__')?.value as unknown;
      if (d?.type === 'record' && d.valueType) {
        const r = d.valueType.safeParse(inner, { reportInput: true, jitless: true });
        if (!r.success)
          out.push(...issuesToFindings(r.error.issues, d.valueType, inner, [...path, '__proto__']));
      }
    }
    for (const [k, child] of Object.entries(v)) walk(child, [...path, k], depth + 1);
  };
  walk(rootValue, [], 0);
  return out;
}
