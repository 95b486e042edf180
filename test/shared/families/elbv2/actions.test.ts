import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import {
  allActions,
  answers426,
  listenerIsSafe,
  redirectsToHttps,
  replaceListenerActions,
} from '../../../../shared/families/elbv2/actions.js';
import type { ListenerAction } from '../../../../shared/families/elbv2/model.js';
import { elbv2ListenerPlaintext } from '../../../../shared/families/elbv2/rules/elbv2-listener-plaintext.js';
import {
  albHttpListener,
  albHttpsListener,
  fixedResponseAction,
  forwardAction,
  listenerRule,
  redirectAction,
} from '../../../helpers/elb-fixtures.js';
import { evaluateWith, planOf } from '../../response/support.js';

const REPLACEMENT: Action = { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '426' } };

describe('redirectsToHttps', () => {
  it.each<[string, boolean, ListenerAction]>([
    ['a redirect to HTTPS', true, redirectAction('HTTPS')],
    [
      'a redirect whatever the case of type and protocol',
      true,
      { ...redirectAction('https'), type: 'Redirect' },
    ],
    ['a redirect to HTTP', false, redirectAction('HTTP')],
    ['a redirect that keeps the protocol (#{protocol})', false, redirectAction(null)],
    ['a redirect without its configuration', false, { type: 'redirect' }],
    ['a forward', false, forwardAction()],
    [
      'a non-redirect action carrying an HTTPS redirect config',
      false,
      { ...forwardAction(), redirect: { protocol: 'HTTPS' } },
    ],
  ])('%s: %s', (_case, expected, action) => {
    // Act
    const result = redirectsToHttps(action);

    // Assess
    expect(result).toBe(expected);
  });
});

describe('answers426', () => {
  it.each<[string, boolean, ListenerAction]>([
    ['a fixed response 426', true, fixedResponseAction('426')],
    [
      'a fixed response 426 whatever the case of type',
      true,
      { ...fixedResponseAction('426'), type: 'Fixed-Response' },
    ],
    ['a fixed response 200', false, fixedResponseAction('200')],
    ['a fixed response without its configuration', false, { type: 'fixed-response' }],
    ['a forward', false, forwardAction()],
    [
      'a redirect carrying a 426 fixed-response config',
      false,
      { ...redirectAction(), fixedResponse: { statusCode: '426' } },
    ],
  ])('%s: %s', (_case, expected, action) => {
    // Act
    const result = answers426(action);

    // Assess
    expect(result).toBe(expected);
  });
});

describe('allActions', () => {
  it('does not call an empty action list safe: nothing proves it', () => {
    expect(allActions([], () => true)).toBe(false);
  });

  it('needs every action to pass, not just one', () => {
    expect(allActions([redirectAction(), forwardAction()], redirectsToHttps)).toBe(false);
    expect(allActions([redirectAction(), redirectAction()], redirectsToHttps)).toBe(true);
  });
});

describe('replaceListenerActions', () => {
  it('replaces only the default action when the rules were not read', () => {
    // Prepare
    const listener = albHttpListener({ rules: undefined });

    // Act
    const calls = replaceListenerActions(listener, REPLACEMENT, redirectsToHttps);

    // Assess
    expect(calls).toEqual([
      {
        service: 'elbv2',
        command: 'ModifyListener',
        input: { ListenerArn: listener.listenerArn, DefaultActions: [REPLACEMENT] },
      },
    ]);
  });
});

describe('listenerIsSafe', () => {
  it('names the default action, each unsafe rule by priority, and nothing that is safe', () => {
    // Prepare
    const listener = albHttpListener({
      defaultActions: [forwardAction()],
      rules: [
        listenerRule('10', [redirectAction()]),
        listenerRule('20', [forwardAction()]),
        { ...listenerRule('30', [forwardAction()]), isDefault: true },
      ],
    });

    // Act
    const problems = listenerIsSafe(listener, redirectsToHttps);

    // Assess
    expect(problems).toEqual(['the default action', 'rule priority 20']);
  });

  it('does not prove a listener whose rules were not read', () => {
    // Prepare
    const listener = albHttpListener({ defaultActions: [redirectAction()], rules: undefined });

    // Act
    const problems = listenerIsSafe(listener, redirectsToHttps);

    // Assess
    expect(problems).toEqual(['the rules (not read)']);
  });

  it('finds nothing when every action passes', () => {
    // Prepare
    const listener = albHttpListener({
      defaultActions: [redirectAction()],
      rules: [listenerRule('10', [redirectAction()])],
    });

    // Act
    const problems = listenerIsSafe(listener, redirectsToHttps);

    // Assess
    expect(problems).toEqual([]);
  });
});

describe('a plan for a listener whose rules were not read', () => {
  it('says only the default action is planned and verification reads the rules', () => {
    // Prepare
    const https = albHttpsListener();
    const listener = albHttpListener({
      rules: undefined,
      siblingListeners: [{ listenerArn: `${https.listenerArn}0`, protocol: 'HTTPS', port: 443 }],
    });

    // Act
    const plan = planOf(evaluateWith(elbv2ListenerPlaintext, listener));

    // Assess
    expect(plan.status).toBe('planned');
    expect(plan.calls?.map((call) => call.command)).toEqual(['ModifyListener']);
    expect(plan.note).toBe(
      "the listener's rules were not in the input: only the default action is planned; verification reads them",
    );
  });
});
