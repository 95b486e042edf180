import {
  BatchImportFindingsCommand,
  BatchUpdateFindingsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CentralFinding } from '../../../shared/org/central-table.js';
import {
  type CentralAsffFinding,
  exportToSecurityHub,
  securityHubFinding,
} from '../../../shared/org/security-hub.js';
import { findingIdOf } from '../../../shared/state/finding-store.js';

const central = { accountId: '999988887777', region: 'eu-west-1' };
const MEMBER = '111122223333';
const LISTENER = `arn:aws:elasticloadbalancing:eu-west-1:${MEMBER}:listener/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70`;
const RULE = 'elbv2-listener-tls-policy';

function record(state: CentralFinding['state'], overrides: Partial<CentralFinding> = {}): CentralFinding {
  const open = state === 'open';
  return {
    accountId: MEMBER,
    region: 'eu-west-1',
    findingId: findingIdOf(RULE, LISTENER),
    ruleId: RULE,
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
    resourceId: LISTENER,
    severity: 'high',
    state,
    reason: open ? 'The listener allows TLS 1.0.' : 'The configuration now passes the rule.',
    evaluation: {
      ruleId: RULE,
      status: open ? 'NON_COMPLIANT' : 'COMPLIANT',
      severity: 'high',
      resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
      resourceId: LISTENER,
      reason: open ? 'The listener allows TLS 1.0.' : 'The configuration now passes the rule.',
    },
    firstSeenAt: '2026-12-07T10:00:00.000Z',
    observedAt: open ? '2026-12-07T10:00:00.000Z' : '2026-12-07T11:00:00.000Z',
    eventId: 'e-1',
    busRegion: 'eu-west-1',
    ...(open ? {} : { resolvedAt: '2026-12-07T11:00:00.000Z', resolution: 'fixed' as const }),
    ...overrides,
  };
}

describe('securityHubFinding', () => {
  it('files an open finding NEW / FAILED / ACTIVE under the central account, with the member in its Id and fields', () => {
    const finding = securityHubFinding(record('open'), central);

    expect(finding).toMatchObject({
      Id: `transit-guard/${MEMBER}/eu-west-1/${findingIdOf(RULE, LISTENER)}`,
      ProductArn: 'arn:aws:securityhub:eu-west-1:999988887777:product/999988887777/default',
      AwsAccountId: '999988887777',
      Region: 'eu-west-1',
      GeneratorId: `transit-guard/${RULE}`,
      CreatedAt: '2026-12-07T10:00:00.000Z',
      UpdatedAt: '2026-12-07T10:00:00.000Z',
      Compliance: { Status: 'FAILED' },
      Workflow: { Status: 'NEW' },
      RecordState: 'ACTIVE',
      Resources: [{ Id: LISTENER, Region: 'eu-west-1' }],
      FindingProviderFields: { Severity: { Label: 'HIGH', Original: 'high' } },
      ProductFields: {
        'transit-guard/account': MEMBER,
        'transit-guard/region': 'eu-west-1',
        'transit-guard/findingId': findingIdOf(RULE, LISTENER),
        'transit-guard/ruleId': RULE,
        'transit-guard/resourceType': 'AWS::ElasticLoadBalancingV2::Listener',
      },
    });
  });

  it('keeps the Id and CreatedAt of the fixed finding and archives it: PASSED / RESOLVED / ARCHIVED', () => {
    const open = securityHubFinding(record('open'), central);
    const fixed = securityHubFinding(record('resolved'), central);

    expect(fixed.Id).toBe(open.Id);
    expect(fixed).toMatchObject({
      CreatedAt: open.CreatedAt,
      UpdatedAt: '2026-12-07T11:00:00.000Z',
      Compliance: { Status: 'PASSED' },
      Workflow: { Status: 'RESOLVED' },
      RecordState: 'ARCHIVED',
    });
  });

  it('archives the finding of a deleted resource (a NOT_APPLICABLE resolution) as passed too', () => {
    const deleted = record('resolved', { resolution: 'deleted' });
    deleted.evaluation = {
      ...deleted.evaluation,
      status: 'NOT_APPLICABLE',
      reason: 'The resource no longer exists.',
    };

    expect(securityHubFinding(deleted, central)).toMatchObject({
      Compliance: { Status: 'PASSED' },
      RecordState: 'ARCHIVED',
    });
  });
});

describe('exportToSecurityHub', () => {
  const hub = mockClient(SecurityHubClient);
  const client = new SecurityHubClient({ region: 'eu-west-1' });
  const noSleep = async () => undefined;
  const many = (n: number, state: CentralFinding['state'] = 'open'): CentralAsffFinding[] =>
    Array.from({ length: n }, (_, i) =>
      securityHubFinding(record(state, { findingId: `${RULE}|${LISTENER}/${i}` }), central),
    );

  beforeEach(() => {
    hub.reset();
    hub.on(BatchImportFindingsCommand).callsFake((input) => ({
      SuccessCount: input.Findings.length,
      FailedCount: 0,
      FailedFindings: [],
    }));
    hub.on(BatchUpdateFindingsCommand).callsFake((input) => ({
      ProcessedFindings: input.FindingIdentifiers,
      UnprocessedFindings: [],
    }));
  });

  it('imports in calls of at most 100 findings', async () => {
    const findings = many(250);

    const result = await exportToSecurityHub(client, findings, { sleep: noSleep });

    expect(
      hub.commandCalls(BatchImportFindingsCommand).map((call) => call.args[0].input.Findings?.length),
    ).toEqual([100, 100, 50]);
    expect(result).toEqual({ exported: findings.map((f) => f.Id), failed: [] });
    expect(hub.commandCalls(BatchUpdateFindingsCommand)).toHaveLength(0);
  });

  it('sends again only the findings Security Hub refused, and reports those it still refuses', async () => {
    const findings = many(3);
    const [a, b, c] = findings.map((f) => f.Id);
    hub
      .on(BatchImportFindingsCommand)
      .resolvesOnce({
        SuccessCount: 1,
        FailedCount: 2,
        FailedFindings: [
          { Id: b, ErrorCode: 'InvalidInput', ErrorMessage: 'bad' },
          { Id: c, ErrorCode: 'InternalFailure', ErrorMessage: 'retry' },
        ],
      })
      .resolvesOnce({
        SuccessCount: 1,
        FailedCount: 1,
        FailedFindings: [{ Id: b, ErrorCode: 'InvalidInput', ErrorMessage: 'bad' }],
      })
      .resolves({
        SuccessCount: 0,
        FailedCount: 1,
        FailedFindings: [{ Id: b, ErrorCode: 'InvalidInput', ErrorMessage: 'bad' }],
      });

    const result = await exportToSecurityHub(client, findings, { sleep: noSleep, maxAttempts: 3 });

    const sent = hub
      .commandCalls(BatchImportFindingsCommand)
      .map((call) => call.args[0].input.Findings?.map((f) => f.Id));
    expect(sent).toEqual([[a, b, c], [b, c], [b]]);
    expect(result).toEqual({
      exported: [a, c],
      failed: [{ id: b, errorCode: 'InvalidInput', errorMessage: 'bad' }],
    });
  });

  it('counts every finding of a call that fails as a whole as failed, never as exported', async () => {
    hub
      .on(BatchImportFindingsCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const findings = many(2);

    const result = await exportToSecurityHub(client, findings, { sleep: noSleep, maxAttempts: 2 });

    expect(hub.commandCalls(BatchImportFindingsCommand)).toHaveLength(2);
    expect(result.exported).toEqual([]);
    expect(result.failed.map((f) => f.errorCode)).toEqual(['ThrottlingException', 'ThrottlingException']);
  });

  it('resolves the workflow of archived findings that were imported, and retries the unprocessed ones', async () => {
    const [fixed, refused] = many(2, 'resolved');
    hub.on(BatchImportFindingsCommand).resolves({
      SuccessCount: 1,
      FailedCount: 1,
      FailedFindings: [{ Id: refused?.Id, ErrorCode: 'InvalidInput', ErrorMessage: 'x' }],
    });
    hub
      .on(BatchUpdateFindingsCommand)
      .resolvesOnce({
        ProcessedFindings: [],
        UnprocessedFindings: [
          {
            FindingIdentifier: { Id: fixed?.Id, ProductArn: fixed?.ProductArn },
            ErrorCode: 'ConcurrentUpdateError',
            ErrorMessage: 'busy',
          },
        ],
      })
      .resolves({
        ProcessedFindings: [{ Id: fixed?.Id, ProductArn: fixed?.ProductArn }],
        UnprocessedFindings: [],
      });

    const result = await exportToSecurityHub(client, [fixed, refused] as CentralAsffFinding[], {
      sleep: noSleep,
      maxAttempts: 1 + 1,
    });

    const updates = hub.commandCalls(BatchUpdateFindingsCommand).map((call) => call.args[0].input);
    expect(updates).toEqual([
      {
        FindingIdentifiers: [{ Id: fixed?.Id, ProductArn: fixed?.ProductArn }],
        Workflow: { Status: 'RESOLVED' },
      },
      {
        FindingIdentifiers: [{ Id: fixed?.Id, ProductArn: fixed?.ProductArn }],
        Workflow: { Status: 'RESOLVED' },
      },
    ]);
    expect(result.exported).toEqual([fixed?.Id]);
    expect(result.failed).toEqual([{ id: refused?.Id, errorCode: 'InvalidInput', errorMessage: 'x' }]);
  });
});
