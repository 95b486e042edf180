import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/on-config-change.js';
import { routeConfigChange } from '../../shared/events/config.js';
import { loadFunctionConfig } from '../../shared/lambda/config.js';
import { createEventFunction } from '../../shared/lambda/event-function.js';
import { INSPECTOR_WIRING } from '../../shared/lambda/inspector-wiring.js';
import { createRuntime } from '../../shared/lambda/wiring.js';
import { loadEvent, withValue } from '../fixtures/events/load.js';
import {
  CERT_API,
  CLASSIC_FINDINGS,
  CLASSIC_READS,
  installAccount,
  LISTENER_FINDINGS,
  VPN_READS,
  WEB_READS,
} from '../helpers/fake-account.js';
import {
  type ExpectedRead,
  expectExactReads,
  expectPlanRecords,
  expectRejectedAsInvalid,
  FINDINGS_BUS,
  publishedEntries,
  publishedKinds,
  readCalls,
  seedOpenFinding,
  useFunctionHarness,
} from '../helpers/lambda-env.js';

const harness = useFunctionHarness('on-config-change', installAccount);
const { mocks, context } = harness;

interface Row {
  fixture: string;
  reads: ExpectedRead[];
  findings: string[];
  ignored?: RegExp;
}

const ROWS: Row[] = [
  { fixture: 'config-change-elbv2-listener', reads: WEB_READS, findings: LISTENER_FINDINGS },
  // The oversized item carries no configuration: the live read is all that counts anyway.
  { fixture: 'config-change-oversized-elbv2-listener', reads: WEB_READS, findings: LISTENER_FINDINGS },
  { fixture: 'config-change-elb-load-balancer', reads: CLASSIC_READS, findings: CLASSIC_FINDINGS },
  { fixture: 'config-change-vpn-connection', reads: VPN_READS, findings: ['finding:vpn-tunnel-ike-version'] },
  { fixture: 'config-change-acm-certificate-deleted', reads: [], findings: [] },
  {
    fixture: 'config-change-elbv2-load-balancer',
    reads: [],
    findings: [],
    ignored: /load balancer items carry no listener data/,
  },
  { fixture: 'config-change-security-group', reads: [], findings: [], ignored: /not monitored/ },
];

describe('on-config-change handler', () => {
  it.each(ROWS)('$fixture: reads exactly the live state it needs and publishes its findings', async (row) => {
    // Prepare
    const event = loadEvent(row.fixture);

    // Act
    const result = await handler(event, context);

    // Assess
    expect(result).toMatchObject({
      eventId: event.id,
      ...(row.ignored ? { ignored: expect.stringMatching(row.ignored) } : {}),
    });
    expectExactReads(mocks, row.reads);
    expect(publishedKinds(mocks)).toEqual(row.findings);
    expectPlanRecords(mocks);
    for (const entry of publishedEntries(mocks)) {
      expect(entry).toMatchObject({
        Source: 'transit-guard',
        DetailType: 'Transit Finding',
        EventBusName: FINDINGS_BUS,
        detail: { kind: expect.stringMatching(/^(finding|plan)$/), triggerId: event.id },
      });
    }
  });

  it('a second trigger of a change already read (a redelivery, or the Config rule before it) reads nothing and is counted', async () => {
    // Prepare: the first delivery reads the listener (the change was captured before that read).
    const event = loadEvent('config-change-elbv2-listener');
    await handler(event, context);
    expectExactReads(mocks, WEB_READS);
    const reads = readCalls(mocks).length;
    const published = publishedKinds(mocks).length;

    // Act
    const again = await handler({ ...event, id: 'b7c8d9e0-0000-4000-8000-00000000dup1' }, context);

    // Assess
    expect(again).toMatchObject({ duplicate: 'covered', evaluated: 0 });
    expect(readCalls(mocks)).toHaveLength(reads);
    expect(publishedKinds(mocks)).toHaveLength(published);
    // Counted by its log line (no per-event custom metric).
    const skipped = harness.output.logs().filter((log) => log.message === 'Duplicate inspection skipped');
    expect(skipped).toEqual([expect.objectContaining({ duplicate: 'covered', eventId: again.eventId })]);
  });

  it('takes its policy from the central policy parameter (TG_POLICY_PARAMETER): a rule the account layer turns off is not reported', async () => {
    // Prepare: the security account's parameter, shared through AWS RAM and read by its ARN.
    const parameter = 'arn:aws:ssm:eu-west-1:444455556666:parameter/transit-guard/policy';
    const ssm = mockClient(SSMClient);
    ssm.on(GetParameterCommand, { Name: parameter }).resolves({
      Parameter: {
        Value: JSON.stringify({
          base: { rules: { 'elbv2-listener-weak-ciphers': { mode: 'notify' } } },
          accounts: { '111122223333': { rules: { 'elbv2-listener-tls-policy': { mode: 'off' } } } },
        }),
        Version: 7,
      },
    });
    const fromParameter = createEventFunction({
      name: 'on-config-change',
      route: routeConfigChange,
      runtime: () =>
        createRuntime(
          loadFunctionConfig({ ...process.env, TG_POLICY_PARAMETER: parameter }),
          INSPECTOR_WIRING,
        ),
    });

    try {
      // Act
      await fromParameter(loadEvent('config-change-elbv2-listener'), context);

      // Assess
      expect(ssm).toReceiveCommandWith(GetParameterCommand, { Name: parameter });
      expect(publishedKinds(mocks)).toEqual(['finding:elbv2-listener-weak-ciphers']);
    } finally {
      ssm.restore();
    }
  });

  it('resolves the open findings of a deleted certificate without reading it', async () => {
    // Prepare
    await seedOpenFinding(
      harness.env.findings,
      'acm-certificate-key-strength',
      'AWS::ACM::Certificate',
      CERT_API,
    );

    // Act
    const result = await handler(loadEvent('config-change-acm-certificate-deleted'), context);

    // Assess
    expect(result).toMatchObject({ resolved: 1 });
    expect(readCalls(mocks)).toEqual([]);
    expect(publishedKinds(mocks)).toEqual(['resolution:acm-certificate-key-strength']);
  });

  it.each([
    {
      problem: 'a change notification without its configuration item',
      event: withValue(loadEvent('config-change-elbv2-listener'), ['detail', 'configurationItem'], undefined),
      errorName: 'EventValidationError',
      reason: /detail\.configurationItem/,
    },
    {
      problem: 'an AWS Config event that is not an item change',
      event: withValue(
        loadEvent('config-change-elbv2-listener'),
        ['detail-type'],
        'Config Rules Compliance Change',
      ),
      errorName: 'UnsupportedEventError',
      reason: /is not a configuration item change/,
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
