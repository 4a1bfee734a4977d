import {
  type Alias,
  type Document,
  isAlias,
  isCollection,
  isPair,
  LineCounter,
  parseDocument,
  visit,
  type YAMLError,
} from 'yaml';
import { type Diagnostic, type DiagnosticCode, error, type Finding } from '../diagnostics/diagnostic.js';
import { locate, positions } from '../diagnostics/locate.js';
import { parseFastYaml } from './fast-yaml.js';
import {
  type Campaign,
  CampaignSchema,
  CHANNEL_TYPES,
  ChannelSchemas,
  type ChannelSettings,
  type ChannelType,
} from './schema.js';
import { issuesToFindings, protoKeyFindings } from './shape.js';
import { suggest } from './suggest.js';
import { unsafeTextFindings } from './text-safety.js';

/**
 * Stage 1 and 2 of validation: YAML syntax, then shape. Pure (text in, data out) so it can be
 * tested and benchmarked without files. Never throws: every problem is a located diagnostic.
 */
export interface ParsedCampaign {
  /** The YAML document, when the text parsed far enough to have one (used to locate later findings). */
  doc?: Document;
  lineCounter: LineCounter;
  /** The campaign, only when syntax and shape are valid. */
  campaign?: Campaign;
  diagnostics: Diagnostic[];
}

/** Limits that keep hostile input cheap: a campaign file is a few kilobytes. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MAX_DEPTH = 64;
/**
 * Nodes that aliases may add to the document when expanded. Counting expansion size rather than alias
 * uses lets a file name one anchor in every wave, while `&a [*b, *b, …]` nested ten deep is refused.
 */
export const MAX_ALIAS_EXPANSION = 10_000;

export function parseCampaignBytes(bytes: Uint8Array, options: ParseOptions = {}): ParsedCampaign {
  const lc = new LineCounter();
  if (bytes.length > MAX_FILE_BYTES) {
    return fileLevel(
      lc,
      'E_FILE_TOO_LARGE',
      `file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; a campaign file may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB`,
      'Is this the right file? Campaign files are a few kilobytes.',
    );
  }
  const utf = otherUnicode(bytes);
  if (utf) {
    return fileLevel(
      lc,
      'E_ENCODING',
      `file is ${utf}, not UTF-8`,
      'Save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8).',
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return fileLevel(lc, 'E_NOT_TEXT', `file is binary (a NUL byte at offset ${nul}), not YAML text`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    const lines = before.split('\n');
    const line = lines.length;
    const column = (lines[lines.length - 1]?.length ?? 0) + 1;
    return {
      lineCounter: lc,
      diagnostics: [
        {
          severity: 'error',
          code: 'E_ENCODING',
          message: `file is not valid UTF-8 (invalid byte 0x${bytes[offset]?.toString(16).padStart(2, '0')} at offset ${offset})`,
          path: [],
          hint: 'Save the file as UTF-8 (GBK/GB2312 files must be converted).',
          line,
          column,
          endLine: line,
          endColumn: column + 1,
        },
      ],
    };
  }
  return parseCampaignText(text, options);
}

export interface ParseOptions {
  /** false: parse with `yaml` only (the reference the fast reader is tested against). */
  fast?: boolean;
}

export function parseCampaignText(input: string, options: ParseOptions = {}): ParsedCampaign {
  const lc = new LineCounter();
  // Old Mac line ends (CR alone) are line breaks too; CR → LF keeps every offset where it was.
  const text = input.includes('\r') ? input.replace(/\r(?!\n)/g, '\n') : input;
  if (text.trim() === '' || /^(?:\s*#[^\n]*\n?|\s*---\s*\n?)*\s*$/.test(text)) {
    return fileLevel(
      lc,
      'E_EMPTY_FILE',
      'file is empty: a campaign needs apiVersion, kind, metadata, accounts and room',
      'Start from `livectl init` or campaigns/minimal.yaml.',
    );
  }
  const raw = rawControlCharacters(text);
  if (raw.length > 0) return { lineCounter: lc, diagnostics: raw };
  const depth = maxFlowOrBlockDepth(text);
  if (depth > MAX_DEPTH) {
    return fileLevel(
      lc,
      'E_YAML_TOO_DEEP',
      `nesting is ${depth} levels deep; at most ${MAX_DEPTH} are allowed`,
    );
  }
  // Plain campaign text goes through the fast reader; anything it is unsure of, through `yaml`.
  const fast = options.fast === false ? undefined : parseFastYaml(text, lc);
  const read = fast
    ? { doc: fast.doc, value: fast.value as unknown, yamlDiagnostics: [] }
    : readWithYaml(text, lc);
  if ('diagnostics' in read) return read;
  const { doc, value, yamlDiagnostics } = read;

  const findings: Finding[] = [];
  const parsed = CampaignSchema.safeParse(value, { reportInput: true, jitless: true });
  if (!parsed.success) findings.push(...issuesToFindings(parsed.error.issues, CampaignSchema, value));
  findings.push(...protoKeyFindings(CampaignSchema, value), ...unsafeTextFindings(value));
  const channels: Record<string, ChannelSettings> = {};
  const rawChannels = (value as { channels?: unknown }).channels;
  if (rawChannels && typeof rawChannels === 'object' && !Array.isArray(rawChannels)) {
    for (const [name, settings] of Object.entries(rawChannels as Record<string, unknown>)) {
      const r = resolveChannel(name, settings);
      if ('findings' in r) findings.push(...r.findings);
      else channels[name] = r.channel;
    }
  }
  const diagnostics = [...yamlDiagnostics, ...locate(findings, doc, lc)];
  if (findings.length > 0 || !parsed.success) return { doc, lineCounter: lc, diagnostics };
  return { doc, lineCounter: lc, campaign: { ...parsed.data, channels }, diagnostics };
}

/** The reference path: `yaml` parses, reports its errors and warnings, and guards alias expansion. */
function readWithYaml(
  text: string,
  lc: LineCounter,
): ParsedCampaign | { doc: Document; value: unknown; yamlDiagnostics: Diagnostic[] } {
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (e) {
    return fileLevel(lc, 'E_YAML_SYNTAX', `YAML could not be parsed: ${(e as Error).message}`);
  }
  const yamlDiagnostics = [...doc.errors, ...doc.warnings].map((e) => yamlDiagnostic(e, lc));
  if (doc.errors.length > 0) return { doc, lineCounter: lc, diagnostics: yamlDiagnostics };

  const bomb = aliasBomb(doc, MAX_ALIAS_EXPANSION);
  if (bomb) {
    return {
      doc,
      lineCounter: lc,
      diagnostics: [
        ...yamlDiagnostics,
        {
          severity: 'error',
          code: 'E_YAML_ALIAS_BOMB',
          message: `aliases expand the file by more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} values (this one reaches ${bomb.total.toLocaleString('en-US')})`,
          path: [],
          hint: 'Write the values out instead of nesting aliases (*name) inside anchored lists and mappings.',
          ...positions([bomb.alias.range?.[0] ?? 0, bomb.alias.range?.[1] ?? 0], lc),
        },
      ],
    };
  }
  let value: unknown;
  try {
    // Expansion was bounded above; yaml's own guard counts alias uses, which refuses honest files.
    value = doc.toJS({ maxAliasCount: -1 });
  } catch (e) {
    return {
      doc,
      lineCounter: lc,
      diagnostics: [
        ...yamlDiagnostics,
        ...locate([error('E_YAML_SYNTAX', [], `YAML could not be read: ${(e as Error).message}`)], doc, lc),
      ],
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      doc,
      lineCounter: lc,
      diagnostics: [
        ...yamlDiagnostics,
        ...locate(
          [
            error(
              'E_TYPE',
              [],
              `a campaign file must be a mapping (key: value), not ${Array.isArray(value) ? 'a list' : typeof value}`,
            ),
          ],
          doc,
          lc,
        ),
      ],
    };
  }

  return { doc, value, yamlDiagnostics };
}

const CHANNEL_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** A channel's type is its key unless `type:` says otherwise; its settings are checked by that type. */
function resolveChannel(
  name: string,
  settings: unknown,
): { channel: ChannelSettings } | { findings: Finding[] } {
  const base = ['channels', name];
  if (!CHANNEL_NAME.test(name)) {
    return {
      findings: [
        {
          ...error(
            'E_FORMAT',
            base,
            `channel name "${name}" must be lower-case letters, digits and "-"`,
            undefined,
            { kind: 'channel-name', name },
          ),
          target: 'key',
        },
      ],
    };
  }
  const obj = settings ?? {};
  if (typeof obj !== 'object' || Array.isArray(obj)) {
    return { findings: [] }; // the record schema already reported the wrong type
  }
  const declared = (obj as { type?: unknown }).type;
  const type = (declared ?? name) as string;
  if (!(CHANNEL_TYPES as readonly string[]).includes(type)) {
    const guess = suggest(type, CHANNEL_TYPES);
    const path = declared === undefined ? base : [...base, 'type'];
    return {
      findings: [
        {
          ...error(
            'E_CHANNEL_TYPE',
            path,
            declared === undefined
              ? `channel "${name}" has no type: its name is not a channel type and it has no "type:"${guess ? ` (did you mean "${guess}"?)` : ''}`
              : `unknown channel type "${type}"${guess ? `; did you mean "${guess}"?` : ''}`,
            `Channel types: ${CHANNEL_TYPES.join(', ')}.`,
            {
              kind: declared === undefined ? 'missing' : 'unknown',
              name,
              type,
              guess,
              types: CHANNEL_TYPES.join('、'),
            },
          ),
          target: declared === undefined ? 'key' : 'value',
        },
      ],
    };
  }
  const schema = ChannelSchemas[type as ChannelType];
  const r = schema.safeParse(obj, { reportInput: true, jitless: true });
  if (!r.success) return { findings: issuesToFindings(r.error.issues, schema, obj, base) };
  return { channel: { ...r.data, type } as ChannelSettings };
}

function yamlDiagnostic(e: YAMLError, lc: LineCounter): Diagnostic {
  const pos = positions([e.pos[0], e.pos[1]], lc);
  const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return {
    severity: e.name === 'YAMLWarning' ? 'warning' : 'error',
    code: `E_YAML_${e.code}`,
    message,
    path: [],
    ...(e.code === 'TAB_AS_INDENT' ? { hint: 'YAML indents with spaces only; replace the tabs.' } : {}),
    ...(e.code === 'DUPLICATE_KEY'
      ? { hint: 'Each key may appear once in a mapping; remove or merge the repeat.' }
      : {}),
    ...pos,
  };
}

function fileLevel(lc: LineCounter, code: DiagnosticCode, message: string, hint?: string): ParsedCampaign {
  return {
    lineCounter: lc,
    diagnostics: [
      {
        severity: 'error',
        code,
        message,
        path: [],
        ...(hint ? { hint } : {}),
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
      },
    ],
  };
}

/**
 * A cheap upper bound of nesting (flow brackets and block indentation), checked before parsing so a
 * 10,000-deep document is refused with a clear message instead of exhausting the stack.
 */
function maxFlowOrBlockDepth(text: string): number {
  let flow = 0;
  let maxFlow = 0;
  let maxIndent = 0;
  let inQuote: string | null = null;
  let lineStart = true;
  let indent = 0;
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\n') {
      lineStart = true;
      indent = 0;
      comment = false;
      if (inQuote === "'" || inQuote === '"') {
        // quoted scalars may span lines; keep the state
      }
      continue;
    }
    if (comment) continue;
    if (lineStart) {
      if (c === ' ' || c === '-') {
        indent++;
        continue;
      }
      lineStart = false;
      if (c !== '#') maxIndent = Math.max(maxIndent, indent);
    }
    if (inQuote) {
      if (c === inQuote && text[i - 1] !== '\\') inQuote = null;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text.charAt(i - 1)))) comment = true;
    else if (c === '"' || c === "'") inQuote = c;
    else if (c === '[' || c === '{') maxFlow = Math.max(maxFlow, ++flow);
    else if (c === ']' || c === '}') flow = Math.max(0, flow - 1);
  }
  // Two spaces of indentation per level is the norm; be generous and count one level per 2 columns.
  return Math.max(maxFlow, Math.floor(maxIndent / 2));
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 1 : b >> 5 === 0x6 ? 2 : b >> 4 === 0xe ? 3 : b >> 3 === 0x1e ? 4 : 0;
    if (n === 0) return i;
    for (let k = 1; k < n; k++) if (i + k >= bytes.length || bytes[i + k]! >> 6 !== 0x2) return i;
    i += n;
  }
  return i;
}

/**
 * The first alias at which the values added by alias expansion pass `cap`, if any. Sizes are
 * memoised per anchored node, so a billion-laughs file costs as many steps as it has nodes.
 */
function aliasBomb(doc: Document, cap: number): { alias: Alias; total: number } | undefined {
  const sizes = new Map<unknown, number>();
  const open = new Set<unknown>();
  const size = (node: unknown): number => {
    if (isAlias(node)) {
      const target = node.resolve(doc);
      return target && !open.has(target) ? size(target) : 1;
    }
    if (isPair(node)) return size(node.key) + size(node.value);
    if (!isCollection(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    open.add(node);
    let n = 1;
    for (const item of node.items) n = Math.min(n + size(item), Number.MAX_SAFE_INTEGER);
    open.delete(node);
    sizes.set(node, n);
    return n;
  };
  let total = 0;
  let found: { alias: Alias; total: number } | undefined;
  visit(doc, {
    Alias(_, alias) {
      total += size(alias);
      if (total > cap) {
        found = { alias, total };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Names UTF-16 and UTF-32 text by its byte-order mark, or UTF-16 without one by its zero bytes. */
function otherUnicode(b: Uint8Array): string | undefined {
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return 'UTF-32 (little-endian, with a BOM)';
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return 'UTF-32 (big-endian, with a BOM)';
  if (b[0] === 0xff && b[1] === 0xfe) return 'UTF-16 (little-endian, with a BOM)';
  if (b[0] === 0xfe && b[1] === 0xff) return 'UTF-16 (big-endian, with a BOM)';
  // ASCII saved as UTF-16 without a BOM: every other byte of the first few characters is zero.
  const pairs = Math.min(8, Math.floor(b.length / 2));
  if (pairs < 2) return undefined;
  let le = 0;
  let be = 0;
  for (let i = 0; i < pairs; i++) {
    const x = b[2 * i]!;
    const y = b[2 * i + 1]!;
    if (x !== 0 && y === 0) le++;
    if (x === 0 && y !== 0) be++;
  }
  if (le === pairs) return 'UTF-16 (little-endian, no BOM)';
  if (be === pairs) return 'UTF-16 (big-endian, no BOM)';
  return undefined;
}

/**
 * Control characters typed into the file itself (not written as "\e" escapes): YAML does not allow
 * them, and its own errors about the tokens that follow would only confuse. Each is reported at its
 * exact place (at most 10), before parsing.
 */
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
function rawControlCharacters(text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const m of text.matchAll(RAW_CONTROL)) {
    for (let i = text.indexOf('\n', scanned); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    scanned = m.index;
    const column = m.index - lineStart + 1;
    const cp = m[0].codePointAt(0)!;
    out.push({
      severity: 'error',
      code: 'E_CONTROL_CHAR',
      message: `the file holds a raw control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}${CONTROL_NAMES[cp] ? ` (${CONTROL_NAMES[cp]})` : ''}`,
      path: [],
      hint: 'Remove it (an editor may hide it); YAML allows only tab, newline and printable characters.',
      line,
      column,
      endLine: line,
      endColumn: column + 1,
    });
    if (out.length >= 10) break;
  }
  return out;
}
const CONTROL_NAMES: Record<number, string> = { 7: 'BEL', 8: 'BS', 27: 'ESC', 127: 'DEL' };
