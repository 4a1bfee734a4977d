// Registers a resolve hook that prints every bare package specifier the process imports, so a test
// can check which dependencies a command loads (`node --import ./test/support/trace-imports.mjs …`).
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (!specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.startsWith('node:') && !specifier.startsWith('file:') && !specifier.startsWith('data:')) {
    process.stderr.write('[import] ' + specifier + '\\n');
  }
  return next(specifier, context);
}`)}`,
);
