import type { Rule } from '../context.js';

/** Playbook rules: advice from the live-commerce playbook. Warnings. */
export const playbookRules: readonly Rule[] = [];
