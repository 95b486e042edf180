/**
 * The API Gateway remediators on the wire (aws-sdk-client-mock): the calls each makes through the family's own
 * client (v1 and v2 commands go to their own SDK client), verification by reading again, and the targets they
 * refuse because the resource cannot take them.
 */
import { APIGatewayClient, UpdateDomainNameCommand, UpdateRestApiCommand } from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  UpdateDomainNameCommand as UpdateDomainNameV2Command,
} from '@aws-sdk/client-apigatewayv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { awsClientConfig } from '../../../../shared/aws/clients.js';
import { createClient } from '../../../../shared/families/apigateway/client.js';
import { setApiSecurityPolicy } from '../../../../shared/families/apigateway/remediators/set-api-security-policy.js';
import { setDomainSecurityPolicy } from '../../../../shared/families/apigateway/remediators/set-domain-security-policy.js';
import { apigatewayApiTlsPolicy } from '../../../../shared/families/apigateway/rules/apigateway-api-tls-policy.js';
import { apigatewayDomainTlsPolicy } from '../../../../shared/families/apigateway/rules/apigateway-domain-tls-policy.js';
import { type PolicyInput, policySchema } from '../../../../shared/policy/schema.js';
import { executePlan } from '../../../../shared/response/executor.js';
import { evaluateWith, executorDeps, plannedAction, planOf, reads } from '../../response/support.js';
import { domain, domainV2, REGION, restApi } from './fixtures.js';

const v1 = mockClient(APIGatewayClient);
const v2 = mockClient(ApiGatewayV2Client);
const clientFor = async () =>
  createClient(
    awsClientConfig({
      region: REGION,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    }),
  );
const CBC_ALLOWED: PolicyInput = {
  tls: { allowedCipherClasses: ['tls13', 'ecdhe-aead', 'ecdhe-cbc-sha2', 'rsa-aead', 'rsa-cbc'] },
};

describe('set-domain-security-policy', () => {
  afterEach(() => {
    v1.reset();
    v2.reset();
  });

  it('moves a Regional domain from TLS_1_0 to the PQ enhanced policy with endpoint access mode BASIC, and verifies it', async () => {
    // Prepare
    const before = domain();
    const after = domain({
      securityPolicy: 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09',
      endpointAccessMode: 'BASIC',
    });
    v1.on(UpdateDomainNameCommand).resolves({});
    const action = plannedAction(apigatewayDomainTlsPolicy, before);

    // Act
    const record = await executePlan(
      action,
      executorDeps(apigatewayDomainTlsPolicy, reads(before, after).readResource, { clientFor }),
    );

    // Assess
    expect(v1).toReceiveCommandExactlyOnceWith(UpdateDomainNameCommand, {
      domainName: 'legacy.shop.example.net',
      patchOperations: [
        { op: 'replace', path: '/securityPolicy', value: 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09' },
        { op: 'replace', path: '/endpointAccessMode', value: 'BASIC' },
      ],
    });
    expect(v2.calls()).toHaveLength(0);
    expect(record.status).toBe('remediated');
  });

  it('names the domain id of a private domain and keeps its STRICT access mode', async () => {
    // Prepare
    const before = domain({
      endpointTypes: ['PRIVATE'],
      domainNameId: 'abcd1234',
      securityPolicy: 'SecurityPolicy_TLS13_1_2_2021_06',
      endpointAccessMode: 'STRICT',
    });
    v1.on(UpdateDomainNameCommand).resolves({});
    const after = { ...before, securityPolicy: 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09' };

    // Act
    await executePlan(
      plannedAction(apigatewayDomainTlsPolicy, before),
      executorDeps(apigatewayDomainTlsPolicy, reads(before, after).readResource, { clientFor }),
    );

    // Assess
    expect(v1).toReceiveCommandExactlyOnceWith(UpdateDomainNameCommand, {
      domainName: 'legacy.shop.example.net',
      domainNameId: 'abcd1234',
      patchOperations: [
        { op: 'replace', path: '/securityPolicy', value: 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09' },
      ],
    });
  });

  it('fails the action when the domain read again still has the old policy', async () => {
    // Prepare
    const before = domain();
    v1.on(UpdateDomainNameCommand).resolves({});

    // Act
    const record = await executePlan(
      plannedAction(apigatewayDomainTlsPolicy, before),
      executorDeps(apigatewayDomainTlsPolicy, reads(before, before).readResource, { clientFor }),
    );

    // Assess
    expect(record.status).toBe('failed');
    expect(record.error ?? record.note).toContain('still NON_COMPLIANT');
  });

  it.each([
    [
      'an HTTP API is mapped to it',
      { httpApiMappings: ['h7t7p9a1pi'] },
      'HTTP API h7t7p9a1pi is mapped to it',
    ],
    ['mutual TLS is on', { mutualTls: true }, 'mutual TLS is on'],
    [
      'its mappings were not read',
      { httpApiMappings: undefined },
      'does not say whether an HTTP API is mapped',
    ],
    ['it has two endpoint types', { endpointTypes: ['REGIONAL', 'EDGE'] }, 'several endpoint types'],
  ])(
    'only notifies, saying why, when %s (no enhanced target fits and TLS_1_2 fails the policy)',
    (_label, overrides, why) => {
      // Act
      const plan = planOf(evaluateWith(apigatewayDomainTlsPolicy, domain(overrides)));

      // Assess
      expect(plan).toMatchObject({ mode: 'remediate', status: 'notify' });
      expect(plan.calls).toBeUndefined();
      expect(plan.note).toContain(why);
    },
  );

  it.each([
    [
      'an enhanced target on a domain with mutual TLS',
      { mutualTls: true },
      'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09',
      'mutual TLS is on',
    ],
    [
      'an edge policy on a Regional domain',
      {},
      'SecurityPolicy_TLS13_2025_EDGE',
      'not a security policy for REGIONAL endpoints',
    ],
    [
      'a policy name the data does not know',
      {},
      'SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09',
      'not a security policy for REGIONAL',
    ],
  ])('refuses %s', (_label, overrides, target, why) => {
    // Act
    const plan = setDomainSecurityPolicy.plan({
      resource: domain(overrides),
      evaluation: evaluateWith(apigatewayDomainTlsPolicy, domain(overrides)),
      policy: policySchema.parse({}),
      target,
    });

    // Assess
    expect(plan).toMatchObject({ kind: 'refused' });
    expect(plan.kind === 'refused' && plan.note).toContain(why);
  });

  it('updates an HTTP API (v2) domain with UpdateDomainName of apigatewayv2, repeating its certificate', async () => {
    // Prepare
    const before = domainV2();
    const after = domainV2({
      configurations: [{ ...before.configurations[0], securityPolicy: 'TLS_1_2' }],
    });
    v2.on(UpdateDomainNameV2Command).resolves({});

    // Act
    const record = await executePlan(
      plannedAction(apigatewayDomainTlsPolicy, before, CBC_ALLOWED),
      executorDeps(apigatewayDomainTlsPolicy, reads(before, after).readResource, {
        clientFor,
        policy: CBC_ALLOWED,
      }),
    );

    // Assess
    expect(v2).toReceiveCommandExactlyOnceWith(UpdateDomainNameV2Command, {
      DomainName: 'http.shop.example.net',
      DomainNameConfigurations: [
        {
          CertificateArn: before.configurations[0]?.certificateArn,
          EndpointType: 'REGIONAL',
          SecurityPolicy: 'TLS_1_2',
        },
      ],
    });
    expect(v1.calls()).toHaveLength(0);
    expect(record.status).toBe('remediated');
  });
});

describe('set-api-security-policy', () => {
  afterEach(() => {
    v1.reset();
  });

  it('moves a REST API from TLS_1_0 to the PQ enhanced policy with UpdateRestApi', async () => {
    // Prepare
    const before = restApi();
    const after = restApi({
      securityPolicy: 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09',
      endpointAccessMode: 'BASIC',
    });
    v1.on(UpdateRestApiCommand).resolves({});

    // Act
    const record = await executePlan(
      plannedAction(apigatewayApiTlsPolicy, before),
      executorDeps(apigatewayApiTlsPolicy, reads(before, after).readResource, { clientFor }),
    );

    // Assess
    expect(v1).toReceiveCommandExactlyOnceWith(UpdateRestApiCommand, {
      restApiId: 'a1b2c3d4e5',
      patchOperations: [
        { op: 'replace', path: '/securityPolicy', value: 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09' },
        { op: 'replace', path: '/endpointAccessMode', value: 'BASIC' },
      ],
    });
    expect(record.status).toBe('remediated');
  });

  it('refuses TLS_1_2 for a REST API on TLS_1_0 (AWS does not allow that move), even where the policy passes it', () => {
    // Act
    const plan = setApiSecurityPolicy.plan({
      resource: restApi(),
      evaluation: evaluateWith(apigatewayApiTlsPolicy, restApi(), CBC_ALLOWED),
      policy: policySchema.parse(CBC_ALLOWED),
      target: 'TLS_1_2',
    });

    // Assess
    expect(plan).toMatchObject({ kind: 'refused' });
    expect(plan.kind === 'refused' && plan.note).toContain('cannot move from TLS_1_0 to TLS_1_2');
  });

  it('chooses an enhanced policy, not TLS_1_2, for a TLS_1_0 REST API under a policy that passes TLS_1_2', () => {
    // Act
    const plan = planOf(evaluateWith(apigatewayApiTlsPolicy, restApi(), CBC_ALLOWED));

    // Assess
    expect(plan.status).toBe('planned');
    expect(plan.target).toMatch(/^SecurityPolicy_/);
  });
});
