/**
 * The API Gateway calls that change a custom domain name, a REST API or a stage. Both API versions log under
 * eventSource apigateway.amazonaws.com with the operation as eventName (service-facts.md, API Gateway), so one
 * CreateDomainName / UpdateDomainName route serves both: an HTTP/WebSocket (v2) request carries
 * domainNameConfigurations. No CloudTrail sample of these calls was found (corpus SOURCES.md): the fields are
 * the operations' request parameters, read where CloudTrail records them (requestParameters, else the
 * response). AWS Config records REST APIs and stages, not domain names.
 */
import { partitionOf } from '../../aws/arn.js';
import {
  type ApiCall,
  type CallRoute,
  type FamilyEvents,
  refOf,
  stringAt,
  valueAt,
} from '../../events/family-events.js';
import type { ResourceRef } from '../../model/ref.js';
import {
  apiStagesArn,
  DOMAIN,
  DOMAIN_V2,
  domainNameArn,
  REST_API,
  restApiArn,
  STAGE,
  stageArn,
} from './model.js';

const isV2 = (call: ApiCall) =>
  valueAt(call.detail, ['requestParameters', 'domainNameConfigurations']) !== undefined ||
  valueAt(call.detail, ['responseElements', 'domainNameConfigurations']) !== undefined;

function domainOf(call: ApiCall): ResourceRef[] {
  const domainName = stringAt(call, [
    ['requestParameters', 'domainName'],
    ['responseElements', 'domainName'],
  ]);
  if (isV2(call)) return [refOf(call, DOMAIN_V2, domainName, domainName)];
  const id = valueAt(call.detail, ['requestParameters', 'domainNameId']);
  const partition = partitionOf(call.region);
  const arn =
    typeof id === 'string' && id !== ''
      ? domainNameArn(partition, call.region, domainName, { accountId: call.accountId, domainNameId: id })
      : domainNameArn(partition, call.region, domainName);
  return [refOf(call, DOMAIN, arn, domainName)];
}

const apiIdOf = (call: ApiCall) =>
  stringAt(call, [
    ['requestParameters', 'restApiId'],
    ['responseElements', 'id'],
  ]);

const restApiOf = (call: ApiCall) => [
  refOf(call, REST_API, restApiArn(partitionOf(call.region), call.region, apiIdOf(call))),
];

function stageOf(call: ApiCall): ResourceRef[] {
  const stageName = stringAt(call, [
    ['requestParameters', 'stageName'],
    ['requestParameters', 'createStageInput', 'stageName'],
    ['responseElements', 'stageName'],
  ]);
  const arn = stageArn(partitionOf(call.region), call.region, apiIdOf(call), stageName);
  return [refOf(call, STAGE, arn, stageName)];
}

/** Every stage of the call's REST API (read back with GetStages): see apiStagesArn. */
const stagesOfApi = (call: ApiCall) => [
  refOf(call, STAGE, apiStagesArn(partitionOf(call.region), call.region, apiIdOf(call))),
];

const CALLS = new Map<string, CallRoute>([
  ['CreateDomainName', { refs: domainOf }],
  ['UpdateDomainName', { refs: domainOf }],
  ['DeleteDomainName', { refs: domainOf, deleted: true }],
  ['CreateRestApi', { refs: restApiOf }],
  ['ImportRestApi', { refs: restApiOf }],
  // PutRestApi replaces the API from an OpenAPI file, which may carry x-amazon-apigateway-security-policy.
  ['PutRestApi', { refs: restApiOf }],
  ['UpdateRestApi', { refs: restApiOf }],
  ['DeleteRestApi', { refs: restApiOf, deleted: true }],
  ['CreateStage', { refs: stageOf }],
  ['UpdateStage', { refs: stageOf }],
  ['DeleteStage', { refs: stageOf, deleted: true }],
  // An integration's type (HTTP, HTTP_PROXY, AWS_PROXY, ...) decides apigateway-backend-certificate for every
  // stage of its API; the stage itself is not deleted with it. Request: restApiId, resourceId, httpMethod
  // (https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html).
  ['PutIntegration', { refs: stagesOfApi }],
  ['UpdateIntegration', { refs: stagesOfApi }],
  ['DeleteIntegration', { refs: stagesOfApi }],
]);

export const apiGatewayEvents: FamilyEvents = {
  apiCalls: [{ source: 'aws.apigateway', label: 'API Gateway', routes: CALLS }],
  // REST APIs and stages: both in Config's advanced-query schema (awslabs/aws-config-resource-schema), so a
  // Config-mode sweep reads them there. Custom domain names are read live in that sweep (live.ts,
  // afterConfigItems): whether the advanced query serves them is not documented, and Config records no v2 domain.
  config: { resourceTypes: [REST_API, STAGE] },
};
