import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { RuleOptions } from '../campaign/rules/context.js';
import { flushCompileCache, installCompileCache } from '../platform/compile-cache.js';

/**
 * A worker thread of `validate`: checks its share of the files and posts back plain outcomes.
 * Runs as dist/bundle/validate-worker.cjs; the code cache goes in before the validator is loaded.
 */
const data = workerData as {
  files: string[];
  now: string;
  templatesDir: string;
  ruleOptions?: Partial<RuleOptions>;
  withInputs: boolean;
};
installCompileCache(path.dirname(fileURLToPath(import.meta.url)));
void import('./validate-files.js')
  .then(({ validateBatch }) =>
    validateBatch(
      data.files,
      {
        now: new Date(data.now),
        withInputs: data.withInputs,
        ...(data.ruleOptions ? { ruleOptions: data.ruleOptions } : {}),
      },
      data.templatesDir,
    ),
  )
  .then((outcomes) => {
    parentPort!.postMessage(
      outcomes.map(({ report, times, inputs }) => ({
        report,
        ...(times ? { times } : {}),
        ...(inputs ? { inputs } : {}),
      })),
    );
    flushCompileCache();
  });
