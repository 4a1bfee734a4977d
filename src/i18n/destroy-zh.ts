import type { Catalog } from './catalog.js';

/** `livectl destroy` 的中文文案（键与 destroy-en.ts 一一对应）。 */
export const destroyZh: Catalog['destroy'] = {
  header: (p) => `删除 ${p.name}`,
  kept: (p) => `保留：${p.reason}`,
  forgotten: (p) => `    另有 ${p.n} 条本地记录（小程序码、素材 id）将不再记录`,
  confirm: (p) => `要从微信上删除 ${p.name} 的这些内容吗？`,
  cancelled: '已取消删除：没有删除任何内容。',
  nothing: (p) => `没有可删除的内容：状态库里没有 ${p.name}。`,
  reminders: (p) => `已取消 ${p.n} 条待发提醒。`,
  keptItem: (p) => `${p.address}（${p.reason}）`,
  keptList: (p) => `保留：${p.list}。`,
  leftList: (p) => `留在微信上（不归这场活动删除）：${p.list}。`,
  keptSep: '；',
  leftSep: '，',
  incomplete: (p) =>
    `删除未完成：删除 ${p.deleted} 项，失败 ${p.failed} 项。${p.tail}再次运行 destroy 即可重试。`,
  destroyed: (p) =>
    `删除完成：在微信上删除了 ${p.deleted} 项。${p.reminders}${p.left}状态库已不再记录 ${p.name}。`,
  partial: (p) => `已删除能删除的部分：删除 ${p.deleted} 项。${p.tail}其余的仍记录在状态库里。`,
};
