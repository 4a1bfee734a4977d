import type { Rule } from '../context.js';
import { placeholderAccounts } from './placeholder-accounts.js';

/** Set-up rules: the file is valid, but not yet ready for the merchant's own accounts. Warnings. */
export const setupRules: readonly Rule[] = [placeholderAccounts];
