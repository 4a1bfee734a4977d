import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { AssetInfo, AssetRef, CampaignTimes } from '../campaign/rules/context.js';
import type { ValidatedFile } from './validate-files.js';

/**
 * `validate --cache`: a file's own result (everything but the limits across files, which always run)
 * is reused when nothing it was computed from changed. It is a pure function of
 *   - the file's bytes (sha256),
 *   - what the rules saw of the files it refers to: each image's and message file's probe (exists,
 *     inside the folder, size, format, pixel size) and each message file's text — probed again on
 *     every run and compared,
 *   - the run: livectl's build (the bundle's content-hashed chunk names), `--now` to the
 *     millisecond, the rule options and the shipped message templates.
 * So a hit gives exactly the result a full check would. Without `--now` the clock differs on every
 * run and nothing is reused. The cache file is written atomically; an unreadable or foreign one is
 * ignored and rewritten.
 */
export interface CacheEntry {
  /** sha256 of the run's inputs (build, now, options, templates). */
  run: string;
  /** sha256 of the file's bytes. */
  bytes: string;
  /** The files the campaign refers to, probed again to check the entry. */
  refs: AssetRef[];
  /** sha256 of what the rules saw of them (see inputsDigest). */
  inputs: string;
  report: Omit<ValidatedFile, 'source'>;
  /** Whether the report had the source text (it is re-read from the bytes). */
  hasSource: boolean;
  times?: CampaignTimes;
}

const FORMAT = 'livectl-validate-cache/1';

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** What the rules of one file saw of its referenced files and message texts. */
export function inputsDigest(
  refs: readonly AssetRef[],
  assets: ReadonlyMap<string, AssetInfo>,
  texts: ReadonlyMap<string, string>,
): string {
  return sha256(
    JSON.stringify(
      refs.map((r) => [
        r.kind,
        r.ref,
        assets.get(r.ref) ?? null,
        r.kind === 'message' ? (texts.get(r.ref) ?? null) : null,
      ]),
    ),
  );
}

export class ResultCache {
  private readonly entries: Map<string, CacheEntry>;
  private changed = false;

  private constructor(
    private readonly file: string,
    readonly run: string,
    entries: Map<string, CacheEntry>,
  ) {
    this.entries = entries;
  }

  /** Opens the cache file (a missing, unreadable or foreign one starts empty). */
  static open(file: string, run: string): ResultCache {
    let entries = new Map<string, CacheEntry>();
    try {
      const data = deserialize(readFileSync(file)) as { format?: unknown; entries?: unknown };
      if (data.format === FORMAT && data.entries instanceof Map)
        entries = data.entries as Map<string, CacheEntry>;
    } catch {
      // No cache yet, or not one of ours: start empty.
    }
    // Entries of another run (another --now, build or options) can never hit again.
    for (const [k, e] of entries) if (e.run !== run) entries.delete(k);
    return new ResultCache(file, run, entries);
  }

  /** The entry for this file if its bytes are the same (its references still need checking). */
  candidate(file: string, bytesDigest: string): CacheEntry | undefined {
    const e = this.entries.get(file);
    return e && e.run === this.run && e.bytes === bytesDigest ? e : undefined;
  }

  set(file: string, entry: CacheEntry): void {
    this.entries.set(file, entry);
    this.changed = true;
  }

  /** Writes the cache when it changed: temp file, then rename, so no reader sees half a file. */
  save(): void {
    if (!this.changed) return;
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileSync(tmp, serialize({ format: FORMAT, entries: this.entries }));
      renameSync(tmp, this.file);
    } catch {
      // A read-only folder: the next run checks everything again, nothing else changes.
      rmSync(tmp, { force: true });
    }
  }
}

/**
 * Names this build of livectl. In the bundle every chunk's name carries a hash of its content, so
 * the sorted names change whenever any code does; elsewhere (tsc output, sources) the size and
 * modification time of every module file stand in.
 */
export function buildIdentity(moduleUrl: string): string {
  const file = fileURLToPath(moduleUrl);
  const dir = path.dirname(file);
  if (file.endsWith('.cjs')) {
    return sha256(
      readdirSync(dir)
        .filter((f) => f.endsWith('.cjs'))
        .sort()
        .join('\n'),
    );
  }
  const parts: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(?:js|ts|json)$/.test(e.name)) {
        const st = statSync(full);
        parts.push(`${full}:${st.size}:${st.mtimeMs}`);
      }
    }
  };
  walk(path.dirname(dir));
  return sha256(parts.join('\n'));
}
