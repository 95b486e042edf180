/**
 * Readers of API Gateway outputs in AWS's shapes: `aws apigateway get-domain-name(s)` / `get-rest-api(s)` /
 * `get-stage(s)` (camelCase), `aws apigatewayv2 get-domain-name(s)` (PascalCase), and AWS Config items of REST
 * APIs and stages. Field names: the API Gateway REST API reference (DomainName, RestApi, Stage shapes) and
 * the apigatewayv2 reference (DomainName, DomainNameConfiguration), as in the SDK's types.
 */
import { arnScope, parseArn } from '../../aws/arn.js';
import type { Fields } from '../../inventory/fields.js';
import { displayName, readTags, requireString } from '../../inventory/record.js';
import {
  type ApiGatewayDomainName,
  type ApiGatewayRestApi,
  type ApiGatewayStage,
  type ApiGatewayV2DomainName,
  DOMAIN,
  DOMAIN_V2,
  REST_API,
  STAGE,
} from './model.js';

/** A string that may be present but empty in AWS output ("" = not set). */
const optional = (value: string | undefined) => (value === '' ? undefined : value);

export function mapDomainName(record: Fields, source: string): ApiGatewayDomainName {
  const domainName = requireString(record, 'domainName');
  const domainNameId = optional(record.string('domainNameId'));
  const arn = optional(record.string('domainNameArn'));
  const tags = readTags(record, 'tags');
  return {
    resourceType: DOMAIN,
    // Private domain names share their name with others: the id makes them one resource.
    resourceId: arn ?? (domainNameId ? `${domainName}+${domainNameId}` : domainName),
    ...(arn ? { arn, ...arnScope(arn) } : {}),
    name: displayName(tags, domainName),
    tags,
    source,
    domainName,
    ...(domainNameId ? { domainNameId } : {}),
    endpointTypes: record.object('endpointConfiguration')?.strings('types'),
    securityPolicy: optional(record.string('securityPolicy')),
    endpointAccessMode: optional(record.string('endpointAccessMode')),
    // The DomainName shape carries mutualTlsAuthentication only when mutual TLS is configured.
    mutualTls: record.object('mutualTlsAuthentication')?.string('truststoreUri') !== undefined,
    status: record.string('domainNameStatus'),
    // Not an AWS field: the live reader adds what GetApiMappings said (live.ts); describe outputs lack it.
    httpApiMappings: record.strings('httpApiMappings'),
  };
}

export function mapDomainNameV2(record: Fields, source: string): ApiGatewayV2DomainName {
  const domainName = requireString(record, 'DomainName');
  const tags = readTags(record, 'Tags');
  return {
    resourceType: DOMAIN_V2,
    resourceId: domainName,
    name: displayName(tags, domainName),
    tags,
    source,
    domainName,
    configurations: (record.objects('DomainNameConfigurations') ?? []).map((configuration) => ({
      endpointType: configuration.string('EndpointType'),
      certificateArn: optional(configuration.string('CertificateArn')),
      securityPolicy: optional(configuration.string('SecurityPolicy')),
      status: configuration.string('DomainNameStatus'),
    })),
    mutualTls: record.object('MutualTlsAuthentication')?.string('TruststoreUri') !== undefined,
  };
}

export function mapRestApi(record: Fields, source: string, arn?: string): ApiGatewayRestApi {
  const restApiId = requireString(record, 'id');
  const tags = readTags(record, 'tags');
  return {
    resourceType: REST_API,
    resourceId: arn ?? restApiId,
    ...(arn ? { arn, ...arnScope(arn) } : {}),
    name: displayName(tags, record.string('name')),
    tags,
    source,
    restApiId,
    endpointTypes: record.object('endpointConfiguration')?.strings('types'),
    securityPolicy: optional(record.string('securityPolicy')),
    endpointAccessMode: optional(record.string('endpointAccessMode')),
    disableExecuteApiEndpoint: record.boolean('disableExecuteApiEndpoint'),
    apiStatus: record.string('apiStatus'),
  };
}

/** The REST API id and stage name of a stage ARN (arn:...:apigateway:<region>::/restapis/<id>/stages/<name>). */
export function stageOfArn(arn: string | undefined): { restApiId: string; stageName: string } | undefined {
  const match = /^\/restapis\/([^/]+)\/stages\/([^/]+)$/.exec(parseArn(arn)?.resource ?? '');
  return match?.[1] && match[2] ? { restApiId: match[1], stageName: match[2] } : undefined;
}

/**
 * A stage. `aws apigateway get-stages` output does not name its REST API: without an ARN (Config item, live
 * read) the stage is known by its name and deployment, never merged with a stage of another API.
 */
export function mapStage(record: Fields, source: string, arn?: string, restApiId?: string): ApiGatewayStage {
  const stageName = requireString(record, 'stageName');
  const tags = readTags(record, 'tags');
  const deploymentId = record.string('deploymentId');
  // restApiId and httpIntegrations are not in AWS's Stage: the live reader adds them (live.ts).
  const apiId = restApiId ?? stageOfArn(arn)?.restApiId ?? record.string('restApiId');
  return {
    resourceType: STAGE,
    resourceId: arn ?? (deploymentId ? `${stageName} (deployment ${deploymentId})` : stageName),
    ...(arn ? { arn, ...arnScope(arn) } : {}),
    name: displayName(tags, stageName),
    tags,
    source,
    stageName,
    ...(apiId ? { restApiId: apiId } : {}),
    clientCertificateId: optional(record.string('clientCertificateId')),
    httpIntegrations: record.strings('httpIntegrations'),
  };
}
