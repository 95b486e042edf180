import { afterEach, describe, expect, it } from 'vitest';
import { postToSlack, worstCaseDeliveryMs } from '../../../../shared/report/slack/deliver.js';
import { localWebhookUrlForTests } from '../../../../shared/report/slack/webhook-secret.js';
import {
  SLACK,
  type SlackAnswer,
  type SlackServer,
  startSlackServer,
} from '../../../helpers/slack-server.js';

const BODY = JSON.stringify({ text: 'HIGH: finding 1' });

let server: SlackServer | undefined;
async function slack(...script: SlackAnswer[]) {
  server = await startSlackServer(script);
  return { server, webhook: localWebhookUrlForTests(server.webhookUrl) };
}

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('worstCaseDeliveryMs', () => {
  it('adds every request timeout and every backoff between them', () => {
    // Act
    const worst = worstCaseDeliveryMs({ timeoutMs: 5000, maxAttempts: 4, backoffBaseMs: 1000 });

    // Assess
    expect(worst).toBe(4 * 5000 + 1000 + 2000 + 4000);
  });
});

describe('postToSlack with a time limit', () => {
  it('stops retrying a 500 when the next backoff and request would not fit in the time left', async () => {
    // Prepare
    const { server, webhook } = await slack(SLACK.rollupError, SLACK.rollupError, SLACK.rollupError);
    const sleeps: number[] = [];

    // Act
    const result = await postToSlack(webhook, BODY, {
      timeoutMs: 1000,
      backoffBaseMs: 1000,
      maxAttempts: 4,
      timeLeftMs: () => 2500,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });

    // Assess
    expect(result).toEqual({ outcome: 'retryable', status: 500, reason: 'rollup_error', attempts: 2 });
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toEqual([1000]);
  });

  it('gives a request no longer than the time left', async () => {
    // Prepare
    const { webhook } = await slack({ ...SLACK.ok, delayMs: 3000 });
    const started = performance.now();

    // Act
    const result = await postToSlack(webhook, BODY, { timeoutMs: 5000, timeLeftMs: () => 200 });

    // Assess
    expect(result).toEqual({ outcome: 'retryable', reason: 'timeout', attempts: 1 });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('sends nothing when no time is left', async () => {
    // Prepare
    const { server, webhook } = await slack();

    // Act
    const result = await postToSlack(webhook, BODY, { timeLeftMs: () => 0 });

    // Assess
    expect(result).toEqual({ outcome: 'retryable', reason: 'out_of_time', attempts: 0 });
    expect(server.requests).toHaveLength(0);
  });
});
