/**
 * "In use by" in the fanned-out sweep (issue #15): each work item reads one family in one region, so the IAM
 * server certificate's item never sees the listeners' items; the users recorded in the state table (dynalite
 * here, a real DynamoDB emulator) must raise the severity, in whichever order the items run.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigRuleInvocation } from '../../../shared/events/config.js';
import { inspect } from '../../../shared/events/result.js';
import { emptyReadResult, type InventorySource } from '../../../shared/inventory/live/port.js';
import type { Evaluation } from '../../../shared/model/evaluation.js';
import type { Resource } from '../../../shared/model/resource.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { RULES } from '../../../shared/rules/index.js';
import {
  type CertificateUsers,
  createDynamoDbCertificateUsers,
  createMemoryCertificateUsers,
} from '../../../shared/state/certificate-users.js';
import { findingIdOf } from '../../../shared/state/finding-store.js';
import { createMemoryFindingStore } from '../../../shared/state/memory-store.js';
import { configRule } from '../../../shared/usecase/config-rule.js';
import type { MonitorDeps } from '../../../shared/usecase/deps.js';
import { inspectEvent } from '../../../shared/usecase/inspect.js';
import { runSweepItem, type SweepItem } from '../../../shared/usecase/sweep-work.js';
import {
  ACCOUNT,
  authority,
  CA_ARN,
  IAM_ARN,
  iamCertificate,
  issued,
  listener,
  NOW,
} from '../../helpers/certificate-users-fixtures.js';
import { type LocalDynamo, startDynalite } from '../../helpers/dynalite.js';

let local: LocalDynamo;
let tables = 0;
beforeAll(async () => {
  local = await startDynalite();
});
afterAll(async () => {
  await local.stop();
});

const stores: [string, () => Promise<CertificateUsers>][] = [
  ['memory', async () => createMemoryCertificateUsers()],
  [
    'DynamoDB (dynalite)',
    async () => {
      const name = `certificate-users-${++tables}`;
      await local.createTable(name);
      return createDynamoDbCertificateUsers(local.client, name);
    },
  ],
];

let findings: ReturnType<typeof createMemoryFindingStore>;
beforeEach(() => {
  findings = createMemoryFindingStore();
});

function depsOf(source: InventorySource, now: Date, users?: CertificateUsers): MonitorDeps {
  return {
    source,
    findings,
    publish: async () => {},
    policy: policySchema.parse({}),
    rules: RULES,
    now: () => now,
    scope: { accountId: ACCOUNT },
    ...(users ? { certificateUsers: users } : {}),
  };
}

/**
 * What an event about the certificate concludes (UploadServerCertificate, a Private CA call): the inspectors read
 * the one resource and judge it with the users the store holds, recording none.
 */
async function inspectOne(users: CertificateUsers | undefined, resource: Resource, now = NOW) {
  const source: InventorySource = {
    read: async () => ({ ...emptyReadResult(), resources: [resource] }),
    enumerate: async () => emptyReadResult(),
  };
  const route = inspect({
    eventId: `event-${resource.resourceId}`,
    eventName: 'UploadServerCertificate',
    refs: [
      {
        resourceType: resource.resourceType,
        resourceId: resource.resourceId,
        accountId: ACCOUNT,
        region: resource.region ?? 'us-east-1',
      },
    ],
  });
  const outcome = await inspectEvent(route, depsOf(source, now, users));
  return (ruleId: string) => outcome.evaluations.find((evaluation) => evaluation.ruleId === ruleId);
}

/** What a finding says: the same certificate must read the same from the sweep and from an event. */
const said = (evaluation: Evaluation | undefined) => ({
  status: evaluation?.status,
  severity: evaluation?.severity,
  reason: evaluation?.reason,
  details: evaluation?.details,
});

/** Runs the first (and only) page of one family in one region, the page holding `resources`. */
async function runItem(
  users: CertificateUsers,
  region: string,
  family: string,
  resources: Resource[],
  now = NOW,
) {
  const source: InventorySource = {
    read: async () => emptyReadResult(),
    enumerate: async () => emptyReadResult(),
    enumeratePage: async () => ({ ...emptyReadResult(), resources }),
  };
  const deps = depsOf(source, now);
  const item: SweepItem = {
    sweepId: 'sweep-1',
    plannedAt: NOW.toISOString(),
    region,
    family,
    pageNumber: 1,
    clean: true,
    digest: false,
  };
  const outcome = await runSweepItem(deps, item, undefined, users);
  return (ruleId: string) => outcome.evaluations.find((evaluation) => evaluation.ruleId === ruleId);
}

describe.each(stores)('fanned-out sweep: in use by through the recorded users (%s)', (_name, makeStore) => {
  it('raises an IAM server certificate to high when another item read a listener serving it', async () => {
    const users = await makeStore();
    const served = listener('eu-west-1', IAM_ARN);
    await runItem(users, 'eu-west-1', 'elbv2', [served]);

    const find = await runItem(users, 'us-east-1', 'iam', [iamCertificate]);

    const expiry = find('iam-server-certificate-expiry');
    expect(expiry?.severity).toBe('high');
    expect(expiry?.details).toMatchObject({ inUse: true, inUseBy: [served.resourceId] });
  });

  it('keeps it medium when the listeners recorded serve another certificate', async () => {
    const users = await makeStore();
    await runItem(users, 'eu-west-1', 'elbv2', [
      listener('eu-west-1', `arn:aws:iam::${ACCOUNT}:server-certificate/other`),
    ]);

    const find = await runItem(users, 'us-east-1', 'iam', [iamCertificate]);

    expect(find('iam-server-certificate-expiry')?.severity).toBe('medium');
  });

  it('forgets a use not seen again within its retention (two days)', async () => {
    const users = await makeStore();
    await runItem(users, 'eu-west-1', 'elbv2', [listener('eu-west-1', IAM_ARN)]);

    const later = new Date(NOW.getTime() + 3 * 24 * 3600 * 1000);
    const find = await runItem(
      users,
      'us-east-1',
      'iam',
      [{ ...iamCertificate, expiration: '2026-12-05T12:00:00.000Z' }],
      later,
    );

    expect(find('iam-server-certificate-expiry')?.severity).toBe('medium');
  });

  it('raises an expired Private CA to critical when the ACM item read a certificate it issued', async () => {
    const users = await makeStore();
    await runItem(users, 'eu-west-1', 'acm', [issued(CA_ARN)]);

    const find = await runItem(users, 'eu-west-1', 'pca', [authority]);

    const expiry = find('pca-authority-expiry');
    expect(expiry?.severity).toBe('critical');
    expect(expiry?.details).toMatchObject({ issuedCertificates: 1 });
  });

  it('does not count a certificate as its own user', async () => {
    const users = await makeStore();
    await runItem(users, 'eu-west-1', 'pca', [authority]);

    expect(await users.usersOf([CA_ARN, IAM_ARN], NOW)).toEqual(new Map());
  });
});

describe.each(stores)('event inspection: in use by through the recorded users (%s)', (_name, makeStore) => {
  it('judges an IAM server certificate as the sweep does: high, naming the listener the sweep recorded', async () => {
    const users = await makeStore();
    const served = listener('eu-west-1', IAM_ARN);
    await runItem(users, 'eu-west-1', 'elbv2', [served]);
    const bySweep = (await runItem(users, 'us-east-1', 'iam', [iamCertificate]))(
      'iam-server-certificate-expiry',
    );

    const byEvent = (await inspectOne(users, iamCertificate))('iam-server-certificate-expiry');

    expect(byEvent?.severity).toBe('high');
    expect(byEvent?.reason).toContain(`Served by ${served.resourceId}`);
    expect(said(byEvent)).toEqual(said(bySweep));
  });

  it('judges an expired one as the sweep does: critical, still served by both recorded listeners', async () => {
    const users = await makeStore();
    const expired = { ...iamCertificate, expiration: '2026-11-20T12:00:00.000Z' };
    const inEurope = listener('eu-west-1', IAM_ARN);
    const inVirginia = listener('us-east-1', IAM_ARN);
    await runItem(users, 'eu-west-1', 'elbv2', [inEurope]);
    await runItem(users, 'us-east-1', 'elbv2', [inVirginia]);
    const bySweep = (await runItem(users, 'us-east-1', 'iam', [expired]))('iam-server-certificate-expiry');

    const byEvent = (await inspectOne(users, expired))('iam-server-certificate-expiry');

    expect(byEvent?.severity).toBe('critical');
    expect(byEvent?.details).toMatchObject({ inUseBy: [inEurope.resourceId, inVirginia.resourceId].sort() });
    expect(said(byEvent)).toEqual(said(bySweep));
  });

  it('keeps one no listener serves medium, as the sweep does', async () => {
    const users = await makeStore();
    await runItem(users, 'eu-west-1', 'elbv2', [
      listener('eu-west-1', `arn:aws:iam::${ACCOUNT}:server-certificate/other`),
    ]);
    const bySweep = (await runItem(users, 'us-east-1', 'iam', [iamCertificate]))(
      'iam-server-certificate-expiry',
    );

    const byEvent = (await inspectOne(users, iamCertificate))('iam-server-certificate-expiry');

    expect(byEvent?.severity).toBe('medium');
    expect(said(byEvent)).toEqual(said(bySweep));
  });

  it('judges a Private CA with the certificates it issued, as the sweep does', async () => {
    const users = await makeStore();
    await runItem(users, 'eu-west-1', 'acm', [issued(CA_ARN)]);
    const bySweep = (await runItem(users, 'eu-west-1', 'pca', [authority]))('pca-authority-expiry');

    const byEvent = (await inspectOne(users, authority))('pca-authority-expiry');

    expect(byEvent?.severity).toBe('critical');
    expect(said(byEvent)).toEqual(said(bySweep));
  });

  it('names a CloudFront distribution the sweep recorded serving it by ServerCertificateId, as the sweep does', async () => {
    const users = await makeStore();
    const certificate = { ...iamCertificate, serverCertificateId: 'ASCARZ4EXAMPLEQ7KD3LM' };
    const distributionArn = `arn:aws:cloudfront::${ACCOUNT}:distribution/E2SAFEEXAMPLE2`;
    const distribution = {
      resourceType: 'AWS::CloudFront::Distribution',
      resourceId: distributionArn,
      accountId: ACCOUNT,
      region: 'us-east-1',
      tags: {},
      source: 'test',
      viewerCertificate: { certificateSource: 'iam', iamCertificateId: 'ASCARZ4EXAMPLEQ7KD3LM' },
    } as unknown as Resource;
    await runItem(users, 'us-east-1', 'cloudfront', [distribution]);
    const bySweep = (await runItem(users, 'us-east-1', 'iam', [certificate]))(
      'iam-server-certificate-expiry',
    );

    const byEvent = (await inspectOne(users, certificate))('iam-server-certificate-expiry');

    expect(byEvent?.details).toMatchObject({ inUseBy: [distributionArn] });
    expect(said(byEvent)).toEqual(said(bySweep));
  });

  it("the Config rule's periodic evaluation of us-east-1 judges it as the sweep does", async () => {
    const users = await makeStore();
    await runItem(users, 'eu-west-1', 'elbv2', [listener('eu-west-1', IAM_ARN)]);
    await runItem(users, 'us-east-1', 'iam', [iamCertificate]);
    const findingId = findingIdOf('iam-server-certificate-expiry', iamCertificate.resourceId);
    const bySweep = await findings.get(findingId);
    findings = createMemoryFindingStore();
    const source: InventorySource = {
      read: async () => emptyReadResult(),
      enumerate: async () => ({ ...emptyReadResult(), resources: [iamCertificate] }),
    };
    const invocation = {
      eventId: 'config-rule-periodic',
      region: 'us-east-1',
      accountId: ACCOUNT,
      resultToken: 'token',
      messageType: 'ScheduledNotification',
      trigger: 'periodic',
    } as unknown as ConfigRuleInvocation;
    const port = {
      latestItem: async () => undefined,
      putEvaluations: async () => [],
      resending: () => {},
      refusedTwice: () => {},
    };

    await configRule(invocation, undefined, depsOf(source, NOW, users), port);

    const byRule = await findings.get(findingId);
    expect(byRule?.severity).toBe('high');
    expect({ severity: byRule?.severity, reason: byRule?.reason }).toEqual({
      severity: bySweep?.severity,
      reason: bySweep?.reason,
    });
  });

  it('records no use: an inspected listener leaves the store as it was', async () => {
    const users = await makeStore();

    await inspectOne(users, listener('eu-west-1', IAM_ARN));

    expect(await users.usersOf([IAM_ARN], NOW)).toEqual(new Map());
  });

  it('without the store (the CLI) the certificate is judged on what was read alone', async () => {
    const users = await makeStore();
    await runItem(users, 'eu-west-1', 'elbv2', [listener('eu-west-1', IAM_ARN)]);

    const byEvent = (await inspectOne(undefined, iamCertificate))('iam-server-certificate-expiry');

    expect(byEvent?.severity).toBe('medium');
  });
});
