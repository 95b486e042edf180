import { ConfigServiceClient, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { configPort } from '../../../shared/lambda/config-rule-wiring.js';
import { createObservability } from '../../../shared/lambda/handler.js';
import { notApplicableEvaluation } from '../../../shared/report/config-evaluations.js';

const config = mockClient(ConfigServiceClient);
const client = new ConfigServiceClient({ region: 'eu-west-1' });
const capturedAt = new Date('2026-11-21T08:30:00.000Z');

describe('configPort: putEvaluations', () => {
  afterEach(() => {
    config.reset();
  });

  it('sends 250 evaluations in calls of 100, 100 and 50 with the result token', async () => {
    // Prepare
    config.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
    const evaluations = Array.from({ length: 250 }, (_, i) =>
      notApplicableEvaluation(
        { resourceType: 'AWS::EC2::VPNConnection', resourceId: `vpn-${i}` },
        'n/a',
        capturedAt,
      ),
    );

    // Act
    const failed = await configPort(client, createObservability('config-rule')).putEvaluations(
      'token-123',
      evaluations,
    );

    // Assess
    expect(failed).toEqual([]);
    const sizes = config.commandCalls(PutEvaluationsCommand).map((c) => c.args[0].input.Evaluations?.length);
    expect(sizes).toEqual([100, 100, 50]);
    expect(config).toReceiveCommandWith(PutEvaluationsCommand, { ResultToken: 'token-123' });
  });

  it('returns the evaluations Config refused', async () => {
    // Prepare
    const refused = notApplicableEvaluation(
      { resourceType: 'AWS::EC2::VPNConnection', resourceId: 'vpn-1' },
      'n/a',
      capturedAt,
    );
    config.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [refused] });

    // Act
    const failed = await configPort(client, createObservability('config-rule')).putEvaluations('token-123', [
      refused,
    ]);

    // Assess
    expect(failed).toEqual([refused]);
  });
});
