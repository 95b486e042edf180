/** API Gateway custom domain names, REST APIs and stages in the normalized model (shared/model/resource.ts). */
import type { ResourceBase } from '../../model/resource.js';

export const DOMAIN = 'AWS::ApiGateway::DomainName';
export const DOMAIN_V2 = 'AWS::ApiGatewayV2::DomainName';
export const REST_API = 'AWS::ApiGateway::RestApi';
export const STAGE = 'AWS::ApiGateway::Stage';

/** A REST (v1) custom domain name: GetDomainName(s). */
export interface ApiGatewayDomainName extends ResourceBase {
  resourceType: typeof DOMAIN;
  domainName: string;
  /** Private custom domain names only: the id after "+" in their ARN. */
  domainNameId?: string;
  /** REGIONAL | EDGE | PRIVATE; undefined when the output has no endpointConfiguration (old edge domains). */
  endpointTypes?: string[];
  /** TLS_1_0 | TLS_1_2 | SecurityPolicy_*; undefined when the output does not say (never assumed). */
  securityPolicy?: string;
  /** BASIC | STRICT (enhanced policies only). */
  endpointAccessMode?: string;
  /** Mutual TLS is configured (mutualTlsAuthentication in the output). */
  mutualTls: boolean;
  /** AVAILABLE | UPDATING | PENDING | ... */
  status?: string;
  /** The HTTP APIs mapped to it (GetApiMappings + GetApis); undefined when unknown. */
  httpApiMappings?: string[];
}

/** An HTTP or WebSocket (v2) custom domain name: one configuration per endpoint. */
interface ApiGatewayV2DomainConfiguration {
  endpointType?: string;
  /** An update must name it again (UpdateDomainName replaces the configuration). */
  certificateArn?: string;
  securityPolicy?: string;
  status?: string;
}

export interface ApiGatewayV2DomainName extends ResourceBase {
  resourceType: typeof DOMAIN_V2;
  domainName: string;
  configurations: ApiGatewayV2DomainConfiguration[];
  mutualTls: boolean;
}

/** A REST API: its own security policy governs its default execute-api endpoint. */
export interface ApiGatewayRestApi extends ResourceBase {
  resourceType: typeof REST_API;
  restApiId: string;
  endpointTypes?: string[];
  securityPolicy?: string;
  endpointAccessMode?: string;
  /** True when the default https://{id}.execute-api... endpoint is off; undefined when unknown. */
  disableExecuteApiEndpoint?: boolean;
  apiStatus?: string;
}

/** A REST API stage: whether API Gateway authenticates itself to HTTP backends. */
export interface ApiGatewayStage extends ResourceBase {
  resourceType: typeof STAGE;
  restApiId?: string;
  stageName: string;
  /** The client certificate the stage presents to its backends; undefined: none (or not in the input). */
  clientCertificateId?: string;
  /**
   * The integration types of the stage's API that reach an HTTP backend (HTTP, HTTP_PROXY), from GetResources;
   * undefined when the input does not say (a describe output or Config item carries no integrations).
   */
  httpIntegrations?: string[];
}

export type ApiGatewayResource =
  | ApiGatewayDomainName
  | ApiGatewayV2DomainName
  | ApiGatewayRestApi
  | ApiGatewayStage;

/** The ARN of a custom domain name (public ones have an empty account field; private ones end in +id). */
export function domainNameArn(
  partition: string,
  region: string,
  domainName: string,
  privateScope?: { accountId: string; domainNameId: string },
): string {
  if (privateScope)
    return `arn:${partition}:apigateway:${region}:${privateScope.accountId}:/domainnames/${domainName}+${privateScope.domainNameId}`;
  return `arn:${partition}:apigateway:${region}::/domainnames/${domainName}`;
}

export const restApiArn = (partition: string, region: string, restApiId: string) =>
  `arn:${partition}:apigateway:${region}::/restapis/${restApiId}`;

export const stageArn = (partition: string, region: string, restApiId: string, stageName: string) =>
  `${restApiArn(partition, region, restApiId)}/stages/${stageName}`;

/**
 * The stages of a REST API, as one ref: an integration change (PutIntegration, ...) names the API and a method,
 * not a stage, yet decides whether every stage of the API reaches an HTTP backend.
 */
export const apiStagesArn = (partition: string, region: string, restApiId: string) =>
  `${restApiArn(partition, region, restApiId)}/stages`;
