import { z } from 'zod';
import { campaignJsonSchema } from './json-schema.js';
import { CHANNEL_TYPES, ChannelSchemas } from './schema.js';

/**
 * The campaign file reference in the README, generated from the zod schema's descriptions (through the
 * published JSON Schema), so a field added or described in schema.ts shows up there: one table of
 * every field with its type, default and description, then one row per channel type.
 * `scripts/write-readme-reference.js` writes it between the generated:campaign markers; a test
 * fails when the README is behind.
 */

type Node = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Node>;
  required?: string[];
  items?: Node;
  anyOf?: Node[];
  oneOf?: Node[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  default?: unknown;
  additionalProperties?: Node | boolean;
  pattern?: string;
};

interface Row {
  field: string;
  type: string;
  description: string;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function typeOf(n: Node): string {
  if (n.const !== undefined) return JSON.stringify(n.const);
  if (n.enum) return n.enum.map(String).join(' | ');
  const variants = n.anyOf ?? n.oneOf;
  if (variants) {
    const shapes = variants.map((v) =>
      v.properties?.type?.const !== undefined ? `{type: ${String(v.properties.type.const)}}` : typeOf(v),
    );
    return [...new Set(shapes)].join(' | ');
  }
  if (n.type === 'array') return `list of ${n.items ? typeOf(n.items) : 'values'}`;
  if (n.type === 'object' && !n.properties && n.additionalProperties) return 'map';
  return Array.isArray(n.type) ? n.type.join(' | ') : (n.type ?? 'any');
}

function walk(n: Node, at: string, required: boolean, rows: Row[]): void {
  const extra: string[] = [];
  if (required) extra.push('required');
  if (n.default !== undefined && typeof n.default !== 'object')
    extra.push(`default ${JSON.stringify(n.default)}`);
  rows.push({
    field: `\`${at}\``,
    type: typeOf(n) + (extra.length ? ` (${extra.join(', ')})` : ''),
    description: n.description ?? '',
  });
  const obj = n.type === 'array' ? n.items : n;
  if (!obj?.properties) return;
  const prefix = n.type === 'array' ? `${at}[]` : at;
  for (const [k, child] of Object.entries(obj.properties)) {
    if (k === '$schema') continue;
    walk(child, `${prefix}.${k}`, (obj.required ?? []).includes(k), rows);
  }
}

export function campaignReferenceMarkdown(): string {
  const schema = campaignJsonSchema() as Node;
  const rows: Row[] = [];
  for (const [k, child] of Object.entries(schema.properties ?? {})) {
    if (k === '$schema') continue;
    walk(child, k, (schema.required ?? []).includes(k), rows);
  }
  const table = (rs: Row[]) =>
    [
      '| field | type | description |',
      '| --- | --- | --- |',
      ...rs.map((r) => `| ${r.field} | ${cell(r.type)} | ${cell(r.description)} |`),
    ].join('\n');

  const channelRows: Row[] = CHANNEL_TYPES.map((t) => {
    const s = z.toJSONSchema(ChannelSchemas[t], { io: 'input' }) as Node;
    const fields = Object.entries(s.properties ?? {})
      .filter(([k]) => k !== 'type')
      .map(
        ([k, f]) =>
          `\`${k}\`${(s.required ?? []).includes(k) ? ' (required)' : ''}: ${f.description ?? typeOf(f)}`,
      );
    return { field: `\`${t}\``, type: '', description: fields.length ? fields.join('<br>') : 'no settings' };
  });
  return [
    table(rows),
    '',
    'Channel settings by type (`channels.<name>`; the name is the type unless `type:` says otherwise):',
    '',
    [
      '| type | settings |',
      '| --- | --- |',
      ...channelRows.map((r) => `| ${r.field} | ${cell(r.description)} |`),
    ].join('\n'),
  ].join('\n');
}
