import type { CrossFileRule, Rule } from '../context.js';

/** Platform rules: what WeChat would reject. Errors. */
export const platformRules: readonly Rule[] = [];

/** Limits per mini program across all files validated together. Errors. */
export const crossFileRules: readonly CrossFileRule[] = [];
