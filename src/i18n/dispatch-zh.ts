import type { Catalog } from './catalog.js';

/** `livectl dispatch`、daemon 日志和 status 里发送队列的中文文案（键与 dispatch-en.ts 一一对应）。 */
export const dispatchZh: Catalog['dispatch'] = {
  row: {
    sent: (p) => `已发送${p.remoteId ? `（${p.remoteId}）` : ''}`,
    recovered: '，上次没收到应答，已在平台上查到',
    retry: (p) => `${p.at} 重试（第 ${p.attempt} 次尝试）：${p.reason}`,
    later: '稍后',
    lostLease: '已由另一个发送进程接手',
    skipped: (p) => `已跳过：${p.reason}`,
    failed: (p) => `失败：${p.reason}`,
  },
  summary: {
    nothingDue: (p) => `${p.at} 没有到期的提醒。`,
    sent: (p) => `已发送 ${p.n}`,
    skipped: (p) => `已跳过 ${p.n}`,
    failed: (p) => `失败 ${p.n}`,
    toRetry: (p) => `待重试 ${p.n}`,
    recovered: (p) => `丢失应答后查到 ${p.n}`,
    takenOver: (p) => `被接手 ${p.n}`,
    released: (p) => `未开始、已退回 ${p.n}`,
    dispatched: (p) => `${p.at} 处理了 ${p.n} 条：${p.parts}`,
    heldBack: (p) => `本次暂停 ${p.account}：${p.reason}；它未开始的提醒留到下一次发送`,
    followUps: (p) =>
      `群发跟进：检查 ${p.checked} 条 · 全员已确认 ${p.confirmed} 条 · 已提醒成员 ${p.reminded} 人${p.errors ? ` · 无法检查 ${p.errors} 条` : ''}`,
  },
  daemon: {
    start: (p) => `livectl daemon：每分钟发送一次（${p.timezone}），状态库 ${p.file}`,
    lockLost: 'daemon 锁被另一个 daemon 拿走：停止运行',
    tick: (p) =>
      `处理了 ${p.claimed} 条：已发送 ${p.sent} · 已跳过 ${p.skipped} · 失败 ${p.failed} · 待重试 ${p.retrying}`,
    tickFailed: (p) => `本轮运行失败：${p.message}`,
    stopped: (p) => `已停止（${p.signal}）：发送中的提醒已完成，退回 ${p.released} 条未开始的提醒`,
    reconcile: (p) =>
      `${p.campaign}：商品审核：${p.changed} 个状态有变化，${p.added} 个已放进直播间，${p.waiting} 个仍在审核中`,
    reconcileFailed: (p) => `${p.campaign}：核对商品审核失败：${p.message}`,
  },
  outbox: {
    counts: (p) =>
      `发送队列：待发送 ${p.pending} · 发送中 ${p.claimed} · 已发送 ${p.sent} · 已跳过 ${p.skipped} · 失败 ${p.failed} · 已取消 ${p.cancelled}`,
    next: (p) => `下一条：${p.at} ${p.what}`,
    lastSent: (p) => `最近发送：${p.at} ${p.what}${p.due ? `（原定 ${p.due}）` : ''}`,
    retrying: (p) =>
      `重试中 ${p.what}（第 ${p.attempt} 次尝试${p.next ? `，下次 ${p.next}` : ''}）：${p.reason}`,
    skipped: (p) => `已跳过 ${p.what}（原定 ${p.due}）：${p.reason}`,
    failed: (p) => `失败 ${p.what}（原定 ${p.due}）：${p.reason}`,
  },
};
