import type { PutBucketPolicyCommandInput } from '@aws-sdk/client-s3';
import { type CommandSender, writeCommand } from '../../response/calls.js';
import { bucketArn } from './model.js';
import { addDenyStatement, DENY_SID, judgePolicy, statementsOf } from './policy.js';

/** Thrown when the policy read just before the write already denies plaintext: nothing to write. */
class AlreadyDenied extends Error {
  override name = 'BucketPolicyAlreadyDeniesPlaintext';
}

/**
 * The Deny statement spliced into the policy as it is NOW (GetBucketPolicy through the same client, the read
 * the live inventory makes), not as it was when planned: a statement added meanwhile is kept, byte for byte.
 */
async function spliceIntoCurrent(input: Record<string, unknown>, client: CommandSender) {
  const { GetBucketPolicyCommand } = await import('@aws-sdk/client-s3');
  const bucket = String(input.Bucket);
  let current: string | null;
  try {
    const output = (await client.send(new GetBucketPolicyCommand({ Bucket: bucket }))) as { Policy?: string };
    current = output.Policy ?? null;
  } catch (error) {
    if ((error as Error).name !== 'NoSuchBucketPolicy') throw error;
    current = null;
  }
  const arn = plannedArn(input.Policy) ?? bucketArn(bucket);
  if (current !== null && judgePolicy(current, arn).kind === 'denies') {
    throw new AlreadyDenied(`${bucket}: the bucket policy already denies plaintext`);
  }
  const splice = addDenyStatement(current, arn);
  if (splice.kind === 'refused') throw new Error(`${bucket}: ${splice.reason}`);
  return { Bucket: bucket, Policy: splice.text };
}

/** The bucket ARN the planned Deny statement names (its partition: the plan knew the bucket's region). */
function plannedArn(policy: unknown): string | undefined {
  const statements = typeof policy === 'string' ? statementsOf(policy) : [];
  if (typeof statements === 'string') return undefined;
  const deny = statements.find((statement) => statement.Sid === DENY_SID);
  const [arn] = Array.isArray(deny?.Resource) ? deny.Resource : [];
  return typeof arn === 'string' ? arn : undefined;
}

/** The write call S3 remediation makes. */
export const S3_COMMANDS = {
  PutBucketPolicy: writeCommand<PutBucketPolicyCommandInput>({
    service: 's3',
    iamAction: 's3:PutBucketPolicy',
    // Someone added a complete Deny since the plan: the bucket is as wanted, the call counts as made.
    harmlessError: 'BucketPolicyAlreadyDeniesPlaintext',
    complete: spliceIntoCurrent,
    load: async () => (await import('./client.js')).PutBucketPolicyCommand,
  }),
};
