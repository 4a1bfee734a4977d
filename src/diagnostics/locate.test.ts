import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { error } from './diagnostic.js';
import { locate } from './locate.js';

const text = `room:
  name: 女神节
  anchor: { name: 小美 }
products:
  - id: a
  - id: b
    name: 口红
`;

function at(path: (string | number)[], target?: 'key') {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  const [d] = locate([{ ...error('E_TYPE', path, 'm'), ...(target ? { target } : {}) }], doc, lc);
  return [d!.line, d!.column, d!.endLine, d!.endColumn];
}

describe('locate', () => {
  it('points at a value, counting columns in characters (CJK included)', () => {
    expect(at(['room', 'name'])).toEqual([2, 9, 2, 12]);
    expect(at(['room', 'anchor', 'name'])).toEqual([3, 19, 3, 21]);
    expect(at(['products', 1, 'name'])).toEqual([7, 11, 7, 13]);
  });

  it('points at the key when asked', () => {
    expect(at(['room', 'name'], 'key')).toEqual([2, 3, 2, 7]);
  });

  it('falls back to the nearest existing parent for a missing path', () => {
    expect(at(['products', 0, 'name'])).toEqual([5, 5, 6, 1]);
    expect(at(['products', 9, 'name'])[0]).toBe(5);
    expect(at(['nothing', 'here'])).toEqual([1, 1, 8, 1]);
  });
});
