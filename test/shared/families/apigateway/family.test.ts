/**
 * The API Gateway family's deployment, report and rule metadata: IAM on API Gateway's own ARNs (no account field
 * for public domain names and REST APIs), the SCP statement under block mode, console links, and the catalog
 * mappings of RULES.md.
 */
import { describe, expect, it } from 'vitest';
import { familyIamStatements } from '../../../../shared/infra/deployment.js';
import { buildServiceControlPolicy } from '../../../../shared/infra/scp.js';
import { policySchema } from '../../../../shared/policy/schema.js';
import { consoleLink } from '../../../../shared/report/slack/console-link.js';
import { describeRuleMetadata } from '../../../helpers/rule-metadata.js';

const TLS_PARAMETERS = ['tls.minimumVersion', 'tls.allowedCipherClasses', 'tls.postQuantum'];

describeRuleMetadata('API Gateway rules', [
  [
    'apigateway-domain-tls-policy',
    async () =>
      (await import('../../../../shared/families/apigateway/rules/apigateway-domain-tls-policy.js'))
        .apigatewayDomainTlsPolicy,
    [],
    ['apigateway_domain_name_pqc_tls_enabled (Prowler, in spirit)'],
    TLS_PARAMETERS,
  ],
  [
    'apigateway-api-tls-policy',
    async () =>
      (await import('../../../../shared/families/apigateway/rules/apigateway-api-tls-policy.js'))
        .apigatewayApiTlsPolicy,
    [],
    [],
    TLS_PARAMETERS,
  ],
  [
    'apigateway-backend-certificate',
    async () =>
      (await import('../../../../shared/families/apigateway/rules/apigateway-backend-certificate.js'))
        .apigatewayBackendCertificate,
    ['APIGateway.2'],
    ['api-gw-ssl-enabled'],
    [],
  ],
]);

describe('API Gateway deployment', () => {
  it('grants remediate PATCH on domain names and REST APIs of the regions, public ones without an account', () => {
    // Act
    const remediate = familyIamStatements(['eu-west-1']).remediate;
    const patch = remediate.filter((statement) => statement.Action === 'apigateway:PATCH');

    // Assess
    expect(patch.map((statement) => statement.Resource)).toEqual([
      [{ 'Fn::Sub': `arn:\${AWS::Partition}:apigateway:eu-west-1::/domainnames/*` }],
      [{ 'Fn::Sub': `arn:\${AWS::Partition}:apigateway:eu-west-1:\${AWS::AccountId}:/domainnames/*` }],
      [{ 'Fn::Sub': `arn:\${AWS::Partition}:apigateway:eu-west-1::/restapis/*` }],
    ]);
  });

  it('grants GET on the paths its reads call only, so never on API key values (/apikeys) or client certificates', () => {
    // Act
    const sweep = familyIamStatements(['eu-west-1']).sweep;
    const get = sweep
      .filter((statement) => statement.Action === 'apigateway:GET')
      .flatMap((statement) => statement.Resource as { 'Fn::Sub': string }[])
      .map((resource) => resource['Fn::Sub']);

    // Assess
    expect(get).toEqual([
      `arn:\${AWS::Partition}:apigateway:eu-west-1::/restapis*`,
      `arn:\${AWS::Partition}:apigateway:eu-west-1::/domainnames*`,
      `arn:\${AWS::Partition}:apigateway:eu-west-1::/apis*`,
      `arn:\${AWS::Partition}:apigateway:eu-west-1:\${AWS::AccountId}:/domainnames/*`,
    ]);
    const wildcard = (pattern: string) =>
      new RegExp(`^${pattern.replace(/[.$]/g, '\\$&').replaceAll('*', '.*')}$`);
    const grants = (path: string) =>
      get.some((pattern) => wildcard(pattern).test(`arn:\${AWS::Partition}:apigateway:eu-west-1::${path}`));
    expect(grants('/restapis/a1b2c3/stages/prod')).toBe(true);
    expect(grants('/domainnames/api.example.com/apimappings')).toBe(true);
    expect(grants('/apikeys/k1l2m3')).toBe(false);
    expect(grants('/clientcertificates/c1')).toBe(false);
  });

  it('adds no SCP statement while its rules only notify, and denies the weak policies once one blocks', () => {
    // Act
    const notify = buildServiceControlPolicy(policySchema.parse({}));
    const blocking = buildServiceControlPolicy(
      policySchema.parse({ rules: { 'apigateway-domain-tls-policy': { mode: 'block' } } }),
    );

    // Assess
    expect(notify.Statement.map((statement) => statement.Sid)).not.toContain('ApiGatewayWeakPolicies');
    expect(blocking.Statement.find((statement) => statement.Sid === 'ApiGatewayWeakPolicies')).toEqual({
      Sid: 'ApiGatewayWeakPolicies',
      Effect: 'Deny',
      Action: ['apigateway:POST', 'apigateway:PUT', 'apigateway:PATCH'],
      Resource: '*',
      Condition: {
        'ForAnyValue:StringEquals': {
          'apigateway:Request/SecurityPolicy': [
            'SecurityPolicy_TLS13_1_2_PQ_2025_09',
            'SecurityPolicy_TLS13_1_2_2021_06',
            'TLS_1_2',
            'TLS_1_0',
            'SecurityPolicy_TLS12_2018_EDGE',
          ],
        },
      },
    });
  });
});

describe('API Gateway console links', () => {
  it.each([
    [
      'AWS::ApiGateway::DomainName',
      'arn:aws:apigateway:eu-west-1::/domainnames/legacy.shop.example.net',
      'https://eu-west-1.console.aws.amazon.com/apigateway/main/publish/domain-names?region=eu-west-1&domain=legacy.shop.example.net',
    ],
    [
      'AWS::ApiGateway::RestApi',
      'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5',
      'https://eu-west-1.console.aws.amazon.com/apigateway/main/apis/a1b2c3d4e5/resources?region=eu-west-1',
    ],
    [
      'AWS::ApiGateway::Stage',
      'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/prod',
      'https://eu-west-1.console.aws.amazon.com/apigateway/main/apis/a1b2c3d4e5/stages?region=eu-west-1',
    ],
  ] as const)('links %s to its console page', (type, id, link) => {
    // Act and Assess
    expect(consoleLink(type, id)).toBe(link);
  });
});
