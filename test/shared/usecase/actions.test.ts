import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../shared/model/evaluation.js';
import { planHash } from '../../../shared/response/plan-hash.js';
import { actionMessageSchema, plannedActions } from '../../../shared/usecase/actions.js';

const LISTENER =
  'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2';
const TARGET = 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06';
const ACTOR = { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333' };

function evaluation(overrides: Partial<Evaluation> = {}): Evaluation {
  return {
    ruleId: 'elbv2-listener-tls-policy',
    status: 'NON_COMPLIANT',
    severity: 'high',
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
    resourceId: LISTENER,
    resourceName: 'shop',
    accountId: '111122223333',
    region: 'eu-west-1',
    reason: 'Policy ELBSecurityPolicy-2016-08 accepts TLSv1 and TLSv1.1; the minimum is TLSv1.2.',
    response: {
      mode: 'remediate',
      status: 'planned',
      action: 'set-ssl-policy',
      target: TARGET,
      calls: [
        { service: 'elbv2', command: 'ModifyListener', input: { ListenerArn: LISTENER, SslPolicy: TARGET } },
      ],
    },
    ...overrides,
  };
}

describe('plannedActions', () => {
  it('carries only what identifies the decision: event, rule, resource, finding, plan hash, actor and time', () => {
    // Prepare
    const planned = evaluation();

    // Act
    const actions = plannedActions([planned], {
      eventId: 'evt-1',
      actor: ACTOR,
      eventTime: '2026-11-22T10:00:00Z',
    });

    // Assess
    expect(actions).toEqual([
      {
        eventId: 'evt-1',
        ruleId: 'elbv2-listener-tls-policy',
        ref: {
          resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
          resourceId: LISTENER,
          accountId: '111122223333',
          region: 'eu-west-1',
          name: 'shop',
        },
        findingId: `elbv2-listener-tls-policy|${LISTENER}`,
        planHash: planHash(planned.response ?? {}),
        actor: ACTOR,
        eventTime: '2026-11-22T10:00:00Z',
      },
    ]);
  });

  it('leaves out the actor, time and name when there are none', () => {
    // Act
    const [action] = plannedActions([evaluation({ resourceName: undefined })], { eventId: 'evt-2' });

    // Assess
    expect(Object.keys(action ?? {}).sort()).toEqual(['eventId', 'findingId', 'planHash', 'ref', 'ruleId']);
    expect(Object.keys(action?.ref ?? {}).sort()).toEqual([
      'accountId',
      'region',
      'resourceId',
      'resourceType',
    ]);
  });

  it('names an empty account and region when the evaluation has none', () => {
    // Act
    const [action] = plannedActions([evaluation({ accountId: undefined, region: undefined })], {
      eventId: 'evt-5',
    });

    // Assess
    expect(action?.ref.accountId).toBe('');
    expect(action?.ref.region).toBe('');
  });

  it('queues only NON_COMPLIANT evaluations whose plan is planned', () => {
    // Prepare
    const planned = evaluation();
    const others = [
      evaluation({ status: 'COMPLIANT' }),
      evaluation({ response: { mode: 'remediate', status: 'dry-run', action: 'set-ssl-policy' } }),
      evaluation({ response: { mode: 'notify', status: 'notify' } }),
      evaluation({ response: undefined }),
    ];

    // Act
    const actions = plannedActions([...others, planned], { eventId: 'evt-3' });

    // Assess
    expect(actions.map((a) => a.planHash)).toEqual([planHash(planned.response ?? {})]);
  });
});

describe('actionMessageSchema', () => {
  const [message] = plannedActions([evaluation()], { eventId: 'evt-4', actor: ACTOR });

  it('accepts what plannedActions queues, unchanged', () => {
    // Act & Assess
    expect(actionMessageSchema.parse(JSON.parse(JSON.stringify(message)))).toEqual(message);
  });

  it('drops a plan, calls or evaluation a message carries: they are never used', () => {
    // Prepare
    const forged = {
      ...message,
      plan: { status: 'planned', calls: [{ service: 'elbv2', command: 'DeleteListener', input: {} }] },
      calls: [],
      evaluation: evaluation(),
    };

    // Act & Assess
    expect(actionMessageSchema.parse(forged)).toEqual(message);
  });

  it.each([
    ['planHash', { planHash: 'abc' }, 'expected a sha256 hex digest'],
    ['planHash', { planHash: `${'a'.repeat(64)}0` }, 'expected a sha256 hex digest'],
    ['planHash', { planHash: `0${'a'.repeat(64)}` }, 'expected a sha256 hex digest'],
    ['planHash', { planHash: undefined }, 'expected string'],
    ['findingId', { findingId: '' }, 'Too small'],
    ['ref.resourceType', { ref: { ...message?.ref, resourceType: 'AWS::SQS::Queue' } }, 'Invalid option'],
    ['ref.accountId', { ref: { ...message?.ref, accountId: '' } }, 'Too small'],
  ])('refuses a message with a bad %s', (field, change, wording) => {
    // Act
    const parsed = actionMessageSchema.safeParse({ ...message, ...change });

    // Assess
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path.join('.')).toBe(field);
    expect(parsed.error?.issues[0]?.message).toContain(wording);
  });
});
