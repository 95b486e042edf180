import type { Evaluation as ConfigEvaluation } from '@aws-sdk/client-config-service';
import type { ComplianceStatus, Evaluation } from '../model/evaluation.js';
import type { ResourceType } from '../model/resource.js';

const ANNOTATION_MAX = 256;

/** A resource as AWS Config names it (by ARN, id or, for some types, name). */
export interface ConfigResourceKey {
  resourceType: ResourceType;
  /** The Config resourceId: what Config records, which for some types is the resource's name. */
  resourceId: string;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function worst(statuses: ComplianceStatus[]): ComplianceStatus {
  if (statuses.includes('NON_COMPLIANT')) return 'NON_COMPLIANT';
  if (statuses.includes('COMPLIANT')) return 'COMPLIANT';
  return 'NOT_APPLICABLE';
}

/**
 * Folds the evaluations of one resource (one per transit-guard rule) into the one Config evaluation the
 * custom rule reports for it: NON_COMPLIANT if any rule fails, its annotation naming the failing rules.
 */
export function toConfigEvaluation(
  resource: ConfigResourceKey,
  evaluations: readonly Evaluation[],
  orderingTimestamp: Date,
): ConfigEvaluation {
  const status = worst(evaluations.map((e) => e.status));
  const failing = evaluations.filter((e) => e.status === 'NON_COMPLIANT');
  const annotation =
    status === 'NON_COMPLIANT'
      ? failing.length === 1
        ? `${failing[0]?.ruleId}: ${failing[0]?.reason}`
        : `${failing.length} findings: ${failing.map((e) => e.ruleId).join(', ')}`
      : status === 'COMPLIANT'
        ? 'Encrypted in transit per the transit-guard policy.'
        : (evaluations[0]?.reason ?? 'Not in scope of transit-guard.');
  return {
    ComplianceResourceType: resource.resourceType,
    ComplianceResourceId: resource.resourceId,
    ComplianceType: status,
    Annotation: truncate(annotation, ANNOTATION_MAX),
    OrderingTimestamp: orderingTimestamp,
  };
}

/** NOT_APPLICABLE for a deleted or out-of-scope resource (Config needs an answer for it too). */
export function notApplicableEvaluation(
  resource: { resourceType: string; resourceId: string },
  reason: string,
  orderingTimestamp: Date,
): ConfigEvaluation {
  return {
    ComplianceResourceType: resource.resourceType,
    ComplianceResourceId: resource.resourceId,
    ComplianceType: 'NOT_APPLICABLE',
    Annotation: truncate(reason, ANNOTATION_MAX),
    OrderingTimestamp: orderingTimestamp,
  };
}
