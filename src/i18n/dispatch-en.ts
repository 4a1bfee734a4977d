/**
 * The English texts of `livectl dispatch`, the daemon's log lines and the outbox lines of `status`
 * (the source of dispatch-zh.ts). The NDJSON and JSON of these commands never use them.
 */
const s = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const dispatchEn = {
  row: {
    sent: (p: { remoteId?: string }) => `sent${p.remoteId ? ` (${p.remoteId})` : ''}`,
    recovered: ', found on the platform after a lost answer',
    retry: (p: { at: string; attempt: number; reason: string }) =>
      `try again ${p.at} (attempt ${p.attempt}): ${p.reason}`,
    later: 'later',
    lostLease: 'taken over by another dispatcher',
    skipped: (p: { reason: string }) => `skipped: ${p.reason}`,
    failed: (p: { reason: string }) => `failed: ${p.reason}`,
  },
  summary: {
    nothingDue: (p: { at: string }) => `Nothing due at ${p.at}.`,
    sent: (p: { n: number }) => `${p.n} sent`,
    skipped: (p: { n: number }) => `${p.n} skipped`,
    failed: (p: { n: number }) => `${p.n} failed`,
    toRetry: (p: { n: number }) => `${p.n} to retry`,
    recovered: (p: { n: number }) => `${p.n} found after a lost answer`,
    takenOver: (p: { n: number }) => `${p.n} taken over`,
    released: (p: { n: number }) => `${p.n} given back unstarted`,
    dispatched: (p: { n: number; at: string; parts: string }) => `Dispatched ${p.n} at ${p.at}: ${p.parts}`,
    heldBack: (p: { account: string; reason: string }) =>
      `Held back ${p.account} for this run: ${p.reason}; its unstarted rows go out on a later run`,
    followUps: (p: { checked: number; confirmed: number; reminded: number; errors: number }) =>
      `Group sends followed up: ${p.checked} checked · ${p.confirmed} confirmed by every member · ${p.reminded} members reminded${p.errors ? ` · ${p.errors} could not be checked` : ''}`,
  },
  daemon: {
    start: (p: { timezone: string; file: string }) =>
      `livectl daemon: dispatching every minute (${p.timezone}) from ${p.file}`,
    lockLost: 'lost the daemon lock to another daemon: stopping',
    tick: (p: { claimed: number; sent: number; skipped: number; failed: number; retrying: number }) =>
      `dispatched ${p.claimed}: ${p.sent} sent · ${p.skipped} skipped · ${p.failed} failed · ${p.retrying} to retry`,
    tickFailed: (p: { message: string }) => `tick failed: ${p.message}`,
    stopped: (p: { signal: string; released: number }) =>
      `stopped (${p.signal}): sends in flight finished, ${s(p.released, 'unstarted row')} given back`,
    reconcile: (p: { campaign: string; changed: number; added: number; waiting: number }) =>
      `${p.campaign}: goods audit: ${p.changed} changed, ${p.added} put into the room, ${p.waiting} still in audit`,
    reconcileFailed: (p: { campaign: string; message: string }) =>
      `${p.campaign}: goods reconcile failed: ${p.message}`,
  },
  outbox: {
    counts: (p: {
      pending: number;
      claimed: number;
      sent: number;
      skipped: number;
      failed: number;
      cancelled: number;
    }) =>
      `outbox: ${p.pending} pending · ${p.claimed} sending · ${p.sent} sent · ${p.skipped} skipped · ${p.failed} failed · ${p.cancelled} cancelled`,
    next: (p: { at: string; what: string }) => `next: ${p.at} ${p.what}`,
    lastSent: (p: { at: string; what: string; due?: string }) =>
      `last sent: ${p.at} ${p.what}${p.due ? ` (due ${p.due})` : ''}`,
    retrying: (p: { what: string; attempt: number; next?: string; reason: string }) =>
      `retrying ${p.what} (attempt ${p.attempt}${p.next ? `, next ${p.next}` : ''}): ${p.reason}`,
    skipped: (p: { what: string; due: string; reason: string }) =>
      `skipped ${p.what} (due ${p.due}): ${p.reason}`,
    failed: (p: { what: string; due: string; reason: string }) =>
      `failed ${p.what} (due ${p.due}): ${p.reason}`,
  },
};
