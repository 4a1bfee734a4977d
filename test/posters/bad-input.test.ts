import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/campaign/schema.js';
import { PosterError, renderCampaignPosters } from '../../src/poster/index.js';
import { writeFileAtomic } from '../../src/poster/write-atomic.js';
import { CAMPAIGNS, example, ROOT, tempDir } from './support.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A copy of the Goddess-day campaign's folder (assets) to spoil, and its parsed campaign to edit. */
function workspace(): {
  dir: string;
  out: string;
  campaign: Campaign;
  times: ReturnType<typeof example>['times'];
} {
  const dir = tempDir();
  dirs.push(dir);
  cpSync(path.join(CAMPAIGNS, 'assets'), path.join(dir, 'assets'), { recursive: true });
  const { campaign, times } = example('goddess-day.yaml');
  return { dir, out: path.join(dir, 'out'), campaign: structuredClone(campaign), times };
}

/** A PNG header claiming width×height, followed by junk. */
function fakePng(width: number, height: number, extra = 64): Buffer {
  const b = Buffer.alloc(33 + extra);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).copy(b);
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b[24] = 8;
  b[25] = 2;
  return b;
}

async function failure(run: Promise<unknown>): Promise<PosterError> {
  try {
    await run;
  } catch (e) {
    expect(e).toBeInstanceOf(PosterError);
    return e as PosterError;
  }
  throw new Error('expected the render to fail');
}

describe('bad images: a clear error naming the field, and nothing written', () => {
  const cases: [string, (dir: string) => string, RegExp][] = [
    ['a missing image', () => 'assets/nope.png', /image "assets\/nope.png" does not exist/],
    [
      'a 20 MB image',
      (dir) => {
        const b = Buffer.alloc(20 * 1024 * 1024);
        fakePng(300, 300).copy(b);
        writeFileSync(path.join(dir, 'assets/huge.png'), b);
        return 'assets/huge.png';
      },
      /is 20\.0 MB; a poster image may be at most 10\.0 MB/,
    ],
    [
      'an unsupported format (BMP)',
      (dir) => {
        cpSync(
          path.join(ROOT, 'test/fixtures/platform/base/assets/goods.bmp'),
          path.join(dir, 'assets/goods.bmp'),
        );
        return 'assets/goods.bmp';
      },
      /is BMP, which posters do not support/,
    ],
    [
      'a text file named .png',
      (dir) => {
        writeFileSync(path.join(dir, 'assets/notes.png'), 'not an image at all');
        return 'assets/notes.png';
      },
      /is not an image/,
    ],
    [
      'a damaged PNG',
      (dir) => {
        const png = readFileSync(path.join(dir, 'assets/mask.png'));
        png.fill(0xff, png.indexOf('IDAT') + 10, png.indexOf('IDAT') + 60);
        writeFileSync(path.join(dir, 'assets/broken.png'), png);
        return 'assets/broken.png';
      },
      /is damaged \(a PNG checksum does not match\)/,
    ],
    [
      'a PNG with no pixels',
      (dir) => {
        const png = readFileSync(path.join(dir, 'assets/mask.png'));
        const idat = png.indexOf('IDAT') - 4;
        const iend = png.indexOf('IEND') - 4;
        writeFileSync(
          path.join(dir, 'assets/empty.png'),
          Buffer.concat([png.subarray(0, idat), png.subarray(iend)]),
        );
        return 'assets/empty.png';
      },
      /could not be decoded/,
    ],
    [
      'a PNG cut short',
      (dir) => {
        const png = readFileSync(path.join(dir, 'assets/mask.png'));
        writeFileSync(path.join(dir, 'assets/short.png'), png.subarray(0, png.length - 20));
        return 'assets/short.png';
      },
      /is incomplete \(the file is cut short\)/,
    ],
    [
      'a decompression bomb',
      (dir) => {
        writeFileSync(path.join(dir, 'assets/bomb.png'), fakePng(30000, 30000));
        return 'assets/bomb.png';
      },
      /30000×30000 pixels; at most 40 megapixels/,
    ],
    ['a path outside the folder', () => '../elsewhere.png', /outside the campaign's folder/],
  ];
  for (const [what, make, message] of cases) {
    it(what, async () => {
      const w = workspace();
      w.campaign.products[1]!.image = make(w.dir);
      const e = await failure(
        renderCampaignPosters({ campaign: w.campaign, times: w.times, campaignDir: w.dir, outDir: w.out }),
      );
      expect(e.field).toBe('products[1].image');
      expect(e.message).toMatch(/^products\[1\]\.image: /);
      expect(e.message).toMatch(message);
      expect(e.exitCode).toBe(1);
      expect(existsSync(w.out)).toBe(false);
    });
  }
});

describe('text', () => {
  it('a price that cannot fit is an error naming the price, and nothing is written', async () => {
    const w = workspace();
    w.campaign.products[0]!.price = { type: 'fixed', amount: 123456789012.99 };
    const e = await failure(
      renderCampaignPosters({ campaign: w.campaign, times: w.times, campaignDir: w.dir, outDir: w.out }),
    );
    expect(e.field).toBe('products[0].price');
    expect(e.message).toContain('does not fit on the poster');
    expect(existsSync(w.out)).toBe(false);
  });

  it('a long name is cut with an ellipsis and a warning saying what was cut', async () => {
    const w = workspace();
    w.campaign.products[0]!.name = '玫瑰丝绒口红限定礼盒装含三支不同色号和一面随身小镜子';
    const r = await renderCampaignPosters({
      campaign: w.campaign,
      times: w.times,
      campaignDir: w.dir,
      outDir: w.out,
      waveId: 't-3d',
    });
    expect(r.files).toHaveLength(1);
    expect(r.warnings).toEqual([
      {
        poster: 'wave/t-3d',
        field: 'products[0].name',
        message: expect.stringMatching(
          /^"玫瑰丝绒口红.*" was cut to 2 line\(s\) as "玫瑰丝绒口红.*…"; ".*镜子" did not fit/,
        ),
      },
    ]);
  });

  it('a long title shrinks before it is cut', async () => {
    const w = workspace();
    w.campaign.room.name = '女神节直播专场·春季新品首发';
    const r = await renderCampaignPosters({
      campaign: w.campaign,
      times: w.times,
      campaignDir: w.dir,
      outDir: w.out,
      waveId: 'live',
    });
    expect(r.warnings).toEqual([]);
  });

  it('a character the font lacks gives a warning naming the field', async () => {
    const w = workspace();
    w.campaign.room.name = '女神节直播🎉';
    const r = await renderCampaignPosters({
      campaign: w.campaign,
      times: w.times,
      campaignDir: w.dir,
      outDir: w.out,
      waveId: 't-3d',
    });
    expect(r.warnings).toContainEqual({
      poster: 'wave/t-3d',
      field: 'room.name',
      message: expect.stringContaining('"🎉" is not in the poster font and will print as a box'),
    });
  });
});

describe('templates, fonts and codes', () => {
  const withTemplate = (dir: string, campaign: Campaign, body: unknown) => {
    mkdirSync(path.join(dir, 'posters'), { recursive: true });
    writeFileSync(
      path.join(dir, 'posters/mine.json'),
      typeof body === 'string' ? body : JSON.stringify(body),
    );
    campaign.waves[0]!.poster = 'posters/mine.json';
  };

  it('a campaign’s own template is used', async () => {
    const w = workspace();
    withTemplate(w.dir, w.campaign, {
      width: 400,
      height: 600,
      layers: [
        { type: 'rect', fill: '#123456' },
        { type: 'text', text: '{{room.name}}', x: 20, y: 20, width: 360, size: 40, color: '#fff' },
        { type: 'code', x: 100, y: 300, size: 200 },
      ],
    });
    const r = await renderCampaignPosters({
      campaign: w.campaign,
      times: w.times,
      campaignDir: w.dir,
      outDir: w.out,
      waveId: 't-3d',
    });
    expect(r.files[0]).toMatchObject({ width: 400, height: 600, template: 'posters/mine.json' });
  });

  it('a template error names the file and the layer field', async () => {
    const w = workspace();
    withTemplate(w.dir, w.campaign, {
      layers: [{ type: 'image', src: 'room.images.cover', fit: 'stretch' }],
    });
    const e = await failure(
      renderCampaignPosters({ campaign: w.campaign, times: w.times, campaignDir: w.dir, outDir: w.out }),
    );
    expect(e.field).toBe('posters/mine.json layers[0].fit');
    expect(e.message).toContain('posters/mine.json layers[0].fit:');
  });

  it('a template that is not JSON, or is missing, is an error', async () => {
    const w = workspace();
    withTemplate(w.dir, w.campaign, '{ "layers": [');
    expect(
      (await failure(renderCampaignPosters({ ...w, campaignDir: w.dir, outDir: w.out }))).message,
    ).toMatch(/posters\/mine.json: poster template is not valid JSON/);
    w.campaign.waves[0]!.poster = 'posters/absent.json';
    const e = await failure(renderCampaignPosters({ ...w, campaignDir: w.dir, outDir: w.out }));
    expect(e.field).toBe('waves[0].poster');
  });

  it('an undefined font or a font file that is not TTF/OTF is an error', async () => {
    const w = workspace();
    withTemplate(w.dir, w.campaign, {
      layers: [{ type: 'text', text: 'x', width: 100, size: 20, font: 'brand' }],
    });
    expect(
      (await failure(renderCampaignPosters({ ...w, campaignDir: w.dir, outDir: w.out }))).message,
    ).toContain('font "brand" is not defined');
    writeFileSync(path.join(w.dir, 'brand.woff2'), 'x');
    const e = await failure(
      renderCampaignPosters({
        ...w,
        campaignDir: w.dir,
        outDir: w.out,
        fontFile: path.join(w.dir, 'brand.woff2'),
      }),
    );
    expect(e.field).toBe('--font');
    expect(e.message).toContain('is not a TrueType (.ttf) or OpenType (.otf) file');
  });

  it('a mini-program code that is not an image is an error naming the poster', async () => {
    const w = workspace();
    const e = await failure(
      renderCampaignPosters({
        ...w,
        campaignDir: w.dir,
        outDir: w.out,
        code: async () => Buffer.from('{"errcode":40001}'),
      }),
    );
    expect(e.field).toBe('code for wave/t-3d');
  });
});

describe('atomic writes', () => {
  it('a failed write leaves no temporary file and no partial target', async () => {
    const dir = tempDir();
    dirs.push(dir);
    await expect(
      writeFileAtomic(path.join(dir, 'missing-folder', 'a.png'), Buffer.alloc(10)),
    ).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([]);
    await writeFileAtomic(path.join(dir, 'a.png'), Buffer.from('new'));
    expect(readFileSync(path.join(dir, 'a.png'), 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a.png']);
  });
});
