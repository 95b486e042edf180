import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { awsClientConfig } from '../aws/client-config.js';
import { makeActionIdempotent } from '../response/idempotency.js';
import { type ActionMessage, actionMessageSchema } from '../usecase/actions.js';
import { checkAction, InvalidActionError, type RemediatePorts, remediate } from '../usecase/remediate.js';
import { loadFunctionConfig } from './config.js';
import { createHandler, createObservability } from './handler.js';
import { REMEDIATE_WIRING } from './remediate-wiring.js';
import { createRemediationSwitch, type RemediationSwitch } from './remediation-switch.js';
import { parseSqsBody, parseSqsEvent } from './sqs.js';
import { createRuntime, type Runtime } from './wiring.js';

/** An action message, through the one SQS body schema; what is wrong with it is named, never acted on. */
function parseAction(record: SQSRecord): ActionMessage {
  const parsed = parseSqsBody(record, actionMessageSchema);
  if (!parsed.success) throw new InvalidActionError(`message ${record.messageId}: ${parsed.problem}`);
  return checkAction(record.messageId, parsed.data as ActionMessage);
}

export interface RemediateFunctionOptions {
  runtime?: () => Runtime;
  /** Test seam for waits between tunnel polls and verification reads. */
  sleep?: (ms: number) => Promise<void>;
}

/** The only function allowed to change resources: drains the actions queue (shared/usecase/remediate.ts). */
export function createRemediateFunction(options: RemediateFunctionOptions = {}) {
  const observability = createObservability('remediate');
  const { logger, metrics } = observability;
  const processor = new BatchProcessor(EventType.SQS);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let runtime: Runtime | undefined;
  let idempotent: ReturnType<typeof makeActionIdempotent> | undefined;
  let remediationSwitch: RemediationSwitch | undefined;

  function ports(rt: Runtime, context: Context): RemediatePorts {
    const { accountId, regions, region, remediationSwitchParameter, tableName } = rt.config;
    return {
      deps: rt.deps,
      publish: rt.publish,
      clientsFor: rt.clientsFor,
      scope: { accountId, regions },
      remediationSwitch: () => {
        remediationSwitch ??= createRemediationSwitch(
          remediationSwitchParameter,
          new SSMClient(awsClientConfig({ region })),
        );
        return remediationSwitch();
      },
      ...(remediationSwitchParameter ? { remediationSwitchName: remediationSwitchParameter } : {}),
      once: (request, run) => {
        idempotent ??= makeActionIdempotent(run, { tableName, client: rt.dynamoDb });
        return idempotent(request, context);
      },
      sleep,
      decided(record, outcome) {
        metrics.addMetric(`Actions_${record.status}`, MetricUnit.Count, 1);
        if (outcome === 'not-acted')
          logger.warn('Action not carried out', { status: record.status, note: record.note });
        else logger.info('Action finished', { status: record.status, outcome, error: record.error });
      },
    };
  }

  return createHandler<SQSEvent, SQSBatchResponse>({
    name: 'remediate',
    observability,
    parse: parseSqsEvent,
    handle: (event, context) => {
      runtime ??= options.runtime ? options.runtime() : createRuntime(loadFunctionConfig(), REMEDIATE_WIRING);
      const rt = runtime;
      const guarded = async (record: SQSRecord) => {
        try {
          const message = parseAction(record);
          logger.appendKeys({
            eventId: message.eventId,
            resource: message.ref.resourceId,
            ruleId: message.ruleId,
          });
          await remediate(ports(rt, context), record.messageId, message);
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
