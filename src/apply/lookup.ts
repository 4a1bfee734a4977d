import type { ApprovedGoods, AuditStatus, MiniProgramClient, RoomInfo } from '../wechat/index.js';

/**
 * The platform's listings that look-before-create reads. Room create and goods add are not
 * idempotent: if the answer is lost (a crash between the call and the state write, a dropped
 * connection, a -1 that did create), calling again makes a second room or a second copy of the goods.
 * So every such create records a pending create first (pending-create.ts), and a later attempt adopts
 * only what that record's fingerprint matches and what was not listed before it — never a look-alike
 * another campaign or another store made:
 *  - rooms: getliveinfo, paged;
 *  - goods: getapproved, every audit status, paged.
 * The listings are read once per run and kept up to date with what the run itself creates; after an
 * ambiguous failure they are read again.
 */
export class RemoteLookup {
  private roomList?: RoomInfo[];
  private goods?: Array<ApprovedGoods & { status: AuditStatus }>;
  private generation = 0;
  private goodsLoading?: Promise<Array<ApprovedGoods & { status: AuditStatus }>>;

  /** The mini program is asked for on first use (a Channels campaign may have none). */
  constructor(private readonly mpOf: () => MiniProgramClient) {}

  private get mp(): MiniProgramClient {
    return this.mpOf();
  }

  /** Forget the cached listings (after an ambiguous failure the platform may hold more than we know). */
  invalidate(): void {
    this.roomList = undefined;
    this.goods = undefined;
    this.goodsLoading = undefined;
    this.generation++;
  }

  /** Every room of the mini program, read once per run (or again after invalidate). */
  async rooms(): Promise<RoomInfo[]> {
    this.roomList ??= await this.mp.rooms.listAll();
    return this.roomList;
  }

  /** Records a room this run created, so a later lookup in the same run sees it. */
  noteRoom(room: RoomInfo): void {
    this.roomList?.push(room);
  }

  /** The whole goods library (every audit status), read once; concurrent steps share the read. */
  library(): Promise<Array<ApprovedGoods & { status: AuditStatus }>> {
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
