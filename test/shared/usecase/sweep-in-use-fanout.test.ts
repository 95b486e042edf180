/**
 * "In use by" in the fanned-out sweep (issue #15): each work item reads one family in one region, so the IAM
 * server certificate's item never sees the listeners' items; the users recorded in the state table (dynalite
 * here, a real DynamoDB emulator) must raise the severity, in whichever order the items run.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AcmCertificate } from '../../../shared/families/acm/model.js';
import type { Elbv2Listener } from '../../../shared/families/elbv2/model.js';
import type { IamServerCertificate } from '../../../shared/families/iam/model.js';
import type { PrivateCertificateAuthority } from '../../../shared/families/pca/model.js';
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
import { type LocalDynamo, startDynalite } from '../../helpers/dynalite.js';

const ACCOUNT = '111122223333';
const NOW = new Date('2026-11-22T12:00:00.000Z');
const IAM_ARN = `arn:aws:iam::${ACCOUNT}:server-certificate/legacy-www`;
const CA_ARN = `arn:aws:acm-pca:eu-west-1:${ACCOUNT}:certificate-authority/11223344-1234-1122-2233-112233445566`;

const base = (region: string) => ({ accountId: ACCOUNT, region, tags: {}, source: 'test' });

/** Expires in 10 days: inside the default certificates.expiryDays, not yet expired. */
const iamCertificate: IamServerCertificate = {
  ...base('us-east-1'),
  resourceType: 'AWS::IAM::ServerCertificate',
  resourceId: 'legacy-www',
  serverCertificateName: 'legacy-www',
  arn: IAM_ARN,
  expiration: '2026-12-02T12:00:00.000Z',
};

function listener(region: string, certificateArn: string): Elbv2Listener {
  const listenerArn = `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`;
  return {
    ...base(region),
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
    resourceId: listenerArn,
    listenerArn,
    loadBalancerArn: `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`,
    loadBalancerType: 'application',
    protocol: 'HTTPS',
    port: 443,
    sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    certificates: [{ certificateArn, isDefault: true }],
    defaultActions: [],
  };
}

/** Expired a day ago. */
const authority: PrivateCertificateAuthority = {
  ...base('eu-west-1'),
  resourceType: 'AWS::ACMPCA::CertificateAuthority',
  resourceId: CA_ARN,
  arn: CA_ARN,
  status: 'ACTIVE',
  type: 'SUBORDINATE',
  keyAlgorithm: 'RSA_2048',
  signingAlgorithm: 'SHA256WITHRSA',
  notBefore: '2025-11-21T12:00:00.000Z',
  notAfter: '2026-11-21T12:00:00.000Z',
  hasRevocationConfiguration: true,
  crlEnabled: true,
};

function issued(caArn: string): AcmCertificate {
  const arn = `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/aaaaaaaa-1111-2222-3333-444444444444`;
  return {
    ...base('eu-west-1'),
    resourceType: 'AWS::ACM::Certificate',
    resourceId: arn,
    certificateArn: arn,
    type: 'PRIVATE',
    status: 'ISSUED',
    keyAlgorithm: 'RSA_2048',
    signatureAlgorithm: 'SHA256WITHRSA',
    notAfter: '2027-10-01T00:00:00.000Z',
    certificateAuthorityArn: caArn,
    inUseBy: [],
  };
}

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
