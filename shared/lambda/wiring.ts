import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { awsClientConfig } from '../aws/client-config.js';
import { createRegionalClients, type RegionClients } from '../aws/clients.js';
import { eventBridgeClient } from '../aws/factories.js';
import type { OwnIdentity } from '../events/loop-guard.js';
import { readPlanFor } from '../inventory/live/plan.js';
import type { AwsInventorySource, AwsInventorySourceOptions } from '../inventory/live/source-core.js';
import { publishFindings } from '../report/findings-bus.js';
import { enqueueJsonMessages, enqueueSlackMessages } from '../report/slack/deliver.js';
import { RULES } from '../rules/index.js';
import { createDynamoDbFindingStore } from '../state/dynamodb-store.js';
import type { FindingStore } from '../state/finding-store.js';
import { createDynamoDbSweepRuns, type SweepRuns } from '../state/sweep-runs.js';
import type { MonitorDeps } from '../usecase/deps.js';
import type { FunctionConfig } from './config.js';

class PublishError extends Error {
  override name = 'PublishError';
}

export interface Runtime {
  config: FunctionConfig;
  clientsFor(region: string): RegionClients;
  dynamoDb: DynamoDBClient;
  findings: FindingStore;
  publish: MonitorDeps['publish'];
  /** The fanned-out sweep's work queue (config.sweepQueueUrl), as JSON messages. */
  sweepQueue?: { enqueue(items: readonly unknown[]): Promise<void> };
  /** The fanned-out sweep's run records (its fan-in: KPIs and the digest once per sweep), with the work queue. */
  sweepRuns?: SweepRuns;
  /** The use-case ports for one invocation (the inventory source and its caches are per invocation). */
  deps(): MonitorDeps;
}

/** transit-guard's own changes: the remediation role, and its session when the deployment names it. */
function ownIdentityOf(roleArn: string, config: Pick<FunctionConfig, 'remediationSessionName'>): OwnIdentity {
  return config.remediationSessionName
    ? { roleArn, sessionNames: [config.remediationSessionName] }
    : { roleArn };
}

/**
 * What a function may reach in AWS beyond its families' clients (each loaded by its family on first use): its
 * live inventory source. Each function passes its own (shared/lambda/inspector-wiring.ts for the inspectors
 * and the sweep, remediate its own), so an AWS Config read a function never uses stays out of its bundle.
 */
export interface RuntimeWiring {
  inventorySource(
    clientsFor: (region: string) => RegionClients,
    options: AwsInventorySourceOptions,
  ): AwsInventorySource;
}

/** The AWS adapters behind the use-case ports; built once per function instance, at module scope. */
export function createRuntime(config: FunctionConfig, wiring: RuntimeWiring): Runtime {
  const clientsFor = createRegionalClients({});
  const dynamoDb = new DynamoDBClient(awsClientConfig({ region: config.region }));
  const findings = createDynamoDbFindingStore(dynamoDb, config.tableName);
  const sqs = new SQSClient(awsClientConfig({ region: config.region }));
  const { actionsQueueUrl, slackOutboxUrl, sweepQueueUrl } = config;
  const putOnBus = (messages: Parameters<MonitorDeps['publish']>[0]) =>
    publishFindings(clientsFor(config.region).get(eventBridgeClient), messages, {
      busName: config.findingsBus,
    });
  /** The messages the bus refused, for the outbox to keep owed (use cases); nothing is thrown for them. */
  const publishOwed: MonitorDeps['publish'] = async (messages) =>
    (await putOnBus(messages)).failed.map((failure) => failure.message);
  /** For audit records sent outside an outbox: a refusal fails the invocation, so it is retried. */
  async function publish(messages: Parameters<MonitorDeps['publish']>[0]) {
    const { failed } = await putOnBus(messages);
    if (failed.length > 0) {
      const codes = [...new Set(failed.map((f) => f.errorCode))].join(', ');
      throw new PublishError(`${failed.length} findings could not be put on ${config.findingsBus}: ${codes}`);
    }
  }
  return {
    config,
    clientsFor,
    dynamoDb,
    findings,
    publish,
    ...(sweepQueueUrl
      ? {
          sweepQueue: {
            enqueue: async (items) => void (await enqueueJsonMessages(sqs, sweepQueueUrl, items)),
          },
          sweepRuns: createDynamoDbSweepRuns(dynamoDb, config.tableName),
        }
      : {}),
    deps: () => ({
      source: wiring.inventorySource(clientsFor, {
        plan: readPlanFor(config.policy, RULES),
        accountId: config.accountId,
        // Only a sweep enumerates; the event functions read the resources an event names with the describe APIs.
        inventoryMode: config.policy.sweep.inventory,
      }),
      findings,
      publish: publishOwed,
      policy: config.policy,
      rules: RULES,
      now: () => new Date(),
      scope: { accountId: config.accountId, regions: config.regions },
      ...(config.remediationRoleArn ? { ownIdentity: ownIdentityOf(config.remediationRoleArn, config) } : {}),
      ...(slackOutboxUrl
        ? {
            outbox: {
              enqueue: async (payloads) => void (await enqueueSlackMessages(sqs, slackOutboxUrl, payloads)),
            },
          }
        : {}),
      ...(actionsQueueUrl
        ? {
            actions: {
              enqueue: async (actions) => void (await enqueueJsonMessages(sqs, actionsQueueUrl, actions)),
            },
          }
        : {}),
    }),
  };
}
