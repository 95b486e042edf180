import type { AnyRule } from '../rule.js';

export const VPN_RULES: readonly AnyRule[] = [];
