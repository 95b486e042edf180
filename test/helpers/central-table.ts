import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { centralTableDefinition } from '../../shared/org/central-table.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

/**
 * The organization's findings table, empty, on dynalite: dropped if it exists (dynalite drops and creates
 * asynchronously, so each step waits as a DynamoDB client would), then created and ACTIVE.
 */
export async function freshCentralTable(client: DynamoDBClient, name: string): Promise<void> {
  const exists = () =>
    client.send(new DescribeTableCommand({ TableName: name })).then(
      ({ Table }) => Table?.TableStatus ?? 'UNKNOWN',
      () => undefined,
    );
  if (await exists()) {
    await client.send(new DeleteTableCommand({ TableName: name }));
    while (await exists()) await settle();
  }
  await client.send(new CreateTableCommand(centralTableDefinition(name)));
  while ((await exists()) !== 'ACTIVE') await settle();
}
