import { describe, expect, it } from 'vitest';
import { cloudFrontFamily } from '../../../../shared/families/cloudfront/index.js';
import { consoleLink } from '../../../../shared/report/slack/console-link.js';
import { redactSecrets } from '../../../../shared/report/slack/message.js';

describe('CloudFront in the reports', () => {
  it('links a distribution to its page in the CloudFront console', () => {
    // Act
    const link = consoleLink(
      'AWS::CloudFront::Distribution',
      'arn:aws:cloudfront::111122223333:distribution/E1WEAKEXAMPLE1',
      'us-east-1',
    );

    // Assess
    expect(link).toBe(
      'https://us-east-1.console.aws.amazon.com/cloudfront/v4/home#/distributions/E1WEAKEXAMPLE1',
    );
  });

  it('gives no link for a distribution the input names only by its caller reference', () => {
    // Act
    const link = consoleLink('AWS::CloudFront::Distribution', 'CallerReference:tg-fixture-weak', 'us-east-1');

    // Assess
    expect(link).toBeUndefined();
  });

  it('redacts origin custom header values in Slack', () => {
    // Act
    const redacted = redactSecrets({
      CustomHeaders: { Items: [{ HeaderName: 'X-Origin-Verify', HeaderValue: 's3cr3t' }] },
    });

    // Assess
    expect(JSON.stringify(redacted)).not.toContain('s3cr3t');
    expect(JSON.stringify(redacted)).toContain('X-Origin-Verify');
  });

  it('counts its TLS policy rules towards the shared TLS minimum-version KPI', () => {
    // Act
    const kpis = cloudFrontFamily.report.kpis;

    // Assess
    expect(kpis.map(({ kpi, rules }) => [kpi.key, rules])).toEqual([
      ['tlsEndpointsTls12Plus', ['cloudfront-viewer-tls-policy', 'cloudfront-origin-tls']],
    ]);
  });
});
