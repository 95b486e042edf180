import { ConfigServiceClient, SelectAggregateResourceConfigCommand } from '@aws-sdk/client-config-service';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { createRegionalClients } from '../../shared/aws/clients.js';
import { emptyReadResult, type InventorySource, type SweepPage } from '../../shared/inventory/live/port.js';
import type { FunctionConfig } from '../../shared/lambda/config.js';
import { createSweepFunction } from '../../shared/lambda/sweep-function.js';
import { createSweepWorkerFunction, SWEEP_ITEM_ATTEMPTS } from '../../shared/lambda/sweep-worker-function.js';
import type { Runtime } from '../../shared/lambda/wiring.js';
import { policySchema } from '../../shared/policy/schema.js';
import { RULES } from '../../shared/rules/index.js';
import { createMemoryFindingStore } from '../../shared/state/memory-store.js';
import type { SweepItem } from '../../shared/usecase/sweep-work.js';
import { certificateIn } from '../helpers/acm-fixtures.js';
import { ACCOUNT_ID, lambdaContext, REGION } from '../helpers/lambda-env.js';

const NOW = new Date('2026-11-22T12:00:00.000Z');

/** A runtime whose inventory answers each family's page from `pages` (a thrown error for 'throws'). */
function fakeRuntime(pages: Record<string, SweepPage | 'throws'>, config: Partial<FunctionConfig> = {}) {
  const queued: unknown[] = [];
  const findings = createMemoryFindingStore();
  const source: InventorySource = {
    read: async () => emptyReadResult(),
    enumerate: async () => emptyReadResult(),
    async enumeratePage(_region, family, token) {
      const answer = pages[`${family}${token ? `:${token}` : ''}`] ?? emptyReadResult();
      if (answer === 'throws') throw new Error('DynamoDB is down');
      return answer;
    },
  };
  const policyRefreshes: string[] = [];
  const runtime = {
    // Records each refresh of the policy parameter (TG_POLICY_PARAMETER) before the item is read.
    refreshPolicy: async () => void policyRefreshes.push('refresh'),
    config: { region: REGION, accountId: ACCOUNT_ID, regions: [REGION, 'us-east-1'], ...config },
    findings,
    sweepQueue: { enqueue: async (items: readonly unknown[]) => void queued.push(...items) },
    deps: () => ({
      source,
      findings,
      publish: async () => {},
      policy: policySchema.parse({}),
      rules: RULES,
      now: () => NOW,
      scope: { accountId: ACCOUNT_ID, regions: [REGION] },
    }),
  } as unknown as Runtime;
  return { runtime, queued, findings, policyRefreshes };
}

const item = (family: string, overrides: Partial<SweepItem> = {}): SweepItem => ({
  sweepId: 'sweep-1',
  plannedAt: NOW.toISOString(),
  region: REGION,
  family,
  pageNumber: 1,
  clean: true,
  digest: false,
  ...overrides,
});

const record = (messageId: string, body: unknown, receiveCount = 1) =>
  ({
    messageId,
    body: JSON.stringify(body),
    attributes: { ApproximateReceiveCount: String(receiveCount) },
  }) as unknown as SQSRecord;

const weak = certificateIn({ accountId: ACCOUNT_ID, region: REGION }, 'weak', { keyAlgorithm: 'RSA_1024' });
const unreadable: SweepPage = {
  ...emptyReadResult(),
  errors: [{ source: 'api:ListCertificates eu-west-1', message: 'ThrottlingException: Rate exceeded' }],
};

describe('sweep-worker handler', () => {
  it('records each item, queues the next page, and reports only the failed items back to SQS', async () => {
    // Prepare
    const { runtime, queued, findings, policyRefreshes } = fakeRuntime({
      acm: { ...emptyReadResult(), resources: [weak], next: 'acm-2' },
      vpn: 'throws',
    });
    const handler = createSweepWorkerFunction({ runtime: () => runtime });

    // Act
    const response = (await handler(
      {
        Records: [record('m-acm', item('acm')), record('m-vpn', item('vpn')), record('m-bad', { family: 1 })],
      },
      lambdaContext('sweep-worker'),
    )) as SQSBatchResponse;

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-vpn' }, { itemIdentifier: 'm-bad' }]);
    // The next page carries the KPI counts of this one (the fan-in sums them when the family-region ends).
    expect(queued).toEqual([
      { ...item('acm', { page: 'acm-2', pageNumber: 2 }), counts: expect.any(Object) },
    ]);
    expect(findings.all().map((f) => f.resourceId)).toContain(weak.resourceId);
    // The batch is judged by the current policy: refreshed once per invocation, like the other inspectors.
    expect(policyRefreshes).toEqual(['refresh']);
  });

  it('retries an item read with errors until its last delivery, which continues without resolving', async () => {
    // Prepare
    const pages = { acm: { ...unreadable, next: 'acm-2' } };
    const first = fakeRuntime(pages);
    const last = fakeRuntime(pages);

    // Act
    const retried = (await createSweepWorkerFunction({ runtime: () => first.runtime })(
      // With a second item that reads cleanly: a batch that fails whole is failed by Powertools as a whole.
      { Records: [record('m-1', item('acm'), 1), record('m-2', item('vpn'), 1)] },
      lambdaContext('sweep-worker'),
    )) as SQSBatchResponse;
    const accepted = (await createSweepWorkerFunction({ runtime: () => last.runtime })(
      { Records: [record('m-1', item('acm'), SWEEP_ITEM_ATTEMPTS)] },
      lambdaContext('sweep-worker'),
    )) as SQSBatchResponse;

    // Assess
    expect(retried.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    expect(first.queued).toEqual([]);
    expect(accepted.batchItemFailures).toEqual([]);
    expect(last.queued).toEqual([
      { ...item('acm', { page: 'acm-2', pageNumber: 2, clean: false }), counts: expect.any(Object) },
    ]);
  });
});

describe('sweep-worker when the next page cannot be queued (a timeout, a queue that is down)', () => {
  it('keeps what the item recorded and fails it, so SQS hands it over again and the next page is queued then', async () => {
    // Prepare
    const { runtime, findings } = fakeRuntime({
      acm: { ...emptyReadResult(), resources: [weak], next: 'acm-2' },
    });
    (runtime as { sweepQueue: unknown }).sweepQueue = {
      enqueue: async () => Promise.reject(new Error('SQS is unavailable')),
    };
    const handler = createSweepWorkerFunction({ runtime: () => runtime });

    // Act
    const response = (await handler(
      { Records: [record('m-acm', item('acm')), record('m-vpn', item('vpn'))] },
      lambdaContext('sweep-worker'),
    )) as SQSBatchResponse;

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-acm' }]);
    expect(
      findings
        .all()
        .filter((f) => f.state === 'open')
        .map((f) => f.resourceId),
    ).toContain(weak.resourceId);
  });
});

describe('sweep handler with a work queue', () => {
  const scheduledEvent = {
    id: 'sweep-7',
    source: 'aws.events',
    'detail-type': 'Scheduled Event',
    time: '2026-11-22T12:00:00Z',
    detail: {},
  };

  it('plans instead of reading: one item per region and family, nothing read', async () => {
    // Prepare
    const { runtime, queued } = fakeRuntime({ acm: 'throws' });
    const handler = createSweepFunction({ runtime: () => runtime });

    // Act
    const summary = await handler(structuredClone(scheduledEvent), lambdaContext('sweep'));

    // Assess
    expect(summary).toMatchObject({ sweepId: 'sweep-7', items: queued.length, owed: 0 });
    expect(queued.length).toBeGreaterThan(1);
    expect(queued).toContainEqual(
      expect.objectContaining({
        sweepId: 'sweep-7',
        region: REGION,
        family: 'acm',
        pageNumber: 1,
        digest: true,
      }),
    );
  });

  it('plans the organization aggregator query in the security account', async () => {
    // Prepare
    const { runtime, queued } = fakeRuntime({}, { configAggregator: 'org-aggregator' });
    const handler = createSweepFunction({ runtime: () => runtime });

    // Act
    await handler(structuredClone(scheduledEvent), lambdaContext('sweep'));

    // Assess
    expect(queued).toEqual([
      expect.objectContaining({ sweepId: 'sweep-7', aggregator: 'org-aggregator', pageNumber: 1 }),
    ]);
  });

  it('assumes a member’s central reader role once per invocation, and finishes the items of a member without it', async () => {
    // Prepare: two aggregator pages in one batch, each with an S3 bucket (a family that reads beside Config items)
    // of a member that has no member stack yet.
    const sts = mockClient(STSClient);
    const config = mockClient(ConfigServiceClient);
    try {
      sts.on(AssumeRoleCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDenied' }));
      const bucket = (name: string) =>
        JSON.stringify({
          resourceId: name,
          resourceType: 'AWS::S3::Bucket',
          resourceName: name,
          arn: `arn:aws:s3:::${name}`,
          accountId: '777788889999',
          awsRegion: REGION,
          configuration: { name },
          supplementaryConfiguration: {},
        });
      config.on(SelectAggregateResourceConfigCommand).resolves({ Results: [bucket('fresh')] });
      config
        .on(SelectAggregateResourceConfigCommand, { NextToken: 'p2' })
        .resolves({ Results: [bucket('fresh-2')] });
      const { runtime, queued } = fakeRuntime({});
      (runtime as { clientsFor: Runtime['clientsFor'] }).clientsFor = createRegionalClients({
        credentials: { accessKeyId: 'AKIDCENTRAL', secretAccessKey: 'x' },
      });
      const handler = createSweepWorkerFunction({ runtime: () => runtime });
      const aggregatorItem = (page?: string) => ({
        sweepId: 'org',
        plannedAt: NOW.toISOString(),
        aggregator: 'org-aggregator',
        pageNumber: page ? 2 : 1,
        clean: true,
        digest: false,
        ...(page ? { page } : {}),
      });

      // Act
      const response = (await handler(
        { Records: [record('m-1', aggregatorItem()), record('m-2', aggregatorItem('p2'))] },
        lambdaContext('sweep-worker'),
      )) as SQSBatchResponse;

      // Assess: finished (no retry would help), one AssumeRole for the account in this invocation.
      expect(response.batchItemFailures).toEqual([]);
      expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
      expect(queued).toEqual([]);
    } finally {
      sts.restore();
      config.restore();
    }
  });
});
