import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkAcrossFiles } from '../campaign/check.js';
import { MAX_FILE_BYTES, type ParsedCampaign, parseCampaignBytes } from '../campaign/load.js';
import { collectAssetRefs, resolveTimes } from '../campaign/resolve.js';
import type { AssetRef, CampaignTimes, RuleOptions } from '../campaign/rules/context.js';
import type { Campaign } from '../campaign/schema.js';
import { sortDiagnostics, validateParsed } from '../campaign/validate.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { type FileReport, summarize, type ValidationSummary } from '../diagnostics/diagnostic.js';
import { locate } from '../diagnostics/locate.js';
import { TEMPLATES_DIR } from '../platform/paths.js';
import { readCampaignFileSync } from '../platform/read-campaign-file.js';
import { type ProbeCache, probeAssets, readMessageTexts } from './probe-assets.js';
import { buildIdentity, inputsDigest, ResultCache, sha256 } from './result-cache.js';

export interface ValidateOptions {
  now: Date;
  /** Where shipped templates live (tests may point elsewhere). */
  templatesDir?: string;
  ruleOptions?: Partial<RuleOptions>;
  /** `--cache`: reuse each file's result while nothing it depends on changed (./result-cache.ts). */
  cache?: { file: string; buildId?: string };
  /** Set internally when caching: each outcome also says what it was computed from. */
  withInputs?: boolean;
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
  const cached = opts.cache ? await lookUpCache(files, opts.cache, opts, templatesDir) : undefined;
  const todo = cached ? cached.misses.map((i) => files[i]!) : files;
  const checkOpts = cached ? { ...opts, withInputs: true } : opts;
  const inWorkers = await validateInWorkers(todo, checkOpts, templatesDir);
  const fresh: (FileOutcome & { doc?: ParsedCampaign })[] =
    inWorkers?.outcomes ??
    (await validateBatch(todo, checkOpts, templatesDir)).map((r) => ({ ...r, doc: r.parsed }));
  let results = fresh;
  if (cached) {
    results = files.map((_, i) => cached.hits.get(i)!);
    cached.misses.forEach((i, k) => {
      const r = fresh[k]!;
      results[i] = r;
      if (r.inputs) {
        const { source, ...report } = r.report;
        cached.cache.set(files[i]!, {
          run: cached.cache.run,
          ...r.inputs,
          report: { ...report, diagnostics: [...report.diagnostics] },
          hasSource: source !== undefined,
          ...(r.times ? { times: r.times } : {}),
        });
      }
    });
    cached.cache.save();
  }
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
  /** With `withInputs`: what the result was computed from, for the cache. */
  inputs?: { bytes: string; refs: AssetRef[]; inputs: string };
}

/** Splits files into cache hits (their outcome) and misses (indexes, in order). */
async function lookUpCache(
  files: readonly string[],
  where: { file: string; buildId?: string },
  opts: ValidateOptions,
  templatesDir: string,
): Promise<{ cache: ResultCache; hits: Map<number, FileOutcome>; misses: number[] }> {
  const shipped = await readMessageTexts(templatesDir, new Map(), []);
  const run = sha256(
    JSON.stringify([
      where.buildId ?? buildIdentity(import.meta.url),
      opts.now.toISOString(),
      opts.ruleOptions ?? null,
      templatesDir,
      [...shipped],
    ]),
  );
  const cache = ResultCache.open(where.file, run);
  const probes: ProbeCache = new Map();
  const hits = new Map<number, FileOutcome>();
  const misses: number[] = [];
  await mapLimit(
    files.map((_, i) => i),
    16,
    async (i) => {
      const read = readCampaignFileSync(files[i]!, MAX_FILE_BYTES);
      const e = read.ok ? cache.candidate(files[i]!, sha256(read.bytes)) : undefined;
      if (e && read.ok) {
        const assets = await probeAssets(e.refs, path.dirname(path.resolve(files[i]!)), probes);
        const texts = await readMessageTexts(templatesDir, assets, e.refs);
        if (inputsDigest(e.refs, assets, texts) === e.inputs) {
          const source = e.hasSource ? { source: read.bytes.toString('utf8') } : {};
          const report = { ...e.report, diagnostics: [...e.report.diagnostics], ...source };
          hits.set(i, { report, ...(e.times ? { times: e.times } : {}) });
          return;
        }
      }
      misses.push(i);
    },
  );
  return { cache, hits, misses: misses.sort((a, b) => a - b) };
}

/** Validates files in this thread, sharing asset probes between them (and with later batches). */
export async function validateBatch(
  files: readonly string[],
  opts: ValidateOptions,
  templatesDir: string,
  cache: ProbeCache = new Map(),
): Promise<(FileOutcome & { parsed?: ParsedCampaign })[]> {
  return mapLimit(files, 16, (f) => validateOne(f, opts, templatesDir, cache));
}

/** Below this many files one thread is faster than starting workers. */
const WORKER_THRESHOLD = 64;
/** Files handed out at a time: small enough to balance threads that start late or run slow. */
const BATCH = 16;

/**
 * The worker beside this module, built the same way: dist/bundle/validate-worker.cjs next to the
 * bundle's chunk, dist/validate/validate-worker.js next to tsc's output. From the TypeScript sources
 * (tests) there is none, and validate runs in one thread.
 */
function workerFileFor(moduleUrl: string): URL {
  return new URL(`./validate-worker${moduleUrl.endsWith('.cjs') ? '.cjs' : '.js'}`, moduleUrl);
}

/** What a worker sends back: the outcomes of the batch it was given. */
export type WorkerReply = FileOutcome[];
/** What a worker is sent: the next batch, or `null` when there is none. */
export type WorkerTask = string[] | null;

/**
 * Many files (a CI job validating a folder) are shared between this thread and worker threads, one
 * thread per core (at most 4): parsing and checking are CPU-bound, and a campaign file is checked
 * alone except for the cross-file limits, which run here afterwards. Files go out in small batches
 * to whichever thread is free, so this thread (which has the checker loaded already) starts at
 * once and a worker that starts late or runs on a busy core takes less. Used only from built code.
 * Says how many worker threads it started.
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
  const outcomes = new Array<FileOutcome & { doc?: undefined }>(files.length);
  let next = 0;
  const take = (): number[] | undefined => {
    if (next >= files.length) return undefined;
    const from = next;
    next = Math.min(files.length, next + BATCH);
    return Array.from({ length: next - from }, (_, k) => from + k);
  };
  const workers = Array.from(
    { length: threads - 1 },
    () =>
      new Promise<void>((resolve, reject) => {
        const w = new Worker(workerFile, {
          workerData: {
            now: opts.now.toISOString(),
            templatesDir,
            ruleOptions: opts.ruleOptions,
            withInputs: opts.withInputs === true,
          },
        });
        // Batches sent and not yet answered, oldest first; one is kept waiting so the worker never idles.
        const given: number[][] = [];
        let ended = false;
        const give = () => {
          const batch = take();
          if (batch) given.push(batch);
          else if (!ended) ended = true;
          else return;
          w.postMessage((batch?.map((i) => files[i]!) ?? null) satisfies WorkerTask);
        };
        w.on('message', (m: WorkerReply) => {
          given.shift()?.forEach((i, k) => {
            outcomes[i] = m[k]!;
          });
          give();
        });
        w.once('error', reject);
        w.once('exit', (code) => {
          if (code !== 0 || given.length > 0) reject(new Error(`validate worker exited with ${code}`));
          else resolve();
        });
        give();
        give();
      }),
  );
  // This thread takes batches too, letting the event loop answer the workers between them.
  const probes: ProbeCache = new Map();
  for (let batch = take(); batch; batch = take()) {
    const done = await validateBatch(
      batch.map((i) => files[i]!),
      opts,
      templatesDir,
      probes,
    );
    batch.forEach((i, k) => {
      const { parsed: _, ...outcome } = done[k]!;
      outcomes[i] = outcome;
    });
    await new Promise<void>((r) => setImmediate(r));
  }
  await Promise.all(workers);
  return { outcomes, workers: threads - 1 };
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
  const bytesDigest = opts.withInputs ? sha256(bytes) : '';
  if (!parsed.campaign) {
    const report = { file, diagnostics: sortDiagnostics([...parsed.diagnostics]), source };
    if (!opts.withInputs) return { report, parsed };
    return {
      report,
      parsed,
      inputs: { bytes: bytesDigest, refs: [], inputs: inputsDigest([], new Map(), new Map()) },
    };
  }
  const refs = collectAssetRefs(parsed.campaign);
  const dir = path.dirname(path.resolve(file));
  const assets = await probeAssets(refs, dir, cache);
  const texts = await readMessageTexts(templatesDir, assets, refs);
  const times = resolveTimes(parsed.campaign);
  const diagnostics = validateParsed(parsed, { now: opts.now, assets, texts, options: opts.ruleOptions });
  const report = { file, diagnostics, source, campaign: parsed.campaign };
  if (!opts.withInputs) return { report, parsed, times };
  return {
    report,
    parsed,
    times,
    inputs: { bytes: bytesDigest, refs: [...refs], inputs: inputsDigest(refs, assets, texts) },
  };
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
