import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import * as z from 'zod';
import { arnPartition } from '../report/ocsf.js';
import { findingIdOf } from '../state/finding-store.js';
import type { CentralPorts } from './central-findings.js';
import type { CentralTable } from './central-table.js';

/**
 * The Security Hub custom action "transit-guard: remediate", as Security Hub sends it to EventBridge
 * (https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-event-formats.html): source
 * aws.securityhub, detail-type "Security Hub Findings - Custom Action", resources [the action target ARN],
 * detail { actionName, actionDescription, findings: [ASFF findings] }.
 */
const CUSTOM_ACTION_DETAIL_TYPE = 'Security Hub Findings - Custom Action';

/** What the member rule that wires the request matches on (org-stack). */
export const REQUEST_SOURCE = 'transit-guard.central';
export const REQUEST_DETAIL_TYPE = 'transit-guard remediation request';

const customActionSchema = z.looseObject({
  id: z.string().min(1),
  'detail-type': z.literal(CUSTOM_ACTION_DETAIL_TYPE),
  source: z.literal('aws.securityhub'),
  detail: z.looseObject({
    actionName: z.string().optional(),
    findings: z.array(z.looseObject({})),
  }),
});

/** @internal An error production throws; tests check for it with instanceof / toThrow. */
export class CustomActionValidationError extends Error {
  override name = 'CustomActionValidationError';
}

export interface CustomActionEvent {
  eventId: string;
  actionName?: string;
  findings: Record<string, unknown>[];
}

export function parseCustomAction(event: unknown): CustomActionEvent {
  const parsed = customActionSchema.safeParse(event);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new CustomActionValidationError(`custom action event: ${problems.join('; ')}`);
  }
  return {
    eventId: parsed.data.id,
    ...(parsed.data.detail.actionName ? { actionName: parsed.data.detail.actionName } : {}),
    findings: parsed.data.detail.findings,
  };
}

/**
 * A remediation request, as the owning account's bus receives it. `resourceType` and `resourceName` come on top
 * of the agreed five: an id such as dxcon-... does not say its type, and a classic load balancer is read by
 * name. The member re-reads, re-judges and re-plans; nothing in the request is acted on as such.
 */
interface RemediationRequest {
  findingId: string;
  account: string;
  region: string;
  ruleId: string;
  resourceArn: string;
  resourceType?: string;
  resourceName?: string;
}

const string = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** The request of a transit-guard finding as the central export filed it; why not, for any other finding. */
function requestOf(finding: Record<string, unknown>): { request: RemediationRequest } | { ignored: string } {
  const fields = (finding.ProductFields ?? {}) as Record<string, unknown>;
  const generator = string(finding.GeneratorId);
  const findingId = string(fields['transit-guard/findingId']);
  const ruleId = string(fields['transit-guard/ruleId']);
  if (!generator?.startsWith('transit-guard/') || !findingId || !ruleId)
    return { ignored: 'not a transit-guard finding (GeneratorId / ProductFields)' };
  const resource = (Array.isArray(finding.Resources) ? finding.Resources[0] : undefined) as
    | Record<string, unknown>
    | undefined;
  const resourceArn = string(resource?.Id);
  const account = string(fields['transit-guard/account']) ?? string(finding.AwsAccountId);
  const region = string(fields['transit-guard/region']) ?? string(resource?.Region);
  if (!resourceArn || !account || !region)
    return { ignored: 'the finding names no resource, account or region' };
  // The finding id is the rule's on the resource: a finding edited to point elsewhere is not followed.
  if (findingIdOf(ruleId, resourceArn) !== findingId)
    return { ignored: `transit-guard/findingId ${findingId} is not ${ruleId} on ${resourceArn}` };
  const resourceType = string(fields['transit-guard/resourceType']);
  return {
    request: { findingId, account, region, ruleId, resourceArn, ...(resourceType ? { resourceType } : {}) },
  };
}

export interface CentralActionPorts {
  table: Pick<CentralTable, 'get'>;
  memberBusName: string;
  /** The EventBridge client of a region (the member's bus lives in its home region). */
  eventBridge(region: string): EventBridgeClient;
  log: CentralPorts['log'];
}

/** @internal An error production throws; tests check for it with instanceof / toThrow. */
export class RemediationRequestError extends Error {
  override name = 'RemediationRequestError';
}

/**
 * The central-action use case: each transit-guard finding of the custom action becomes a remediation request
 * on its OWNING account's bus (in the region the member's events came from, as the central table recorded);
 * any other finding is ignored with a log line. Remediation itself stays in the owning account.
 */
export async function centralAction(
  ports: CentralActionPorts,
  event: CustomActionEvent,
): Promise<{ requested: number; ignored: number }> {
  const byRegion = new Map<string, PutEventsRequestEntry[]>();
  let ignored = 0;
  for (const finding of event.findings) {
    const outcome = requestOf(finding);
    if ('ignored' in outcome) {
      ignored++;
      ports.log.info('Finding ignored by the remediate action', {
        findingId: string(finding.Id),
        productArn: string(finding.ProductArn),
        reason: outcome.ignored,
      });
      continue;
    }
    const { request } = outcome;
    const record = await ports.table.get({
      accountId: request.account,
      region: request.region,
      findingId: request.findingId,
    });
    const full: RemediationRequest = {
      ...request,
      ...(record?.resourceType && !request.resourceType ? { resourceType: record.resourceType } : {}),
      ...(record?.resourceName ? { resourceName: record.resourceName } : {}),
    };
    const busRegion = record?.busRegion ?? request.region;
    const partition = arnPartition(request.resourceArn) ?? 'aws';
    const entries = byRegion.get(busRegion) ?? [];
    entries.push({
      Source: REQUEST_SOURCE,
      DetailType: REQUEST_DETAIL_TYPE,
      EventBusName: `arn:${partition}:events:${busRegion}:${request.account}:event-bus/${ports.memberBusName}`,
      Detail: JSON.stringify(full),
      Resources: request.resourceArn.startsWith('arn:') ? [request.resourceArn] : [],
    });
    byRegion.set(busRegion, entries);
  }
  let requested = 0;
  const refused: string[] = [];
  for (const [region, entries] of byRegion) {
    // PutEvents takes at most 10 entries a call.
    for (let start = 0; start < entries.length; start += 10) {
      const batch = entries.slice(start, start + 10);
      const output = await ports.eventBridge(region).send(new PutEventsCommand({ Entries: batch }));
      batch.forEach((entry, index) => {
        const result = output.Entries?.[index];
        if (result?.EventId && !result.ErrorCode) requested++;
        else refused.push(`${entry.EventBusName}: ${result?.ErrorCode ?? 'NoResult'}`);
      });
    }
  }
  ports.log.info('Remediation requests sent to the owning accounts', { requested, ignored });
  // Nothing is lost silently: a refused request fails the invocation, which EventBridge retries.
  if (refused.length > 0) throw new RemediationRequestError(`requests refused: ${refused.join('; ')}`);
  return { requested, ignored };
}
