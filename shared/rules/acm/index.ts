import type { AnyRule } from '../rule.js';

export const ACM_RULES: readonly AnyRule[] = [];
