import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/on-certificate-event.js';
import { findingIdOf } from '../../shared/state/finding-store.js';
import { loadEvent, withValue } from '../fixtures/events/load.js';
import { CERT_API, CERT_SHOP, certificateReads, installAccount } from '../helpers/fake-account.js';
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
