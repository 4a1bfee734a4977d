import { copyFile, mkdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { summarize, type ValidationSummary } from '../diagnostics/diagnostic.js';
import { UserError } from '../errors.js';
import { t as texts } from '../i18n/catalog.js';
import { PACKAGE_ROOT } from '../platform/paths.js';
import { discPng, gradientPng, type Rgb } from '../platform/png.js';
import { type ValidatedFile, validateFiles } from '../validate/validate-files.js';
import type { InitAnswers } from './answers.js';
import { buildCampaignText, productIds } from './campaign-text.js';

export interface WrittenCampaign {
  /** Whether the campaign validated and was written; when not, nothing init made is left. */
  ok: boolean;
  /** The validation of the campaign text, under the file's name as shown (placeholder warnings left out). */
  report: ValidatedFile[];
  summary: ValidationSummary;
  /** The images init wrote (placeholders and copies); empty when nothing was written. */
  images: string[];
}

const ROSE: Rgb = [233, 84, 118];
const PEACH: Rgb = [255, 200, 170];
const DISCS: Rgb[] = [
  [178, 34, 52],
  [120, 180, 220],
  [212, 160, 60],
  [90, 140, 70],
  [140, 90, 180],
];

interface PlannedFile {
  dest: string;
  bytes?: () => Buffer;
  from?: string;
}

/**
 * Writes a new campaign: the images (placeholders, or copies of given ones, each through a temporary
 * name), then the campaign to a temporary name, validated, and renamed into place. All or nothing:
 * when the campaign does not validate, or anything fails on the way, the files and folders init
 * created are removed and the files `--force` replaced are put back.
 */
export async function writeCampaign(
  file: string,
  answers: InitAnswers,
  opts: { force: boolean; cwd: string; now: Date },
): Promise<WrittenCampaign> {
  const dir = path.dirname(file);
  const { planned, text } = layout(file, answers, opts.cwd);
  const tx = new Transaction();
  const t = tempName(file);
  try {
    for (const f of planned) {
      if (!opts.force && (await exists(f.dest))) continue; // keep what is there (the user's own picture)
      await tx.place(f.dest, async (tmp) => {
        if (!f.from) return writeFile(tmp, f.bytes!());
        try {
          await copyFile(f.from, tmp);
        } catch {
          throw new UserError(texts().init.imageUnreadable({ file: f.from }), {
            hint: texts().init.imageUnreadableHint,
          });
        }
      });
    }
    await tx.mkdirp(dir);
    await writeFile(t, text);
    const validated = await validateFiles([t], { now: opts.now });
    // The placeholder accounts are named in init's own summary; not repeated as warnings here.
    const report = validated.files.map((r) => ({
      ...r,
      file: path.relative(opts.cwd, file) || file,
      diagnostics: r.diagnostics.filter((d) => d.code !== 'W_PLACEHOLDER_ACCOUNT'),
    }));
    const summary = summarize(report);
    if (summary.errors > 0) {
      await rm(t, { force: true });
      await tx.rollback();
      return { ok: false, report, summary, images: [] };
    }
    await rename(t, file);
    await tx.commit();
    return { ok: true, report, summary, images: tx.written.filter((c) => !c.endsWith('.csv')) };
  } catch (err) {
    await rm(t, { force: true });
    await tx.rollback();
    throw err;
  } finally {
    await rm(t, { force: true });
  }
}

/** Where every file goes and the campaign text that names them (relative to the campaign's folder). */
function layout(file: string, answers: InitAnswers, cwd: string): { planned: PlannedFile[]; text: string } {
  const dir = path.dirname(file);
  const assetDir = path.join(dir, 'assets', answers.id);
  const rel = (p: string) => path.relative(dir, p).split(path.sep).join('/');
  const planned: PlannedFile[] = [];
  const place = (name: string, bytes: () => Buffer) => {
    const dest = path.join(assetDir, name);
    planned.push({ dest, bytes });
    return rel(dest);
  };
  const cover = place('cover.png', () => gradientPng(1080, 1920, ROSE, PEACH));
  const share = place('share.png', () => gradientPng(800, 640, PEACH, ROSE));
  const feeds = place('feeds.png', () => gradientPng(800, 800, [250, 235, 240], ROSE));
  const ids = productIds(answers.products.length);
  const productImages = answers.products.map((p, i) => {
    if (!p.image) return place(`${ids[i]}.png`, () => discPng(300, DISCS[i % DISCS.length]!));
    const src = path.resolve(cwd, p.image);
    const inside = !path.relative(dir, src).startsWith('..') && !path.isAbsolute(path.relative(dir, src));
    if (inside) return rel(src);
    const dest = path.join(assetDir, `${ids[i]}${path.extname(src).toLowerCase()}`);
    planned.push({ dest, from: src });
    return rel(dest);
  });
  let audience = '';
  if (answers.channels.includes('subscribe-message')) {
    const dest = path.join(dir, 'audience', `${answers.id}.csv`);
    planned.push({ dest, bytes: () => Buffer.from('openid\n') });
    audience = rel(dest);
  }
  const schema = rel(path.join(PACKAGE_ROOT, 'schema', 'campaign.schema.json'));
  const text = buildCampaignText(answers, { cover, share, feeds, products: productImages, audience, schema });
  return { planned, text };
}

const tempName = (p: string) => path.join(path.dirname(p), `.${path.basename(p)}.tmp-${process.pid}`);

/** What init changed on disk, so a failure can undo it: new files and folders, and replaced files. */
class Transaction {
  /** Every file written, in order. */
  readonly written: string[] = [];
  /** Files that did not exist before. */
  private readonly created: string[] = [];
  /** Folders made, in the order made. */
  private readonly dirs: string[] = [];
  /** Files `--force` replaces: [the original, moved aside to, where it was]. */
  private readonly replaced: [string, string][] = [];

  async mkdirp(dir: string): Promise<void> {
    const first = await mkdir(dir, { recursive: true });
    if (first === undefined) return;
    const made: string[] = [];
    for (let d = dir; ; d = path.dirname(d)) {
      made.unshift(d);
      if (d === first || d === path.dirname(d)) break;
    }
    this.dirs.push(...made);
  }

  /** Writes `dest` through a temporary name; a file already there is kept aside until commit. */
  async place(dest: string, write: (tmp: string) => Promise<void>): Promise<void> {
    await this.mkdirp(path.dirname(dest));
    const tmp = tempName(dest);
    try {
      await write(tmp);
      if (await exists(dest)) {
        const aside = `${tmp}.orig`;
        await rename(dest, aside);
        this.replaced.push([aside, dest]);
      } else this.created.push(dest);
      await rename(tmp, dest);
      this.written.push(dest);
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async commit(): Promise<void> {
    for (const [aside] of this.replaced) await rm(aside, { force: true });
  }

  async rollback(): Promise<void> {
    for (const f of this.created) await rm(f, { force: true });
    for (const [aside, dest] of this.replaced) await rename(aside, dest).catch(() => undefined);
    for (const d of [...this.dirs].reverse()) await rmdir(d).catch(() => undefined); // only when empty
  }
}

export async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
