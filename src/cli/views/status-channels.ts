import type { ChannelsStatus } from '../../apply/channels-status.js';
import { formatLocal } from '../../campaign/time.js';
import type { TextStyle } from '../../diagnostics/render-text.js';
import { t } from '../../i18n/catalog.js';
import { displayWidth, padEndDisplay } from '../../i18n/width.js';

/** The `platform: channels` part of `livectl status`: reservation, store products, coupons, the broadcast. */
export function renderChannelsText(c: ChannelsStatus, tz: string, style: TextStyle): string[] {
  const w = t().statusMore.channels;
  const local = (iso: string) => formatLocal(new Date(iso), tz);
  const notice = (text: string) =>
    w.notice[text] ?? (/^status (\S+)$/.test(text) ? w.noticeStatus({ status: text.slice(7) }) : text);
  const out: string[] = [];
  const r = c.reservation;
  if (!r?.noticeId) out.push(`  ${w.reservation} ${r ? notice(r.statusText) : w.notFoundYet}`);
  else {
    const when = r.startTime ? `${local(r.startTime)} ${tz}` : '';
    const text = r.drift ? style.error(w.drift({ text: notice(r.statusText) })) : notice(r.statusText);
    out.push(`  ${w.reservation} ${w.noticeLine({ id: r.noticeId, when, text })}`);
    // Under the notice line, past the label.
    if (r.checkedAt)
      out.push(
        style.dim(
          `${' '.repeat(displayWidth(`  ${w.reservation} `))}${w.checked({ at: `${local(r.checkedAt)} ${tz}` })}`,
        ),
      );
  }
  const p = c.products;
  const n = (f: (x: ChannelsStatus['products'][number]) => boolean) => p.filter(f).length;
  out.push(
    '',
    `  ${w.products} ${w.productCounts({
      n: p.length,
      pending: n((x) => x.auditStatus === 'pending'),
      rejected: n((x) => x.auditStatus === 'rejected'),
      listed: n((x) => x.listed),
      showcase: n((x) => x.inShowcase),
    })}`,
  );
  const pw = Math.min(24, Math.max(0, ...p.map((x) => displayWidth(x.product))));
  for (const x of p) {
    const state = !x.storeProductId
      ? w.notCreated
      : x.auditStatus === 'pending'
        ? w.audit.pending!
        : x.auditStatus === 'rejected'
          ? style.error(w.audit.rejected!)
          : x.listed
            ? w.listed
            : x.auditStatus
              ? (w.audit[x.auditStatus] ?? x.auditStatus)
              : '?';
    const tail = [
      x.storeProductId ? w.product({ id: x.storeProductId }) : '',
      x.external ? w.existingProduct : '',
      x.inShowcase ? w.inShowcase : '',
    ]
      .filter(Boolean)
      .join(w.sep);
    out.push(`    ${padEndDisplay(x.product, pw)}  ${state}${tail ? style.dim(`  ${tail}`) : ''}`);
    if (x.reason) out.push(style.dim(`    ${''.padEnd(pw)}  ${x.reason}`));
  }
  if (c.coupons.length) {
    out.push('', `  ${w.coupons}`);
    const cw = Math.max(...c.coupons.map((k) => displayWidth(k.coupon)));
    for (const k of c.coupons) {
      const status = k.statusText === undefined ? '?' : (w.couponStatus[k.statusText] ?? k.statusText);
      const what = k.storeCouponId
        ? w.coupon({ id: k.storeCouponId, status, received: k.received ?? 0, used: k.used ?? 0 })
        : w.notCreated;
      out.push(
        `    ${padEndDisplay(k.coupon, cw)}  ${what}${k.external ? style.dim(`  ${w.existingCoupon}`) : ''}`,
      );
    }
  }
  const l = c.live;
  if (l) {
    const head = l.live ? w.liveNow : l.dashboard ? w.ended : w.notLive;
    out.push(
      '',
      `  ${w.broadcast}  ${head}${l.exportId ? style.dim(`  export_id ${l.exportId}`) : ''}${style.dim(`  ${w.asOf({ at: `${local(l.checkedAt)} ${tz}` })}`)}`,
    );
    const d = l.dashboard;
    if (d) {
      const parts = [
        d.viewers !== undefined ? w.viewers({ n: d.viewers }) : '',
        d.maxOnline !== undefined ? w.peak({ n: d.maxOnline }) : '',
        d.likes !== undefined ? w.likes({ n: d.likes }) : '',
        d.likeRate !== undefined ? w.likeRate({ rate: (d.likeRate / 100).toFixed(2) }) : '',
        d.orders !== undefined ? w.orders({ n: d.orders }) : '',
        d.gmv !== undefined ? w.gmv({ yuan: d.gmv.toFixed(2) }) : '',
      ].filter(Boolean);
      out.push(`             ${parts.join(' · ')}`);
    }
  } else out.push('', style.dim(`  ${w.broadcast}  ${w.notAsked}`));
  return out;
}
