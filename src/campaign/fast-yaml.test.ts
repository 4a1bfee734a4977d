import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateCampaigns } from '../../bench/generate-campaigns.js';
import { parseFastYaml, resolvePlain } from './fast-yaml.js';
import { fastYamlDisagreements } from './fast-yaml-diff.js';
import { parseCampaignText } from './load.js';

/**
 * The fast YAML reader against `yaml`, the reference: on every file it reads it must build the same
 * value and the same node ranges, and the whole of stage 1 and 2 (diagnostics, located; the campaign)
 * must come out the same as with `yaml` alone. Corpus: the examples, every test fixture, generated
 * bench files, hand-written hostile and odd YAML, and thousands of random mutations of them.
 */
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFilesUnder(full));
    else if (/\.ya?ml$/.test(e.name)) out.push(full);
  }
  return out;
}

function generated(count: number): string[] {
  const files: Record<string, string> = {};
  generateCampaigns(undefined, count, 42, (name, text) => {
    files[name] = text;
  });
  return Object.values(files);
}

const corpus = [
  ...yamlFilesUnder(path.join(root, 'campaigns')),
  ...yamlFilesUnder(path.join(root, 'test')),
].map((f) => readFileSync(f, 'utf8'));
const bench = generated(200);
const minimal = readFileSync(path.join(root, 'campaigns', 'minimal.yaml'), 'utf8');

/** Odd, hostile or merely unusual YAML: each must be read the same or left to `yaml`. */
const ODD_SCALARS = [
  '0o17',
  '0x1F',
  '0X1F',
  '017',
  '1e3',
  '1E-3',
  '.5',
  '-.5',
  '+1',
  '+.inf',
  '-.Inf',
  '.NaN',
  '.nan',
  '1_000',
  '0b101',
  '1.',
  '1.0',
  '-0',
  '+0',
  '00',
  '1:30',
  '12:30:00',
  '2027-03-01',
  '2027-03-01T19:30',
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  '~',
  'null',
  'Null',
  'NULL',
  'nULL',
  'true',
  'True',
  'TRUE',
  'tRUE',
  'false',
  'FALSE',
  '"0o17"',
  "'true'",
  "'it''s'",
  '"a\\tb"',
  '"a\\u00e9b"',
  '"\\x41"',
  '"\\e"',
  '"a\\\\b"',
  '"a\\"b"',
  '"\\/"',
  '"\\N\\_\\L\\P"',
  '"\\q"',
  "''",
  '""',
  '9007199254740993',
  '123456789012345678901234567890',
  '1e400',
  '-3d@10:00',
  '+1h40m',
  'a#b',
  'a #b',
  'pages/x?id=1&b=2',
  'a: b',
  'a:b',
  '- a',
  '-a',
  '?a',
  ':a',
  '@a',
  '`a',
  '%a',
  '!a',
  '!!str 1',
  '&x 1',
  '*x',
  '|',
  '>',
  '[a, b]',
  '[]',
  '{}',
  '{a: 1}',
  '[a: 1]',
  '{a: [b, {c: d}]}',
  '[a,]',
  '{a: 1,}',
  '{ a }',
  '{a:1}',
  '[a b]',
  '"x"y',
  'a]',
  'a}',
  'a,b',
  '满199减50',
  '主播 小林',
  ' x ',
  '!',
  '🎉',
  'a\u2028b',
  'a\u0085b',
];
const ODD_DOCUMENTS = [
  `${minimal}x-dup: 1\nx-dup: 2\n`,
  `${minimal}x-a: &a { k: v }\nx-b: *a\n`,
  `${minimal}x-m:\n  <<: { k: v }\n`,
  `${minimal}x-t: !!str 12\n`,
  `${minimal}x-block: |\n  line one\n  line two\n`,
  `${minimal}x-folded: >-\n  a\n  b\n`,
  `${minimal}x-multi: one\n  two\n`,
  `${minimal}x-flow: { a: 1,\n  b: 2 }\n`,
  `${minimal}x-q: "one\n  two"\n`,
  `${minimal}"x-quoted-key": 1\n`,
  `${minimal}? x-complex\n: 1\n`,
  `${minimal}__proto__: { polluted: true }\n`,
  `${minimal}x-empty:\nx-next: 1\n`,
  `${minimal}x-empty-last:\n`,
  `${minimal}x-empty-comment:   # nothing\n`,
  `${minimal}x-empty-spaces:   \nx-next: 1\n`,
  `${minimal}x-empty-spaces-last:   \n`,
  `${minimal}x-nested-after-spaces:  \n  a: 1\n`,
  `${minimal}x-nested-after-comment: # c\n  a: 1\n`,
  `${minimal}x-nested-after-comment-spaces:      # c\n  a: 1\n  b: [1, 2]\n`,
  `${minimal}x-nested-after-comment-blank: # c\n\n  a: 1\n`,
  `${minimal}x-seq-after-comment:   # c\n- 1\n- { a: 2 }\n`,
  `${minimal}x-deep:   # c\n  a:   # d\n    b: 1\nx-next: 2\n`,
  `${minimal}x-no-space-comment:#c\n  a: 1\n`,
  `${minimal}x-list:\n  - # c\n    a: 1\n  -   \n    b: 2\n`,
  `${minimal}x-list:\n- a\n- b\n`,
  `${minimal}x-list:\n  - a\n  -\n  - c\n`,
  `${minimal}x-list:\n  - - a\n    - b\n`,
  `${minimal}x-nested:\n  - k: v\n    m:\n      - 1\n      - { z: 2 }\n  - k: w\n`,
  `${minimal}x-comment: 1 # trailing\n# own line\n  # indented\nx-after: 2\n`,
  `${minimal}x-a:\n  b: 1\n  # at the map's indent\nx-z: 2\n`,
  `${minimal}x-a:\n  b: 1\n    # deeper\nx-z: 2\n`,
  `${minimal}x-a:\n  - 1\n # shallower\nx-z: 2\n`,
  `${minimal}x-a: 1\n# at the end\n\n`,
  `${minimal}x-trailing: value   \n`,
  `${minimal}x-bad-indent:\n    a: 1\n  b: 2\n`,
  `${minimal}x-tab:\t1\n`,
  `${minimal}x-crlf: 1\r\n`,
  `---\n${minimal}`,
  `${minimal}...\n`,
  `%YAML 1.2\n---\n${minimal}`,
  `${minimal}x-long-key-${'k'.repeat(1100)}: 1\n`,
  `${minimal}x-comment-no-space: [a]#c\n`,
  `${minimal}x-key-space : 1\n`,
  `${minimal}1: one\n`,
  `${minimal}true: yes\n`,
  `${minimal}x-seq-same-indent:\n- a\nx-after: 1\n`,
  minimal.replace(/\n/g, '\n\n'),
  minimal.replace(/ {2}/g, '    '),
  minimal.replace(/\n$/, ''),
  `  ${minimal.replace(/\n/g, '\n  ')}`,
  '- a\n- b\n',
  'just a scalar\n',
  '{ a: 1 }\n',
  `# only a comment\n${minimal}`,
  ...ODD_SCALARS.flatMap((s) => [
    `${minimal}x-odd: ${s}\n`,
    `${minimal}x-odd: { v: ${s} }\n`,
    `${minimal}x-odd: [${s}]\n`,
    `${minimal}x-odd:\n  - ${s}\n`,
    `${minimal}x-odd: ${s} # c\n`,
  ]),
];

/** A small deterministic PRNG, so every run tests the same mutations. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const MUTATION_PIECES = [
  ' ',
  '  ',
  '\n',
  ':',
  ': ',
  '-',
  '- ',
  '#',
  ' #',
  '{',
  '}',
  '[',
  ']',
  ',',
  "'",
  '"',
  '\\',
];
const MUTATION_PIECES_2 = [
  '&a ',
  '*a',
  '!',
  '|',
  '>',
  '?',
  '~',
  '0',
  '.',
  'e',
  '\t',
  'null',
  'true',
  '0x',
  '0o',
];

function mutations(texts: readonly string[], count: number, seed: number): string[] {
  const r = rng(seed);
  const pieces = [...MUTATION_PIECES, ...MUTATION_PIECES_2];
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    let t = texts[Math.floor(r() * texts.length)]!;
    const edits = 1 + Math.floor(r() * 3);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(r() * t.length);
      const kind = r();
      if (kind < 0.45) t = t.slice(0, at) + pieces[Math.floor(r() * pieces.length)]! + t.slice(at);
      else if (kind < 0.8) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 3));
      else {
        // Swap a line's indentation.
        const ls = t.lastIndexOf('\n', at) + 1;
        t = `${t.slice(0, ls)}${' '.repeat(Math.floor(r() * 6))}${t.slice(ls).replace(/^ */, '')}`;
      }
    }
    out.push(t);
  }
  return out;
}

const expectAgreement = (texts: readonly string[]) => {
  const bad = texts
    .map((t) => ({ t, d: fastYamlDisagreements(t) }))
    .filter((x) => x.d.length > 0)
    .slice(0, 3);
  expect(bad.map((x) => ({ text: x.t.slice(0, 2000), why: x.d }))).toEqual([]);
};

/** Stage 1 and 2 through the fast reader and through `yaml` alone: everything a caller sees. */
const expectSameParse = (texts: readonly string[]) => {
  for (const t of texts) {
    const fast = parseCampaignText(t);
    const ref = parseCampaignText(t, { fast: false });
    expect({
      diagnostics: fast.diagnostics,
      campaign: fast.campaign,
      hasDoc: fast.doc !== undefined,
    }).toEqual({
      diagnostics: ref.diagnostics,
      campaign: ref.campaign,
      hasDoc: ref.doc !== undefined,
    });
  }
};

describe('fast YAML reader: same values and ranges as yaml', () => {
  it('reads the examples, the fixtures and the generated bench files itself (no fall-back)', () => {
    const read = [...corpus, ...bench].filter((t) => parseFastYaml(t) !== undefined).length;
    // Files with multi-line flow collections are left to yaml; nearly all others are read fast.
    expect(read).toBeGreaterThan(bench.length + corpus.length / 2);
  });

  it('agrees with yaml on every example, fixture and generated bench file', () => {
    expectAgreement([...corpus, ...bench]);
  });

  it('agrees with yaml (or steps aside) on odd and hostile YAML', () => {
    expectAgreement(ODD_DOCUMENTS);
  });

  it('agrees with yaml (or steps aside) on 1,500 random mutations of real files', () => {
    const texts = mutations([...corpus, ...bench.slice(0, 20)], 1500, 7);
    expectAgreement(texts);
    // The mutations are not all given up on: many still go through the fast reader.
    expect(texts.filter((t) => parseFastYaml(t) !== undefined).length).toBeGreaterThan(150);
  });

  it('resolves plain scalars as the core schema does', () => {
    expect([resolvePlain('0o17'), resolvePlain('0x1F'), resolvePlain('1e3'), resolvePlain('-.inf')]).toEqual([
      15,
      31,
      1000,
      Number.NEGATIVE_INFINITY,
    ]);
    expect([
      resolvePlain('yes'),
      resolvePlain('1_000'),
      resolvePlain('2027-03-01'),
      resolvePlain('~'),
    ]).toEqual(['yes', '1_000', '2027-03-01', null]);
  });
});

describe('stage 1 and 2 with the fast reader: the same diagnostics and campaign as with yaml alone', () => {
  it('on the examples, fixtures and generated bench files', () => {
    expectSameParse([...corpus, ...bench]);
  });

  it('on odd and hostile YAML and on mutations', () => {
    expectSameParse([...ODD_DOCUMENTS, ...mutations([...corpus, ...bench.slice(0, 20)], 300, 11)]);
  });
});
