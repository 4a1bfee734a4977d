import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATES_DIR } from '../platform/paths.js';
import { SHIPPED_POSTERS } from './index.js';
import { PosterTemplateSchema, shippedTemplatePath, withDefaults } from './template.js';

describe('shipped poster templates', () => {
  for (const name of SHIPPED_POSTERS) {
    it(`${name}.json is a valid template, and the run-time defaults equal the schema's`, () => {
      const raw = JSON.parse(readFileSync(shippedTemplatePath(TEMPLATES_DIR, name), 'utf8'));
      const parsed = PosterTemplateSchema.safeParse(raw);
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(withDefaults(raw)).toEqual(parsed.data);
      expect(parsed.data).toMatchObject({ name, width: 750, height: 1334 });
    });
  }

  it('the folder holds exactly the shipped templates', () => {
    const files = readdirSync(path.join(TEMPLATES_DIR, 'posters')).sort();
    expect(files).toEqual(SHIPPED_POSTERS.map((n) => `${n}.json`).sort());
  });
});
