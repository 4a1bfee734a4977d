import { createHash } from 'node:crypto';
import type { Campaign, Product } from '../../src/campaign/schema.js';
import {
  desiredChannelsCode,
  desiredStoreCoupon,
  desiredStoreProduct,
  outProductId,
} from '../../src/plan/channels-spec.js';
import { planContext } from '../../src/plan/context.js';
import {
  type AssetDigest,
  canonicalJson,
  desiredCode,
  desiredGoods,
  desiredMedia,
  desiredMenu,
  desiredPoster,
  desiredRoom,
  specHash,
} from '../../src/plan/desired.js';
import { MEDIA_LIFETIME_MS } from '../../src/plan/plan-media.js';
import { allWaves, reminderSpec } from '../../src/plan/plan-waves.js';
import type { PlanInput } from '../../src/plan/types.js';
import { posterTargets } from '../../src/poster/targets.js';
import type {
  Address,
  AuditEvent,
  AuditStatus,
  CampaignRecord,
  ResourceKind,
  ResourceRecord,
  StateSnapshot,
} from '../../src/state/types.js';

/**
 * Builders for planner tables (style.md §8): a campaign, its assets and a state, as plain data with
 * no file or database behind them. Also used by the plan bench and by other modules' tests.
 *
 *   const input = aPlanInput();                                  // goddess day, empty state
 *   const state = aState().applied(input).build();               // everything applied, goods approved
 *   planCampaign(aPlanInput({ campaign: aCampaign((c) => { c.products[0]!.name = '新名字' }), state }));
 */

/** 2027-02-22 10:00 in Shanghai (a Monday): before the goods deadline, every wave ahead. */
export const DEFAULT_NOW = new Date('2027-02-22T02:00:00Z');

/** The goddess-day campaign of campaigns/goddess-day.yaml, as the loader returns it; `edit` changes a fresh copy. */
export function aCampaign(edit?: (c: Campaign) => void): Campaign {
  const c: Campaign = {
    apiVersion: 'livectl/v1',
    kind: 'Campaign',
    platform: 'mini-program',
    metadata: { name: 'goddess-day-2027', timezone: 'Asia/Shanghai' },
    accounts: {
      miniProgram: { appId: 'wx0123456789abcdef' },
      wecom: { corpId: 'ww0123456789abcdef', agentId: 1000002 },
      officialAccount: { appId: 'wxfedcba9876543210' },
    },
    room: {
      name: '女神节直播专场',
      start: '2027-03-08T20:00',
      duration: '2h',
      type: 'phone',
      anchor: { name: '小美老师', wechat: 'xiaomei_01' },
      images: { cover: 'assets/cover.png', share: 'assets/share.png', feeds: 'assets/feeds.png' },
      features: {
        likes: true,
        goods: true,
        comments: true,
        replay: true,
        share: true,
        customerService: false,
      },
    },
    products: [
      aProduct('lipstick-520', (p) => {
        p.name = '玫瑰丝绒口红';
        p.image = 'assets/lipstick.png';
        p.price = { type: 'discount', original: 199, now: 129 };
        p.page = 'pages/goods/detail?id=520';
        p.perception = 'brand';
      }),
      aProduct('mask-box', (p) => {
        p.name = '玻尿酸补水面膜10片';
        p.image = 'assets/mask.png';
        p.price = { type: 'fixed', amount: 89.9 };
        p.page = 'pages/goods/detail?id=733';
        p.perception = 'item';
        p.groupBuy = { size: 3, price: 59.9 };
      }),
      aProduct('gift-set', (p) => {
        p.name = '女神节限定礼盒';
        p.image = 'assets/gift.png';
        p.price = { type: 'range', min: 299, max: 499 };
        p.page = 'pages/goods/detail?id=801';
        p.perception = 'brand';
      }),
    ],
    coupons: [
      {
        id: 'warmup-50',
        title: '满199减50',
        kind: 'preheat',
        threshold: 199,
        amount: 50,
        quantity: 1000,
        stackable: true,
      },
      {
        id: 'all-hands-20',
        title: '全场立减20',
        kind: 'all-hands',
        threshold: 0,
        amount: 20,
        quantity: 500,
        stackable: true,
      },
      {
        id: 'share-10',
        title: '分享得10元券',
        kind: 'share',
        threshold: 99,
        amount: 10,
        quantity: 2000,
        stackable: true,
      },
    ],
    channels: {
      'wecom-groups': { type: 'wecom-groups', senders: ['zhangsan', 'lisi'] },
      'wecom-moments': { type: 'wecom-moments', senders: ['zhangsan', 'lisi', 'wangwu'] },
      'official-account': {
        type: 'official-account',
        menu: { name: '领女神券', page: 'pages/coupon/claim' },
      },
      'live-followers': { type: 'live-followers' },
      staff: { type: 'robot', keyEnv: 'LIVECTL_ROBOT_STAFF' },
    },
    waves: [
      {
        id: 't-3d',
        at: '-3d@10:00',
        channels: ['wecom-groups', 'wecom-moments'],
        poster: 'teaser',
        message: 'teaser',
        coupons: ['warmup-50'],
      },
      {
        id: 't-1d',
        at: '-1d@12:00',
        channels: ['official-account', 'wecom-groups', 'wecom-moments'],
        poster: 'article',
        message: 'article',
        coupons: ['warmup-50'],
      },
      { id: 't-30m', at: '-30m', channels: ['wecom-groups', 'wecom-moments'], message: 'soon' },
      {
        id: 'live',
        at: 0,
        channels: ['wecom-groups', 'live-followers', 'staff'],
        poster: 'live-now',
        message: 'live-now',
        coupons: ['all-hands-20'],
      },
    ],
    during: {
      warmUp: '10m',
      hosts: [
        { name: '小美', role: 'products' },
        { name: '阿杰', role: 'pace' },
      ],
      lotteries: [
        { trigger: { likes: 30000 }, prize: '小黑盖口红', quantity: 5 },
        { trigger: { likes: 60000 }, prize: '口红礼盒', quantity: 3 },
      ],
      couponDrops: [
        { at: '+15m', coupon: 'all-hands-20' },
        { at: '+50m', coupon: 'share-10' },
      ],
      groupBuys: [{ product: 'mask-box', at: '+35m' }],
      productCards: [],
    },
    after: [
      { id: 'feedback', at: '+1d@09:30', channels: ['wecom-groups'], message: 'feedback' },
      { id: 'replay', at: '+1d@10:00', channels: ['wecom-groups', 'wecom-moments'], message: 'replay' },
    ],
  };
  edit?.(c);
  return c;
}

/**
 * The goddess-day campaign on 视频号 (platform: channels), as the loader returns it: the 视频号 and
 * its 小店, a mini program whose live page reserves and opens the live; the lipstick and the gift
 * set are created in the 小店 (three head images each), the mask is an existing 小店 product; the
 * all-hands coupon is a product coupon for the lipstick, share-10 an existing 小店 coupon; no
 * followers push.
 */
export function aChannelsCampaign(edit?: (c: Campaign) => void): Campaign {
  const c = aCampaign((c) => {
    c.platform = 'channels';
    c.metadata.name = 'goddess-day-channels';
    c.accounts.channels = {
      shopAppId: 'wx1111111111111111',
      assistantAppId: 'wx2222222222222222',
      finderUserName: 'sphAbCdEf123',
    };
    c.accounts.miniProgram = { appId: 'wx0123456789abcdef', livePage: 'pages/live/entry' };
    const heads = (id: string) => [1, 2, 3].map((n) => `assets/${id}-${n}.jpg`);
    c.products[0]!.channels = {
      category: ['6153', '6155', '6160'],
      images: heads('lipstick'),
      stock: 500,
      delivery: 'express',
      freightTemplateId: '1001',
      attrs: { 品牌: '玫瑰' },
    };
    c.products[1]!.channels = { productId: '10000165397817' };
    c.products[2]!.price = { type: 'fixed', amount: 399 };
    c.products[2]!.channels = {
      category: ['6153', '6170'],
      images: heads('gift'),
      stock: 50,
      delivery: 'none',
    };
    for (const p of c.products) delete p.page;
    c.coupons[1]!.channels = { products: ['lipstick-520'] };
    c.coupons[2]!.channels = { couponId: '5000000001' };
    delete c.channels['live-followers'];
    c.waves[3]!.channels = ['wecom-groups', 'staff'];
  });
  edit?.(c);
  return c;
}

/** A product with sensible defaults (a fixed price of 99, its own page). */
export function aProduct(id: string, edit?: (p: Product) => void): Product {
  const p: Product = {
    id,
    name: `商品${id}`.slice(0, 14),
    image: 'assets/lipstick.png',
    price: { type: 'fixed', amount: 99 },
    page: `pages/goods/detail?id=${id}`,
  };
  edit?.(p);
  return p;
}

/** `n` generated products (p1 … pn), for quota and bench tables. */
export function manyProducts(
  n: number,
  images = ['assets/lipstick.png', 'assets/mask.png', 'assets/gift.png', 'assets/tea.png'],
): Product[] {
  return Array.from({ length: n }, (_, i) =>
    aProduct(`p${i + 1}`, (p) => {
      p.image = images[i % images.length]!;
      p.price =
        i % 3 === 0
          ? { type: 'fixed', amount: 10 + (i % 300) }
          : i % 3 === 1
            ? { type: 'range', min: 10, max: 100 + (i % 50) }
            : { type: 'discount', original: 300, now: 100 + (i % 100) };
    }),
  );
}

/** The sha256 a file would have: derived from its reference (and `version`, to model an edited image). */
export function fakeSha(ref: string, version = 0): string {
  return createHash('sha256').update(`asset:${ref}:${version}`).digest('hex');
}

/** Every image the campaign refers to, with a fake content hash. */
export function assetsFor(c: Campaign, versions: Record<string, number> = {}): Map<string, AssetDigest> {
  const refs = [
    c.room.images.cover,
    c.room.images.share,
    c.room.images.feeds,
    ...c.products.map((p) => p.image),
    ...c.products.flatMap((p) => p.channels?.images ?? []),
  ];
  const out = new Map<string, AssetDigest>();
  for (const ref of refs)
    out.set(ref, { sha256: fakeSha(ref, versions[ref]), size: 1024, path: `/campaign/${ref}` });
  return out;
}

export function aPlanInput(
  opts: { campaign?: Campaign; state?: StateSnapshot; now?: Date; assets?: Map<string, AssetDigest> } = {},
): PlanInput {
  const campaign = opts.campaign ?? aCampaign();
  return {
    campaign,
    file: 'campaigns/goddess-day.yaml',
    campaignHash: createHash('sha256').update(canonicalJson(campaign)).digest('hex'),
    assets: opts.assets ?? assetsFor(campaign),
    state: opts.state ?? aState().build(),
    now: opts.now ?? DEFAULT_NOW,
  };
}

export function aState(): StateBuilder {
  return new StateBuilder();
}

/** What a fully successful apply of `input` would have recorded (the store's JSON round trip included). */
export class StateBuilder {
  private readonly resources = new Map<Address, ResourceRecord>();
  private readonly audits = new Map<Address, AuditEvent[]>();
  private campaign?: CampaignRecord;

  /**
   * Everything of `input` applied at `at` (default: an hour before `input.now`): media uploaded then
   * (valid 3 days), goods approved and in the room, the room created, codes, posters, the menu and
   * every reminder scheduled.
   */
  applied(input: PlanInput, opts: { at?: Date; roomId?: string } = {}): this {
    const at = opts.at ?? new Date(input.now.getTime() - 60 * 60 * 1000);
    const iso = at.toISOString();
    const roomId = opts.roomId ?? '101';
    const c = input.campaign;
    this.campaign = {
      name: c.metadata.name,
      lineage: 'lineage-test',
      serial: 0,
      appliedHash: input.campaignHash,
    };
    for (const m of desiredMedia(c, input.assets).values()) {
      this.record('media', `media/${m.sha256}`, iso, {
        remoteId: `media-${m.sha256.slice(0, 8)}`,
        expiresAt: new Date(at.getTime() + MEDIA_LIFETIME_MS).toISOString(),
      });
    }
    const submitted = new Date(at.getTime() - 8 * 24 * 60 * 60 * 1000).toISOString();
    c.products.forEach((p, i) => {
      const spec = desiredGoods(p, input.assets);
      const address = `goods/${p.id}`;
      this.record('goods', address, iso, {
        remoteId: String(2000 + i),
        ...sent(spec),
        auditStatus: 'approved',
      });
      this.audits.set(address, [
        { address, at: submitted, status: 'pending' },
        { address, at: iso, status: 'approved' },
      ]);
      this.record('room-goods', `room-goods/${p.id}`, iso, { remoteId: String(2000 + i) });
    });
    const ctx = planContext({ ...input, state: { resources: new Map(), audits: new Map() } });
    this.record('room', 'room', iso, { remoteId: roomId, ...sent(desiredRoom(c, ctx.times, input.assets)) });
    const codeHashes = new Map<string, string>();
    for (const w of allWaves(ctx)) {
      const spec = desiredCode(c.metadata.name, roomId, w.wave.id, c.accounts.miniProgram?.livePage);
      codeHashes.set(w.wave.id, specHash(spec));
      this.record('code', `code/${w.wave.id}`, iso, { remoteId: spec.scene, ...sent(spec) });
      for (const ch of w.wave.channels) {
        this.record(
          'reminder' as ResourceKind,
          `reminder/${w.wave.id}/${ch}`,
          iso,
          sent(reminderSpec(ctx, w, ch)),
        );
      }
    }
    for (const t of posterTargets(c, ctx.times).targets) {
      if (t.waveId === undefined) continue;
      this.record('poster', `poster/${t.waveId}`, iso, {
        hash: specHash(desiredPoster(codeHashes.get(t.waveId), t.waveId)),
        attributes: { path: `out/${t.fileName}` },
      });
    }
    const menu = desiredMenu(c);
    if (menu) this.record('menu', 'menu', iso, sent(menu));
    return this;
  }

  /**
   * Everything of a channels `input` applied at `at` (default: an hour before `input.now`): the
   * reservation found for the start, head images uploaded, products listed and in the showcase,
   * coupons effective, codes, posters, the menu and every reminder scheduled.
   */
  appliedChannels(input: PlanInput, opts: { at?: Date; noticeId?: string } = {}): this {
    const at = opts.at ?? new Date(input.now.getTime() - 60 * 60 * 1000);
    const iso = at.toISOString();
    const c = input.campaign;
    const name = c.metadata.name;
    this.campaign = { name, lineage: 'lineage-test', serial: 0, appliedHash: input.campaignHash };
    const ctx = planContext({ ...input, state: { resources: new Map(), audits: new Map() } });
    this.record('reservation', 'reservation', iso, {
      remoteId: opts.noticeId ?? 'notice-1',
      attributes: { startTime: ctx.times.start?.toISOString(), description: c.room.name, status: 0 },
    });
    c.products.forEach((p, i) => {
      const address = `store-product/${p.id}`;
      const existing = p.channels?.productId;
      if (existing !== undefined) {
        this.record('store-product', address, iso, {
          remoteId: existing,
          attributes: { external: true, status: 5 },
        });
      } else {
        const spec = desiredStoreProduct(name, p, input.assets);
        for (const sha of new Set([...spec.headImgs, spec.sku.thumbImg]))
          this.record('store-image', `store-image/${sha}`, iso, {
            remoteId: `https://mmecimage.cn/p/wx1111111111111111/${sha.slice(0, 12)}`,
          });
        this.record('store-product', address, iso, {
          remoteId: String(10000000000001 + i),
          ...sent(spec),
          attributes: {
            specHash: specHash(spec),
            editStatus: 4,
            status: 5,
            outProductId: outProductId(name, p.id),
          },
        });
      }
      this.record('showcase', `showcase/${p.id}`, iso, { attributes: {} });
    });
    c.coupons.forEach((k, i) => {
      const address = `store-coupon/${k.id}`;
      const existing = k.channels?.couponId;
      if (existing !== undefined) {
        this.record('store-coupon', address, iso, {
          remoteId: existing,
          attributes: { external: true, status: 2 },
        });
      } else {
        const spec = desiredStoreCoupon(c, ctx.times, ctx.tz, k);
        this.record('store-coupon', address, iso, {
          remoteId: String(6000000001 + i),
          ...sent(spec),
          attributes: { specHash: specHash(spec), status: 2 },
        });
      }
    });
    const livePage = c.accounts.miniProgram?.livePage;
    const codeHashes = new Map<string, string>();
    for (const w of allWaves(ctx)) {
      if (livePage !== undefined) {
        const spec = desiredChannelsCode(name, w.wave.id, livePage);
        codeHashes.set(w.wave.id, specHash(spec));
        this.record('code', `code/${w.wave.id}`, iso, { remoteId: spec.scene, ...sent(spec) });
      }
      for (const ch of w.wave.channels)
        this.record('reminder', `reminder/${w.wave.id}/${ch}`, iso, sent(reminderSpec(ctx, w, ch)));
    }
    for (const t of posterTargets(c, ctx.times).targets) {
      if (t.waveId === undefined) continue;
      this.record('poster', `poster/${t.waveId}`, iso, {
        hash: specHash(desiredPoster(codeHashes.get(t.waveId), t.waveId)),
        attributes: { path: `out/${t.fileName}` },
      });
    }
    const menu = desiredMenu(c);
    if (menu) this.record('menu', 'menu', iso, sent(menu));
    return this;
  }

  /** Merges fields into a recorded resource (creating it when absent). */
  patch(address: Address, patch: Partial<ResourceRecord>): this {
    const old = this.resources.get(address);
    const kind = (old?.kind ?? address.split('/')[0]) as ResourceKind;
    this.resources.set(address, {
      address,
      kind,
      attributes: {},
      createdAt: DEFAULT_NOW.toISOString(),
      updatedAt: DEFAULT_NOW.toISOString(),
      ...old,
      ...patch,
    });
    return this;
  }

  /** Sets a goods item's audit status, appending an event (with a rejection reason, say). */
  audit(productId: string, status: AuditStatus, opts: { at?: Date; reason?: string } = {}): this {
    const address = `goods/${productId}`;
    this.patch(address, { auditStatus: status });
    const list = this.audits.get(address) ?? [];
    list.push({
      address,
      at: (opts.at ?? DEFAULT_NOW).toISOString(),
      status,
      ...(opts.reason ? { reason: opts.reason } : {}),
    });
    this.audits.set(address, list);
    return this;
  }

  without(...addresses: Address[]): this {
    for (const a of addresses) {
      this.resources.delete(a);
      this.audits.delete(a);
    }
    return this;
  }

  /** Drops every resource whose address starts with one of the prefixes (`reminder/`, `code/`…). */
  withoutPrefix(...prefixes: string[]): this {
    for (const a of [...this.resources.keys()]) if (prefixes.some((p) => a.startsWith(p))) this.without(a);
    return this;
  }

  build(): StateSnapshot {
    const campaign = this.campaign ? { ...this.campaign, serial: this.resources.size } : undefined;
    return {
      ...(campaign ? { campaign } : {}),
      resources: new Map([...this.resources].map(([k, v]) => [k, structuredClone(v)])),
      audits: new Map([...this.audits].map(([k, v]) => [k, v.map((e) => ({ ...e }))])),
    };
  }

  private record(kind: ResourceKind, address: Address, iso: string, fields: Partial<ResourceRecord>): void {
    this.resources.set(address, { address, kind, attributes: {}, createdAt: iso, updatedAt: iso, ...fields });
  }
}

/** `hash` and `sent` as apply records them: the canonical JSON, read back. */
function sent(spec: object): Pick<ResourceRecord, 'hash' | 'sent'> {
  return { hash: specHash(spec), sent: JSON.parse(canonicalJson(spec)) as Record<string, unknown> };
}
