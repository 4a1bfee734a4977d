import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { RuleOptions } from '../campaign/rules/context.js';
import { flushCompileCache, installCompileCache } from '../platform/compile-cache.js';
import type { ProbeCache } from './probe-assets.js';
import type { WorkerReply, WorkerTask } from './validate-files.js';

/**
 * A worker thread of `validate`: checks the batches of files it is sent, one at a time, and posts
 * back plain outcomes for each; `null` means there are no more, and the thread ends.
 * Runs as dist/bundle/validate-worker.cjs; the code cache goes in before the validator is loaded.
 */
const data = workerData as {
  now: string;
  templatesDir: string;
  ruleOptions?: Partial<RuleOptions>;
  withInputs: boolean;
};
installCompileCache(path.dirname(fileURLToPath(import.meta.url)));
const port = parentPort!;
const opts = {
  now: new Date(data.now),
  withInputs: data.withInputs,
  ...(data.ruleOptions ? { ruleOptions: data.ruleOptions } : {}),
};
const probes: ProbeCache = new Map();
const loaded = import('./validate-files.js');
let flushed = false;
// Batches are checked one after another, in the order they came.
let queue: Promise<void> = Promise.resolve();
port.on('message', (task: WorkerTask) => {
  queue = queue.then(async () => {
    if (task === null) {
      port.close();
      return;
    }
    const { validateBatch } = await loaded;
    const outcomes = await validateBatch(task, opts, data.templatesDir, probes);
    port.postMessage(
      outcomes.map(({ report, times, inputs }) => ({
        report,
        ...(times ? { times } : {}),
        ...(inputs ? { inputs } : {}),
      })) satisfies WorkerReply,
    );
    if (!flushed) {
      // The code cache is written once the checker has run: it then holds its compiled functions.
      flushed = true;
      flushCompileCache();
    }
  });
});
