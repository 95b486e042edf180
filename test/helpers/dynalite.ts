import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { tableDefinition } from '../../shared/state/table.js';

export interface LocalDynamo {
  client: DynamoDBClient;
  endpoint: string;
  createTable(name: string): Promise<void>;
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
  return {
    client,
    endpoint,
    async createTable(name) {
      // dynalite has no UpdateTimeToLive; TTL is declared in infra/ and checked on the template.
      await client.send(new CreateTableCommand(tableDefinition(name)));
    },
    async stop() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
