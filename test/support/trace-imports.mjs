// Registers a resolve hook that prints every module the process loads (bare package specifiers and
// resolved file URLs), so a test can check which dependencies a command pulls in
// (`node --import ./test/support/trace-imports.mjs …`).
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (!specifier.startsWith('node:')) process.stderr.write('[import] ' + r.url + '\\n');
  return r;
}`)}`,
);
