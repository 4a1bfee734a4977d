/**
 * The English texts of `status` beyond status: in messages-en.ts (the source of status-more-zh.ts):
 * the 视频号 part, the WeChat Pay coupons, the refresh line and `status --all`. JSON never uses them.
 */
const s = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const statusMoreEn = {
  channels: {
    reservation: 'Reservation',
    notFoundYet: 'not found yet',
    /** What the state knows of the reservation (ChannelsStatus's statusText). */
    notice: {
      available: 'available',
      cancelled: 'cancelled',
      used: 'used',
      unknown: 'unknown',
      'not found yet: a person creates it in 视频号': 'not found yet: a person creates it in 视频号',
    } as Record<string, string>,
    noticeStatus: (p: { status: string }) => `status ${p.status}`,
    noticeLine: (p: { id: string; when: string; text: string }) => `notice ${p.id}  ${p.when}  ${p.text}`,
    drift: (p: { text: string }) => `${p.text}: create a new one for the room's start`,
    checked: (p: { at: string }) => `checked ${p.at}`,
    products: 'Store products',
    productCounts: (p: { n: number; pending: number; rejected: number; listed: number; showcase: number }) =>
      `${p.n} · ${p.pending} in audit · ${p.rejected} rejected · ${p.listed} listed · ${p.showcase} in the showcase`,
    notCreated: 'not created',
    audit: {
      pending: 'in audit',
      rejected: 'rejected',
      approved: 'approved',
      unaudited: 'unaudited',
    } as Record<string, string>,
    listed: 'listed',
    product: (p: { id: string }) => `product ${p.id}`,
    existingProduct: 'existing product',
    inShowcase: 'in the showcase',
    /** Between the notes after a product. */
    sep: ', ',
    coupons: 'Store coupons',
    couponStatus: {
      'not effective': 'not effective',
      effective: 'effective',
      expired: 'expired',
      voided: 'voided',
      deleted: 'deleted',
    } as Record<string, string>,
    coupon: (p: { id: string; status: string; received: number; used: number }) =>
      `coupon ${p.id}  ${p.status}  ${p.received} received · ${p.used} used`,
    existingCoupon: 'existing coupon',
    broadcast: 'Broadcast',
    liveNow: 'live now',
    ended: 'ended',
    notLive: 'not live',
    asOf: (p: { at: string }) => `(as of ${p.at})`,
    notAsked: 'not asked (livectl status --refresh)',
    viewers: (p: { n: number }) => `${p.n} viewers`,
    peak: (p: { n: number }) => `peak ${p.n} at once`,
    likes: (p: { n: number }) => `${p.n} likes`,
    likeRate: (p: { rate: string }) => `like rate ${p.rate}% of new viewers`,
    orders: (p: { n: number }) => `${p.n} orders`,
    gmv: (p: { yuan: string }) => `GMV ¥${p.yuan}`,
  },
  coupons: {
    header: 'Coupons (WeChat Pay stocks)',
    stock: (p: { id: string; state: string; sent: string; max: string }) =>
      `stock ${p.id}  ${p.state}  ${p.sent} sent of ${p.max}`,
    notConfirmed: (p: { outRequestNo: string }) => `not confirmed (out_request_no ${p.outRequestNo})`,
    notCreated: 'not created',
    existing: 'existing stock',
    removed: 'removed from the campaign',
    sep: ', ',
  },
  refreshed: {
    channels: (p: { requests?: number }) =>
      `Refreshed from the 视频号助手 and the 微信小店${p.requests !== undefined ? ` (${p.requests} requests)` : ''}.`,
    miniProgram: (p: { polled: number; changes: number; added: number; requests?: number }) =>
      `Refreshed: ${p.polled} goods asked, ${s(p.changes, 'audit change')}, ${p.added} put into the room${p.requests !== undefined ? ` (${p.requests} requests)` : ''}.`,
    notAdded: (p: { address: string; reason: string }) => `${p.address}: not put into the room: ${p.reason}`,
  },
  all: {
    header: (p: { n: number }) => `Status of ${s(p.n, 'campaign')}`,
    detail: (p: { state: string; problems?: number }) =>
      ` (state ${p.state}${p.problems !== undefined ? `, ${p.problems} with problems` : ''})`,
    empty: '  The state store has no campaign yet: run `livectl apply <campaign>`.',
    serial: (p: { n: number }) => `serial ${p.n}`,
    applied: (p: { at: string; outcome: string }) => `applied ${p.at} ${p.outcome}`,
    neverApplied: 'never applied',
    next: (p: { what: string; at: string; sending: boolean }) =>
      `next ${p.what} at ${p.at}${p.sending ? ' (sending)' : ''}`,
    nothingDue: 'nothing due',
    counts: (p: { failed: number; retrying: number }) => `failed ${p.failed} · retrying ${p.retrying}`,
    failedRows: (p: { n: number }) => `${p.n} reminder row${p.n === 1 ? '' : 's'} failed`,
    applyFailed: (p: { outcome: string; message: string }) =>
      `last apply ${p.outcome}${p.message ? `: ${p.message}` : ''}`,
    rejected: (p: { n: number; ids: string }) => `${p.n} goods rejected by the audit (${p.ids})`,
    lockExpired: (p: { lock: string; owner: string; expiresAt: string }) =>
      `lock ${p.lock} held by ${p.owner} past its expiry (${p.expiresAt}): its holder may have crashed`,
    outcome: { complete: 'complete', partial: 'partial', failed: 'failed' } as Record<string, string>,
  },
};
