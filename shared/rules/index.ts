import { ACM_RULES } from './acm/index.js';
import { DX_RULES } from './dx/index.js';
import { ELB_RULES } from './elb/index.js';
import { ELBV2_RULES } from './elbv2/index.js';
import type { AnyRule } from './rule.js';
import { VPN_RULES } from './vpn/index.js';

/** The rule catalog: an explicit array, no registration by import side effect. */
export const RULES: readonly AnyRule[] = [
  ...ELBV2_RULES,
  ...ELB_RULES,
  ...VPN_RULES,
  ...DX_RULES,
  ...ACM_RULES,
];

const byId = new Map(RULES.map((rule) => [rule.metadata.id, rule]));

export function findRule(id: string): AnyRule | undefined {
  return byId.get(id);
}
