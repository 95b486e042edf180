import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { Context, SQSRecord } from 'aws-lambda';
import { awsClientConfig } from '../aws/client-config.js';
import { familyClients } from '../aws/family-clients.js';
import { parseSqsBody } from '../events/sqs.js';
import { createLiveInventorySource } from '../inventory/live/source-core.js';
import { makeActionIdempotent } from '../response/idempotency.js';
import { type ActionMessage, actionMessageSchema } from '../usecase/actions.js';
import { checkAction, InvalidActionError, type RemediatePorts } from '../usecase/remediate.js';
import type { Observability } from './handler.js';
import { createRemediationSwitch, type RemediationSwitch, ssmRegionOf } from './remediation-switch.js';
import type { Runtime, RuntimeWiring } from './wiring.js';

/** The live inventory without AWS Config, which remediate never reads. */
export const REMEDIATE_WIRING: RuntimeWiring = {
  inventorySource: (clientsFor, options) => createLiveInventorySource(clientsFor, options),
};

/** An action message, through the one SQS body schema; what is wrong with it is named, never acted on. */
export function parseAction(record: SQSRecord): ActionMessage {
  const parsed = parseSqsBody(record, actionMessageSchema);
  if (!parsed.success) throw new InvalidActionError(`message ${record.messageId}: ${parsed.problem}`);
  return checkAction(record.messageId, parsed.data as ActionMessage);
}

/**
 * The remediate use case's ports on the runtime, for one invocation's Lambda context: the emergency switch (its
 * SSM client made on first need) and the idempotent executor are made once per function instance.
 */
export function remediatePorts(
  rt: Runtime,
  options: { sleep: (ms: number) => Promise<void>; observability: Observability },
): (context: Context) => RemediatePorts {
  const { logger, metrics } = options.observability;
  const { accountId, regions, region, remediationSwitchParameter, tableName } = rt.config;
  let idempotent: ReturnType<typeof makeActionIdempotent> | undefined;
  let remediationSwitch: RemediationSwitch | undefined;
  return (context) => ({
    deps: rt.deps,
    publish: rt.publish,
    clientFor: (region) => familyClients(rt.clientsFor(region)),
    scope: { accountId, regions },
    remediationSwitch: () => {
      remediationSwitch ??= createRemediationSwitch(
        remediationSwitchParameter,
        // A central switch shared from the security account is read by its ARN, in its region.
        new SSMClient(awsClientConfig({ region: ssmRegionOf(remediationSwitchParameter ?? '', region) })),
      );
      return remediationSwitch();
    },
    ...(remediationSwitchParameter ? { remediationSwitchName: remediationSwitchParameter } : {}),
    once: (request, run) => {
      idempotent ??= makeActionIdempotent(run, { tableName, client: rt.dynamoDb });
      return idempotent(request, context);
    },
    sleep: options.sleep,
    decided(record, outcome) {
      metrics.addMetric(`Actions_${record.status}`, MetricUnit.Count, 1);
      if (outcome === 'not-acted')
        logger.warn('Action not carried out', { status: record.status, note: record.note });
      else logger.info('Action finished', { status: record.status, outcome, error: record.error });
    },
  });
}
