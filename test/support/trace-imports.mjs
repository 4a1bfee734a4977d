// Prints every module the process loads (resolved file URLs), so a test can check which
// dependencies a command pulls in (`node --import ./test/support/trace-imports.mjs …`): ES modules
// through a resolve hook, CommonJS (the CLI bundle is CommonJS) through Module._load.
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

register(
  `data:text/javascript,${encodeURIComponent(`
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (!specifier.startsWith('node:')) process.stderr.write('[import] ' + r.url + '\\n');
  return r;
}`)}`,
);

const load = Module._load;
Module._load = function traced(...args) {
  const [request, parent, isMain] = args;
  if (!Module.isBuiltin(request)) {
    const file = Module._resolveFilename(request, parent, isMain);
    process.stderr.write(`[import] ${pathToFileURL(file).href}\n`);
  }
  return load.apply(this, args);
};
