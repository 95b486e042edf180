/**
 * API Gateway in the deployment. Its IAM actions are HTTP verbs on resource paths (apigateway:GET on
 * /domainnames/*, apigateway:PATCH on /restapis/*), and its ARNs have no account except private custom domain
 * names (/domainnames/<name>+<id>). Service Authorization Reference, "Amazon API Gateway Management":
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonapigatewaymanagement.html
 */
import type { FamilyDeployment, ScpContext, ScpStatement } from '../../infra/family-deployment.js';
import { modeFor } from '../../policy/mode.js';
import { policiesFor } from './policies.js';
import { apigatewayApiTlsPolicy } from './rules/apigateway-api-tls-policy.js';
import { apigatewayDomainTlsPolicy } from './rules/apigateway-domain-tls-policy.js';
import { judgePolicy } from './rules/tls.js';

const ENDPOINT_TYPES = ['REGIONAL', 'PRIVATE', 'EDGE'];

/** The policy names that fail the policy file on every endpoint type that takes them. */
function weakPolicyNames({ policy, catalog }: ScpContext): string[] {
  const context = { policy, now: new Date(0), tls: catalog };
  const verdicts = new Map<string, boolean[]>();
  for (const type of ENDPOINT_TYPES)
    for (const candidate of policiesFor(type)) {
      const name = candidate.resolved.name;
      verdicts.set(name, [...(verdicts.get(name) ?? []), judgePolicy(candidate, context).passes]);
    }
  return [...verdicts].filter(([, passes]) => passes.every((pass) => !pass)).map(([name]) => name);
}

/**
 * Deny creating or updating a domain name or REST API with a security policy the rules would flag:
 * apigateway:Request/SecurityPolicy is the policy named in the request (Service Authorization Reference). Only
 * when one of the two rules is in `block` mode: the default SCP already fills its one 5,120-character document,
 * and an organization that blocks asks for prevention too.
 */
function weakSecurityPolicies(context: ScpContext): ScpStatement[] {
  const blocking = [apigatewayDomainTlsPolicy, apigatewayApiTlsPolicy].some(
    (rule) => context.ruleIsOn(rule.metadata.id) && modeFor(rule.metadata, context.policy) === 'block',
  );
  const weak = blocking ? weakPolicyNames(context) : [];
  if (weak.length === 0) return [];
  return [
    {
      Sid: 'ApiGatewayWeakPolicies',
      Effect: 'Deny',
      Action: ['apigateway:POST', 'apigateway:PUT', 'apigateway:PATCH'],
      Resource: '*',
      Condition: { 'ForAnyValue:StringEquals': { 'apigateway:Request/SecurityPolicy': weak } },
    },
  ];
}

export const apiGatewayDeployment: FamilyDeployment = {
  services: ['apigateway'],
  reads: [
    // GET on the paths the reads call only, never "/*": that would also read API key values (/apikeys/<id>) and
    // client certificates. Paths: https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html
    {
      // GetRestApi(s), GetStage(s), GetResources: /restapis, /restapis/<id>/stages/<name>, /restapis/<id>/resources.
      sid: 'ReadApiGatewayRestApis',
      actions: ['apigateway:GET'],
      resource: { service: 'apigateway', resource: '/restapis*', accountless: true },
    },
    {
      // GetDomainName(s) (v1 and v2), v2 GetApiMappings: /domainnames, /domainnames/<name>/apimappings.
      sid: 'ReadApiGatewayDomainNames',
      actions: ['apigateway:GET'],
      resource: { service: 'apigateway', resource: '/domainnames*', accountless: true },
    },
    {
      // v2 GetApis: /apis.
      sid: 'ReadApiGatewayHttpApis',
      actions: ['apigateway:GET'],
      resource: { service: 'apigateway', resource: '/apis*', accountless: true },
    },
    {
      sid: 'ReadApiGatewayPrivateDomains',
      actions: ['apigateway:GET'],
      resource: { service: 'apigateway', resource: '/domainnames/*' },
    },
  ],
  writes: [
    {
      sid: 'RemediateApiGatewayDomains',
      actions: ['apigateway:PATCH'],
      resource: { service: 'apigateway', resource: '/domainnames/*', accountless: true },
    },
    {
      sid: 'RemediateApiGatewayPrivateDomains',
      actions: ['apigateway:PATCH'],
      resource: { service: 'apigateway', resource: '/domainnames/*' },
    },
    {
      sid: 'RemediateApiGatewayRestApis',
      actions: ['apigateway:PATCH'],
      resource: { service: 'apigateway', resource: '/restapis/*', accountless: true },
    },
  ],
  scp: { statements: weakSecurityPolicies },
};
