import { describe, expect, it } from 'vitest';
import type { Diagnostic } from './diagnostic.js';
import { clipMessage, escapeText, quoteValue } from './escape.js';
import { renderReportGithub, renderReportJson, renderReportJunit } from './render-machine.js';
import { codeFrame, plainStyle, renderDiagnosticText } from './render-text.js';

/** No renderer prints a control or bidi character from a file raw; long lines print narrow frames. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const d = (over: Partial<Diagnostic> = {}): Diagnostic => ({
  severity: 'error',
  code: 'E_UNKNOWN_KEY',
  message: 'unknown key "\u001b[2J\u0007x\u202e"',
  path: ['room', '\u001b[31mkey'],
  hint: 'Rename "\u0008x".',
  line: 2,
  column: 3,
  endLine: 2,
  endColumn: 8,
  ...over,
});
const source = 'room:\n  \u001b[2J\u0007x\u202e: 1\n';
const summary = { files: 1, errors: 1, warnings: 0, invalidFiles: 1 };

describe('escaping in every renderer', () => {
  it('text: message, path, hint and code frame show escapes, not the characters', () => {
    const out = renderDiagnosticText('c\u001b.yaml', d(), source, plainStyle);
    expect(out).not.toMatch(RAW);
    expect(out).toContain('unknown key "\\x1b[2J\\x07x\\u202e"');
    expect(out).toContain('at room.\\x1b[31mkey');
    expect(out).toContain('c\\x1b.yaml:2:3');
  });

  it('github, junit and json', () => {
    const files = [{ file: 'c.yaml', diagnostics: [d()] }];
    expect(renderReportGithub(files, summary)).not.toMatch(RAW);
    expect(renderReportJunit(files, summary)).not.toMatch(RAW);
    const json = renderReportJson(files, summary);
    expect(json).not.toMatch(RAW);
    expect(JSON.parse(json).files[0].diagnostics[0].message).toBe(d().message);
  });

  it('escapeText and quoteValue', () => {
    expect(escapeText('a\u0000b\u200bc\n')).toBe('a\\x00b\\u200bc\\x0a');
    expect(quoteValue('x'.repeat(200))).toBe(`"${'x'.repeat(79)}…"`);
    expect(clipMessage(`room name "${'名'.repeat(500_000)}" is too wide`)).toBe(
      `room name "${'名'.repeat(79)}…" is too wide`,
    );
  });
});

describe('code frames around the column', () => {
  it('shows a window of a 1 MB line around the column, caret under it', () => {
    const long = `name: ${'a'.repeat(500_000)}BAD${'b'.repeat(500_000)}`;
    const col = long.indexOf('BAD') + 1;
    const frame = codeFrame(
      `x: 1\n${long}\n`,
      d({ line: 2, column: col, endLine: 2, endColumn: col + 3 }),
      plainStyle,
    );
    const lines = frame.split('\n');
    expect(lines.every((l) => l.length < 130)).toBe(true);
    const text = lines[1]!;
    const caret = lines[2]!;
    expect(caret.indexOf('^')).toBe(text.indexOf('BAD'));
    expect(caret.trim().endsWith('^^^')).toBe(true);
    expect(text).toMatch(/\| …a+BADb+…$/);
  });

  it('short lines are unchanged, CJK caret aligned by display width', () => {
    const frame = codeFrame(
      'room:\n  name: 直播x\n',
      d({ line: 2, column: 11, endLine: 2, endColumn: 12 }),
      plainStyle,
    );
    expect(frame).toBe(['    1 | room:', '  > 2 |   name: 直播x', `      | ${' '.repeat(12)}^`].join('\n'));
  });
});
