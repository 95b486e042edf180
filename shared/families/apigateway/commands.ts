import { writeCommand } from '../../response/calls.js';

/**
 * The write calls API Gateway remediation makes. Both API versions name their call UpdateDomainName and take the
 * same IAM action (API Gateway authorizes by HTTP method on the resource path: PATCH on /domainnames/<name>).
 */
export const APIGATEWAY_COMMANDS = {
  UpdateDomainName: writeCommand({
    service: 'apigateway',
    iamAction: 'apigateway:PATCH',
    load: async () => (await import('./client.js')).UpdateDomainNameCommand,
  }),
  UpdateRestApi: writeCommand({
    service: 'apigateway',
    iamAction: 'apigateway:PATCH',
    load: async () => (await import('./client.js')).UpdateRestApiCommand,
  }),
  // The v2 UpdateDomainName is PATCH /v2/domainnames/<name>, the same IAM action on the same resource type.
  UpdateDomainNameV2: writeCommand({
    service: 'apigateway',
    iamAction: 'apigateway:PATCH',
    load: async () => (await import('./client.js')).UpdateDomainNameV2Command,
  }),
};
