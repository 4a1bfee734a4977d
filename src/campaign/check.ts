import { error, type Finding } from '../diagnostics/diagnostic.js';
import type { CampaignTimes, CrossFileRule, Rule, RuleContext } from './rules/context.js';
import { crossFileRules, platformRules } from './rules/platform/index.js';
import { playbookRules } from './rules/playbook/index.js';
import { setupRules } from './rules/setup/index.js';
import type { Campaign } from './schema.js';

/** Stage 3 and 4: platform rules (errors), then playbook and set-up rules (warnings). Pure; never throws. */
export function checkCampaign(
  ctx: RuleContext,
  rules: readonly Rule[] = [...platformRules, ...playbookRules, ...setupRules],
): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    if (!appliesTo(rule, ctx.campaign)) continue;
    out.push(...runGuarded(rule.id, () => rule.check(ctx)));
  }
  return out;
}

/** Limits across files of one mini program. Returns findings per input index. */
export function checkAcrossFiles(
  entries: readonly { campaign: Campaign; times: CampaignTimes }[],
  rules: readonly CrossFileRule[] = crossFileRules,
): Map<number, Finding[]> {
  const out = new Map<number, Finding[]>();
  for (const rule of rules) {
    let found: Map<number, Finding[]>;
    // Campaigns of other platforms count for nothing: their indexes map back to the input's.
    const kept = entries.flatMap((e, i) => (appliesTo(rule, e.campaign) ? [i] : []));
    try {
      const byKept = rule.check(kept.map((i) => entries[i]!));
      found = new Map([...byKept].map(([j, list]) => [kept[j] ?? j, list]));
    } catch (e) {
      found = new Map([[0, [crash(rule.id, e)]]]);
    }
    for (const [i, list] of found) out.set(i, [...(out.get(i) ?? []), ...list]);
  }
  return out;
}

/** Whether a rule applies to a campaign's platform. */
export function appliesTo(rule: Pick<Rule, 'platforms'>, c: Pick<Campaign, 'platform'>): boolean {
  return rule.platforms === undefined || rule.platforms.includes(c.platform);
}

function runGuarded(id: string, f: () => Finding[]): Finding[] {
  try {
    return f();
  } catch (e) {
    return [crash(id, e)];
  }
}

/** A rule that throws is a bug in livectl; it is reported, and the other rules still run. */
function crash(id: string, e: unknown): Finding {
  return error(
    'E_INTERNAL_RULE',
    [],
    `rule "${id}" failed: ${e instanceof Error ? e.message : String(e)}`,
    'This is a bug in livectl; please report it with the campaign file.',
  );
}
