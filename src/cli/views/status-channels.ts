import type { ChannelsStatus } from '../../apply/channels-status.js';
import { formatLocal } from '../../campaign/time.js';
import type { TextStyle } from '../../diagnostics/render-text.js';

/** The `platform: channels` part of `livectl status`: reservation, store products, coupons, the broadcast. */
export function renderChannelsText(c: ChannelsStatus, tz: string, style: TextStyle): string[] {
  const local = (iso: string) => formatLocal(new Date(iso), tz);
  const out: string[] = [];
  const r = c.reservation;
  if (!r?.noticeId) out.push(`  Reservation ${r?.statusText ?? 'not found yet'}`);
  else {
    const when = r.startTime ? `${local(r.startTime)} ${tz}` : '';
    const text = r.drift
      ? style.error(`${r.statusText}: create a new one for the room's start`)
      : r.statusText;
    out.push(`  Reservation notice ${r.noticeId}  ${when}  ${text}`);
    if (r.checkedAt) out.push(style.dim(`              checked ${local(r.checkedAt)} ${tz}`));
  }
  const p = c.products;
  const n = (f: (x: ChannelsStatus['products'][number]) => boolean) => p.filter(f).length;
  out.push(
    '',
    `  Store products ${p.length} · ${n((x) => x.auditStatus === 'pending')} in audit · ${n((x) => x.auditStatus === 'rejected')} rejected · ${n((x) => x.listed)} listed · ${n((x) => x.inShowcase)} in the showcase`,
  );
  const w = Math.min(24, Math.max(0, ...p.map((x) => x.product.length)));
  for (const x of p) {
    const state = !x.storeProductId
      ? 'not created'
      : x.auditStatus === 'pending'
        ? 'in audit'
        : x.auditStatus === 'rejected'
          ? style.error('rejected')
          : x.listed
            ? 'listed'
            : (x.auditStatus ?? '?');
    const tail = [
      x.storeProductId ? `product ${x.storeProductId}` : '',
      x.external ? 'existing product' : '',
      x.inShowcase ? 'in the showcase' : '',
    ]
      .filter(Boolean)
      .join(', ');
    out.push(`    ${x.product.padEnd(w)}  ${state}${tail ? style.dim(`  ${tail}`) : ''}`);
    if (x.reason) out.push(style.dim(`    ${''.padEnd(w)}  ${x.reason}`));
  }
  if (c.coupons.length) {
    out.push('', '  Store coupons');
    const cw = Math.max(...c.coupons.map((k) => k.coupon.length));
    for (const k of c.coupons) {
      const what = k.storeCouponId
        ? `coupon ${k.storeCouponId}  ${k.statusText ?? '?'}  ${k.received ?? 0} received · ${k.used ?? 0} used`
        : 'not created';
      out.push(`    ${k.coupon.padEnd(cw)}  ${what}${k.external ? style.dim('  existing coupon') : ''}`);
    }
  }
  const l = c.live;
  if (l) {
    const head = l.live ? 'live now' : l.dashboard ? 'ended' : 'not live';
    out.push(
      '',
      `  Broadcast  ${head}${l.exportId ? style.dim(`  export_id ${l.exportId}`) : ''}${style.dim(`  (as of ${local(l.checkedAt)} ${tz})`)}`,
    );
    const d = l.dashboard;
    if (d) {
      const parts = [
        d.viewers !== undefined ? `${d.viewers} viewers` : '',
        d.maxOnline !== undefined ? `peak ${d.maxOnline} at once` : '',
        d.likes !== undefined ? `${d.likes} likes` : '',
        d.likeRate !== undefined ? `like rate ${(d.likeRate / 100).toFixed(2)}% of new viewers` : '',
        d.orders !== undefined ? `${d.orders} orders` : '',
        d.gmv !== undefined ? `GMV ¥${d.gmv.toFixed(2)}` : '',
      ].filter(Boolean);
      out.push(`             ${parts.join(' · ')}`);
    }
  } else out.push('', style.dim('  Broadcast  not asked (livectl status --refresh)'));
  return out;
}
