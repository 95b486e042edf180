/**
 * API Gateway: REST (v1) and HTTP/WebSocket (v2) custom domain names, REST APIs and their stages (RULES.md,
 * "API Gateway"). AWS Config records REST APIs, stages and (per the apigateway-domain-name-tls-check managed
 * rule) REST custom domain names; it records no v2 domain name.
 */

import { partitionOf } from '../../aws/arn.js';
import type { Resource } from '../../model/resource.js';
import type { Family } from '../family.js';
import { APIGATEWAY_COMMANDS } from './commands.js';
import { apiGatewayDeployment } from './deployment.js';
import { apiGatewayEvents } from './events.js';
import { apiGatewayInputs } from './inputs.js';
import {
  type ApiGatewayResource,
  DOMAIN,
  DOMAIN_V2,
  domainNameArn,
  REST_API,
  restApiArn,
  STAGE,
  stageArn,
} from './model.js';
import { APIGATEWAY_READ_PLAN } from './read-plan.js';
import { setApiSecurityPolicy } from './remediators/set-api-security-policy.js';
import { setDomainSecurityPolicy } from './remediators/set-domain-security-policy.js';
import { apiGatewayReport } from './report.js';
import { APIGATEWAY_RULES } from './rules/index.js';

/** The ARN a read resource lacks (describe outputs name no region), once its region is known. */
function finish(resource: Resource): Resource {
  const r = resource as ApiGatewayResource;
  if (r.arn || !r.region) return resource;
  const partition = partitionOf(r.region);
  let arn: string | undefined;
  if (r.resourceType === DOMAIN)
    arn =
      r.domainNameId && r.accountId
        ? domainNameArn(partition, r.region, r.domainName, {
            accountId: r.accountId,
            domainNameId: r.domainNameId,
          })
        : r.domainNameId
          ? undefined
          : domainNameArn(partition, r.region, r.domainName);
  if (r.resourceType === REST_API) arn = restApiArn(partition, r.region, r.restApiId);
  if (r.resourceType === STAGE && r.restApiId) arn = stageArn(partition, r.region, r.restApiId, r.stageName);
  return arn ? ({ ...r, arn, resourceId: arn } as Resource) : resource;
}

/** A resource read without its ARN is the ref's when its own id (domain name, API id, stage) matches. */
function matches(resource: Resource, ref: { resourceId: string; name?: string; region: string }): boolean {
  const r = resource as ApiGatewayResource;
  if (r.region && r.region !== ref.region) return false;
  if (r.resourceType === DOMAIN || r.resourceType === DOMAIN_V2) return ref.name === r.domainName;
  if (r.resourceType === REST_API) return ref.resourceId.endsWith(`/restapis/${r.restApiId}`);
  // A ref ending in /stages names every stage of its API (apiStagesArn).
  if (r.resourceType === STAGE)
    return (
      r.restApiId !== undefined &&
      (ref.resourceId.endsWith(`/restapis/${r.restApiId}/stages/${r.stageName}`) ||
        ref.resourceId.endsWith(`/restapis/${r.restApiId}/stages`))
    );
  return false;
}

export const apiGatewayFamily: Family = {
  id: 'apigateway',
  label: 'API Gateway',
  ruleFamily: 'apigateway',
  resourceTypes: [DOMAIN, DOMAIN_V2, REST_API, STAGE],
  rules: APIGATEWAY_RULES,
  remediators: [setDomainSecurityPolicy, setApiSecurityPolicy],
  report: apiGatewayReport,
  inputs: apiGatewayInputs,
  events: apiGatewayEvents,
  deployment: apiGatewayDeployment,
  live: {
    service: 'apigateway',
    // API Gateway quotas: every control-plane call of an account shares 10 requests/s with a burst of 40 (not
    // adjustable); UpdateDomainName is 1 per 30 s. https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
    rates: { shared: { capacity: 40, refillPerSecond: 10 } },
    plan: APIGATEWAY_READ_PLAN,
    finish,
    matches,
    notFoundCodes: ['NotFoundException'],
    client: () => import('./client.js').then((module) => module.createClient),
    readers: () => import('./live.js').then((module) => module.apiGatewayReaders),
  },
  commands: APIGATEWAY_COMMANDS,
};
