/** API Gateway resources in the normalized model, for the rule, remediator and live tests. */
import type {
  ApiGatewayDomainName,
  ApiGatewayRestApi,
  ApiGatewayV2DomainName,
} from '../../../../shared/families/apigateway/model.js';

export const REGION = 'eu-west-1';
const DOMAIN_ARN = `arn:aws:apigateway:${REGION}::/domainnames/legacy.shop.example.net`;

export function domain(overrides: Partial<ApiGatewayDomainName> = {}): ApiGatewayDomainName {
  return {
    resourceType: 'AWS::ApiGateway::DomainName',
    resourceId: DOMAIN_ARN,
    arn: DOMAIN_ARN,
    region: REGION,
    accountId: '111122223333',
    name: 'legacy.shop.example.net',
    tags: {},
    source: 'test',
    domainName: 'legacy.shop.example.net',
    endpointTypes: ['REGIONAL'],
    securityPolicy: 'TLS_1_0',
    mutualTls: false,
    status: 'AVAILABLE',
    httpApiMappings: [],
    ...overrides,
  };
}

export function domainV2(overrides: Partial<ApiGatewayV2DomainName> = {}): ApiGatewayV2DomainName {
  return {
    resourceType: 'AWS::ApiGatewayV2::DomainName',
    resourceId: 'http.shop.example.net',
    region: REGION,
    name: 'http.shop.example.net',
    tags: {},
    source: 'test',
    domainName: 'http.shop.example.net',
    configurations: [
      {
        endpointType: 'REGIONAL',
        certificateArn: `arn:aws:acm:${REGION}:111122223333:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0`,
        securityPolicy: 'TLS_1_0',
        status: 'AVAILABLE',
      },
    ],
    mutualTls: false,
    ...overrides,
  };
}

export function restApi(overrides: Partial<ApiGatewayRestApi> = {}): ApiGatewayRestApi {
  const arn = `arn:aws:apigateway:${REGION}::/restapis/a1b2c3d4e5`;
  return {
    resourceType: 'AWS::ApiGateway::RestApi',
    resourceId: arn,
    arn,
    region: REGION,
    name: 'orders',
    tags: {},
    source: 'test',
    restApiId: 'a1b2c3d4e5',
    endpointTypes: ['REGIONAL'],
    securityPolicy: 'TLS_1_0',
    disableExecuteApiEndpoint: false,
    ...overrides,
  };
}
