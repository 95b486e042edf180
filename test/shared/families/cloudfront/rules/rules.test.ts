import { describe, expect, it } from 'vitest';
import type { CloudFrontDistribution, Origin } from '../../../../../shared/families/cloudfront/model.js';
import { type ViewerPolicy, viewerTargetPolicy } from '../../../../../shared/families/cloudfront/policies.js';
import { cloudfrontOriginPlaintext } from '../../../../../shared/families/cloudfront/rules/cloudfront-origin-plaintext.js';
import { cloudfrontOriginTls } from '../../../../../shared/families/cloudfront/rules/cloudfront-origin-tls.js';
import { cloudfrontViewerPlaintext } from '../../../../../shared/families/cloudfront/rules/cloudfront-viewer-plaintext.js';
import { cloudfrontViewerTlsPolicy } from '../../../../../shared/families/cloudfront/rules/cloudfront-viewer-tls-policy.js';
import { createTlsCatalog } from '../../../../../shared/tls/policies.js';
import { ruleContext } from '../../../../helpers/rule-context.js';
import { describeRuleMetadata } from '../../../../helpers/rule-metadata.js';

function distribution(overrides: Partial<CloudFrontDistribution> = {}): CloudFrontDistribution {
  return {
    resourceType: 'AWS::CloudFront::Distribution',
    resourceId: 'arn:aws:cloudfront::111122223333:distribution/E5UNITEXAMPLE',
    distributionId: 'E5UNITEXAMPLE',
    region: 'us-east-1',
    tags: {},
    source: 'test',
    viewerCertificate: {
      certificateSource: 'acm',
      sslSupportMethod: 'sni-only',
      minimumProtocolVersion: 'TLSv1.2_2021',
    },
    behaviors: [{ targetOriginId: 'web', viewerProtocolPolicy: 'redirect-to-https' }],
    origins: [
      { id: 'web', kind: 'custom', originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] },
    ],
    ...overrides,
  };
}

const custom = (id: string, originProtocolPolicy: string, extra: Partial<Origin> = {}): Origin => ({
  id,
  kind: 'custom',
  originProtocolPolicy,
  originSslProtocols: ['TLSv1.2'],
  ...extra,
});

describeRuleMetadata('CloudFront rule metadata', [
  [
    'cloudfront-viewer-plaintext',
    async () => cloudfrontViewerPlaintext,
    ['CloudFront.3'],
    ['cloudfront-viewer-policy-https'],
    [],
  ],
  [
    'cloudfront-viewer-tls-policy',
    async () => cloudfrontViewerTlsPolicy,
    [],
    [
      'cloudfront-security-policy-check',
      'cloudfront-ssl-policy-check',
      'cloudfront_distributions_using_deprecated_ssl_protocols (Prowler)',
    ],
    ['tls.minimumVersion', 'tls.allowedCipherClasses', 'tls.postQuantum'],
  ],
  [
    'cloudfront-origin-plaintext',
    async () => cloudfrontOriginPlaintext,
    ['CloudFront.9'],
    ['cloudfront-traffic-to-origin-encrypted'],
    [],
  ],
  [
    'cloudfront-origin-tls',
    async () => cloudfrontOriginTls,
    ['CloudFront.10'],
    ['cloudfront-no-deprecated-ssl-protocols'],
    ['tls.minimumVersion'],
  ],
]);

describe('cloudfront-viewer-tls-policy', () => {
  it('fails TLSv1.2_2019, which still offers ECDHE CBC suites, and names them', () => {
    // Act
    const outcome = cloudfrontViewerTlsPolicy.evaluate(
      distribution({
        viewerCertificate: {
          certificateSource: 'acm',
          sslSupportMethod: 'sni-only',
          minimumProtocolVersion: 'TLSv1.2_2019',
        },
      }),
      ruleContext(),
    );

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('ECDHE-RSA-AES128-SHA256');
    expect(outcome.remediationTarget).toBe('TLSv1.2_2021');
  });

  it('takes the TLS 1.3-only policy as the target when the minimum is TLS 1.3', () => {
    // Act
    const outcome = cloudfrontViewerTlsPolicy.evaluate(
      distribution(),
      ruleContext({ tls: { minimumVersion: 'TLSv1.3' } }),
    );

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.remediationTarget).toBe('TLSv1.3_2025');
  });

  it('judges the default certificate as TLSv1 even when the input states SSLv3 (older recordings)', () => {
    // Act
    const outcome = cloudfrontViewerTlsPolicy.evaluate(
      distribution({
        viewerCertificate: { cloudFrontDefaultCertificate: true, minimumProtocolVersion: 'SSLv3' },
      }),
      ruleContext(),
    );

    // Assess
    expect(outcome.details).toMatchObject({
      securityPolicy: 'TLSv1',
      defaultCertificate: true,
      postQuantum: true,
    });
    expect(outcome.reason).toContain('(the input states SSLv3)');
  });

  it('omits postQuantum from the details of a policy it does not know', () => {
    // Act
    const outcome = cloudfrontViewerTlsPolicy.evaluate(
      distribution({
        viewerCertificate: {
          certificateSource: 'acm',
          sslSupportMethod: 'sni-only',
          minimumProtocolVersion: 'TLSv1.4_2031',
        },
      }),
      ruleContext(),
    );

    // Assess
    expect(outcome).toMatchObject({ status: 'NON_COMPLIANT', unverified: true });
    expect(outcome.details).not.toHaveProperty('postQuantum');
  });
});

describe('CloudFront post-quantum contract', () => {
  const catalog = createTlsCatalog();
  const classical: ViewerPolicy = {
    name: 'Classical_2030',
    protocols: ['TLSv1.2', 'TLSv1.3'],
    ciphers: ['TLS_AES_128_GCM_SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384'],
    postQuantum: false,
    hybridGroups: [],
  };
  const hybrid: ViewerPolicy = {
    ...classical,
    name: 'Hybrid_2030',
    ciphers: ['TLS_AES_128_GCM_SHA256'],
    postQuantum: true,
    hybridGroups: ['X25519MLKEM768'],
  };

  it("with 'require' takes only a post-quantum policy as the target, even one serving fewer clients", () => {
    // Act
    const target = viewerTargetPolicy(ruleContext({ tls: { postQuantum: 'require' } }).policy.tls, catalog, [
      classical,
      hybrid,
    ]);

    // Assess
    expect(target?.name).toBe('Hybrid_2030');
  });

  it("with 'report' prefers the policy that serves more clients", () => {
    // Act
    const target = viewerTargetPolicy(ruleContext().policy.tls, catalog, [classical, hybrid]);

    // Assess
    expect(target?.name).toBe('Classical_2030');
  });

  it("with 'require' has no target when no policy offers post-quantum key exchange", () => {
    // Act
    const target = viewerTargetPolicy(ruleContext({ tls: { postQuantum: 'require' } }).policy.tls, catalog, [
      classical,
    ]);

    // Assess
    expect(target).toBeUndefined();
  });

  it.each(['ignore', 'report', 'require'] as const)(
    "with '%s' passes TLSv1.2_2021, which CloudFront offers with hybrid ML-KEM key exchange",
    (postQuantum) => {
      // Act
      const outcome = cloudfrontViewerTlsPolicy.evaluate(
        distribution(),
        ruleContext({ tls: { postQuantum } }),
      );

      // Assess
      expect(outcome.status).toBe('COMPLIANT');
      expect(outcome.details).toMatchObject({ postQuantum: true });
      expect(outcome.reason).not.toContain('post-quantum');
    },
  );
});

describe('cloudfront-viewer-plaintext', () => {
  it('fails an ordered behavior that allows HTTP behind a default one that does not', () => {
    // Act
    const outcome = cloudfrontViewerPlaintext.evaluate(
      distribution({
        behaviors: [
          { targetOriginId: 'web', viewerProtocolPolicy: 'https-only' },
          { pathPattern: '/downloads/*', targetOriginId: 'web', viewerProtocolPolicy: 'allow-all' },
        ],
      }),
      ruleContext(),
    );

    // Assess
    expect(outcome).toMatchObject({ status: 'NON_COMPLIANT', remediationTarget: 'redirect-to-https' });
    expect(outcome.details).toEqual({ allowAllBehaviors: ['behavior /downloads/*'] });
  });
});

describe('cloudfront-origin-plaintext', () => {
  it.each([
    [
      'an S3 website endpoint, even with https-only',
      custom('site', 'https-only', { domainName: 'shop-site.s3-website-eu-west-1.amazonaws.com' }),
      'https-only',
    ],
    ['a match-viewer origin behind a behavior that allows HTTP', custom('web', 'match-viewer'), 'allow-all'],
    [
      'an S3 REST origin behind a behavior that allows HTTP',
      { id: 'web', kind: 's3' } as Origin,
      'allow-all',
    ],
  ])('fails %s', (_label, origin, viewerProtocolPolicy) => {
    // Act
    const outcome = cloudfrontOriginPlaintext.evaluate(
      distribution({ origins: [origin], behaviors: [{ targetOriginId: origin.id, viewerProtocolPolicy }] }),
      ruleContext(),
    );

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.unverified).toBeUndefined();
  });

  it('follows a behavior to the members of the origin group it targets', () => {
    // Act
    const outcome = cloudfrontOriginPlaintext.evaluate(
      distribution({
        origins: [custom('primary', 'https-only'), custom('failover', 'match-viewer')],
        behaviors: [
          {
            targetOriginId: 'group',
            targetOriginIds: ['primary', 'failover'],
            viewerProtocolPolicy: 'allow-all',
          },
        ],
      }),
      ruleContext(),
    );

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.details).toEqual({ plaintextOrigins: ['failover'] });
  });

  it('passes a match-viewer origin that only HTTPS-only behaviors reach', () => {
    // Act
    const outcome = cloudfrontOriginPlaintext.evaluate(
      distribution({
        origins: [custom('web', 'match-viewer'), custom('other', 'https-only')],
        behaviors: [
          { targetOriginId: 'web', viewerProtocolPolicy: 'redirect-to-https' },
          { pathPattern: '/x/*', targetOriginId: 'other', viewerProtocolPolicy: 'allow-all' },
        ],
      }),
      ruleContext(),
    );

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
  });
});

describe('cloudfront-origin-tls', () => {
  it('ignores the protocol list of an http-only origin (origin-plaintext judges it)', () => {
    // Act
    const outcome = cloudfrontOriginTls.evaluate(
      distribution({ origins: [custom('web', 'http-only', { originSslProtocols: ['SSLv3', 'TLSv1'] })] }),
      ruleContext(),
    );

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
  });

  it('has no target for a TLS 1.3 minimum: OriginSslProtocols has no TLSv1.3 value', () => {
    // Act
    const outcome = cloudfrontOriginTls.evaluate(
      distribution(),
      ruleContext({ tls: { minimumVersion: 'TLSv1.3' } }),
    );

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.remediationTarget).toBeUndefined();
    expect(outcome.reason).toContain('no remediation target');
  });
});
