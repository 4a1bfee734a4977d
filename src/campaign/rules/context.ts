import type { DiagnosticCode, DiagnosticPath, Finding } from '../../diagnostics/diagnostic.js';
import type { ImageFormat } from '../image-info.js';
import type { Campaign, Platform } from '../schema.js';

/**
 * What a rule sees. Rules are pure functions `(ctx) => Finding[]`: files were probed and the clock
 * read before they run, so they are table-testable and never touch the disk or the network.
 */
export interface RuleContext {
  campaign: Campaign;
  /** The clock reading for this run (`--now`, or the system clock). */
  now: Date;
  /** Instants resolved from the campaign's times; undefined where the text could not be resolved. */
  times: CampaignTimes;
  /** Every file the campaign refers to, keyed by the reference as written. */
  assets: ReadonlyMap<string, AssetInfo>;
  /** Text of message templates (shipped names and file references), keyed by the reference. */
  texts: ReadonlyMap<string, string>;
  options: RuleOptions;
}

export interface RuleOptions {
  /** Quiet hours for messages, `HH:MM` local; default 22:00–08:00 (campaign metadata may override). */
  quietHours: { start: string; end: string };
}

export interface CampaignTimes {
  start?: Date;
  end?: Date;
  /** Wave id → instant. */
  waves: ReadonlyMap<string, Date | undefined>;
  /** After-wave id → instant. */
  after: ReadonlyMap<string, Date | undefined>;
}

export type AssetStatus = 'ok' | 'missing' | 'outside' | 'not-file' | 'unreadable';

export interface AssetInfo {
  ref: string;
  /** Absolute path after resolving against the campaign's folder. */
  resolved: string;
  status: AssetStatus;
  size?: number;
  format?: ImageFormat;
  width?: number;
  height?: number;
}

/** How a referenced file is used, which decides how it is probed. */
export type AssetKind = 'image' | 'audience' | 'poster-template' | 'message';

export interface AssetRef {
  ref: string;
  kind: AssetKind;
  path: DiagnosticPath;
}

export interface Rule {
  /** Short kebab-case name, e.g. `room-name-width`. */
  id: string;
  /** Codes this rule may emit (documented, stable). */
  codes: readonly DiagnosticCode[];
  /** One line: what it checks and why. */
  description: string;
  /** The platforms the rule applies to; absent: every platform. */
  platforms?: readonly Platform[];
  check(ctx: RuleContext): Finding[];
}

/** A rule over all campaign files given together (limits per mini program). */
export interface CrossFileRule {
  id: string;
  codes: readonly DiagnosticCode[];
  description: string;
  /** The platforms whose campaigns the rule counts; absent: every platform. */
  platforms?: readonly Platform[];
  /** Returns findings per input index. */
  check(entries: readonly { campaign: Campaign; times: CampaignTimes }[]): Map<number, Finding[]>;
}
