/**
 * "In use by" in the single-invocation sweep (issue #15): the sweep reads each region on its own, yet an IAM
 * server certificate (read in us-east-1 only) is served by listeners of every region, and a Private CA's issued
 * ACM certificates are separate records; the severity raise must hold as it does offline.
 */
import { beforeEach, describe, expect, it } from 'vitest';
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
