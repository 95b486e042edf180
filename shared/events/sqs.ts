import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import { SqsRecordSchema } from '@aws-lambda-powertools/parser/schemas/sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';

/**
 * An SQS event as the queue consumers (remediate, notify-slack) accept it: Powertools' SQS record, of which
 * only the message id and the body are relied on (the rest is left as Lambda sent it).
 */
const sqsEventSchema = z.object({
  Records: z
    .array(
      SqsRecordSchema.pick({ messageId: true, body: true })
        .extend({ messageId: z.string().min(1) })
        .loose(),
    )
    .min(1),
});

/** Validates an SQS event; throws (a ZodError) for one that is not, before any record is handled. */
export function parseSqsEvent(event: unknown): SQSEvent {
  return sqsEventSchema.parse(event) as unknown as SQSEvent;
}

/** One record's body: JSON, validated by `schema`; or what is wrong with it, naming the field. */
export function parseSqsBody<T>(
  record: Pick<SQSRecord, 'body'>,
  schema: z.ZodType<T>,
): { success: true; data: T } | { success: false; problem: string } {
  const parsed = JSONStringified(schema).safeParse(record.body);
  if (parsed.success) return { success: true, data: parsed.data as T };
  const issue = parsed.error.issues[0];
  if (issue?.path.length === 0 && issue.message.startsWith('Invalid JSON')) {
    return { success: false, problem: 'body is not JSON' };
  }
  return { success: false, problem: `${issue?.path.join('.')}: ${issue?.message}` };
}
