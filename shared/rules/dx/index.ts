import type { AnyRule } from '../rule.js';

export const DX_RULES: readonly AnyRule[] = [];
