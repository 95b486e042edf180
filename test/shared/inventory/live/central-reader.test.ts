/**
 * The security account's aggregator sweep describes what Config items lack in the member account, with the
 * member's transit-guard-central-reader role (issue #17 item 3): assumed once per account, only for families
 * that need a describe; a role that cannot be assumed leaves those resources "cannot be verified", named.
 */
import { ConfigServiceClient, SelectAggregateResourceConfigCommand } from '@aws-sdk/client-config-service';
import { GetBucketPolicyCommand, GetBucketWebsiteCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createRegionalClients } from '../../../../shared/aws/clients.js';
import { FAMILIES } from '../../../../shared/families/index.js';
import {
  aggregatedFamilies,
  selectAggregatePage,
} from '../../../../shared/inventory/live/aggregator-select.js';
import {
  CENTRAL_SESSION_NAME,
  CENTRAL_SESSION_SECONDS,
  createMemberAccess,
} from '../../../../shared/inventory/live/central-reader.js';
import { createAwsInventorySource } from '../../../../shared/inventory/live/source.js';
import { policySchema } from '../../../../shared/policy/schema.js';
import { RULES } from '../../../../shared/rules/index.js';
import { createMemoryFindingStore } from '../../../../shared/state/memory-store.js';
import type { MonitorDeps } from '../../../../shared/usecase/deps.js';
import { planAggregatorSweep, runAggregatorItem } from '../../../../shared/usecase/sweep-work.js';

const sts = mockClient(STSClient);
const s3 = mockClient(S3Client);
const config = mockClient(ConfigServiceClient);

afterEach(() => {
  sts.reset();
  s3.reset();
  config.reset();
});

const CENTRAL = '111122223333';
const MEMBER = '444455556666';
const NEW_MEMBER = '777788889999';
const HOME = 'us-east-1';
const DENY_PLAINTEXT = (bucket: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyPlaintext',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });

/** An S3 bucket as the aggregator returns it: no BucketPolicy in its supplementary configuration. */
function bucketItem(name: string, accountId: string, region: string): string {
  return JSON.stringify({
    resourceId: name,
    resourceType: 'AWS::S3::Bucket',
    resourceName: name,
    arn: `arn:aws:s3:::${name}`,
    accountId,
    awsRegion: region,
    configuration: { name, creationDate: '2025-04-02T09:12:44.000Z' },
    supplementaryConfiguration: {},
  });
}

/** A VPN connection: its family reads nothing beside Config items. */
function vpnItem(id: string, accountId: string): string {
  return JSON.stringify({
    resourceId: id,
    resourceType: 'AWS::EC2::VPNConnection',
    accountId,
    awsRegion: 'ap-south-1',
    configuration: {
      vpnConnectionId: id,
      state: 'available',
      type: 'ipsec.1',
      options: { tunnelOptions: [] },
    },
    supplementaryConfiguration: {},
  });
}

const denied = () =>
  Object.assign(new Error('not authorized to perform sts:AssumeRole'), { name: 'AccessDenied' });

function memberCredentials(accountId: string) {
  return {
    Credentials: {
      AccessKeyId: `ASIA${accountId}`,
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: new Date('2026-12-01T00:15:00Z'),
    },
  };
}

function pageOptions(results: string[]) {
  config.on(SelectAggregateResourceConfigCommand).resolves({ Results: results });
  const members = createMemberAccess({
    region: HOME,
    sourceFor: (clientsFor, accountId) => createAwsInventorySource(clientsFor, { accountId, rateLimits: {} }),
  });
  return {
    aggregator: 'org-aggregator',
    region: HOME,
    clients: createRegionalClients({ credentials: { accessKeyId: 'AKIDCENTRAL', secretAccessKey: 'x' } })(
      HOME,
    ),
    call: <T>(_operation: string, _subject: string, task: () => Promise<T>) => task(),
    families: aggregatedFamilies(FAMILIES),
    members,
  };
}

describe('the aggregator sweep in the member accounts (central reader role)', () => {
  it('assumes the member role once per account and describes only what the Config items lack, there', async () => {
    // Prepare: two buckets of one member in two regions, and one in the other page.
    sts.on(AssumeRoleCommand).resolves(memberCredentials(MEMBER));
    s3.on(GetBucketPolicyCommand).resolves({ Policy: DENY_PLAINTEXT('assets') });
    s3.on(GetBucketWebsiteCommand).rejects(
      Object.assign(new Error('none'), { name: 'NoSuchWebsiteConfiguration' }),
    );
    const options = pageOptions([
      bucketItem('assets', MEMBER, 'eu-west-1'),
      bucketItem('logs', MEMBER, 'us-east-1'),
    ]);

    // Act
    const first = await selectAggregatePage(options);
    const second = await selectAggregatePage(options);

    // Assess
    expect(sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input)).toEqual([
      {
        RoleArn: `arn:aws:iam::${MEMBER}:role/transit-guard-central-reader`,
        RoleSessionName: CENTRAL_SESSION_NAME,
        DurationSeconds: CENTRAL_SESSION_SECONDS,
      },
    ]);
    expect(CENTRAL_SESSION_SECONDS).toBe(900);
    // One GetBucketPolicy per bucket and page, each with the member's session, in the bucket's region.
    const calls = s3.commandCalls(GetBucketPolicyCommand);
    expect(calls.map((c) => c.args[0].input.Bucket).sort()).toEqual(['assets', 'assets', 'logs', 'logs']);
    for (const call of calls) {
      const client = call.thisValue as S3Client;
      expect((await client.config.credentials()).accessKeyId).toBe(`ASIA${MEMBER}`);
    }
    expect(await Promise.all(calls.map((c) => (c.thisValue as S3Client).config.region()))).toEqual(
      expect.arrayContaining(['eu-west-1', 'us-east-1']),
    );
    expect(first.errors).toEqual([]);
    expect(first.unreachable).toEqual([]);
    expect(first.resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          bucketName: 'assets',
          accountId: MEMBER,
          region: 'eu-west-1',
          policyText: DENY_PLAINTEXT('assets'),
        }),
      ]),
    );
    expect(second.resources).toHaveLength(2);
  });

  it('assumes no role for a page whose families read nothing beside Config items', async () => {
    // Prepare
    const options = pageOptions([vpnItem('vpn-0a', MEMBER)]);

    // Act
    const page = await selectAggregatePage(options);

    // Assess
    expect(sts.commandCalls(AssumeRoleCommand)).toEqual([]);
    expect(page.resources).toEqual([expect.objectContaining({ resourceId: 'vpn-0a', accountId: MEMBER })]);
  });

  it('leaves the resources of a member without the role "cannot be verified", names the account and role, and finishes', async () => {
    // Prepare: MEMBER has its stack, NEW_MEMBER not yet.
    sts
      .on(AssumeRoleCommand, { RoleArn: `arn:aws:iam::${MEMBER}:role/transit-guard-central-reader` })
      .resolves(memberCredentials(MEMBER));
    sts
      .on(AssumeRoleCommand, { RoleArn: `arn:aws:iam::${NEW_MEMBER}:role/transit-guard-central-reader` })
      .rejects(denied());
    s3.on(GetBucketPolicyCommand).resolves({ Policy: DENY_PLAINTEXT('assets') });
    s3.on(GetBucketWebsiteCommand).rejects(
      Object.assign(new Error('none'), { name: 'NoSuchWebsiteConfiguration' }),
    );
    const options = pageOptions([
      bucketItem('assets', MEMBER, 'eu-west-1'),
      bucketItem('fresh', NEW_MEMBER, 'eu-west-1'),
      bucketItem('fresh-2', NEW_MEMBER, 'eu-central-1'),
    ]);
    const findings = createMemoryFindingStore();
    const deps: MonitorDeps = {
      source: {
        read: async () => ({ resources: [], gone: [], errors: [], tlsPolicies: [] }),
        enumerate: async () => ({ resources: [], gone: [], errors: [], tlsPolicies: [] }),
      },
      findings,
      publish: async () => {},
      policy: policySchema.parse({}),
      rules: RULES,
      now: () => new Date('2026-12-01T00:00:00Z'),
      scope: { accountId: CENTRAL, regions: [HOME] },
    };
    const item = planAggregatorSweep({
      sweepId: 'org',
      aggregator: 'org-aggregator',
      now: new Date('2026-11-30T00:00:00Z'),
      digest: false,
    });

    // Act
    const outcome = await runAggregatorItem(
      deps,
      item,
      (token) => selectAggregatePage({ ...options, ...(token ? { token } : {}) }),
      options.families,
    );

    // Assess: one denied AssumeRole for the two buckets of NEW_MEMBER (two regions), reported once with account
    // and role.
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
    expect(outcome.errors).toEqual([]);
    expect(outcome.unreachable).toEqual([
      {
        source: `sts:AssumeRole arn:aws:iam::${NEW_MEMBER}:role/transit-guard-central-reader`,
        message: expect.stringContaining(`account ${NEW_MEMBER}`),
      },
    ]);
    expect(outcome.unreachable[0]?.message).toContain('cannot be verified');
    expect(outcome.resources).toBe(3);
    const transport = (id: string) =>
      outcome.evaluations.find(
        (e) => e.ruleId === 's3-bucket-secure-transport' && e.resourceId === `arn:aws:s3:::${id}`,
      );
    expect(transport('assets')?.status).toBe('COMPLIANT');
    // Without its policy (Config recorded none here, the member could not be read): never a pass.
    for (const id of ['fresh', 'fresh-2']) {
      expect(transport(id)?.status).toBe('NON_COMPLIANT');
      expect(transport(id)?.reason).toMatch(/cannot be verified/);
    }
    expect(outcome.next).toBeUndefined();
  });

  it('throws an error other than a denial, so the item is retried, and asks again on the next item', async () => {
    // Prepare
    sts
      .on(AssumeRoleCommand)
      .rejectsOnce(Object.assign(new Error('slow down'), { name: 'Throttling' }))
      .resolves(memberCredentials(MEMBER));
    s3.on(GetBucketPolicyCommand).resolves({ Policy: DENY_PLAINTEXT('assets') });
    s3.on(GetBucketWebsiteCommand).rejects(
      Object.assign(new Error('none'), { name: 'NoSuchWebsiteConfiguration' }),
    );
    const options = pageOptions([bucketItem('assets', MEMBER, 'eu-west-1')]);

    // Act / Assess
    await expect(selectAggregatePage(options)).rejects.toThrow('slow down');
    const again = await selectAggregatePage(options);
    expect(again.resources).toEqual([expect.objectContaining({ policyText: DENY_PLAINTEXT('assets') })]);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
  });
});
