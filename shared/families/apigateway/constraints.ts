/** What about a domain name or REST API limits the security policies it may take (RULES.md, API Gateway). */
import { joinWords } from '../../model/words.js';
import type { ApiGatewayDomainName, ApiGatewayRestApi, ApiGatewayV2DomainName } from './model.js';
import { type ApiGatewayPolicy, apiGatewayPolicy } from './policies.js';
import type { TargetConstraints } from './rules/tls.js';

/** The one endpoint type of a resource, when it has exactly one. */
export const soleEndpointType = (types: readonly string[] | undefined) =>
  types?.length === 1 ? types[0] : undefined;

export function domainConstraints(domain: ApiGatewayDomainName): TargetConstraints {
  const current = domain.securityPolicy
    ? apiGatewayPolicy(domain.securityPolicy, soleEndpointType(domain.endpointTypes))
    : undefined;
  // Security policies page: "Mutual TLS cannot be enabled on a domain name with an enhanced policy"; an HTTP
  // API cannot be mapped to a domain name with an enhanced policy (see data/security-policies.json sources).
  let enhancedRefused: string | undefined;
  if (domain.mutualTls) enhancedRefused = 'mutual TLS is on, and enhanced policies do not allow it';
  else if (domain.httpApiMappings === undefined)
    enhancedRefused =
      'the input does not say whether an HTTP API is mapped to it, and enhanced policies allow no HTTP API mapping';
  else if (domain.httpApiMappings.length > 0)
    enhancedRefused = `HTTP API ${joinWords(domain.httpApiMappings)} is mapped to it, and enhanced policies allow no HTTP API mapping`;
  return { endpointTypes: domain.endpointTypes, current, ...(enhancedRefused ? { enhancedRefused } : {}) };
}

export function domainV2Constraints(domain: ApiGatewayV2DomainName): TargetConstraints {
  const types = domain.configurations.map((configuration) => configuration.endpointType);
  const known = types.every((type): type is string => type !== undefined);
  const [first] = domain.configurations;
  return {
    endpointTypes: known && types.length > 0 ? types : undefined,
    current: first?.securityPolicy ? apiGatewayPolicy(first.securityPolicy, first.endpointType) : undefined,
    // The apigatewayv2 SecurityPolicy enum has TLS_1_0 and TLS_1_2 only (botocore apigatewayv2/2018-11-29).
    enhancedRefused: 'the HTTP/WebSocket API (apigatewayv2) sets only TLS_1_0 and TLS_1_2',
  };
}

export function restApiConstraints(api: ApiGatewayRestApi): TargetConstraints {
  const current: ApiGatewayPolicy | undefined = api.securityPolicy
    ? apiGatewayPolicy(api.securityPolicy, soleEndpointType(api.endpointTypes))
    : undefined;
  // Security policies page: a REST API's policy cannot be updated from TLS_1_0 to TLS_1_2.
  const legacyRefused =
    api.securityPolicy === 'TLS_1_0' ? 'a REST API cannot move from TLS_1_0 to TLS_1_2' : undefined;
  return { endpointTypes: api.endpointTypes, current, ...(legacyRefused ? { legacyRefused } : {}) };
}
