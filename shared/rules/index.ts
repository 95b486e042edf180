import { FAMILIES } from '../families/index.js';
import type { AnyRule } from './rule.js';

/** The rule catalog: an explicit array, no registration by import side effect. */
export const RULES: readonly AnyRule[] = FAMILIES.flatMap((family) => family.rules);

const byId = new Map(RULES.map((rule) => [rule.metadata.id, rule]));

export function findRule(id: string): AnyRule | undefined {
  return byId.get(id);
}
