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
  for (const rule of rules) out.push(...runGuarded(rule.id, () => rule.check(ctx)));
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
    try {
      found = rule.check(entries);
    } catch (e) {
      found = new Map([[0, [crash(rule.id, e)]]]);
    }
    for (const [i, list] of found) out.set(i, [...(out.get(i) ?? []), ...list]);
  }
  return out;
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
    { rule: id },
  );
}
