import type { OutboxStore } from '../state/port.js';
import type { DispatchOptions, DispatchSummary, RowOutcome } from './dispatch-types.js';
import type { RobotPayload } from './types.js';

/**
 * Tells the team when reminders failed: a markdown message to the campaign's robot channel (the one
 * the hosts' cues go to), listing each failed row and why. Best effort and at-least-once, outside the
 * outbox (an alert must not need an alert); its own failure is only reported in the summary.
 */
export async function alertFailures(
  o: DispatchOptions,
  outbox: OutboxStore,
  summary: DispatchSummary,
): Promise<{ campaign: string; sent: boolean; error?: string }[]> {
  const byCampaign = new Map<string, RowOutcome[]>();
  for (const r of summary.rows) {
    if (r.outcome !== 'failed' || r.type === 'robot') continue;
    byCampaign.set(r.campaign, [...(byCampaign.get(r.campaign) ?? []), r]);
  }
  const out: { campaign: string; sent: boolean; error?: string }[] = [];
  for (const [campaign, failed] of byCampaign) {
    const robot = (await outbox.findPayload(campaign, 'robot')) as RobotPayload | undefined;
    const key = robot ? o.env?.[robot.keyEnv] : undefined;
    if (!robot || !key) continue;
    const lines = failed
      .slice(0, 10)
      .map(
        (r) => `> ${r.wave} ${r.channel}${r.slice ? ` ${r.slice}` : ''}: ${(r.reason ?? '').slice(0, 200)}`,
      );
    const more = failed.length > 10 ? `\n> … and ${failed.length - 10} more (livectl status)` : '';
    const text = `**<font color="warning">livectl: ${failed.length} reminder${failed.length === 1 ? '' : 's'} of ${campaign} failed</font>**\n${lines.join('\n')}${more}`;
    try {
      const clients = typeof o.clients === 'function' ? o.clients(robot.accounts) : o.clients;
      await clients.robot(key).sendMarkdown(text.slice(0, 4000));
      out.push({ campaign, sent: true });
    } catch (err) {
      out.push({ campaign, sent: false, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}
