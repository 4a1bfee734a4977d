import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkAcrossFiles } from '../campaign/check.js';
import { MAX_FILE_BYTES, type ParsedCampaign, parseCampaignBytes } from '../campaign/load.js';
import { collectAssetRefs, resolveTimes } from '../campaign/resolve.js';
import type { CampaignTimes, RuleOptions } from '../campaign/rules/context.js';
import type { Campaign } from '../campaign/schema.js';
import { sortDiagnostics, validateParsed } from '../campaign/validate.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { type FileReport, summarize, type ValidationSummary } from '../diagnostics/diagnostic.js';
import { locate } from '../diagnostics/locate.js';
import { TEMPLATES_DIR } from '../platform/paths.js';
import { readCampaignFileSync } from '../platform/read-campaign-file.js';
import { type ProbeCache, probeAssets, readMessageTexts } from './probe-assets.js';

export interface ValidateOptions {
  now: Date;
  /** Where shipped templates live (tests may point elsewhere). */
  templatesDir?: string;
  ruleOptions?: Partial<RuleOptions>;
}

export interface ValidatedFile extends FileReport {
  /** The source text, for code frames (absent for unreadable or binary files). */
  source?: string;
  campaign?: Campaign;
}

export interface ValidationResult {
  files: ValidatedFile[];
  summary: ValidationSummary;
}

/**
 * The `validate` use-case: each file through all four stages, then the limits across files of the
 * same mini program. One bad file never stops the others.
 */
export async function validateFiles(
  files: readonly string[],
  opts: ValidateOptions,
): Promise<ValidationResult> {
  const templatesDir = opts.templatesDir ?? TEMPLATES_DIR;
  const inWorkers = await validateInWorkers(files, opts, templatesDir);
  const results =
    inWorkers?.outcomes ??
    (await validateBatch(files, opts, templatesDir)).map((r) => ({ ...r, doc: r.parsed }));
  const valid = results
    .map((r, index) => ({ r, index }))
    .filter((x) => x.r.report.campaign !== undefined && x.r.times !== undefined);
  const cross = checkAcrossFiles(valid.map((x) => ({ campaign: x.r.report.campaign!, times: x.r.times! })));
  for (const [i, findings] of cross) {
    const entry = valid[i];
    if (!entry) continue;
    // Workers do not send YAML documents back: re-read the (rare) file a cross-file limit points at.
    const parsed = entry.r.doc ?? parseCampaignBytes(await readFile(entry.r.report.file));
    const located = locate(findings, parsed.doc, parsed.lineCounter);
    entry.r.report.diagnostics = sortDiagnostics([...entry.r.report.diagnostics, ...located]);
  }
  const reports = results.map((r) => r.report);
  return { files: reports, summary: { ...summarize(reports), workers: inWorkers?.workers ?? 0 } };
}

/** One file's outcome as it crosses a worker boundary (plain data: no YAML document). */
export interface FileOutcome {
  report: ValidatedFile;
  times?: CampaignTimes;
}

/** Validates files in this thread, sharing asset probes between them. */
export async function validateBatch(
  files: readonly string[],
  opts: ValidateOptions,
  templatesDir: string,
): Promise<(FileOutcome & { parsed?: ParsedCampaign })[]> {
  const cache: ProbeCache = new Map();
  return mapLimit(files, 16, (f) => validateOne(f, opts, templatesDir, cache));
}

/** Below this many files one thread is faster than starting workers. */
const WORKER_THRESHOLD = 64;

/**
 * The worker beside this module, built the same way: dist/bundle/validate-worker.cjs next to the
 * bundle's chunk, dist/validate/validate-worker.js next to tsc's output. From the TypeScript sources
 * (tests) there is none, and validate runs in one thread.
 */
function workerFileFor(moduleUrl: string): URL {
  return new URL(`./validate-worker${moduleUrl.endsWith('.cjs') ? '.cjs' : '.js'}`, moduleUrl);
}

/**
 * Many files (a CI job validating a folder) are spread over worker threads, one per core (at most 4):
 * parsing YAML is CPU-bound, and a campaign file is checked alone except for the cross-file limits,
 * which run here afterwards. Used only from built code. Says how many threads it started.
 */
async function validateInWorkers(
  files: readonly string[],
  opts: ValidateOptions,
  templatesDir: string,
): Promise<{ outcomes: (FileOutcome & { doc?: undefined })[]; workers: number } | undefined> {
  if (files.length < WORKER_THRESHOLD) return undefined;
  const { availableParallelism } = await import('node:os');
  const threads = Math.min(4, availableParallelism(), Math.ceil(files.length / (WORKER_THRESHOLD / 2)));
  const workerFile = workerFileFor(import.meta.url);
  if (threads < 2 || !existsSync(workerFile)) return undefined;
  const { Worker } = await import('node:worker_threads');
  const chunks = Array.from({ length: threads }, (_, t) => files.filter((_, i) => i % threads === t));
  const outcomes = await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<FileOutcome[]>((resolve, reject) => {
          const w = new Worker(workerFile, {
            workerData: {
              files: chunk,
              now: opts.now.toISOString(),
              templatesDir,
              ruleOptions: opts.ruleOptions,
            },
          });
          w.once('message', (m: FileOutcome[]) => resolve(m));
          w.once('error', reject);
          w.once('exit', (code) => {
            if (code !== 0) reject(new Error(`validate worker exited with ${code}`));
          });
        }),
    ),
  );
  // Back in the order given (files were dealt round-robin).
  return {
    outcomes: files.map((file, i) => {
      const outcome = outcomes[i % threads]?.[Math.floor(i / threads)];
      if (!outcome) throw new Error(`validate worker gave no outcome for ${file}`);
      return outcome;
    }),
    workers: threads,
  };
}

async function validateOne(
  file: string,
  opts: ValidateOptions,
  templatesDir: string,
  cache: ProbeCache,
): Promise<FileOutcome & { parsed?: ParsedCampaign }> {
  const read = readCampaignFileSync(file, MAX_FILE_BYTES);
  if (!read.ok) return { report: fileError(file, read.code, read.message) };
  const bytes = read.bytes;
  const parsed = parseCampaignBytes(bytes);
  const source = parsed.doc ? bytes.toString('utf8') : undefined;
  if (!parsed.campaign)
    return { report: { file, diagnostics: sortDiagnostics([...parsed.diagnostics]), source }, parsed };
  const refs = collectAssetRefs(parsed.campaign);
  const dir = path.dirname(path.resolve(file));
  const assets = await probeAssets(refs, dir, cache);
  const texts = await readMessageTexts(templatesDir, assets, refs);
  const times = resolveTimes(parsed.campaign);
  const diagnostics = validateParsed(parsed, { now: opts.now, assets, texts, options: opts.ruleOptions });
  return { report: { file, diagnostics, source, campaign: parsed.campaign }, parsed, times };
}

function fileError(file: string, code: DiagnosticCode, message: string): ValidatedFile {
  return {
    file,
    diagnostics: [
      { severity: 'error', code, message, path: [], line: 0, column: 0, endLine: 0, endColumn: 0 },
    ],
  };
}

/** Like Promise.all over a map, with at most `limit` in flight (thousands of files, few descriptors). */
async function mapLimit<T, R>(items: readonly T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  const queue = items.entries(); // shared: each worker takes the next item
  const worker = async () => {
    for (const [i, item] of queue) out[i] = await f(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
