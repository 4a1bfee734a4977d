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
): Promise<Map<string, AssetInfo>> {
  const out = new Map<string, AssetInfo>();
  const rootReal = await realpath(campaignDir).catch(() => path.resolve(campaignDir));
  await Promise.all(
    refs.map(async (r) => {
      if (out.has(r.ref)) return;
      const info = await probeOne(r, campaignDir, rootReal);
      out.set(r.ref, info);
    }),
  );
  return out;
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
      const buf = Buffer.alloc(Math.min(IMAGE_HEAD_BYTES, st.size));
      await fh.read(buf, 0, buf.length, 0);
      return { ...info, ...sniffImage(buf) };
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
  const texts = new Map<string, string>();
  await Promise.all([
    ...MESSAGE_TEMPLATES.map(async (name) => {
      const t = await readFile(path.join(templatesDir, 'messages', `${name}.txt`), 'utf8').catch(
        () => undefined,
      );
      if (t !== undefined) texts.set(name, t);
    }),
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
