/**
 * The member side of "transit-guard: remediate": the central stack's request reaches the inspect use case,
 * which reads the resource again, judges and plans it with this account's policy, and queues only a planned
 * action for the remediate function (which re-plans once more before it acts).
 */
import { DescribeListenersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/on-remediation-request.js';
import { findingIdOf } from '../../shared/state/finding-store.js';
import { DX_CONNECTION, installAccount, SHOP_WEB_LISTENER } from '../helpers/fake-account.js';
import {
  ACCOUNT_ID,
  ACTIONS_QUEUE_URL,
  expectRejectedAsInvalid,
  queuedMessages,
  remediationRequestEvent,
  useFunctionHarness,
} from '../helpers/lambda-env.js';

const harness = useFunctionHarness('on-remediation-request', installAccount);
const { mocks, context } = harness;
const RULE = 'elbv2-listener-tls-policy';

/** The request as the central stack puts it on this account's bus, for RULE on the shop's web listener. */
const request = (detail: Record<string, unknown> = {}) =>
  remediationRequestEvent(RULE, SHOP_WEB_LISTENER, 'AWS::ElasticLoadBalancingV2::Listener', detail);

describe('on-remediation-request', () => {
  it('reads the resource again and queues the action this account’s policy plans for it', async () => {
    const result = await handler(request(), context);

    expect(result).toMatchObject({ eventId: request().id, evaluated: expect.any(Number), nonCompliant: 2 });
    expect(mocks.elbv2).toReceiveCommandWith(DescribeListenersCommand, { ListenerArns: [SHOP_WEB_LISTENER] });
    expect(queuedMessages(mocks, ACTIONS_QUEUE_URL)).toContainEqual(
      expect.objectContaining({
        eventId: request().id,
        ruleId: RULE,
        findingId: findingIdOf(RULE, SHOP_WEB_LISTENER),
        ref: expect.objectContaining({ resourceId: SHOP_WEB_LISTENER, accountId: ACCOUNT_ID }),
      }),
    );
  });

  it('acts on nothing outside this account: a request for another account reads nothing', async () => {
    const other = SHOP_WEB_LISTENER.replace(ACCOUNT_ID, '444455556666');
    const result = await handler(
      request({ account: '444455556666', resourceArn: other, findingId: findingIdOf(RULE, other) }),
      context,
    );

    expect(result).toMatchObject({ ignored: 'no resource in this account and these regions', evaluated: 0 });
    expect(mocks.elbv2.calls()).toHaveLength(0);
    expect(queuedMessages(mocks, ACTIONS_QUEUE_URL)).toEqual([]);
  });

  it.each([
    [
      'a finding id that is not the rule on the resource',
      { findingId: `${RULE}|arn:aws:other` },
      /detail\.findingId/,
    ],
    [
      'an unknown rule',
      { ruleId: 'no-such-rule', findingId: `no-such-rule|${SHOP_WEB_LISTENER}` },
      /unknown rule/,
    ],
    [
      'no type for a rule that judges several',
      {
        ruleId: 'dx-connection-macsec',
        resourceArn: DX_CONNECTION,
        resourceType: undefined,
        findingId: findingIdOf('dx-connection-macsec', DX_CONNECTION),
      },
      /detail\.resourceType/,
    ],
  ])('refuses %s, naming the field, and calls nothing', async (_what, detail, reason) => {
    await expectRejectedAsInvalid(handler(request(detail), context), mocks, harness.output, {
      errorName: 'EventValidationError',
      reason,
    });
  });
});
