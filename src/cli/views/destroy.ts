import type { DestroyPlan, DestroyResult } from '../../apply/destroy.js';
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
    const lines = [style.bold(`Destroy ${name}`), ''];
    for (const t of remote) {
      const g = t.action === 'delete' ? style.error('  -') : style.dim('  =');
      lines.push(
        `${g} ${t.address}${t.remoteId ? style.dim(` (${idLabel(t.address)} ${t.remoteId})`) : ''}  ${t.action === 'keep' ? `kept: ${t.reason}` : t.reason}`,
      );
    }
    const forget = plan.targets.length - remote.length;
    if (forget)
      lines.push(
        style.dim(`    and ${forget} local record${forget === 1 ? '' : 's'} (codes, media ids) forgotten`),
      );
    out.write(`${lines.join('\n')}\n`);
  }
}

/** destroy's last word: what was deleted, kept and left, as a sentence or a summary event. */
export function renderDestroyResult(result: DestroyResult, name: string, format: string, out: Output): void {
  const reminders = result.cancelledReminders
    ? ` ${result.cancelledReminders} pending reminder${result.cancelledReminders === 1 ? '' : 's'} cancelled.`
    : '';
  const kept = result.kept.length
    ? ` Kept: ${result.kept.map((k) => `${k.address} (${k.reason})`).join('; ')}.`
    : '';
  const left = result.left.length
    ? ` Left on WeChat (not this campaign's to delete): ${result.left.map((k) => `${k.address} ${k.remoteId}`).join(', ')}.`
    : '';
  const message = result.failures.length
    ? `Destroy incomplete: ${result.deleted.length} deleted, ${result.failures.length} failed.${reminders}${kept}${left} Run destroy again to retry.`
    : result.forgotten
      ? `Destroyed: ${result.deleted.length} deleted on WeChat;${reminders}${left} ${name} is forgotten by the state store.`
      : `Destroyed what could be: ${result.deleted.length} deleted.${reminders}${kept}${left} The state keeps what is left.`;
  out.write(
    format === 'json'
      ? `${JSON.stringify({ formatVersion: 1, type: 'summary', outcome: result.failures.length ? 'partial' : 'complete', deleted: result.deleted, kept: result.kept, left: result.left, forgotten: result.forgotten, cancelledReminders: result.cancelledReminders, message })}\n`
      : `\n${message}\n`,
  );
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
