/**
 * "In use by" for the fanned-out sweep (issue #15): each work item reads one family in one region, so an IAM
 * server certificate (us-east-1) never sees the listeners of other items naming it, nor a Private CA the ACM
 * certificates it issued. Every item records here which certificate ARNs its resources name ("certificate ARN ->
 * users"), and the certificate families' items read it back before judging. Items run in any order: a user
 * recorded by this sweep or the previous one counts, so at worst a new listener raises the severity one sweep late.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE_KEYS } from './table.js';

const { partitionKey, sortKey, ttlAttribute } = TABLE_KEYS;

/**
 * Every use under one partition, sorted by certificate ARN then user: one Query per certificate.
 * @internal infra/iam.yml names it in the sweep worker's dynamodb:LeadingKeys condition.
 */
export const CERTIFICATE_USERS_PARTITION = 'CERTIFICATE_USERS';

/** Two daily sweeps: a use not seen again for that long is gone (a listener moved to another certificate). */
const USE_RETENTION_SECONDS = 2 * 24 * 3600;

/** BatchWriteItem takes at most 25 requests (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html). */
const BATCH_SIZE = 25;

export interface CertificateUse {
  /** The certificate's (or CA's) ARN as the user's record names it. */
  arn: string;
  /** The user's resourceId (a listener, an ACM certificate). */
  user: string;
}

export interface CertificateUsers {
  /** Records uses seen at `now`; a use recorded again is kept longer. */
  record(uses: readonly CertificateUse[], now: Date): Promise<void>;
  /** The users of each ARN still within their retention at `now` (ARNs with none are left out). */
  usersOf(arns: readonly string[], now: Date): Promise<Map<string, string[]>>;
}

const expiresAt = (now: Date) => Math.floor(now.getTime() / 1000) + USE_RETENTION_SECONDS;
const nowSeconds = (now: Date) => Math.floor(now.getTime() / 1000);

/** @internal The use-case tests run the fan-out without DynamoDB; the deployed worker uses the DynamoDB store. */
export function createMemoryCertificateUsers(): CertificateUsers {
  const uses = new Map<string, Map<string, number>>();
  return {
    async record(list, now) {
      for (const { arn, user } of list) {
        const users = uses.get(arn) ?? new Map<string, number>();
        users.set(user, expiresAt(now));
        uses.set(arn, users);
      }
    },
    async usersOf(arns, now) {
      const found = new Map<string, string[]>();
      for (const arn of arns) {
        const live = [...(uses.get(arn) ?? [])]
          .filter(([, until]) => until > nowSeconds(now))
          .map(([user]) => user);
        if (live.length > 0) found.set(arn, live.sort());
      }
      return found;
    },
  };
}

export function createDynamoDbCertificateUsers(client: DynamoDBClient, tableName: string): CertificateUsers {
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    async record(list, now) {
      const unique = new Map(list.map((use) => [`${use.arn}#${use.user}`, use]));
      const items = [...unique].map(([key, use]) => ({
        PutRequest: {
          Item: {
            [partitionKey]: CERTIFICATE_USERS_PARTITION,
            [sortKey]: key,
            arn: use.arn,
            user: use.user,
            [ttlAttribute]: expiresAt(now),
          },
        },
      }));
      for (let start = 0; start < items.length; start += BATCH_SIZE) {
        let batch: Record<string, unknown>[] | undefined = items.slice(start, start + BATCH_SIZE);
        // Unprocessed items (throttling) are sent again; the SDK's own retries already back off between calls.
        for (let attempt = 0; batch && batch.length > 0; attempt++) {
          if (attempt === 5)
            throw new Error(`certificate users: ${batch.length} uses left unwritten in ${tableName}`);
          const output = await documents.send(
            new BatchWriteCommand({ RequestItems: { [tableName]: batch as never } }),
          );
          batch = output.UnprocessedItems?.[tableName] as Record<string, unknown>[] | undefined;
        }
      }
    },
    async usersOf(arns, now) {
      const found = new Map<string, string[]>();
      for (const arn of new Set(arns)) {
        const users: string[] = [];
        let start: Record<string, unknown> | undefined;
        do {
          const output = await documents.send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :arn)',
              ExpressionAttributeNames: { '#pk': partitionKey, '#sk': sortKey },
              ExpressionAttributeValues: { ':pk': CERTIFICATE_USERS_PARTITION, ':arn': `${arn}#` },
              ConsistentRead: true,
              ...(start ? { ExclusiveStartKey: start } : {}),
            }),
          );
          for (const item of output.Items ?? []) {
            // TTL deletes late (up to days): an expired use is filtered here, not trusted.
            if (item.arn === arn && Number(item[ttlAttribute]) > nowSeconds(now))
              users.push(String(item.user));
          }
          start = output.LastEvaluatedKey;
        } while (start);
        if (users.length > 0) found.set(arn, users.sort());
      }
      return found;
    },
  };
}
