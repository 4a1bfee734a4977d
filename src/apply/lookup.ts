import type { GoodsSpec, RoomSpec } from '../plan/desired.js';
import type { ApprovedGoods, AuditStatus, MiniProgramClient, RoomInfo } from '../wechat/index.js';

/**
 * Looking before creating. Room create and goods add are not idempotent on the platform: if the
 * answer is lost (a crash between the call and the state write, a dropped connection, a -1 that did
 * create), calling again makes a second room or a second copy of the goods. So before every create,
 * apply looks for an earlier attempt and adopts it:
 *  - a room with the same name and start time (getliveinfo, paged);
 *  - goods with the same name and page (getapproved, every audit status, paged).
 * The listings are read once per run and kept up to date with what the run itself creates; after an
 * ambiguous failure they are read again.
 */
export class RemoteLookup {
  private rooms?: RoomInfo[];
  private goods?: Array<ApprovedGoods & { status: AuditStatus }>;
  private generation = 0;
  private goodsLoading?: Promise<Array<ApprovedGoods & { status: AuditStatus }>>;

  constructor(private readonly mp: MiniProgramClient) {}

  /** Forget the cached listings (after an ambiguous failure the platform may hold more than we know). */
  invalidate(): void {
    this.rooms = undefined;
    this.goods = undefined;
    this.goodsLoading = undefined;
    this.generation++;
  }

  async findRoom(spec: Pick<RoomSpec, 'name' | 'startTime'>, exclude: ReadonlySet<string> = new Set()) {
    this.rooms ??= await this.mp.rooms.listAll();
    const hits = this.rooms
      .filter((r) => r.name === spec.name && Number(r.startTime) === spec.startTime)
      .filter((r) => !exclude.has(String(r.roomid)))
      .sort((a, b) => Number(a.roomid) - Number(b.roomid));
    return hits[0];
  }

  /** Records a room this run created, so a later lookup in the same run sees it. */
  noteRoom(room: RoomInfo): void {
    this.rooms?.push(room);
  }

  async findGoods(
    spec: Pick<GoodsSpec, 'name' | 'url'>,
    exclude: ReadonlySet<string>,
  ): Promise<(ApprovedGoods & { status: AuditStatus }) | undefined> {
    const library = await this.library();
    const hits = library
      .filter((g) => g.name === spec.name && g.url === spec.url && !exclude.has(String(g.goodsId)))
      .sort((a, b) => compareIds(String(a.goodsId), String(b.goodsId)));
    return hits[0];
  }

  /** The whole goods library (every audit status), read once; concurrent steps share the read. */
  private library(): Promise<Array<ApprovedGoods & { status: AuditStatus }>> {
    if (this.goods) return Promise.resolve(this.goods);
    if (!this.goodsLoading) {
      const generation = ++this.generation;
      this.goodsLoading = (async () => {
        const all: Array<ApprovedGoods & { status: AuditStatus }> = [];
        for (const status of [0, 1, 2, 3] as const) {
          for (const g of await this.mp.goods.getApprovedAll(status)) all.push({ ...g, status });
        }
        if (generation === this.generation) this.goods = all;
        return all;
      })().finally(() => {
        if (generation === this.generation) this.goodsLoading = undefined;
      });
    }
    return this.goodsLoading;
  }

  noteGoods(g: ApprovedGoods & { status: AuditStatus }): void {
    this.goods?.push(g);
  }

  /** Drops goods this run deleted, so no later lookup adopts them. */
  forgetGoods(goodsId: string): void {
    this.goods = this.goods?.filter((g) => String(g.goodsId) !== goodsId);
  }
}

/** Decimal id strings compared as numbers (ids may pass 2^53, so not through Number). */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
