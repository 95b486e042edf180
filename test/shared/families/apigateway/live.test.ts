/**
 * Live reads of API Gateway on mocked SDK clients: what a sweep calls (and does not), the stage whose API reaches
 * HTTP backends (the failing case of apigateway-backend-certificate, which no describe output or Config item can
 * show), the HTTP API mappings a remediation target depends on, and reads of the refs events name.
 */
import {
  APIGatewayClient,
  GetDomainNameCommand,
  GetDomainNamesCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStagesCommand,
  NotFoundException,
} from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  GetApiMappingsCommand,
  GetApisCommand,
  GetDomainNamesCommand as GetDomainNamesV2Command,
} from '@aws-sdk/client-apigatewayv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apigatewayBackendCertificate } from '../../../../shared/families/apigateway/rules/apigateway-backend-certificate.js';
import { FULL_READ_PLAN, readPlanFor } from '../../../../shared/inventory/live/plan.js';
import type { Resource } from '../../../../shared/model/resource.js';
import { policySchema } from '../../../../shared/policy/schema.js';
import { RULES } from '../../../../shared/rules/index.js';
import { ruleContext } from '../../../helpers/rule-context.js';
import { mockedSource, REGION, ref } from '../../inventory/live/sdk-outputs.js';

const v1 = mockClient(APIGatewayClient);
const v2 = mockClient(ApiGatewayV2Client);

const regionalDomain = (name: string, securityPolicy: string) => ({
  domainName: name,
  endpointConfiguration: { types: ['REGIONAL' as const] },
  domainNameStatus: 'AVAILABLE' as const,
  securityPolicy: securityPolicy as 'TLS_1_0',
});

const byId = (resources: readonly Resource[], id: string) => {
  const found = resources.find((resource) => resource.resourceId === id);
  if (!found) throw new Error(`${id} not read: ${resources.map((r) => r.resourceId).join(', ')}`);
  return found;
};

const DOMAINS = `arn:aws:apigateway:${REGION}::/domainnames`;
const PLAN_WITHOUT_MAPPINGS = {
  ...FULL_READ_PLAN,
  apigateway: { domains: true, mappings: false, restApis: true, stages: true, integrations: true },
};
/** The plan of a policy that lets apigateway-domain-tls-policy act (remediate or block): mappings are read. */
const PLAN_WITH_MAPPINGS = readPlanFor(
  policySchema.parse({ rules: { 'apigateway-domain-tls-policy': { mode: 'remediate' } } }),
  RULES,
);

describe('live API Gateway sweep', () => {
  afterEach(() => {
    v1.reset();
    v2.reset();
  });
  // Every sweep also lists v2's domain names; unless a test says otherwise, it lists none v1 does not.
  beforeEach(() => {
    v2.on(GetDomainNamesV2Command).resolves({ Items: [] });
  });

  it('judges a domain name only v2 lists from its v2 record, and a name both list once, from v1', async () => {
    // Prepare
    v1.on(GetDomainNamesCommand).resolves({ items: [regionalDomain('both.shop.example.net', 'TLS_1_0')] });
    v1.on(GetRestApisCommand).resolves({ items: [] });
    v2.on(GetDomainNamesV2Command).resolves({
      Items: [
        {
          DomainName: 'both.shop.example.net',
          DomainNameConfigurations: [{ EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_0' }],
        },
        {
          DomainName: 'http-only.shop.example.net',
          DomainNameConfigurations: [{ EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
        },
      ],
    });
    const source = mockedSource({ plan: PLAN_WITHOUT_MAPPINGS });

    // Act
    const result = await source.enumerate(REGION, ['apigateway']);

    // Assess
    expect(v2).toReceiveCommandExactlyOnceWith(GetDomainNamesV2Command, { MaxResults: '500' });
    expect(result.errors).toEqual([]);
    const domains = result.resources.filter((resource) => resource.resourceType.endsWith('DomainName'));
    expect(domains.map((domain) => [domain.resourceType, domain.name]).sort()).toEqual([
      ['AWS::ApiGateway::DomainName', 'both.shop.example.net'],
      ['AWS::ApiGatewayV2::DomainName', 'http-only.shop.example.net'],
    ]);
  });

  it('lists 100 domain names in one GetDomainNames call per API when the domain rule only notifies', async () => {
    // Prepare
    const items = Array.from({ length: 100 }, (_, i) => regionalDomain(`d${i}.shop.example.net`, 'TLS_1_2'));
    v1.on(GetDomainNamesCommand).resolves({ items });
    v1.on(GetRestApisCommand).resolves({ items: [] });
    const source = mockedSource({ plan: PLAN_WITHOUT_MAPPINGS });

    // Act
    const result = await source.enumerate(REGION, ['apigateway']);

    // Assess
    expect(v1).toReceiveCommandTimes(GetDomainNamesCommand, 1);
    expect(v1).toReceiveCommandWith(GetDomainNamesCommand, { limit: 500 });
    // No mapping read: v2's one call is its listing of domain names.
    expect(v2.calls()).toHaveLength(1);
    expect(v2).toReceiveCommandTimes(GetDomainNamesV2Command, 1);
    expect(result.resources).toHaveLength(100);
    expect(byId(result.resources, `${DOMAINS}/d7.shop.example.net`)).toMatchObject({
      securityPolicy: 'TLS_1_2',
      region: REGION,
    });
    expect(result.errors).toEqual([]);
  });

  it('answers "no HTTP API mapped" for every legacy domain with one GetApis call when the region has no HTTP API', async () => {
    // Prepare
    v1.on(GetDomainNamesCommand).resolves({
      items: [
        regionalDomain('a.shop.example.net', 'TLS_1_0'),
        regionalDomain('b.shop.example.net', 'TLS_1_2'),
      ],
    });
    v1.on(GetRestApisCommand).resolves({ items: [] });
    v2.on(GetApisCommand).resolves({
      Items: [
        {
          ApiId: 'ws0000001',
          Name: 'chat',
          ProtocolType: 'WEBSOCKET',
          RouteSelectionExpression: '$request.body.action',
        },
      ],
    });
    const source = mockedSource({ plan: PLAN_WITH_MAPPINGS });

    // Act
    const result = await source.enumerate(REGION, ['apigateway']);

    // Assess
    expect(v2).toReceiveCommandTimes(GetApisCommand, 1);
    expect(v2).toReceiveCommandTimes(GetApiMappingsCommand, 0);
    expect(byId(result.resources, `${DOMAINS}/a.shop.example.net`)).toMatchObject({ httpApiMappings: [] });
  });

  it('reads the mappings of legacy domains only, and keeps the HTTP APIs among them', async () => {
    // Prepare
    v1.on(GetDomainNamesCommand).resolves({
      items: [
        regionalDomain('legacy.shop.example.net', 'TLS_1_2'),
        regionalDomain('pq.shop.example.net', 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09'),
      ],
    });
    v1.on(GetRestApisCommand).resolves({ items: [] });
    v2.on(GetApisCommand).resolves({
      Items: [
        {
          ApiId: 'h7t7p9a1pi',
          Name: 'orders-http',
          ProtocolType: 'HTTP',
          RouteSelectionExpression: '$request.method $request.path',
        },
      ],
    });
    v2.on(GetApiMappingsCommand).resolves({
      Items: [
        { ApiId: 'h7t7p9a1pi', ApiMappingId: 'map001', Stage: '$default' },
        { ApiId: 'r3st4p1id0', ApiMappingId: 'map002', Stage: 'prod' },
      ],
    });
    const source = mockedSource({ plan: PLAN_WITH_MAPPINGS });

    // Act
    const result = await source.enumerate(REGION, ['apigateway']);

    // Assess
    expect(v2).toReceiveCommandExactlyOnceWith(GetApiMappingsCommand, {
      DomainName: 'legacy.shop.example.net',
    });
    expect(byId(result.resources, `${DOMAINS}/legacy.shop.example.net`)).toMatchObject({
      httpApiMappings: ['h7t7p9a1pi'],
    });
    expect(byId(result.resources, `${DOMAINS}/pq.shop.example.net`)).toMatchObject({ httpApiMappings: [] });
  });

  it('reads the stages of each REST API and, for a stage without a client certificate, its HTTP integrations', async () => {
    // Prepare
    v1.on(GetDomainNamesCommand).resolves({ items: [] });
    v1.on(GetRestApisCommand).resolves({
      items: [
        {
          id: 'a1b2c3d4e5',
          name: 'orders',
          endpointConfiguration: { types: ['REGIONAL'] },
          securityPolicy: 'TLS_1_0',
        },
      ],
    });
    v1.on(GetStagesCommand).resolves({
      item: [
        { stageName: 'prod', deploymentId: 'dep0001', clientCertificateId: 'clcert0001' },
        { stageName: 'test', deploymentId: 'dep0002' },
      ],
    });
    v1.on(GetResourcesCommand).resolves({
      items: [
        {
          id: 'res001',
          path: '/orders',
          resourceMethods: { GET: { methodIntegration: { type: 'HTTP_PROXY' } } },
        },
        { id: 'res002', path: '/health', resourceMethods: { GET: { methodIntegration: { type: 'MOCK' } } } },
      ],
    });
    const source = mockedSource({ plan: PLAN_WITHOUT_MAPPINGS });

    // Act
    const result = await source.enumerate(REGION, ['apigateway']);

    // Assess
    expect(v1).toReceiveCommandExactlyOnceWith(GetStagesCommand, { restApiId: 'a1b2c3d4e5' });
    expect(v1).toReceiveCommandExactlyOnceWith(GetResourcesCommand, {
      restApiId: 'a1b2c3d4e5',
      embed: ['methods'],
      limit: 500,
    });
    const test = byId(result.resources, `arn:aws:apigateway:${REGION}::/restapis/a1b2c3d4e5/stages/test`);
    expect(test).toMatchObject({ restApiId: 'a1b2c3d4e5', httpIntegrations: ['HTTP_PROXY'] });
    const outcome = apigatewayBackendCertificate.evaluate(test, ruleContext());
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('reaches HTTP backends (HTTP_PROXY) without a client certificate');
    expect(byId(result.resources, `arn:aws:apigateway:${REGION}::/restapis/a1b2c3d4e5`)).toMatchObject({
      securityPolicy: 'TLS_1_0',
    });
  });

  it('makes no GetResources call when every stage presents a client certificate', async () => {
    // Prepare
    v1.on(GetDomainNamesCommand).resolves({ items: [] });
    v1.on(GetRestApisCommand).resolves({ items: [{ id: 'a1b2c3d4e5', name: 'orders' }] });
    v1.on(GetStagesCommand).resolves({
      item: [{ stageName: 'prod', deploymentId: 'd1', clientCertificateId: 'c1' }],
    });
    const source = mockedSource({ plan: PLAN_WITHOUT_MAPPINGS });

    // Act
    await source.enumerate(REGION, ['apigateway']);

    // Assess
    expect(v1).toReceiveCommandTimes(GetResourcesCommand, 0);
  });
});

describe('live API Gateway read', () => {
  afterEach(() => {
    v1.reset();
    v2.reset();
  });

  it('reads a private domain by its name and id from the ARN an event names', async () => {
    // Prepare
    const arn = `arn:aws:apigateway:${REGION}:111122223333:/domainnames/internal.shop.example.net+abcd1234`;
    v1.on(GetDomainNameCommand).resolves({
      domainName: 'internal.shop.example.net',
      domainNameId: 'abcd1234',
      domainNameArn: arn,
      endpointConfiguration: { types: ['PRIVATE'] },
      securityPolicy: 'TLS_1_2',
    });
    v2.on(GetApisCommand).resolves({ Items: [] });
    const source = mockedSource({ plan: PLAN_WITH_MAPPINGS });

    // Act
    const result = await source.read([
      ref('AWS::ApiGateway::DomainName', arn, { name: 'internal.shop.example.net' }),
    ]);

    // Assess
    expect(v1).toReceiveCommandExactlyOnceWith(GetDomainNameCommand, {
      domainName: 'internal.shop.example.net',
      domainNameId: 'abcd1234',
    });
    expect(result.resources).toEqual([
      expect.objectContaining({ resourceId: arn, securityPolicy: 'TLS_1_2' }),
    ]);
  });

  it("reads every stage of the REST API an integration change names, with the API's integrations, and judges them", async () => {
    // Prepare
    v1.on(GetStagesCommand).resolves({
      item: [
        { stageName: 'prod', deploymentId: 'dep0001', clientCertificateId: 'clcert0001' },
        { stageName: 'test', deploymentId: 'dep0002' },
      ],
    });
    v1.on(GetResourcesCommand).resolves({
      items: [{ id: 'res001', path: '/', resourceMethods: { ANY: { methodIntegration: { type: 'HTTP' } } } }],
    });
    const source = mockedSource({ plan: PLAN_WITHOUT_MAPPINGS });
    const stages = `arn:aws:apigateway:${REGION}::/restapis/a1b2c3d4e5/stages`;

    // Act
    const result = await source.read([ref('AWS::ApiGateway::Stage', stages)]);

    // Assess
    expect(v1).toReceiveCommandExactlyOnceWith(GetStagesCommand, { restApiId: 'a1b2c3d4e5' });
    expect(v1).toReceiveCommandTimes(GetResourcesCommand, 1);
    expect(result.errors).toEqual([]);
    expect(result.resources.map((resource) => resource.resourceId).sort()).toEqual([
      `${stages}/prod`,
      `${stages}/test`,
    ]);
    const outcome = apigatewayBackendCertificate.evaluate(
      byId(result.resources, `${stages}/test`),
      ruleContext(),
    );
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('reaches HTTP backends (HTTP) without a client certificate');
  });

  it('reports a domain that no longer exists as gone', async () => {
    // Prepare
    v1.on(GetDomainNameCommand).rejects(
      new NotFoundException({ message: 'Invalid domain name identifier specified', $metadata: {} }),
    );
    const source = mockedSource();
    const gone = ref('AWS::ApiGateway::DomainName', `${DOMAINS}/old.shop.example.net`, {
      name: 'old.shop.example.net',
    });

    // Act
    const result = await source.read([gone]);

    // Assess
    expect(result.gone).toEqual([gone]);
    expect(result.errors).toEqual([]);
  });
});
