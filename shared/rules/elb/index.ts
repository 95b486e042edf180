import type { AnyRule } from '../rule.js';

export const ELB_RULES: readonly AnyRule[] = [];
