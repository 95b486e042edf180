import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse } from 'aws-lambda';
import { awsClientConfig } from '../aws/client-config.js';
import { createHandler, createObservability } from '../lambda/handler.js';
import { enqueueJsonMessages } from '../report/slack/deliver.js';
import { centralAction, parseCustomAction } from './central-action.js';
import {
  CentralEventValidationError,
  type CentralPorts,
  type CentralSummary,
  centralFindings,
  parseMemberEvent,
} from './central-findings.js';
import { type CentralEvent, createCentralTable } from './central-table.js';
import { type CentralConfig, loadCentralConfig } from './config.js';
import { exportToSecurityHub } from './security-hub.js';
import { writeToSecurityLake } from './security-lake.js';
import { organizationsOuPath } from './slack-routes.js';

/** The account a function runs in, from its own ARN (arn:aws:lambda:<region>:<account>:function:<name>). */
function accountOf(context: Context): string {
  const account = context.invokedFunctionArn.split(':')[4];
  if (!account || !/^\d{12}$/.test(account))
    throw new Error(`cannot read the account from the function ARN ${context.invokedFunctionArn}`);
  return account;
}

/** The member events of one invocation, and the SQS messages that did not hold one. */
interface CentralInput {
  events: CentralEvent[];
  /** Set for an SQS batch: its malformed messages, reported back alone (then dead-lettered by the queue). */
  sqs?: { invalid: { messageId: string; reason: string }[] };
}

/**
 * One EventBridge event (a rule targeting the function; a malformed one is refused whole), or an SQS batch
 * whose bodies are those events (a rule targeting a queue, for batching and a dead-letter queue): there a
 * malformed message fails alone and the others are applied.
 */
function parseCentralInput(event: unknown): CentralInput {
  const records = (event as { Records?: unknown } | null)?.Records;
  if (!Array.isArray(records)) return { events: [parseMemberEvent(event)] };
  const events: CentralEvent[] = [];
  const invalid: { messageId: string; reason: string }[] = [];
  for (const record of records as { messageId?: unknown; body?: unknown }[]) {
    const messageId = String(record.messageId);
    try {
      let body: unknown;
      try {
        body = JSON.parse(String(record.body));
      } catch {
        throw new CentralEventValidationError(`SQS message ${messageId}: body is not JSON`);
      }
      events.push(parseMemberEvent(body));
    } catch (error) {
      invalid.push({ messageId, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { events, sqs: { invalid } };
}

interface Clients {
  config: CentralConfig;
  dynamoDb: DynamoDBClient;
}

function clientsFrom(config: CentralConfig): Clients {
  return { config, dynamoDb: new DynamoDBClient(awsClientConfig({ region: config.region })) };
}

/** central-findings: the organization's findings table, Slack by route, Security Hub. */
export function createCentralFindingsFunction() {
  const observability = createObservability('central-findings');
  const { logger } = observability;
  let ports: ((context: Context) => CentralPorts) | undefined;
  function build(): (context: Context) => CentralPorts {
    const { config, dynamoDb } = clientsFrom(loadCentralConfig(process.env, { securityHub: true }));
    const table = createCentralTable(dynamoDb, config.tableName);
    const sqs = new SQSClient(awsClientConfig({ region: config.region }));
    // Organizations is a global service whose API answers in us-east-1 (aws partition).
    const organizations = new OrganizationsClient(awsClientConfig({ region: 'us-east-1' }));
    const securityHub = new SecurityHubClient(awsClientConfig({ region: config.region }));
    const ouPathOf = organizationsOuPath(organizations);
    const s3 = new S3Client(awsClientConfig({ region: config.region }));
    const { securityLake } = config;
    return (context) => ({
      table,
      ...(config.slack
        ? {
            slack: {
              routes: config.slack.routes,
              ouPathOf,
              enqueue: async (messages) => {
                await enqueueJsonMessages(
                  sqs,
                  (config.slack as NonNullable<CentralConfig['slack']>).outboxUrl,
                  messages.map((message) => message.payload),
                  {
                    attributesOf: (index) => ({
                      channel: { DataType: 'String', StringValue: messages[index]?.channel },
                    }),
                  },
                );
              },
            },
          }
        : {}),
      ...(config.securityHub
        ? {
            securityHub: {
              central: { accountId: accountOf(context), region: config.region },
              export: (findings) => exportToSecurityHub(securityHub, findings),
            },
          }
        : {}),
      ...(securityLake
        ? {
            securityLake: {
              write: async (events) => {
                await writeToSecurityLake(s3, securityLake, events);
              },
            },
          }
        : {}),
      log: logger,
    });
  }
  return createHandler<CentralInput, CentralSummary | SQSBatchResponse>({
    name: 'central-findings',
    observability,
    parse: parseCentralInput,
    async handle({ events, sqs }, context) {
      // Cold start: the environment is validated before anything is read or written.
      ports ??= build();
      for (const { messageId, reason } of sqs?.invalid ?? [])
        logger.error('Invalid member event: left to the dead-letter queue', { messageId, reason });
      const summary = await centralFindings(ports(context), events);
      logger.info('Member events applied', { ...summary });
      if (!sqs) return summary;
      return { batchItemFailures: sqs.invalid.map(({ messageId }) => ({ itemIdentifier: messageId })) };
    },
  });
}

/** central-action: "transit-guard: remediate" -> a remediation request on each owning account's bus. */
export function createCentralActionFunction() {
  const observability = createObservability('central-action');
  const { logger } = observability;
  let run: ((event: ReturnType<typeof parseCustomAction>) => ReturnType<typeof centralAction>) | undefined;
  return createHandler({
    name: 'central-action',
    observability,
    parse: parseCustomAction,
    async handle(event) {
      if (!run) {
        const { config, dynamoDb } = clientsFrom(loadCentralConfig(process.env, { memberBus: true }));
        const table = createCentralTable(dynamoDb, config.tableName);
        const clients = new Map<string, EventBridgeClient>();
        const eventBridge = (region: string) => {
          let client = clients.get(region);
          if (!client) {
            client = new EventBridgeClient(awsClientConfig({ region }));
            clients.set(region, client);
          }
          return client;
        };
        const memberBusName = config.memberBusName as string;
        run = (parsed) => centralAction({ table, memberBusName, eventBridge, log: logger }, parsed);
      }
      return run(event);
    },
  });
}
