// Regenerates the generated sections of README.md (run: npm run docs:write).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rulesReferenceMarkdown } from '../dist/campaign/rules/reference.js';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const readme = readFileSync(file, 'utf8');
const start = '<!-- generated:rules:start -->';
const end = '<!-- generated:rules:end -->';
const i = readme.indexOf(start);
const j = readme.indexOf(end);
if (i < 0 || j < 0) throw new Error('README.md lacks the generated:rules markers');
writeFileSync(file, `${readme.slice(0, i + start.length)}\n${rulesReferenceMarkdown()}\n${readme.slice(j)}`);
console.log('updated README.md');
