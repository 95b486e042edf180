import type { Evaluation as ConfigEvaluation } from '@aws-sdk/client-config-service';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { routeEvent } from '../../../shared/events/route.js';
import type { Elbv2Listener } from '../../../shared/families/elbv2/model.js';
import {
  emptyReadResult,
  type InventorySource,
  type ReadResult,
} from '../../../shared/inventory/live/port.js';
import { parseConfigRuleEvent } from '../../../shared/lambda/config-rule-wiring.js';
import type { ResourceRef } from '../../../shared/model/ref.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { RULES } from '../../../shared/rules/index.js';
import { createDynamoDbChangeLedger } from '../../../shared/state/change-ledger.js';
import { createMemoryFindingStore } from '../../../shared/state/memory-store.js';
import { type ConfigRulePort, configRule } from '../../../shared/usecase/config-rule.js';
import type { MonitorDeps } from '../../../shared/usecase/deps.js';
import { inspectEvent } from '../../../shared/usecase/inspect.js';
import { loadEvent, withValue } from '../../fixtures/events/load.js';
import { type LocalDynamo, startDynalite } from '../../helpers/dynalite.js';

const TABLE = 'one-inspection-per-change';
const LISTENER_ARN =
  'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70';
/** The Config fixtures' configurationItemCaptureTime. */
const CAPTURED = '2026-03-16T08:04:12.511Z';

function listener(sslPolicy: string): Elbv2Listener {
  return {
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
    resourceId: LISTENER_ARN,
    arn: LISTENER_ARN,
    listenerArn: LISTENER_ARN,
    loadBalancerArn:
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/shop-web/4f1c0d2e9a7b3c55',
    loadBalancerType: 'application',
    name: 'shop-web',
    accountId: '111122223333',
    region: 'eu-west-1',
    tags: {},
    source: 'test',
    protocol: 'HTTPS',
    port: 443,
    sslPolicy,
    certificates: [
      {
        certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/5d0e3f1a-2b4c-4d6e-8f0a-1b2c3d4e5f60',
      },
    ],
    defaultActions: [{ type: 'forward' }],
    rules: [],
  };
}

/** A person's ModifyListener on the Config fixtures' listener, made at `eventTime`. */
const modifyListener = (eventTime: string, id = 'c1a2b3c4-0000-4000-8000-000000000001') =>
  withValue(
    withValue(
      withValue(loadEvent('cloudtrail-elbv2-modify-listener'), ['detail', 'userIdentity'], {
        type: 'IAMUser',
        principalId: 'AIDAEXAMPLEUSER1',
        arn: 'arn:aws:iam::111122223333:user/dana',
        accountId: '111122223333',
        userName: 'dana',
      }),
      ['detail', 'eventTime'],
      eventTime,
    ),
    ['id'],
    id,
  );

let dynamo: LocalDynamo;
let clock: Date;
let answer: () => ReadResult;
let read: ReturnType<typeof vi.fn<(refs: readonly ResourceRef[]) => Promise<ReadResult>>>;
let findings: ReturnType<typeof createMemoryFindingStore>;

function deps(): MonitorDeps {
  const source: InventorySource = { read, enumerate: async () => emptyReadResult() };
  return {
    source,
    findings,
    publish: async () => {},
    policy: policySchema.parse({}),
    rules: RULES,
    now: () => clock,
    scope: { accountId: '111122223333', regions: ['eu-west-1'] },
    changes: createDynamoDbChangeLedger(dynamo.client, TABLE, {
      now: () => clock,
      sleep: async () => {},
    }),
  };
}

/** AWS Config as the rule sees it: records what it was sent. */
function configPort() {
  const sent: ConfigEvaluation[] = [];
  const port: ConfigRulePort = {
    latestItem: async () => undefined,
    putEvaluations: async (_token, evaluations) => {
      sent.push(...evaluations);
      return [];
    },
    resending: () => {},
    refusedTwice: () => {},
  };
  return { port, sent };
}

async function runConfigRule() {
  const { invocation, item } = parseConfigRuleEvent(loadEvent('config-rule-change-elbv2-listener'));
  const config = configPort();
  const result = await configRule(invocation, item, deps(), config.port);
  return { ...result, sent: config.sent };
}

beforeAll(async () => {
  dynamo = await startDynalite();
  await dynamo.createTable(TABLE);
});
afterAll(async () => dynamo.stop());
beforeEach(async () => {
  await dynamo.recreateTable(TABLE);
  findings = createMemoryFindingStore();
  answer = () => ({ ...emptyReadResult(), resources: [listener('ELBSecurityPolicy-2016-08')] });
  read = vi.fn(async () => answer());
});

describe('one inspection per change (CloudTrail, Config change event, Config rule)', () => {
  it('reads once: the Config change event and the Config rule of the change CloudTrail already inspected are skipped, and Config still gets the stored NON_COMPLIANT evaluation', async () => {
    // Prepare: the call at 08:04:10, CloudTrail delivers it a minute later.
    clock = new Date('2026-03-16T08:05:10Z');
    const first = await inspectEvent(routeEvent(modifyListener('2026-03-16T08:04:10Z')), deps());
    expect(first.duplicate).toBeUndefined();
    expect(read).toHaveBeenCalledTimes(1);

    // Act: Config recorded the item at 08:04:12.511 and both its triggers arrive at 08:06.
    clock = new Date('2026-03-16T08:06:00Z');
    const configChange = await inspectEvent(routeEvent(loadEvent('config-change-elbv2-listener')), deps());
    const rule = await runConfigRule();

    // Assess
    expect(read).toHaveBeenCalledTimes(1);
    expect(configChange.duplicate?.of).toBe('covered');
    expect(configChange.evaluations).toEqual([]);
    expect(rule.summary.duplicate).toBe(true);
    expect(rule.sent).toEqual([
      expect.objectContaining({
        ComplianceResourceType: 'AWS::ElasticLoadBalancingV2::Listener',
        ComplianceResourceId: LISTENER_ARN,
        ComplianceType: 'NON_COMPLIANT',
      }),
    ]);
  });

  it('skips the CloudTrail trigger when the Config triggers inspected first', async () => {
    clock = new Date('2026-03-16T08:05:00Z');
    const rule = await runConfigRule();
    expect(rule.summary.duplicate).toBeUndefined();
    expect(rule.sent.map((e) => e.ComplianceType)).toEqual(['NON_COMPLIANT']);

    clock = new Date('2026-03-16T08:07:00Z');
    const trail = await inspectEvent(routeEvent(modifyListener('2026-03-16T08:04:10Z')), deps());

    expect(read).toHaveBeenCalledTimes(1);
    expect(trail.duplicate?.of).toBe('covered');
  });

  it('still inspects a LATER change of the same resource within minutes, and Config gets the new state', async () => {
    // Prepare: the first change was read at 08:03:00.
    clock = new Date('2026-03-16T08:03:00Z');
    await inspectEvent(routeEvent(modifyListener('2026-03-16T08:02:50Z')), deps());

    // Act: a second change at 08:04:12.511 (after that read), which fixed the listener.
    answer = () => ({ ...emptyReadResult(), resources: [listener('ELBSecurityPolicy-TLS13-1-3-2021-06')] });
    clock = new Date('2026-03-16T08:05:00Z');
    const rule = await runConfigRule();

    // Assess
    expect(read).toHaveBeenCalledTimes(2);
    expect(rule.summary.duplicate).toBeUndefined();
    expect(rule.sent.map((e) => e.ComplianceType)).toEqual(['COMPLIANT']);
  });

  it('inspects a change made less than the settle time before the last read started (the read may not have seen it)', async () => {
    clock = new Date(Date.parse(CAPTURED) + 3000);
    await inspectEvent(routeEvent(modifyListener('2026-03-16T08:04:10Z')), deps());

    clock = new Date('2026-03-16T08:06:00Z');
    const configChange = await inspectEvent(routeEvent(loadEvent('config-change-elbv2-listener')), deps());

    expect(read).toHaveBeenCalledTimes(2);
    expect(configChange.duplicate).toBeUndefined();
  });

  it('reads again after a failed read: nothing is stored for it', async () => {
    answer = () => ({
      ...emptyReadResult(),
      errors: [{ source: LISTENER_ARN, message: 'ThrottlingException: Rate exceeded' }],
    });
    clock = new Date('2026-03-16T08:05:10Z');
    const failed = await inspectEvent(routeEvent(modifyListener('2026-03-16T08:04:10Z')), deps());
    expect(failed.errors).toHaveLength(1);

    answer = () => ({ ...emptyReadResult(), resources: [listener('ELBSecurityPolicy-2016-08')] });
    clock = new Date('2026-03-16T08:06:00Z');
    const configChange = await inspectEvent(routeEvent(loadEvent('config-change-elbv2-listener')), deps());

    expect(read).toHaveBeenCalledTimes(2);
    expect(configChange.duplicate).toBeUndefined();
  });

  it('concurrent triggers of one change read once: the Config change event skips, the Config rule waits for the stored result', async () => {
    // Prepare: the read of the first trigger hangs until released.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    read = vi.fn(async () => {
      await gate;
      return answer();
    });
    let polls = 0;
    clock = new Date('2026-03-16T08:06:00Z');
    const waiting: MonitorDeps = {
      ...deps(),
      changes: createDynamoDbChangeLedger(dynamo.client, TABLE, {
        now: () => clock,
        // The rule polls the record; the first poll lets the hung read finish.
        sleep: async () => {
          polls++;
          release();
          await new Promise((resolve) => setTimeout(resolve, 50));
        },
      }),
    };

    // Act
    const trail = inspectEvent(routeEvent(modifyListener('2026-03-16T08:04:10Z')), deps());
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(1));
    const configChange = await inspectEvent(routeEvent(loadEvent('config-change-elbv2-listener')), deps());
    const { invocation, item } = parseConfigRuleEvent(loadEvent('config-rule-change-elbv2-listener'));
    const config = configPort();
    const rule = await configRule(invocation, item, waiting, config.port);
    await trail;

    // Assess
    expect(read).toHaveBeenCalledTimes(1);
    expect(configChange.duplicate?.of).toBe('in-progress');
    expect(polls).toBeGreaterThan(0);
    expect(rule.summary.duplicate).toBe(true);
    expect(config.sent.map((e) => e.ComplianceType)).toEqual(['NON_COMPLIANT']);
  });

  it('a claim whose read started before the change does not stop the later change from being read', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    read = vi.fn(async () => {
      if (read.mock.calls.length === 1) await gate;
      return answer();
    });
    // The first read starts at 08:04:00, before the Config item's change.
    clock = new Date('2026-03-16T08:04:00Z');
    const trail = inspectEvent(routeEvent(modifyListener('2026-03-16T08:03:30Z')), deps());
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(1));

    clock = new Date('2026-03-16T08:06:00Z');
    const configChange = await inspectEvent(routeEvent(loadEvent('config-change-elbv2-listener')), deps());
    release();
    await trail;

    expect(read).toHaveBeenCalledTimes(2);
    expect(configChange.duplicate).toBeUndefined();
  });

  it('without a ledger (the CLI) every trigger is inspected', async () => {
    clock = new Date('2026-03-16T08:05:10Z');
    const { changes: _ignored, ...plain } = deps();
    await inspectEvent(routeEvent(modifyListener('2026-03-16T08:04:10Z')), plain);
    await inspectEvent(routeEvent(loadEvent('config-change-elbv2-listener')), plain);
    expect(read).toHaveBeenCalledTimes(2);
  });
});
