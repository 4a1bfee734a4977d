// `npm run build`'s second half: rolldown.config.js through rolldown's API instead of its CLI, which
// prints a line per chunk (over a hundred, shown by every `npm ci` through `prepare`). Warnings and
// errors still print; a successful build prints nothing.
//
// node scripts/bundle.js [outDir]   (outDir: default the config's dist/bundle; tests build elsewhere)
import { rolldown } from 'rolldown';
import config from '../rolldown.config.js';

const dir = process.argv[2];
const build = await rolldown(config);
try {
  await build.write(dir ? { ...config.output, dir } : config.output);
} finally {
  await build.close();
}
