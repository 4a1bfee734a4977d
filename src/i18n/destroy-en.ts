/** The English texts of `livectl destroy` (the source of destroy-zh.ts); its NDJSON keeps the English. */
const s = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const destroyEn = {
  header: (p: { name: string }) => `Destroy ${p.name}`,
  kept: (p: { reason: string }) => `kept: ${p.reason}`,
  forgotten: (p: { n: number }) => `    and ${s(p.n, 'local record')} (codes, media ids) forgotten`,
  confirm: (p: { name: string }) => `Delete these from WeChat for ${p.name}?`,
  cancelled: 'Destroy cancelled: nothing was deleted.',
  nothing: (p: { name: string }) => `Nothing to destroy: ${p.name} is not in the state store.`,
  reminders: (p: { n: number }) => ` ${s(p.n, 'pending reminder')} cancelled.`,
  keptItem: (p: { address: string; reason: string }) => `${p.address} (${p.reason})`,
  keptList: (p: { list: string }) => ` Kept: ${p.list}.`,
  leftList: (p: { list: string }) => ` Left on WeChat (not this campaign's to delete): ${p.list}.`,
  /** Joins the kept ones (`keptList`) and the left ones (`leftList`). */
  keptSep: '; ',
  leftSep: ', ',
  incomplete: (p: { deleted: number; failed: number; tail: string }) =>
    `Destroy incomplete: ${p.deleted} deleted, ${p.failed} failed.${p.tail} Run destroy again to retry.`,
  destroyed: (p: { deleted: number; reminders: string; left: string; name: string }) =>
    `Destroyed: ${p.deleted} deleted on WeChat;${p.reminders}${p.left} ${p.name} is forgotten by the state store.`,
  partial: (p: { deleted: number; tail: string }) =>
    `Destroyed what could be: ${p.deleted} deleted.${p.tail} The state keeps what is left.`,
};
