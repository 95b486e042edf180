import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { awsClientConfig } from '../aws/client-config.js';
import { createRegionalClients, type RegionClients } from '../aws/clients.js';
import { eventBridgeClient } from '../aws/factories.js';
import type { OwnIdentity } from '../events/loop-guard.js';
import { readPlanFor } from '../inventory/live/plan.js';
import type { AwsInventorySource, AwsInventorySourceOptions } from '../inventory/live/source-core.js';
import type { Policy } from '../policy/schema.js';
import { publishFindings } from '../report/findings-bus.js';
import { enqueueJsonMessages, enqueueSlackMessages } from '../report/slack/deliver.js';
import { RULES } from '../rules/index.js';
import { type CertificateUsers, createDynamoDbCertificateUsers } from '../state/certificate-users.js';
import { createDynamoDbChangeLedger } from '../state/change-ledger.js';
import { createDynamoDbFindingStore } from '../state/dynamodb-store.js';
import type { FindingStore } from '../state/finding-store.js';
import { createDynamoDbSweepRuns, type SweepRuns } from '../state/sweep-runs.js';
import type { MonitorDeps } from '../usecase/deps.js';
import type { FunctionConfig } from './config.js';
import type { Observability } from './handler.js';
import { createPolicyParameter } from './policy-parameter.js';
import { ssmRegionOf } from './remediation-switch.js';

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
  /**
   * "Certificate ARN -> users" across the fanned-out sweep's items (issue #15): the sweep worker records and reads
   * them, the inspectors read them (MonitorDeps.certificateUsers).
   */
  certificateUsers: CertificateUsers;
  /** The use-case ports for one invocation (the inventory source and its caches are per invocation). */
  deps(): MonitorDeps;
  /**
   * Reads the policy parameter when its cache expired (TG_POLICY_PARAMETER); each handler calls it before
   * `deps()`. Without a parameter, the packaged policy is used and nothing is read.
   */
  refreshPolicy(observability: Observability): Promise<void>;
}

/** The policy parameter's read, with what it reports going to the function's logs and metrics. */
function policyReader(config: FunctionConfig, { logger, metrics }: Observability) {
  const parameter = config.policyParameter;
  if (!parameter) return undefined;
  return createPolicyParameter(
    {
      parameter: parameter.name,
      client: new SSMClient(awsClientConfig({ region: ssmRegionOf(parameter.name, config.region) })),
      fallback: config.policy,
      accountId: config.accountId,
      ...(parameter.organizationalUnit ? { organizationalUnit: parameter.organizationalUnit } : {}),
      ...(parameter.dryRun === undefined ? {} : { dryRun: parameter.dryRun }),
    },
    {
      invalid(version, message) {
        // Once per bad version: the alarm on InvalidPolicy tells the security team, the log line says why.
        metrics.addMetric('InvalidPolicy', MetricUnit.Count, 1);
        logger.error('The policy parameter holds an invalid policy: keeping the last good one', {
          parameter: parameter.name,
          version,
          error: message,
        });
      },
      unreadable(message) {
        metrics.addMetric('PolicyParameterUnreadable', MetricUnit.Count, 1);
        logger.error('The policy parameter cannot be read: keeping the last good policy', { error: message });
      },
      adopted(version) {
        logger.info('Policy parameter adopted', { parameter: parameter.name, version });
      },
    },
  );
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
  const changes = createDynamoDbChangeLedger(dynamoDb, config.tableName);
  const certificateUsers = createDynamoDbCertificateUsers(dynamoDb, config.tableName);
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
  let policy: Policy = config.policy;
  let readPolicy: (() => Promise<Policy>) | undefined;
  return {
    config,
    clientsFor,
    dynamoDb,
    findings,
    publish,
    certificateUsers,
    ...(sweepQueueUrl
      ? {
          sweepQueue: {
            enqueue: async (items) => void (await enqueueJsonMessages(sqs, sweepQueueUrl, items)),
          },
          sweepRuns: createDynamoDbSweepRuns(dynamoDb, config.tableName),
        }
      : {}),
    async refreshPolicy(observability) {
      readPolicy ??= policyReader(config, observability);
      if (readPolicy) policy = await readPolicy();
    },
    deps: () => ({
      source: wiring.inventorySource(clientsFor, {
        plan: readPlanFor(policy, RULES),
        accountId: config.accountId,
        // Only a sweep enumerates; the event functions read the resources an event names with the describe APIs.
        inventoryMode: policy.sweep.inventory,
      }),
      findings,
      changes,
      certificateUsers,
      publish: publishOwed,
      policy,
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
