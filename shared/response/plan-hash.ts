import { createHash } from 'node:crypto';
import type { ResponsePlan } from '../model/evaluation.js';

/**
 * JSON with the keys of every object sorted and undefined members left out: one text per value.
 * @internal Unit-tested directly: the canonical JSON the plan hash is taken of.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What identifies a decision to act: the sha256 (hex) of the canonical JSON of the planned action, its target
 * and its calls. The inspector puts it on the action message; the remediate function plans again and acts only
 * when its own plan has the same hash.
 */
export function planHash(plan: Pick<ResponsePlan, 'action' | 'target' | 'calls'>): string {
  const planned = { action: plan.action ?? null, target: plan.target ?? null, calls: plan.calls ?? [] };
  return createHash('sha256').update(canonicalJson(planned)).digest('hex');
}
