import type { InputError } from '../inventory/types.js';
import type { Evaluation } from '../model/evaluation.js';
import { evaluateAll } from '../rules/engine.js';
import { type FindingTransition, recordEvaluations, resolveResource } from '../state/finding-store.js';
import { createTlsCatalog } from '../tls/policies.js';
import type { MonitorDeps } from './deps.js';
import { findingMessages } from './messages.js';

export interface SweepOutcome {
  sweepId: string;
  regions: string[];
  resources: number;
  evaluations: Evaluation[];
  transitions: FindingTransition[];
  /** What could not be read in each region, with the reason: listed, never silently dropped. */
  errors: InputError[];
}

export interface SweepOptions {
  sweepId: string;
  regions: readonly string[];
  /** Progress for people (the CLI prints it on stderr). */
  onProgress?: (message: string) => void;
}

/**
 * The scheduled sweep (and `scan`): every resource of every family in each region, evaluated, remembered
 * and published. Findings of resources that no longer exist are resolved, but only for regions read
 * without errors, so a failed call never resolves a finding by mistake.
 */
export async function sweep(deps: MonitorDeps, options: SweepOptions): Promise<SweepOutcome> {
  const outcome: SweepOutcome = {
    sweepId: options.sweepId,
    regions: [...options.regions],
    resources: 0,
    evaluations: [],
    transitions: [],
    errors: [],
  };
  const now = deps.now();
  for (const region of options.regions) {
    options.onProgress?.(`reading ${region}`);
    const read = await deps.source.enumerate(region);
    const resources = read.resources.filter(
      (r) => !deps.scope.accountId || !r.accountId || r.accountId === deps.scope.accountId,
    );
    const tls = createTlsCatalog({ elbv2Policies: read.elbv2Policies });
    const evaluations = evaluateAll(resources, deps.rules, { policy: deps.policy, now, tls });
    const transitions = await recordEvaluations(deps.findings, evaluations, now);
    if (read.errors.length === 0) {
      const seen = new Set(resources.map((resource) => resource.resourceId));
      const stale = (await deps.findings.listOpen()).filter(
        (f) => f.region === region && !seen.has(f.resourceId),
      );
      for (const resourceId of new Set(stale.map((f) => f.resourceId))) {
        transitions.push(...(await resolveResource(deps.findings, resourceId, now, 'deleted')));
      }
    }
    options.onProgress?.(
      `${region}: ${resources.length} resources, ${evaluations.filter((e) => e.status === 'NON_COMPLIANT').length} non-compliant, ${read.errors.length} unreadable`,
    );
    outcome.resources += resources.length;
    outcome.evaluations.push(...evaluations);
    outcome.transitions.push(...transitions);
    outcome.errors.push(...read.errors);
  }
  const messages = findingMessages(outcome.evaluations, outcome.transitions, {
    observedAt: now.toISOString(),
    triggerId: options.sweepId,
  });
  if (messages.length > 0) await deps.publish(messages);
  return outcome;
}
