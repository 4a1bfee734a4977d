import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { locate } from '../diagnostics/locate.js';
import { byCodeUnit } from '../platform/compare.js';
import { checkCampaign } from './check.js';
import type { ParsedCampaign } from './load.js';
import { resolveTimes } from './resolve.js';
import type { AssetInfo, CampaignTimes, RuleContext, RuleOptions } from './rules/context.js';
import type { Campaign } from './schema.js';

export const DEFAULT_QUIET_HOURS = { start: '22:00', end: '08:00' } as const;

export interface CheckInputs {
  now: Date;
  assets: ReadonlyMap<string, AssetInfo>;
  texts: ReadonlyMap<string, string>;
  options?: Partial<RuleOptions>;
}

export function ruleContext(
  campaign: Campaign,
  inputs: CheckInputs,
  times: CampaignTimes = resolveTimes(campaign),
): RuleContext {
  return {
    campaign,
    now: inputs.now,
    times,
    assets: inputs.assets,
    texts: inputs.texts,
    options: {
      // The campaign's own quiet hours win over an operator-wide default.
      quietHours: campaign.metadata.quietHours ?? inputs.options?.quietHours ?? { ...DEFAULT_QUIET_HOURS },
    },
  };
}

/**
 * All four stages for one parsed file: the syntax and shape diagnostics it already has, then the
 * platform and playbook rules, located in the source. Pure; sorted by position.
 */
export function validateParsed(parsed: ParsedCampaign, inputs: CheckInputs): Diagnostic[] {
  if (!parsed.campaign) return sortDiagnostics([...parsed.diagnostics]);
  const findings = checkCampaign(ruleContext(parsed.campaign, inputs));
  return sortDiagnostics([...parsed.diagnostics, ...locate(findings, parsed.doc, parsed.lineCounter)]);
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort((a, b) => a.line - b.line || a.column - b.column || byCodeUnit(a.code, b.code));
}
