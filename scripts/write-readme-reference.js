// Regenerates the generated sections of README.md (run: npm run docs:write): the rule tables and the
// campaign file reference (from the zod schema's descriptions).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { campaignReferenceMarkdown } from '../dist/campaign/reference-doc.js';
import { rulesReferenceMarkdown } from '../dist/campaign/rules/reference.js';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
let readme = readFileSync(file, 'utf8');

function fill(name, markdown) {
  const start = `<!-- generated:${name}:start -->`;
  const end = `<!-- generated:${name}:end -->`;
  const i = readme.indexOf(start);
  const j = readme.indexOf(end);
  if (i < 0 || j < 0) throw new Error(`README.md lacks the generated:${name} markers`);
  readme = `${readme.slice(0, i + start.length)}\n${markdown}\n${readme.slice(j)}`;
}

fill('rules', rulesReferenceMarkdown());
fill('campaign', campaignReferenceMarkdown());
writeFileSync(file, readme);
console.log('updated README.md');
