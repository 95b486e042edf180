import { DescribeCertificateCommand } from '@aws-sdk/client-acm';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/on-certificate-event.js';
import { findingIdOf } from '../../shared/state/finding-store.js';
import { loadEvent, withValue } from '../fixtures/events/load.js';
import {
  CERT_API,
  CERT_SHOP,
  certificateReads,
  certificates,
  installAccount,
  SHOP_WEB_LB,
} from '../helpers/fake-account.js';
import {
  expectExactReads,
  expectRejectedAsInvalid,
  FINDINGS_BUS,
  publishedEntries,
  publishedKinds,
  seedOpenFinding,
  useFunctionHarness,
} from '../helpers/lambda-env.js';

const harness = useFunctionHarness('on-certificate-event', installAccount);
const { mocks, context } = harness;

describe('on-certificate-event handler', () => {
  it.each([
    // api.example.com: an imported RSA 1024 certificate, whatever ACM says about its expiry.
    ['acm-certificate-approaching-expiration', CERT_API, ['finding:acm-certificate-key-strength']],
    ['acm-certificate-expired', CERT_API, ['finding:acm-certificate-key-strength']],
    // shop.example.com: renewed since; its current state passes.
    ['acm-certificate-renewal-action-required', CERT_SHOP, []],
    ['acm-certificate-available', CERT_SHOP, []],
    // Read as it is now: the fake account still describes it ISSUED (the revoked state is the test below).
    ['acm-certificate-revoked', CERT_SHOP, []],
  ])(
    '%s: describes the certificate and publishes its findings',
    async (fixture, certificateArn, findings) => {
      // Prepare
      const event = loadEvent(fixture);

      // Act
      const result = await handler(event, context);

      // Assess
      expect(result).toMatchObject({ eventId: event.id, evaluated: 6 });
      expectExactReads(mocks, certificateReads(certificateArn));
      expect(publishedKinds(mocks)).toEqual(findings);
      for (const entry of publishedEntries(mocks)) {
        expect(entry).toMatchObject({
          Source: 'transit-guard',
          DetailType: 'Transit Finding',
          EventBusName: FINDINGS_BUS,
          detail: { triggerId: event.id, evaluation: { resourceId: certificateArn } },
        });
      }
    },
  );

  it('resolves the expiry finding of a certificate ACM reports renewed', async () => {
    // Prepare
    await seedOpenFinding(harness.env.findings, 'acm-certificate-expiry', 'AWS::ACM::Certificate', CERT_SHOP);

    // Act
    const result = await handler(loadEvent('acm-certificate-available'), context);

    // Assess
    expect(result).toMatchObject({ resolved: 1, nonCompliant: 0 });
    expect(publishedKinds(mocks)).toEqual(['resolution:acm-certificate-expiry']);
    expect(await harness.env.findings.get(findingIdOf('acm-certificate-expiry', CERT_SHOP))).toMatchObject({
      state: 'resolved',
      resolution: 'fixed',
    });
  });

  it('reports a revoked certificate that is still in use as soon as ACM says it was revoked', async () => {
    // Prepare
    const shop = certificates().find((c) => c.CertificateArn === CERT_SHOP);
    mocks.acm.on(DescribeCertificateCommand, { CertificateArn: CERT_SHOP }).resolves({
      Certificate: { ...shop, Status: 'REVOKED', RevokedAt: new Date(), RevocationReason: 'SUPERSEDED' },
    });

    // Act
    const result = await handler(loadEvent('acm-certificate-revoked'), context);

    // Assess
    expectExactReads(mocks, certificateReads(CERT_SHOP));
    expect(result).toMatchObject({ nonCompliant: 1 });
    expect(publishedKinds(mocks)).toEqual(['finding:acm-certificate-status']);
    expect(publishedEntries(mocks)[0]?.detail.evaluation).toMatchObject({
      resourceId: CERT_SHOP,
      status: 'NON_COMPLIANT',
      reason: expect.stringContaining(`has status REVOKED and is still in use by ${SHOP_WEB_LB}`),
    });
  });

  it.each([
    {
      problem: 'an event naming something other than a certificate',
      event: withValue(
        loadEvent('acm-certificate-expired'),
        ['resources', 0],
        'arn:aws:iam::111122223333:server-certificate/api',
      ),
      errorName: 'EventValidationError',
      reason: /resources\[0\]: expected an ACM certificate ARN/,
    },
    {
      problem: 'an ACM event of a kind nothing routes',
      event: withValue(loadEvent('acm-certificate-expired'), ['detail-type'], 'ACM Certificate Deleted'),
      errorName: 'UnsupportedEventError',
      reason: /is not an ACM event/,
    },
  ])(
    'refuses $problem: logged with its id, counted, rejected, and no AWS call made',
    async ({ event, errorName, reason }) => {
      // Act
      const invocation = handler(event, context);

      // Assess
      await expectRejectedAsInvalid(invocation, mocks, harness.output, {
        errorName,
        reason,
        eventId: String(event.id),
      });
    },
  );
});
