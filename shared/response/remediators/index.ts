import { FAMILIES } from '../../families/index.js';
import type { Remediator } from '../types.js';

/**
 * The remediator catalog: an explicit array, no registration by import side effect.
 * @internal Tests check every remediator of the catalog (ids, IAM actions, commands).
 */
export const REMEDIATORS: readonly Remediator[] = FAMILIES.flatMap((family) => family.remediators);

/**
 * Every IAM action remediation may call, sorted: the single list the deployment's role is checked against.
 * @internal The list the tests check the remediate role's IAM statements against.
 */
export const REMEDIATION_IAM_ACTIONS: readonly string[] = [
  ...new Set(REMEDIATORS.flatMap((remediator) => remediator.iamActions)),
].sort();

const byId = new Map(REMEDIATORS.map((remediator) => [remediator.id, remediator]));

export function findRemediator(id: string): Remediator | undefined {
  return byId.get(id);
}
