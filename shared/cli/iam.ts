import { Command } from 'commander';
import { FAMILIES } from '../families/index.js';
import type { ReadStatement, RegionalResource } from '../infra/family-deployment.js';
import { type CliIo, EXIT, type ExitCode, UsageError } from './io.js';
import { parseAccount, parseRegion } from './options.js';
import { collect } from './replay.js';

interface IamFlags {
  region?: string[];
  account?: string;
  partition: string;
}

interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
  Condition?: { StringEquals: Record<string, string> };
}

/**
 * The ARNs of one statement's resources in each region of the account ("*" for any region or account), as the
 * deployment builds them: a global service's ARNs name no region (CloudFront, IAM, S3), and some services' none
 * of the account (S3 buckets, API Gateway's public APIs and domain names), so a region or account there would
 * match no resource at all.
 */
function arns(
  resource: RegionalResource,
  partition: string,
  regions: readonly string[],
  account: string,
): string[] {
  const owner = resource.accountless ? '' : account;
  return (resource.global ? [''] : regions).map(
    (region) => `arn:${partition}:${resource.service}:${region}:${owner}:${resource.resource}`,
  );
}

/**
 * The identity policy `scan` needs: every family's read statements (Family.deployment.reads, the statements the
 * deployed sweep role gets), merged by Sid as the deployment merges them. Read-only by construction: it holds
 * no family's write statements.
 */
function scanIamPolicy(options: { regions: readonly string[]; account: string; partition: string }) {
  const bySid = new Map<string, ReadStatement>();
  for (const statement of FAMILIES.flatMap((family) => family.deployment?.reads ?? [])) {
    const seen = bySid.get(statement.sid);
    bySid.set(
      statement.sid,
      seen ? { ...seen, actions: [...new Set([...seen.actions, ...statement.actions])] } : statement,
    );
  }
  const statements: PolicyStatement[] = [...bySid.values()].map(({ sid, actions, resource }) => {
    const resources =
      resource === '*' ? '*' : arns(resource, options.partition, options.regions, options.account);
    const accountKey = resource !== '*' && options.account !== '*' ? resource.accountKey : undefined;
    return {
      Sid: sid,
      Effect: 'Allow',
      Action: [...actions].sort(),
      Resource: typeof resources === 'string' || resources.length > 1 ? resources : (resources[0] ?? '*'),
      // An ARN without the account (S3 buckets): the account's condition key keeps it to the given account.
      ...(accountKey ? { Condition: { StringEquals: { [accountKey]: options.account } } } : {}),
    };
  });
  return { Version: '2012-10-17', Statement: statements };
}

export function iamCommand(run: (action: () => Promise<ExitCode>) => void, io: CliIo): Command {
  return new Command('iam')
    .summary('print the least-privilege read-only IAM policy that scan needs (JSON)')
    .description(
      'Prints the identity-based IAM policy (JSON) that `transit-guard scan` needs: the describe and list calls ' +
        'of every family, on the resources of the given regions and account ("*" for any), nothing that writes.',
    )
    .option('--region <region>', 'a region the policy allows (repeatable; default: any region)', collect)
    .option('--account <id>', 'the account the policy allows (default: any account)')
    .option('--partition <partition>', 'aws, aws-cn or aws-us-gov', 'aws')
    .addHelpText(
      'after',
      `
Examples:
  transit-guard iam > transit-guard-scan.json
  aws iam create-policy --policy-name transit-guard-scan --policy-document "$(transit-guard iam --region eu-west-1)"
`,
    )
    .action((flags: IamFlags) =>
      run(async () => {
        const regions = (flags.region ?? []).flatMap((value) => value.split(',')).map((r) => r.trim());
        for (const region of regions) parseRegion(region, '--region');
        const account = parseAccount(flags.account) ?? '*';
        if (!/^aws(-[a-z]+)*$/.test(flags.partition)) {
          throw new UsageError(
            `--partition: "${flags.partition}" is not an AWS partition (aws, aws-cn, aws-us-gov)`,
          );
        }
        const policy = scanIamPolicy({
          regions: regions.length > 0 ? [...new Set(regions)] : ['*'],
          account,
          partition: flags.partition,
        });
        io.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
        return EXIT.ok;
      }),
    );
}
