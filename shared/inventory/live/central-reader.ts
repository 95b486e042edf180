/**
 * The security account's way into a member account (issue #17): the organization aggregator's Config items lack
 * what some families read live (the families' afterConfigItems), so the central sweep-worker assumes the member's
 * read-only role `transit-guard-central-reader` (infra/org/member.yml) and describes just that there. One
 * AssumeRole per account per invocation; a role that cannot be assumed (no member stack yet) is reported with
 * the account and the role, and that account's resources keep what Config says ("cannot be verified" for the rest).
 */
import type { STSClient } from '@aws-sdk/client-sts';
import { partitionOf } from '../../aws/arn.js';
import { awsClientConfig } from '../../aws/client-config.js';
import { createRegionalClients, type RegionClients } from '../../aws/clients.js';
import type { InputError } from '../types.js';
import type { AwsInventorySource } from './source-core.js';

/**
 * The member role's fixed name, so the central account can build its ARN in any account.
 * @internal The template tests check infra/org/member.yml names the role this.
 */
export const CENTRAL_READER_ROLE = 'transit-guard-central-reader';
/**
 * What the member's CloudTrail shows as the session of the central sweep's calls.
 * @internal Tests check the AssumeRole request.
 */
export const CENTRAL_SESSION_NAME = 'transit-guard-central-sweep';
/**
 * 15 minutes, AssumeRole's minimum (DurationSeconds 900-43200) and Lambda's longest invocation:
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 * @internal Tests check the AssumeRole request.
 */
export const CENTRAL_SESSION_SECONDS = 900;

/** The error names STS answers when the role does not exist or does not trust the caller. */
const DENIED = new Set(['AccessDenied', 'AccessDeniedException']);

function centralReaderArn(accountId: string, region: string): string {
  return `arn:${partitionOf(region)}:iam::${accountId}:role/${CENTRAL_READER_ROLE}`;
}

/** A member account's reads, or why there are none (the role cannot be assumed: no retry helps). */
export type MemberAccess = { source: AwsInventorySource } | { unreachable: InputError };

export interface MemberAccessOptions {
  /** The central account's region (STS and the ARN partition). */
  region: string;
  /** The STS client of the central worker (its own credentials). */
  sts?: Pick<STSClient, 'send'>;
  /** The live inventory of one member account, read with these clients (the worker's wiring). */
  sourceFor(clientsFor: (region: string) => RegionClients, accountId: string): AwsInventorySource;
}

/**
 * Per invocation: each account's role is assumed once (the promise is kept, a denial too); the credentials build
 * that account's region clients. An error other than a denial (throttling, network) is thrown, so the item fails
 * and SQS hands it over again.
 */
export function createMemberAccess(
  options: MemberAccessOptions,
): (accountId: string) => Promise<MemberAccess> {
  let sts = options.sts;
  const byAccount = new Map<string, Promise<MemberAccess>>();
  const assume = async (accountId: string): Promise<MemberAccess> => {
    const roleArn = centralReaderArn(accountId, options.region);
    let credentials: {
      AccessKeyId?: string;
      SecretAccessKey?: string;
      SessionToken?: string;
      Expiration?: Date;
    };
    // Loaded on first use: only an aggregator item with a family to describe needs STS.
    const { AssumeRoleCommand, STSClient } = await import('@aws-sdk/client-sts');
    sts ??= new STSClient(awsClientConfig({ region: options.region }));
    try {
      const output = await sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: CENTRAL_SESSION_NAME,
          DurationSeconds: CENTRAL_SESSION_SECONDS,
        }),
      );
      credentials = output.Credentials ?? {};
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (!DENIED.has(name)) throw error;
      return {
        unreachable: {
          source: `sts:AssumeRole ${roleArn}`,
          message: `account ${accountId}: the central sweep cannot assume ${roleArn} (${name}; is the member stack deployed with CentralAccountId?), so what AWS Config does not record of its resources cannot be verified`,
        },
      };
    }
    const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = credentials;
    if (!AccessKeyId || !SecretAccessKey || !SessionToken)
      throw new Error(`sts:AssumeRole ${roleArn}: the answer holds no complete Credentials`);
    const clientsFor = createRegionalClients({
      credentials: {
        accessKeyId: AccessKeyId,
        secretAccessKey: SecretAccessKey,
        sessionToken: SessionToken,
        ...(Expiration ? { expiration: Expiration } : {}),
      },
    });
    return { source: options.sourceFor(clientsFor, accountId) };
  };
  return (accountId) => {
    let access = byAccount.get(accountId);
    if (!access) {
      access = assume(accountId);
      // A failure other than a denial is not kept: the next item asks again.
      access.catch(() => byAccount.delete(accountId));
      byAccount.set(accountId, access);
    }
    return access;
  };
}
