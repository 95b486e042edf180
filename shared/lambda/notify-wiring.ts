import { type MessageAttributeValue, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetter } from '../usecase/notify.js';

const attribute = (value: string, type: 'String' | 'Number' = 'String'): MessageAttributeValue => ({
  DataType: type,
  StringValue: value,
});

/**
 * The Slack dead-letter queue: the message as queued, with why Slack refused it as message attributes (a FIFO
 * queue gets one group and the source message id as dedupe id). Undefined when no queue URL is set.
 */
export function sqsDeadLetter(sqs: SQSClient, queueUrl: string): DeadLetter | undefined {
  if (!queueUrl) return undefined;
  const fifo = queueUrl.endsWith('.fifo');
  return async (record, { reason, status, attempts }) => {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: record.body,
        MessageAttributes: {
          reason: attribute(reason),
          status: attribute(String(status), 'Number'),
          attempts: attribute(String(attempts), 'Number'),
          sourceMessageId: attribute(record.messageId),
        },
        ...(fifo ? { MessageGroupId: 'slack', MessageDeduplicationId: record.messageId } : {}),
      }),
    );
  };
}
