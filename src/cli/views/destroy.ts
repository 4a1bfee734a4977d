import type { DestroyPlan, DestroyResult } from '../../apply/destroy.js';
import { type Catalog, currentLang, t } from '../../i18n/catalog.js';
import { destroyEn } from '../../i18n/destroy-en.js';
import { destroyReasonZh } from '../../i18n/destroy-zh-reasons.js';
import type { Output } from '../../platform/deps.js';
import { styleFor } from '../style.js';

/** What destroy is about to delete (and keep), before it asks: text, or one NDJSON event. */
export function renderDestroyPlan(
  plan: DestroyPlan,
  format: string,
  out: Output,
  redact: (s: string) => string,
): void {
  const style = styleFor(out);
  const name = plan.campaign;
  const remote = plan.targets.filter((t) => t.action !== 'forget');
  if (format === 'json')
    out.write(`${redact(JSON.stringify({ formatVersion: 1, type: 'destroy-plan', plan }))}\n`);
  else {
    const w = t().destroy;
    const lines = [style.bold(w.header({ name })), ''];
    for (const t of remote) {
      const g = t.action === 'delete' ? style.error('  -') : style.dim('  =');
      lines.push(
        `${g} ${t.address}${t.remoteId ? style.dim(` (${idLabel(t.address)} ${t.remoteId})`) : ''}  ${t.action === 'keep' ? w.kept({ reason: say(t.reason) }) : say(t.reason)}`,
      );
    }
    const forget = plan.targets.length - remote.length;
    if (forget) lines.push(style.dim(w.forgotten({ n: forget })));
    out.write(`${lines.join('\n')}\n`);
  }
}

/** destroy's last word: what was deleted, kept and left, as a sentence or a summary event. */
export function renderDestroyResult(result: DestroyResult, name: string, format: string, out: Output): void {
  if (format === 'json') {
    // The JSON's message stays English whatever the language.
    const message = resultMessage(result, name, destroyEn);
    out.write(
      `${JSON.stringify({ formatVersion: 1, type: 'summary', outcome: result.failures.length ? 'partial' : 'complete', deleted: result.deleted, kept: result.kept, left: result.left, forgotten: result.forgotten, cancelledReminders: result.cancelledReminders, message })}\n`,
    );
  } else out.write(`\n${resultMessage(result, name, t().destroy)}\n`);
}

/** The closing sentence in the words of `w`. */
function resultMessage(result: DestroyResult, name: string, w: Catalog['destroy']): string {
  const reminders = result.cancelledReminders ? w.reminders({ n: result.cancelledReminders }) : '';
  const reason = (r: string) => (w === destroyEn ? r : say(r));
  const kept = result.kept.length
    ? w.keptList({
        list: result.kept
          .map((k) => w.keptItem({ address: k.address, reason: reason(k.reason) }))
          .join(w.keptSep),
      })
    : '';
  const left = result.left.length
    ? w.leftList({ list: result.left.map((k) => `${k.address} ${k.remoteId}`).join(w.leftSep) })
    : '';
  const deleted = result.deleted.length;
  if (result.failures.length)
    return w.incomplete({ deleted, failed: result.failures.length, tail: `${reminders}${kept}${left}` });
  if (result.forgotten) return w.destroyed({ deleted, reminders, left, name });
  return w.partial({ deleted, tail: `${reminders}${kept}${left}` });
}

/** A destroy reason in the chosen language (the NDJSON keeps the English). */
function say(reason: string): string {
  return currentLang() === 'zh-CN' ? destroyReasonZh(reason) : reason;
}

/** What a target's remote id is called, by its address. */
function idLabel(address: string): string {
  if (address === 'room') return 'roomId';
  if (address === 'reservation') return 'notice';
  if (address.startsWith('coupon/')) return 'stock';
  if (address.startsWith('store-coupon/')) return 'coupon';
  if (address.startsWith('store-product/') || address.startsWith('showcase/')) return 'product';
  return 'goodsId';
}
