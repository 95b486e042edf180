/**
 * "In use by" in the single-invocation sweep (issue #15): the sweep reads each region on its own, yet an IAM
 * server certificate (read in us-east-1 only) is served by listeners of every region, and a Private CA's issued
 * ACM certificates are separate records; the severity raise must hold as it does offline.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AcmCertificate } from '../../../shared/families/acm/model.js';
import type { Elbv2Listener } from '../../../shared/families/elbv2/model.js';
import type { IamServerCertificate } from '../../../shared/families/iam/model.js';
import type { PrivateCertificateAuthority } from '../../../shared/families/pca/model.js';
import {
  emptyReadResult,
  type InventorySource,
  type ReadResult,
} from '../../../shared/inventory/live/port.js';
import type { Resource } from '../../../shared/model/resource.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { RULES } from '../../../shared/rules/index.js';
import { createMemoryFindingStore } from '../../../shared/state/memory-store.js';
import type { MonitorDeps } from '../../../shared/usecase/deps.js';
import { sweep } from '../../../shared/usecase/sweep.js';

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

let findings: ReturnType<typeof createMemoryFindingStore>;
beforeEach(() => {
  findings = createMemoryFindingStore();
});

async function sweepRegions(byRegion: Record<string, Resource[]>) {
  const reads: Record<string, ReadResult> = {};
  for (const [region, resources] of Object.entries(byRegion))
    reads[region] = { ...emptyReadResult(), resources };
  const source: InventorySource = {
    read: async () => emptyReadResult(),
    enumerate: async (region) => reads[region] ?? emptyReadResult(),
  };
  const deps: MonitorDeps = {
    source,
    findings,
    publish: async () => {},
    policy: policySchema.parse({}),
    rules: RULES,
    now: () => NOW,
    scope: { accountId: ACCOUNT },
  };
  const outcome = await sweep(deps, { sweepId: 'sweep-1', regions: Object.keys(byRegion) });
  return (ruleId: string) => outcome.evaluations.find((evaluation) => evaluation.ruleId === ruleId);
}

describe('sweep: in use by across regions and families', () => {
  it('raises an IAM server certificate to high when a listener of another region serves it', async () => {
    const served = listener('eu-west-1', IAM_ARN);
    const find = await sweepRegions({ 'us-east-1': [iamCertificate], 'eu-west-1': [served] });

    const expiry = find('iam-server-certificate-expiry');
    expect(expiry?.status).toBe('NON_COMPLIANT');
    expect(expiry?.severity).toBe('high');
    expect(expiry?.details).toMatchObject({ inUse: true, inUseBy: [served.resourceId] });
    // Remembered so: the finding the store keeps carries the raised severity.
    const open = await findings.listOpen();
    expect(open.find((finding) => finding.ruleId === 'iam-server-certificate-expiry')?.severity).toBe('high');
  });

  it('keeps it medium when the listeners read serve another certificate', async () => {
    const other = `arn:aws:iam::${ACCOUNT}:server-certificate/other`;
    const find = await sweepRegions({
      'us-east-1': [iamCertificate],
      'eu-west-1': [listener('eu-west-1', other)],
    });

    const expiry = find('iam-server-certificate-expiry');
    expect(expiry?.severity).toBe('medium');
    expect(expiry?.details).toMatchObject({ inUse: false });
  });

  it('finds the users whichever region is read first', async () => {
    const served = listener('eu-west-1', IAM_ARN);
    const find = await sweepRegions({ 'eu-west-1': [served], 'us-east-1': [iamCertificate] });

    expect(find('iam-server-certificate-expiry')?.severity).toBe('high');
  });

  it('raises an expired Private CA to critical when an ACM certificate it issued was read', async () => {
    const find = await sweepRegions({ 'eu-west-1': [authority, issued(CA_ARN)] });

    const expiry = find('pca-authority-expiry');
    expect(expiry?.status).toBe('NON_COMPLIANT');
    expect(expiry?.severity).toBe('critical');
    expect(expiry?.details).toMatchObject({ issuedCertificates: 1 });
  });

  it('keeps an expired Private CA high when no certificate read names it', async () => {
    const otherCa = `arn:aws:acm-pca:eu-west-1:${ACCOUNT}:certificate-authority/99999999-1234-1122-2233-112233445566`;
    const find = await sweepRegions({ 'eu-west-1': [authority, issued(otherCa)] });

    expect(find('pca-authority-expiry')?.severity).toBe('high');
  });
});
