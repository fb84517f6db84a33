import type { WriteRule } from './write-rule.js';

/** Business rules by resource type. A type without an entry is stored after contract validation alone. */
export const writeRules: Record<string, WriteRule> = {};
