import type { Context, SQSEvent } from 'aws-lambda';
import type { SlackPayload } from '../../shared/report/slack/payload.js';

/** The notify-slack function's Lambda context, its time left as `remainingMs` says when asked. */
export function notifySlackContext(
  remainingMs: () => number = () => 60_000,
  requestId = 'c6af9ac6-7b61-11e6-9a41-93e812345678',
): Context {
  return {
    functionName: 'transit-guard-dev-notify-slack',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:transit-guard-dev-notify-slack',
    memoryLimitInMB: '256',
    awsRequestId: requestId,
    getRemainingTimeInMillis: remainingMs,
  } as unknown as Context;
}

/** A Slack message as the inspectors put it on the outbox. */
export const outboxPayload = (n: number): SlackPayload => ({
  text: `HIGH: finding ${n}`,
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `finding ${n}` } }],
});

/** An SQS event as Lambda delivers it from the Slack outbox queue, one record per body. */
export function outboxEvent(bodies: readonly string[], sender = 'transit-guard-on-api-call'): SQSEvent {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `059f36b4-87a3-44ab-83d2-6619752343${String(i + 1).padStart(2, '0')}`,
      receiptHandle: `AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a${i}`,
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1795341492000',
        SenderId: `AROAEXAMPLE:${sender}`,
        ApproximateFirstReceiveTimestamp: '1795341492100',
      },
      messageAttributes: {},
      md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:111122223333:transit-guard-slack-outbox',
      awsRegion: 'eu-west-1',
    })),
  };
}
