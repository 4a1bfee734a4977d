import { parentPort, workerData } from 'node:worker_threads';
import type { RuleOptions } from '../campaign/rules/context.js';
import { validateBatch } from './validate-files.js';

/** A worker thread of `validate`: checks its share of the files and posts back plain outcomes. */
const data = workerData as {
  files: string[];
  now: string;
  templatesDir: string;
  ruleOptions?: Partial<RuleOptions>;
};
const outcomes = await validateBatch(
  data.files,
  { now: new Date(data.now), ...(data.ruleOptions ? { ruleOptions: data.ruleOptions } : {}) },
  data.templatesDir,
);
parentPort!.postMessage(outcomes.map(({ report, times }) => ({ report, ...(times ? { times } : {}) })));
