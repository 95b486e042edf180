/**
 * "In use by" in the fanned-out sweep (issue #15): each work item reads one family in one region, so the IAM
 * server certificate's item never sees the listeners' items; the users recorded in the state table (dynalite
 * here, a real DynamoDB emulator) must raise the severity, in whichever order the items run.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emptyReadResult, type InventorySource } from '../../../shared/inventory/live/port.js';
import type { Resource } from '../../../shared/model/resource.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { RULES } from '../../../shared/rules/index.js';
import {
  type CertificateUsers,
  createDynamoDbCertificateUsers,
  createMemoryCertificateUsers,
} from '../../../shared/state/certificate-users.js';
import { createMemoryFindingStore } from '../../../shared/state/memory-store.js';
import type { MonitorDeps } from '../../../shared/usecase/deps.js';
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
  const deps: MonitorDeps = {
    source,
    findings,
    publish: async () => {},
    policy: policySchema.parse({}),
    rules: RULES,
    now: () => now,
    scope: { accountId: ACCOUNT },
  };
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
