import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../../shared/families/index.js';
import { runCliCaptured } from '../../helpers/run-cli.js';

interface Statement {
  Sid: string;
  Effect: string;
  Action: string[];
  Resource: string | string[];
}

const policyOf = (stdout: string) => JSON.parse(stdout) as { Version: string; Statement: Statement[] };

describe('transit-guard iam', () => {
  it("prints every family's read statements and nothing that writes", async () => {
    // Act
    const result = await runCliCaptured(['iam']);

    // Assess
    expect(result.code).toBe(0);
    const policy = policyOf(result.stdout);
    expect(policy.Version).toBe('2012-10-17');
    const granted = new Set(policy.Statement.flatMap((statement) => statement.Action));
    const reads = new Set(
      FAMILIES.flatMap((family) => family.deployment?.reads ?? []).flatMap((s) => s.actions),
    );
    const writes = FAMILIES.flatMap((family) => family.deployment?.writes ?? []).flatMap((s) => s.actions);
    expect(granted).toEqual(reads);
    for (const action of writes) expect(granted.has(action)).toBe(false);
    for (const action of granted)
      expect(action).toMatch(/^[a-z0-9-]+:(Describe|List|Get)[A-Za-z0-9]+$|^apigateway:GET$/);
    for (const statement of policy.Statement) expect(statement.Effect).toBe('Allow');
    expect(new Set(policy.Statement.map((s) => s.Sid)).size).toBe(policy.Statement.length);
  });

  it('narrows the resources to the regions and account given', async () => {
    // Act
    const any = policyOf((await runCliCaptured(['iam'])).stdout);
    const narrowed = policyOf(
      (
        await runCliCaptured([
          'iam',
          '--region',
          'eu-west-1',
          '--region',
          'us-east-1',
          '--account',
          '111122223333',
        ])
      ).stdout,
    );

    // Assess: each ARN as the service spells it, a global service's without a region, some without an account.
    const shapes = new Map(
      FAMILIES.flatMap((family) => family.deployment?.reads ?? []).map((statement) => [
        statement.sid,
        statement.resource,
      ]),
    );
    const regional = narrowed.Statement.filter((statement) => statement.Resource !== '*');
    expect(regional.length).toBeGreaterThan(0);
    for (const statement of regional) {
      const shape = shapes.get(statement.Sid);
      if (shape === undefined || shape === '*') throw new Error(`${statement.Sid}: no regional resource`);
      const owner = shape.accountless ? '' : '111122223333';
      const expected = shape.global
        ? `arn:aws:${shape.service}::${owner}:${shape.resource}`
        : ['eu-west-1', 'us-east-1'].map(
            (region) => `arn:aws:${shape.service}:${region}:${owner}:${shape.resource}`,
          );
      expect(statement.Resource, statement.Sid).toEqual(expected);
    }
    // Bucket ARNs name no account: the account's condition key keeps the reads to the given account's buckets.
    expect(narrowed.Statement).toContainEqual(
      expect.objectContaining({
        Sid: 'ReadS3Buckets',
        Resource: 'arn:aws:s3:::*',
        Condition: { StringEquals: { 's3:ResourceAccount': '111122223333' } },
      }),
    );
    expect(any.Statement.find((statement) => statement.Sid === 'ReadS3Buckets')).not.toHaveProperty(
      'Condition',
    );
    expect(narrowed.Statement).toContainEqual(
      expect.objectContaining({
        Sid: 'ReadCloudFrontDistributions',
        Resource: 'arn:aws:cloudfront::111122223333:distribution/*',
      }),
    );
    for (const statement of any.Statement.filter((s) => s.Resource !== '*')) {
      expect(statement.Resource).toMatch(/^arn:aws:[a-z0-9-]+:(\*)?:(\*)?:.+/);
    }
    const acm = FAMILIES.find((family) => family.id === 'acm')?.deployment?.reads[0];
    expect(narrowed.Statement).toContainEqual(
      expect.objectContaining({
        Sid: acm?.sid,
        Resource: [
          'arn:aws:acm:eu-west-1:111122223333:certificate/*',
          'arn:aws:acm:us-east-1:111122223333:certificate/*',
        ],
      }),
    );
  });

  it('names the partition in the ARNs', async () => {
    // Act
    const result = await runCliCaptured(['iam', '--partition', 'aws-cn', '--region', 'cn-north-1']);

    // Assess
    const arns = policyOf(result.stdout).Statement.flatMap((s) =>
      s.Resource === '*' ? [] : [s.Resource].flat(),
    );
    expect(arns.length).toBeGreaterThan(0);
    for (const arn of arns) expect(arn).toMatch(/^arn:aws-cn:[a-z0-9-]+:(cn-north-1)?:(\*)?:/);
  });

  it.each([
    [['--region', 'Ireland'], '--region: "Ireland" is not an AWS region name'],
    [['--account', 'abc'], '--account: "abc" is not a 12-digit AWS account id'],
    [['--partition', 'azure'], '--partition: "azure" is not an AWS partition'],
  ])('exits 2 for %j', async (flags, message) => {
    // Act
    const result = await runCliCaptured(['iam', ...flags]);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });
});
