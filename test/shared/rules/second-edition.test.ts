/**
 * Issue #14, point 8: every rule of the second edition (CloudFront, API Gateway, VPC Lattice, target groups,
 * classic certificate source) has SARIF metadata with its fix as help, a console link for each resource type it
 * judges, and counts towards a KPI share where one fits.
 */
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { kpiDefinitions } from '../../../shared/report/kpis.js';
import { buildReport } from '../../../shared/report/report.js';
import { renderSarif } from '../../../shared/report/sarif.js';
import { consoleLink } from '../../../shared/report/slack/console-link.js';
import { findRule, RULES } from '../../../shared/rules/index.js';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';

/** One resource id per type these rules judge, as their inputs name them. */
const SAMPLE_IDS: Record<string, string> = {
  'AWS::CloudFront::Distribution': `arn:aws:cloudfront::${ACCOUNT}:distribution/E1WEAKEXAMPLE1`,
  'AWS::ApiGateway::DomainName': `arn:aws:apigateway:${REGION}::/domainnames/api.example.com`,
  'AWS::ApiGatewayV2::DomainName': `arn:aws:apigateway:${REGION}::/domainnames/http.example.com`,
  'AWS::ApiGateway::RestApi': `arn:aws:apigateway:${REGION}::/restapis/a1b2c3d4e5`,
  'AWS::ApiGateway::Stage': `arn:aws:apigateway:${REGION}::/restapis/a1b2c3d4e5/stages/prod`,
  'AWS::VpcLattice::Listener': `arn:aws:vpc-lattice:${REGION}:${ACCOUNT}:service/svc-0285b53b2e0123456/listener/listener-07cc7fb0ab1d2e3f4`,
  'AWS::ElasticLoadBalancingV2::TargetGroup': `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/shop-web/6d0ecf831eec9f09`,
  'AWS::ElasticLoadBalancing::LoadBalancer': `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/legacy-web`,
};

/** The rule -> KPI share it counts towards; null where no share fits (said why). */
const KPI_OF: Record<string, string | null> = {
  'cloudfront-viewer-plaintext': null, // a distribution is no listener: "Listeners encrypted" does not fit
  'cloudfront-origin-plaintext': null, // idem
  'cloudfront-viewer-tls-policy': 'tlsEndpointsTls12Plus',
  'cloudfront-origin-tls': 'tlsEndpointsTls12Plus',
  'apigateway-domain-tls-policy': 'tlsEndpointsStrongCiphers',
  'apigateway-api-tls-policy': 'tlsEndpointsStrongCiphers',
  'apigateway-backend-certificate': null, // backend authentication, not transit encryption of an endpoint
  'vpc-lattice-listener-plaintext': 'listenersEncrypted',
  'vpc-lattice-listener-tls-policy': 'tlsEndpointsStrongCiphers',
  'elbv2-target-group-plaintext': 'targetHopsEncrypted',
  'elb-listener-certificate-source': null, // where a certificate comes from is no share of encrypted endpoints
};
const SECOND_EDITION = Object.keys(KPI_OF);

describe('the second-edition rules in the reports', () => {
  const log = JSON.parse(
    renderSarif(buildReport({ evaluatedAt: new Date(0), resources: 0, evaluations: [], errors: [] }), RULES),
  ) as Log;
  const sarifRules = log.runs[0]?.tool.driver.rules ?? [];

  it.each(SECOND_EDITION)('%s: SARIF metadata with its fix as help', (id) => {
    // Act
    const descriptor = sarifRules.find((rule) => rule.id === id);

    // Assess
    const guidance = findRule(id)?.metadata.remediation.guidance ?? '';
    expect(guidance.length).toBeGreaterThan(20);
    expect(descriptor?.help?.text).toMatch(/^Fix: /);
    expect(descriptor?.help?.text).toContain(guidance.slice(0, 40));
    expect(descriptor?.shortDescription?.text).toBe(findRule(id)?.metadata.title);
    expect(descriptor?.properties?.['security-severity']).toBeDefined();
  });

  it.each(SECOND_EDITION)('%s: a console link for each resource type it judges', (id) => {
    for (const resourceType of findRule(id)?.metadata.resourceTypes ?? []) {
      // Act
      const sample = SAMPLE_IDS[resourceType];
      const url = sample && consoleLink(resourceType, sample, REGION, ACCOUNT);

      // Assess
      expect(sample, `no sample id for ${resourceType}`).toBeDefined();
      expect(url, `${id} on ${resourceType}`).toMatch(/^https:\/\/eu-west-1\.console\.aws\.amazon\.com\//);
    }
  });

  it.each(SECOND_EDITION)('%s: counts towards the KPI share that fits, if any', (id) => {
    // Act
    const shares = kpiDefinitions()
      .filter(({ rules }) => rules.includes(id))
      .map(({ kpi }) => kpi.key);

    // Assess
    const expected = KPI_OF[id];
    expect(shares).toEqual(expected ? [expected] : []);
  });
});
