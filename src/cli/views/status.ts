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
    const k = t().statusMore.coupons;
    out.push('', `  ${k.header}`);
    const cw = Math.max(...s.coupons.map((x) => displayWidth(x.couponId)));
    for (const x of s.coupons) {
      const what = x.stockId
        ? k.stock({
            id: x.stockId,
            state: x.state ?? '?',
            sent: String(x.sent ?? '?'),
            max: String(x.maxCoupons ?? '?'),
          })
        : x.outRequestNo
          ? k.notConfirmed({ outRequestNo: x.outRequestNo })
          : k.notCreated;
      const tail = [x.external ? k.existing : '', x.removed ? k.removed : ''].filter(Boolean).join(k.sep);
      out.push(`    ${padEndDisplay(x.couponId, cw)}  ${what}${tail ? style.dim(`  ${tail}`) : ''}`);
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
  const rw = t().statusMore.refreshed;
  const requests = s.refresh?.requests !== undefined ? { requests: s.refresh.requests } : {};
  if (s.refresh && s.channels) out.push('', style.dim(`  ${rw.channels(requests)}`));
  else if (s.refresh) {
    const rc = s.refresh.reconcile;
    out.push(
      '',
      style.dim(
        `  ${rw.miniProgram({ polled: rc.polled, changes: rc.changes.length, added: rc.added.length, ...requests })}`,
      ),
    );
    for (const n of rc.notAdded)
      out.push(style.dim(`    ${rw.notAdded({ address: n.address, reason: refreshReason(n.reason) })}`));
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
  const w = t().statusMore.all;
  const n = s.campaigns.length;
  const out = [
    style.bold(w.header({ n })) +
      style.dim(w.detail({ state: s.statePath ?? '?', ...(n ? { problems: s.withProblems } : {}) })),
  ];
  if (!n) out.push('', w.empty);
  const outcome = (o: string) => w.outcome[o] ?? o;
  const cells = s.campaigns.map((c) => {
    const tz =
      c.nextDue?.timezone && isValidTimeZone(c.nextDue.timezone) ? c.nextDue.timezone : 'Asia/Shanghai';
    const applied = c.lastApply
      ? w.applied({ at: formatLocal(new Date(c.lastApply.at), tz), outcome: outcome(c.lastApply.outcome) })
      : w.neverApplied;
    const next = c.nextDue
      ? w.next({
          what: `${c.nextDue.wave}/${c.nextDue.channel}`,
          at: `${formatLocal(new Date(c.nextDue.at), tz)} ${tz}`,
          sending: c.nextDue.status === 'claimed',
        })
      : w.nothingDue;
    return [c.campaign, w.serial({ n: c.serial }), applied, next, w.counts(c)];
  });
  const widths = [0, 1, 2, 3].map((i) => Math.max(0, ...cells.map((r) => displayWidth(r[i]!))));
  s.campaigns.forEach((c, i) => {
    const line = cells[i]!.map((x, j) => (j < 4 ? padEndDisplay(x, widths[j]!) : x)).join('  ');
    const problems = c.problems.map(problemText).join(currentLang() === 'zh-CN' ? '；' : '; ');
    out.push(`  ${line}${problems ? `  ${style.error(`! ${problems}`)}` : ''}`);
  });
  for (const p of s.problems) out.push(`  ${style.error(`! ${problemText(p)}`)}`);
  return `${out.join('\n')}\n`;
}

/** A problem of `status --all` in the chosen language (its JSON keeps the English message). */
function problemText(p: StatusAll['problems'][number]): string {
  if (currentLang() !== 'zh-CN') return p.message;
  const w = t().statusMore.all;
  switch (p.kind) {
    case 'failed-rows':
      return w.failedRows({ n: p.count });
    case 'apply-failed': {
      const m = /^last apply (\w+)(?:: ([\s\S]*))?$/.exec(p.message);
      return m
        ? w.applyFailed({ outcome: w.outcome[m[1]!] ?? m[1]!, message: applySummaryZh(m[2] ?? '') })
        : p.message;
    }
    case 'goods-rejected':
      return w.rejected({
        n: p.count,
        ids: `${p.productIds.slice(0, 3).join('，')}${p.productIds.length > 3 ? '，…' : ''}`,
      });
    case 'lock-expired':
      return w.lockExpired({ lock: p.lock, owner: p.owner, expiresAt: p.expiresAt });
  }
}

/** Why reconcile did not put goods into the room, in the chosen language. */
function refreshReason(reason: string): string {
  if (currentLang() !== 'zh-CN') return reason;
  if (reason === 'the room no longer exists on the platform') return '平台上已没有这个直播间';
  if (reason === 'the room has ended: WeChat takes no more goods') return '直播已结束：微信不再接受放入商品';
  return reason;
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
