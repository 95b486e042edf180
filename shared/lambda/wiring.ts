import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type Clients, createClients } from '../aws/clients.js';
import { createAwsInventorySource } from '../inventory/live/source.js';
import { publishFindings } from '../report/findings-bus.js';
import { RULES } from '../rules/index.js';
import { createDynamoDbFindingStore } from '../state/dynamodb-store.js';
import type { MonitorDeps } from '../usecase/deps.js';
import type { FunctionConfig } from './config.js';

export class PublishError extends Error {
  override name = 'PublishError';
}

export interface Runtime {
  config: FunctionConfig;
  clientsFor(region: string): Clients;
  /** The use-case ports for one invocation (the inventory source and its caches are per invocation). */
  deps(): MonitorDeps;
}

/** The AWS adapters behind the use-case ports; built once per function instance, at module scope. */
export function createRuntime(config: FunctionConfig): Runtime {
  const clients = new Map<string, Clients>();
  const clientsFor = (region: string) => {
    let regional = clients.get(region);
    if (!regional) {
      regional = createClients({ region });
      clients.set(region, regional);
    }
    return regional;
  };
  const findings = createDynamoDbFindingStore(
    new DynamoDBClient({ region: config.region }),
    config.tableName,
  );
  async function publish(messages: Parameters<MonitorDeps['publish']>[0]) {
    const result = await publishFindings(clientsFor(config.region).eventBridge, messages, {
      busName: config.findingsBus,
    });
    if (result.failed.length > 0) {
      const codes = [...new Set(result.failed.map((f) => f.errorCode))].join(', ');
      throw new PublishError(
        `${result.failed.length} findings could not be put on ${config.findingsBus}: ${codes}`,
      );
    }
  }
  return {
    config,
    clientsFor,
    deps: () => ({
      source: createAwsInventorySource(clientsFor),
      findings,
      publish,
      policy: config.policy,
      rules: RULES,
      now: () => new Date(),
      scope: { accountId: config.accountId, regions: config.regions },
      ...(config.remediationRoleArn ? { ownIdentity: { roleArn: config.remediationRoleArn } } : {}),
    }),
  };
}
