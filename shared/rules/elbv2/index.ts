import type { AnyRule } from '../rule.js';

export const ELBV2_RULES: readonly AnyRule[] = [];
