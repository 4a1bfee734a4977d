import { open, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { MESSAGE_TEMPLATES } from '../campaign/catalog.js';
import { IMAGE_HEAD_BYTES, sniffImage } from '../campaign/image-info.js';
import type { AssetInfo, AssetRef } from '../campaign/rules/context.js';

/**
 * Looks at every file a campaign refers to, before the (pure) rules run: does it exist, does it stay
 * inside the campaign's folder, how big is it, and for images their format and pixel size.
 * Never throws: problems become statuses that rules turn into located diagnostics.
 */
export async function probeAssets(
  refs: readonly AssetRef[],
  campaignDir: string,
  cache: ProbeCache = new Map(),
): Promise<Map<string, AssetInfo>> {
  const out = new Map<string, AssetInfo>();
  const rootReal = await realRoot(campaignDir, cache);
  await Promise.all(
    refs.map(async (r) => {
      if (out.has(r.ref)) return;
      // Files in one folder are shared by many campaigns (assets/): probe each once per run.
      const key = `${rootReal}|${r.kind}|${r.ref}`;
      let pending = cache.get(key) as Promise<AssetInfo> | undefined;
      if (!pending) {
        pending = probeOne(r, campaignDir, rootReal);
        cache.set(key, pending);
      }
      out.set(r.ref, await pending);
    }),
  );
  return out;
}

/** Probes shared across the files of one validate run (folders' real paths too). */
export type ProbeCache = Map<string, Promise<AssetInfo> | Promise<string>>;

function realRoot(dir: string, cache: ProbeCache): Promise<string> {
  const key = `root|${dir}`;
  let p = cache.get(key) as Promise<string> | undefined;
  if (!p) {
    p = realpath(dir).catch(() => path.resolve(dir));
    cache.set(key, p);
  }
  return p;
}

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

async function probeOne(r: AssetRef, dir: string, rootReal: string): Promise<AssetInfo> {
  const resolved = path.resolve(dir, r.ref);
  const base: AssetInfo = { ref: r.ref, resolved, status: 'ok' };
  if (path.isAbsolute(r.ref) || !inside(path.resolve(dir), resolved)) return { ...base, status: 'outside' };
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(resolved);
  } catch {
    return { ...base, status: 'missing' };
  }
  // A symlink may point out of the folder: judge the real path too.
  const real = await realpath(resolved).catch(() => resolved);
  if (!inside(rootReal, real)) return { ...base, status: 'outside' };
  if (!st.isFile()) return { ...base, status: 'not-file' };
  const info: AssetInfo = { ...base, size: st.size };
  if (r.kind !== 'image') return info;
  try {
    const fh = await open(resolved, 'r');
    try {
      // Most headers sit in the first 4 KB; JPEGs with large EXIF blocks need more.
      let len = Math.min(4096, st.size);
      for (;;) {
        const buf = Buffer.alloc(len);
        await fh.read(buf, 0, len, 0);
        const sniffed = sniffImage(buf);
        if (
          sniffed.width !== undefined ||
          sniffed.format !== 'jpeg' ||
          len >= Math.min(IMAGE_HEAD_BYTES, st.size)
        ) {
          return { ...info, ...sniffed };
        }
        len = Math.min(IMAGE_HEAD_BYTES, st.size);
      }
    } finally {
      await fh.close();
    }
  } catch {
    return { ...info, status: 'unreadable' };
  }
}

/** The shipped message templates' texts, plus the campaign's own message files (ok ones only). */
export async function readMessageTexts(
  templatesDir: string,
  assets: ReadonlyMap<string, AssetInfo>,
  refs: readonly AssetRef[],
): Promise<Map<string, string>> {
  const texts = new Map(await shippedMessages(templatesDir));
  await Promise.all([
    ...refs
      .filter((r) => r.kind === 'message')
      .map(async (r) => {
        const a = assets.get(r.ref);
        if (a?.status !== 'ok' || (a.size ?? 0) > 64 * 1024) return;
        const t = await readFile(a.resolved, 'utf8').catch(() => undefined);
        if (t !== undefined) texts.set(r.ref, t);
      }),
  ]);
  return texts;
}

const shippedCache = new Map<string, Promise<Map<string, string>>>();

/** The shipped message templates, read once per process. */
function shippedMessages(templatesDir: string): Promise<Map<string, string>> {
  let p = shippedCache.get(templatesDir);
  if (!p) {
    p = (async () => {
      const m = new Map<string, string>();
      for (const name of MESSAGE_TEMPLATES) {
        const t = await readFile(path.join(templatesDir, 'messages', `${name}.txt`), 'utf8').catch(
          () => undefined,
        );
        if (t !== undefined) m.set(name, t);
      }
      return m;
    })();
    shippedCache.set(templatesDir, p);
  }
  return p;
}
