import * as z from 'zod';
import { EventValidationError } from '../events/errors.js';
import { inspect, type RouteResult } from '../events/result.js';
import { RESOURCE_TYPES, type ResourceType } from '../model/resource.js';
import { findRule } from '../rules/index.js';
import { findingIdOf } from '../state/finding-store.js';
import { REQUEST_DETAIL_TYPE, REQUEST_SOURCE } from './central-action.js';

const text = z.string().min(1);

const requestEventSchema = z.looseObject({
  id: text,
  'detail-type': z.literal(REQUEST_DETAIL_TYPE),
  source: z.literal(REQUEST_SOURCE),
  time: z.string().optional(),
  detail: z.looseObject({
    findingId: text,
    account: z.string().regex(/^\d{12}$/, 'expected a 12-digit AWS account id'),
    region: text,
    ruleId: text,
    resourceArn: text,
    resourceType: z.enum(RESOURCE_TYPES).optional(),
    resourceName: text.optional(),
  }),
});

/**
 * The member side of "transit-guard: remediate": the central stack's request for one finding, routed like any
 * change event to the inspect use case. The resource is read again, judged and planned with THIS account's
 * policy (mode, exemptions, dry run); only a `planned` response is queued for the remediate function, which
 * re-plans once more before it acts. The request names a finding; it never carries what to do. An account
 * or region that is not the stack's is refused by inspect's scope check like any other event.
 */
export function routeRemediationRequest(event: unknown): RouteResult {
  const parsed = requestEventSchema.safeParse(event);
  const eventId =
    typeof (event as { id?: unknown } | null)?.id === 'string' ? (event as { id: string }).id : undefined;
  const invalid = (problem: string) =>
    new EventValidationError(`remediation request: ${problem}`, eventId ? { eventId } : {});
  if (!parsed.success) {
    throw invalid(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  const { id, time, detail } = parsed.data;
  const rule = findRule(detail.ruleId);
  if (!rule) throw invalid(`detail.ruleId: unknown rule ${detail.ruleId}`);
  if (findingIdOf(detail.ruleId, detail.resourceArn) !== detail.findingId)
    throw invalid(`detail.findingId: ${detail.findingId} is not ${detail.ruleId} on ${detail.resourceArn}`);
  const types = rule.metadata.resourceTypes as readonly ResourceType[];
  const resourceType = detail.resourceType ?? (types.length === 1 ? types[0] : undefined);
  if (!resourceType || !types.includes(resourceType)) {
    throw invalid(
      `detail.resourceType: rule ${detail.ruleId} judges ${types.join(', ')}; the request ${detail.resourceType ? `names ${detail.resourceType}` : 'names none'}`,
    );
  }
  return inspect({
    eventId: id,
    eventName: REQUEST_DETAIL_TYPE,
    ...(time ? { eventTime: time } : {}),
    rereadAlways: true,
    refs: [
      {
        resourceType,
        resourceId: detail.resourceArn,
        accountId: detail.account,
        region: detail.region,
        ...(detail.resourceName ? { name: detail.resourceName } : {}),
      },
    ],
  });
}
