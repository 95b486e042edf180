import { beforeEach, describe, expect, it } from 'vitest';
import type { AcmCertificate } from '../../../shared/families/acm/model.js';
import {
  emptyReadResult,
  type InventorySource,
  type ReadResult,
} from '../../../shared/inventory/live/port.js';
import { policySchema } from '../../../shared/policy/schema.js';
import type { FindingMessage } from '../../../shared/report/findings-bus.js';
import { RULES } from '../../../shared/rules/index.js';
import { createMemoryFindingStore } from '../../../shared/state/memory-store.js';
import type { MonitorDeps } from '../../../shared/usecase/deps.js';
import { sweep } from '../../../shared/usecase/sweep.js';

function certificate(id: string, region: string, keyAlgorithm: string): AcmCertificate {
  const arn = `arn:aws:acm:${region}:111122223333:certificate/${id}`;
  return {
    resourceType: 'AWS::ACM::Certificate',
    resourceId: arn,
    certificateArn: arn,
    accountId: '111122223333',
    region,
    tags: {},
    source: 'test',
    type: 'AMAZON_ISSUED',
    status: 'ISSUED',
    keyAlgorithm,
    signatureAlgorithm: 'SHA256WITHRSA',
    notAfter: '2027-10-01T00:00:00.000Z',
    inUseBy: [],
  };
}

let published: FindingMessage[];
let findings: ReturnType<typeof createMemoryFindingStore>;

function deps(byRegion: Record<string, ReadResult>): MonitorDeps {
  const source: InventorySource = {
    read: async () => emptyReadResult(),
    enumerate: async (region) => byRegion[region] ?? emptyReadResult(),
  };
  return {
    source,
    findings,
    publish: async (messages) => {
      published.push(...messages);
    },
    policy: policySchema.parse({}),
    rules: RULES,
    now: () => new Date('2026-11-22T12:00:00.000Z'),
    scope: { accountId: '111122223333' },
  };
}

beforeEach(() => {
  published = [];
  findings = createMemoryFindingStore();
});

describe('sweep', () => {
  it('evaluates every resource of every configured region and publishes the NON_COMPLIANT ones', async () => {
    // Act
    const outcome = await sweep(
      deps({
        'eu-west-1': { ...emptyReadResult(), resources: [certificate('a', 'eu-west-1', 'RSA_1024')] },
        'us-east-1': { ...emptyReadResult(), resources: [certificate('b', 'us-east-1', 'RSA_2048')] },
      }),
      { sweepId: 'sweep-1', regions: ['eu-west-1', 'us-east-1'] },
    );

    // Assess
    expect(outcome.resources).toBe(2);
    expect(published.map((m) => [m.kind, m.evaluation.ruleId, m.evaluation.region])).toEqual([
      ['finding', 'acm-certificate-key-strength', 'eu-west-1'],
    ]);
  });

  it('lists what it could not read with the reason and still evaluates the rest', async () => {
    // Act
    const outcome = await sweep(
      deps({
        'eu-west-1': {
          ...emptyReadResult(),
          resources: [certificate('a', 'eu-west-1', 'RSA_1024')],
          errors: [
            { source: 'eu-west-1 DescribeVpnConnections', message: 'ThrottlingException after 5 attempts' },
          ],
        },
      }),
      { sweepId: 'sweep-2', regions: ['eu-west-1'] },
    );

    // Assess
    expect(outcome.errors).toEqual([
      { source: 'eu-west-1 DescribeVpnConnections', message: 'ThrottlingException after 5 attempts' },
    ]);
    expect(
      outcome.evaluations.some(
        (e) => e.ruleId === 'acm-certificate-key-strength' && e.status === 'NON_COMPLIANT',
      ),
    ).toBe(true);
  });

  it('resolves findings of resources that disappeared, but only where the region was read cleanly', async () => {
    // Prepare
    const weak = { ...emptyReadResult(), resources: [certificate('a', 'eu-west-1', 'RSA_1024')] };
    await sweep(
      deps({
        'eu-west-1': weak,
        'us-east-1': { ...emptyReadResult(), resources: [certificate('b', 'us-east-1', 'RSA_1024')] },
      }),
      {
        sweepId: 's1',
        regions: ['eu-west-1', 'us-east-1'],
      },
    );
    published = [];

    // Act
    await sweep(
      deps({
        'eu-west-1': emptyReadResult(),
        'us-east-1': {
          ...emptyReadResult(),
          errors: [{ source: 'us-east-1 ListCertificates', message: 'AccessDenied' }],
        },
      }),
      { sweepId: 's2', regions: ['eu-west-1', 'us-east-1'] },
    );

    // Assess
    expect(published.map((m) => [m.kind, m.evaluation.resourceId])).toEqual([
      ['resolution', 'arn:aws:acm:eu-west-1:111122223333:certificate/a'],
    ]);
    expect((await findings.listOpen()).map((f) => f.region)).toEqual(['us-east-1']);
  });
});
