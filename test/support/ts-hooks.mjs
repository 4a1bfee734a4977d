// Module hooks that let `node` run this repository's TypeScript sources directly, so the
// cross-process tests exercise src/state itself (not a build) and the plan bench can load the test
// builders (test/support/builders.ts). Transpile only: no type checking.
// Output is cached by content hash in the temp folder, so only the first worker pays for loading
// the TypeScript compiler (about a second and a half).
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const cacheDir = path.join(tmpdir(), `livectl-ts-cache-${process.getuid?.() ?? 'user'}`);
let compiler;

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    // Sources import siblings as `./x.js` (NodeNext); on disk they are `./x.ts`.
    const relative = specifier.startsWith('.') || specifier.startsWith('file:');
    if (relative && specifier.endsWith('.js')) return next(`${specifier.slice(0, -3)}.ts`, context);
    throw err;
  }
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const fileName = fileURLToPath(url);
  const source = await readFile(fileName, 'utf8');
  const key = createHash('sha256').update(fileName).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return { format: 'module', source: await readFile(cached, 'utf8'), shortCircuit: true };
  } catch {
    // Not cached yet.
  }
  compiler ??= (await import('typescript')).default;
  const out = compiler.transpileModule(source, {
    fileName,
    compilerOptions: {
      module: compiler.ModuleKind.ESNext,
      target: compiler.ScriptTarget.ES2022,
      sourceMap: false,
    },
  }).outputText;
  await mkdir(cacheDir, { recursive: true });
  const partial = `${cached}.${process.pid}.tmp`;
  await writeFile(partial, out);
  await rename(partial, cached); // atomic: a concurrent reader sees all of it or nothing
  return { format: 'module', source: out, shortCircuit: true };
}
