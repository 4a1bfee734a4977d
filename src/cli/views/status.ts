import { type CampaignStatus, LIVE_STATUS_TEXT } from '../../apply/status.js';
import { formatLocal, isValidTimeZone } from '../../campaign/time.js';
import type { TextStyle } from '../../diagnostics/render-text.js';
import { applySummaryZh } from '../../i18n/apply-zh.js';
import { currentLang, t } from '../../i18n/catalog.js';
import { displayWidth, padEndDisplay } from '../../i18n/width.js';
import type { Deps } from '../../platform/deps.js';
import { renderOutboxSummary } from '../../reminders/outbox.js';
import type { StatusAll } from '../../usecases/status-all.js';
import { styleFor } from '../style.js';
import { renderChannelsText } from './status-channels.js';

/**
 * `livectl status`'s output: JSON or text. The push address's secret is masked unless
 * --show-push-url, and anything secret-shaped is redacted (the push address then excepted).
 */
export function renderStatus(
  status: CampaignStatus,
  opts: { format: string; tz: string; showPushUrl: boolean; redact: (s: string) => string },
  deps: Pick<Deps, 'stdout'>,
): void {
  const shown = opts.showPushUrl || !status.room?.pushAddr ? status : maskPush(status);
  const keepPush = (s: string) => (opts.showPushUrl ? s : opts.redact(s));
  if (opts.format === 'json') deps.stdout.write(`${keepPush(JSON.stringify(shown, null, 2))}\n`);
  else deps.stdout.write(keepPush(renderStatusText(shown, opts.tz, styleFor(deps.stdout))));
}

function maskPush(s: CampaignStatus): CampaignStatus {
  return { ...s, room: { ...s.room!, pushAddr: s.room!.pushAddr!.replace(/(txSecret=)[^&]+/, '$1***') } };
}

/** `livectl status` as text: the room, the goods and their audits, codes, coupons, reminders, marks. */
export function renderStatusText(s: CampaignStatus, tz: string, style: TextStyle): string {
  const out: string[] = [];
  const w = t().status;
  /** A section's label, padded to the column its text starts in. */
  const label = (s: string) => `  ${padEndDisplay(s, 10)} `;
  const local = (iso: string) => formatLocal(new Date(iso), tz);
  out.push(
    style.bold(w.header({ name: s.campaign })) +
      style.dim(w.headerDetail({ state: s.statePath ?? '?', ...(s.known ? { serial: s.serial } : {}) })),
  );
  if (!s.known) {
    out.push('', w.nothingYet, w.runApply);
    return `${out.join('\n')}\n`;
  }
  out.push('');
  if (s.channels) out.push(...renderChannelsText(s.channels, tz, style));
  else out.push(...roomAndGoods(s, tz, style));
  out.push('', `${label(w.codes)}${s.codes.length ? s.codes.map((c) => c.wave).join(', ') : w.none}`);
  if (s.coupons?.length) {
    out.push('', '  Coupons (WeChat Pay stocks)');
    const cw = Math.max(...s.coupons.map((k) => k.couponId.length));
    for (const k of s.coupons) {
      const what = k.stockId
        ? `stock ${k.stockId}  ${k.state ?? '?'}  ${k.sent ?? '?'} sent of ${k.maxCoupons ?? '?'}`
        : k.outRequestNo
          ? `not confirmed (out_request_no ${k.outRequestNo})`
          : 'not created';
      const tail = [k.external ? 'existing stock' : '', k.removed ? 'removed from the campaign' : '']
        .filter(Boolean)
        .join(', ');
      out.push(`    ${k.couponId.padEnd(cw)}  ${what}${tail ? style.dim(`  ${tail}`) : ''}`);
    }
  }
  const o = s.outbox;
  out.push(`${label(w.reminders)}${w.outbox(o)}`);
  // Next due, last sent, retries, and every skipped or failed row with its reason.
  if (s.reminders)
    for (const l of renderOutboxSummary(s.reminders, tz).slice(1)) out.push(`             ${l}`);
  if (s.marks?.length) {
    out.push('', `${label(w.runSheet)}${w.marked}`);
    for (const m of s.marks)
      out.push(`    ${m.cue}  ${m.mark} at ${local(m.at)} ${tz}${m.title ? style.dim(`  ${m.title}`) : ''}`);
  }
  if (s.lastApply) {
    out.push(
      '',
      `${label(w.lastApply)}${local(s.lastApply.at)} ${tz}: ${s.lastApply.outcome}${s.lastApply.message ? style.dim(` — ${currentLang() === 'zh-CN' ? applySummaryZh(s.lastApply.message) : s.lastApply.message}`) : ''}`,
    );
  }
  if (s.refresh && s.channels) {
    out.push(
      '',
      style.dim(
        `  Refreshed from the 视频号助手 and the 微信小店${s.refresh.requests !== undefined ? ` (${s.refresh.requests} requests)` : ''}.`,
      ),
    );
  } else if (s.refresh) {
    const rc = s.refresh.reconcile;
    out.push(
      '',
      style.dim(
        `  Refreshed: ${rc.polled} goods asked, ${rc.changes.length} audit change${rc.changes.length === 1 ? '' : 's'}, ${rc.added.length} put into the room${s.refresh.requests !== undefined ? ` (${s.refresh.requests} requests)` : ''}.`,
      ),
    );
    for (const n of rc.notAdded) out.push(style.dim(`    ${n.address}: not put into the room: ${n.reason}`));
  }
  return `${out.join('\n')}\n`;
}

/** `livectl status --all`: JSON, or one line per campaign (then the store's own problems). */
export function renderStatusAll(
  s: StatusAll,
  opts: { format: string; redact: (s: string) => string },
  deps: Pick<Deps, 'stdout'>,
): void {
  if (opts.format === 'json') deps.stdout.write(`${opts.redact(JSON.stringify(s, null, 2))}\n`);
  else deps.stdout.write(opts.redact(renderStatusAllText(s, styleFor(deps.stdout))));
}

export function renderStatusAllText(s: StatusAll, style: TextStyle): string {
  const n = s.campaigns.length;
  const out = [
    style.bold(`Status of ${n} campaign${n === 1 ? '' : 's'}`) +
      style.dim(` (state ${s.statePath ?? '?'}${n ? `, ${s.withProblems} with problems` : ''})`),
  ];
  if (!n) out.push('', '  The state store has no campaign yet: run `livectl apply <campaign>`.');
  const cells = s.campaigns.map((c) => {
    const tz =
      c.nextDue?.timezone && isValidTimeZone(c.nextDue.timezone) ? c.nextDue.timezone : 'Asia/Shanghai';
    const applied = c.lastApply
      ? `applied ${formatLocal(new Date(c.lastApply.at), tz)} ${c.lastApply.outcome}`
      : 'never applied';
    const next = c.nextDue
      ? `next ${c.nextDue.wave}/${c.nextDue.channel} at ${formatLocal(new Date(c.nextDue.at), tz)} ${tz}${c.nextDue.status === 'claimed' ? ' (sending)' : ''}`
      : 'nothing due';
    return [c.campaign, `serial ${c.serial}`, applied, next, `failed ${c.failed} · retrying ${c.retrying}`];
  });
  const widths = [0, 1, 2, 3].map((i) => Math.max(0, ...cells.map((r) => r[i]!.length)));
  s.campaigns.forEach((c, i) => {
    const line = cells[i]!.map((x, j) => (j < 4 ? x.padEnd(widths[j]!) : x)).join('  ');
    const problems = c.problems.map((p) => p.message).join('; ');
    out.push(`  ${line}${problems ? `  ${style.error(`! ${problems}`)}` : ''}`);
  });
  for (const p of s.problems) out.push(`  ${style.error(`! ${p.message}`)}`);
  return `${out.join('\n')}\n`;
}

/** The mini-program part: the room and the goods library with their audits. */
function roomAndGoods(s: CampaignStatus, tz: string, style: TextStyle): string[] {
  const out: string[] = [];
  const w = t().status;
  const label = (s: string) => `  ${padEndDisplay(s, 10)} `;
  const local = (iso: string) => formatLocal(new Date(iso), tz);
  const r = s.room;
  if (!r?.roomId) out.push(`${label(w.room)}${w.notCreated}`);
  else {
    const when = r.startTime && r.endTime ? `${local(r.startTime)}–${local(r.endTime).slice(11)} ${tz}` : '';
    const live =
      r.liveStatus !== undefined
        ? // Words first; WeChat's raw live_status last, for whoever looks it up.
          `${w.live[r.liveStatus] ?? LIVE_STATUS_TEXT[r.liveStatus] ?? w.unknownLive}${r.liveStatusAt ? w.asOf({ at: `${local(r.liveStatusAt)} ${tz}` }) : ''}${style.dim(w.rawLive({ code: r.liveStatus }))}`
        : w.notAsked;
    out.push(`${label(w.room)}${r.name ?? ''}  roomId ${r.roomId}  ${r.type}  ${when}`);
    out.push(`             ${r.missing ? style.error(w.gone) : live}`);
    if (r.subAnchor !== undefined || r.subAnchorOnPlatform) {
      const platform = r.subAnchorOnPlatform;
      const differs = platform !== undefined && platform !== (r.subAnchor ?? '');
      out.push(
        `             sub-anchor ${r.subAnchor ?? 'none'}${differs ? style.error(` (the platform has ${platform || 'none'})`) : ''}`,
      );
    }
    if (r.assistants)
      out.push(
        `             assistants ${r.assistants.map((a) => `${a.wechat} (${a.nickname})`).join(', ')}`,
      );
    if (r.pushAddr) out.push(`             push address: ${r.pushAddr}`);
    else if (r.type === 'push') out.push(style.dim('             push address: livectl status --refresh'));
  }
  const g = s.goods;
  const counts = (st: string) => g.filter((x) => x.auditStatus === st).length;
  out.push(
    '',
    `${label(w.goods)}${w.goodsCounts({ n: g.length, approved: counts('approved'), pending: counts('pending'), rejected: counts('rejected'), inRoom: g.filter((x) => x.inRoom).length })}`,
  );
  const idW = Math.min(24, Math.max(0, ...g.map((x) => displayWidth(x.productId))));
  for (const x of g) {
    const audit = x.auditStatus ? (w.audit[x.auditStatus] ?? x.auditStatus) : w.notCreated;
    const wait =
      x.workingDaysWaiting !== undefined
        ? w.waiting({
            days: x.workingDaysWaiting,
            ...(x.submittedAt ? { since: local(x.submittedAt).slice(0, 10) } : {}),
          })
        : '';
    const tail = [
      x.goodsId ? `goodsId ${x.goodsId}` : '',
      x.inRoom ? w.inRoom : '',
      x.removed ? w.removed : '',
    ]
      .filter(Boolean)
      .join(', ');
    out.push(`    ${padEndDisplay(x.productId, idW)}  ${audit}${wait}${tail ? style.dim(`  ${tail}`) : ''}`);
    if (x.reason) out.push(style.dim(`    ${''.padEnd(idW)}  ${x.reason}`));
  }
  return out;
}
