import type { Rule } from '../context.js';
import { livePageMissing } from '../platform/live-page.js';
import { placeholderAccounts } from './placeholder-accounts.js';

/**
 * Set-up rules: the file is valid, but livectl cannot do all it could for the merchant's own accounts
 * (placeholder ids, no live page for codes and cards). Warnings.
 */
export const setupRules: readonly Rule[] = [livePageMissing, placeholderAccounts];
