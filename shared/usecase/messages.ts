import type { Evaluation } from '../model/evaluation.js';
import type { Actor } from '../model/ref.js';
import type { Resource } from '../model/resource.js';
import type { FindingMessage } from '../report/findings-bus.js';
import type { FindingRecord, FindingTransition } from '../state/finding-store.js';

const RESOLUTION_REASONS: Record<NonNullable<FindingRecord['resolution']>, string> = {
  fixed: 'The configuration now passes the rule.',
  remediated: 'transit-guard remediated the configuration and verified the fix.',
  deleted: 'The resource no longer exists.',
};

/** How a finding was resolved, read back from its resolution message's reason (the organization view). */
export function resolutionOfReason(reason: string): FindingRecord['resolution'] | undefined {
  const entry = Object.entries(RESOLUTION_REASONS).find(([, text]) => text === reason);
  return entry?.[0] as FindingRecord['resolution'] | undefined;
}

/** The evaluation a resolution message carries, rebuilt from the finding it closes. */
export function resolvedEvaluation(finding: FindingRecord): Evaluation {
  return {
    ruleId: finding.ruleId,
    status: finding.resolution === 'deleted' ? 'NOT_APPLICABLE' : 'COMPLIANT',
    severity: finding.severity,
    resourceType: finding.resourceType,
    resourceId: finding.resourceId,
    ...(finding.resourceName ? { resourceName: finding.resourceName } : {}),
    ...(finding.accountId ? { accountId: finding.accountId } : {}),
    ...(finding.region ? { region: finding.region } : {}),
    reason: finding.resolution ? RESOLUTION_REASONS[finding.resolution] : finding.reason,
  };
}

/** Every NON_COMPLIANT evaluation as a finding, and every resolved finding as a resolution. */
export function findingMessages(
  evaluations: readonly Evaluation[],
  transitions: readonly FindingTransition[],
  context: { observedAt: string; triggerId?: string; actor?: Actor },
): FindingMessage[] {
  const common = {
    observedAt: context.observedAt,
    ...(context.triggerId ? { triggerId: context.triggerId } : {}),
    ...(context.actor ? { actor: context.actor } : {}),
  };
  return [
    ...evaluations
      .filter((evaluation) => evaluation.status === 'NON_COMPLIANT')
      .map((evaluation): FindingMessage => ({ kind: 'finding', evaluation, ...common })),
    ...transitions
      .filter((transition) => transition.kind === 'resolved' && transition.finding)
      .map(
        (transition): FindingMessage => ({
          kind: 'resolution',
          evaluation: resolvedEvaluation(transition.finding as FindingRecord),
          ...common,
        }),
      ),
  ];
}

/**
 * The audit record of every response transit-guard decided on for a NON_COMPLIANT evaluation that names an
 * action (planned, dry run, skipped, exempt), with the resource as it was read: what it would do, and why it
 * did or did not. Plain notify evaluations have no action and no plan record.
 */
export function planMessages(
  evaluations: readonly Evaluation[],
  resources: readonly Resource[],
  context: { observedAt: string; triggerId?: string; actor?: Actor },
): FindingMessage[] {
  const byId = new Map(resources.map((resource) => [resource.resourceId, resource]));
  return evaluations
    .filter((evaluation) => evaluation.status === 'NON_COMPLIANT' && evaluation.response?.action)
    .map((evaluation): FindingMessage => {
      const before = byId.get(evaluation.resourceId);
      return {
        kind: 'plan',
        evaluation,
        ...(before ? { before } : {}),
        observedAt: context.observedAt,
        ...(context.triggerId ? { triggerId: context.triggerId } : {}),
        ...(context.actor ? { actor: context.actor } : {}),
      };
    });
}
