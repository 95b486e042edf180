import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createDynamoDbFindingStore } from '../../shared/state/dynamodb-store.js';
import type { FindingStore } from '../../shared/state/finding-store.js';
import { createMemoryFindingStore } from '../../shared/state/memory-store.js';
import { tableDefinition } from '../../shared/state/table.js';

export interface LocalDynamo {
  client: DynamoDBClient;
  endpoint: string;
  createTable(name: string): Promise<void>;
  /** Deletes the table, waits until dynalite has really dropped it, and creates it empty again. */
  recreateTable(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** A real DynamoDB emulator (dynalite, in memory) on 127.0.0.1, started by the test itself. */
export async function startDynalite(): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
  });
  async function createTable(name: string): Promise<void> {
    // dynalite has no UpdateTimeToLive; TTL is declared in infra/ and checked on the template.
    await client.send(new CreateTableCommand(tableDefinition(name)));
    // CreateTable answers while the table is still CREATING (even with createTableMs 0), and dynalite answers
    // ResourceNotFoundException to item calls until it is ACTIVE: wait, as a DynamoDB client would.
    for (let attempt = 0; ; attempt++) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
      if (Table?.TableStatus === 'ACTIVE') return;
      if (attempt === 200) throw new Error(`dynalite did not make table ${name} ACTIVE within 2 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  return {
    client,
    endpoint,
    createTable,
    async recreateTable(name) {
      await client.send(new DeleteTableCommand({ TableName: name }));
      // DeleteTable answers while the table is still DELETING (even with deleteTableMs 0), so a CreateTable
      // straight after it races and fails with ResourceInUseException.
      for (let attempt = 0; ; attempt++) {
        try {
          await client.send(new DescribeTableCommand({ TableName: name }));
        } catch (error) {
          if (error instanceof ResourceNotFoundException) break;
          throw error;
        }
        if (attempt === 200) throw new Error(`dynalite did not drop table ${name} within 2 s`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await createTable(name);
    },
    async stop() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The finding store both ways the suites run it: in memory, and on DynamoDB (dynalite, a fresh table on each
 * call, named `<prefix>-<n>`). `local` gives the suite's running dynalite.
 */
export function findingStores(
  local: () => LocalDynamo,
  prefix: string,
): [string, () => Promise<FindingStore>][] {
  let tables = 0;
  return [
    ['in memory', async () => createMemoryFindingStore()],
    [
      'on DynamoDB (dynalite)',
      async () => {
        const name = `${prefix}-${++tables}`;
        await local().createTable(name);
        return createDynamoDbFindingStore(local().client, name);
      },
    ],
  ];
}

/** What one DynamoDB call answered: the operation and the items it returned (as the caller received them). */
interface DynamoCall {
  operation: string;
  items: unknown[];
}

/**
 * A client of the running dynalite that records every call and the items it returned: what DynamoDB would bill
 * read units for (a Query's FilterExpression is applied after the read, so these are the items read).
 */
export function recordingClient(local: LocalDynamo): { client: DynamoDBClient; calls: DynamoCall[] } {
  const client = new DynamoDBClient({
    endpoint: local.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
  });
  const calls: DynamoCall[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const output = (result.output ?? {}) as {
        Items?: DynamoCall['items'];
        Item?: DynamoCall['items'][number];
      };
      const items = output.Items ?? (output.Item ? [output.Item] : []);
      calls.push({ operation: String(context.commandName), items });
      return result;
    },
    { step: 'initialize', name: 'recordReturnedItems' },
  );
  return { client, calls };
}
