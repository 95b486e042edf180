import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseSqsEvent } from '../events/sqs.js';
import { type RemediatePorts, remediate } from '../usecase/remediate.js';
import { loadFunctionConfig } from './config.js';
import { createHandler, createObservability } from './handler.js';
import { parseAction, REMEDIATE_WIRING, remediatePorts } from './remediate-wiring.js';
import { createRuntime, type Runtime } from './wiring.js';

export interface RemediateFunctionOptions {
  runtime?: () => Runtime;
  /** Test seam for waits between tunnel polls and verification reads. */
  sleep?: (ms: number) => Promise<void>;
}

/** The only function allowed to change resources: drains the actions queue (shared/usecase/remediate.ts). */
export function createRemediateFunction(options: RemediateFunctionOptions = {}) {
  const observability = createObservability('remediate');
  const { logger } = observability;
  const processor = new BatchProcessor(EventType.SQS);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let runtime: Runtime | undefined;
  let ports: ((context: Context) => RemediatePorts) | undefined;

  return createHandler<SQSEvent, SQSBatchResponse>({
    name: 'remediate',
    observability,
    parse: parseSqsEvent,
    handle: async (event, context) => {
      runtime ??= options.runtime ? options.runtime() : createRuntime(loadFunctionConfig(), REMEDIATE_WIRING);
      await runtime.refreshPolicy(observability);
      ports ??= remediatePorts(runtime, { sleep, observability });
      const forThis = ports(context);
      const guarded = async (record: SQSRecord) => {
        try {
          const message = parseAction(record);
          logger.appendKeys({
            eventId: message.eventId,
            resource: message.ref.resourceId,
            ruleId: message.ruleId,
          });
          await remediate(forThis, record.messageId, message);
        } catch (error) {
          logger.error('Action message failed; SQS will deliver it again or dead-letter it', {
            messageId: record.messageId,
            error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          });
          throw error;
        }
      };
      return processPartialResponse(event, guarded, processor, { context, processInParallel: false });
    },
  });
}
