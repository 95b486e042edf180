import { describe, expect, it } from 'vitest';
import { elbv2ListenerPlaintext as rule } from '../../../../../shared/families/elbv2/rules/elbv2-listener-plaintext.js';
import { evaluateAndPlan } from '../../../../../shared/usecase/evaluate.js';
import {
  albHttpListener,
  albHttpsListener,
  elbRuleContext,
  fixedResponseAction,
  forwardAction,
  gwlbListener,
  listenerRule,
  nlbListener,
  redirectAction,
} from '../../../../helpers/elb-fixtures.js';

const context = elbRuleContext();
/** The rule opted in to remediation (every rule defaults to notify). */
const remediateContext = elbRuleContext({ rules: { [rule.metadata.id]: { mode: 'remediate' } } });

describe('elbv2-listener-plaintext', () => {
  it('declares its severity, responses and Security Hub mapping', () => {
    // Assess
    expect(rule.metadata).toMatchObject({
      id: 'elbv2-listener-plaintext',
      severity: 'high',
      defaultMode: 'notify',
      remediation: { remediate: 'redirect-to-https', block: 'fixed-response-426' },
      compliance: { securityHub: ['ELB.1'] },
    });
  });

  it('flags an HTTP listener whose default action forwards', () => {
    // Prepare
    const listener = albHttpListener();

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toBe('Listener HTTP:80 serves plaintext HTTP: default action forward.');
    expect(outcome.details).toMatchObject({ defaultAction: 'forward', rulesInspected: true });
  });

  it('flags HTTP on port 443 as plaintext', () => {
    // Prepare
    const listener = albHttpListener({ port: 443 });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('HTTP:443 serves plaintext HTTP (port 443 does not make it TLS)');
  });

  it('accepts an HTTP listener that redirects to HTTPS and has no other rules', () => {
    // Prepare
    const listener = albHttpListener({ defaultActions: [redirectAction('HTTPS')] });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome).toEqual(
      expect.objectContaining({
        status: 'COMPLIANT',
        reason: 'Listener HTTP:80 redirects to HTTPS by default and it has no other rules.',
      }),
    );
  });

  it('accepts redirect rules alongside a redirecting default action', () => {
    // Prepare
    const listener = albHttpListener({
      defaultActions: [redirectAction()],
      rules: [listenerRule('10', [redirectAction()]), listenerRule('20', [redirectAction()])],
    });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.reason).toContain('its 2 rules do too');
  });

  it('flags a redirecting listener when one of its rules forwards', () => {
    // Prepare
    const listener = albHttpListener({
      defaultActions: [redirectAction()],
      rules: [listenerRule('5', [redirectAction()]), listenerRule('10', [forwardAction()])],
    });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toBe('Listener HTTP:80 serves plaintext HTTP: rule priority 10 forward.');
    expect(outcome.details?.plaintextRules).toEqual([
      expect.objectContaining({ priority: '10', actions: 'forward' }),
    ]);
  });

  it('flags a rule that answers with a fixed response', () => {
    // Prepare
    const listener = albHttpListener({
      defaultActions: [redirectAction()],
      rules: [listenerRule('1', [fixedResponseAction('200')])],
    });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('rule priority 1 fixed-response 200');
  });

  it.each([
    ['#{protocol}', '#{protocol}'],
    ['HTTP', 'HTTP'],
    ['the default protocol', null],
  ])('flags a redirect that keeps the client on %s', (_label, protocol) => {
    // Prepare
    const listener = albHttpListener({ defaultActions: [redirectAction(protocol)] });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain(`default action redirect to ${protocol ?? '#{protocol}'}`);
  });

  it('accepts a redirecting default action when rules are unknown, saying they were not inspected', () => {
    // Prepare
    const listener = albHttpListener({ defaultActions: [redirectAction()], rules: undefined });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.reason).toContain('its rules were not inspected');
    expect(outcome.details).toMatchObject({ rulesInspected: false });
  });

  it('flags a forwarding default action even when rules are unknown', () => {
    // Prepare
    const listener = albHttpListener({ rules: undefined });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
  });

  it('flags an HTTP listener whose default action is not in the input', () => {
    // Prepare
    const listener = albHttpListener({ defaultActions: [] });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('default action none in the input');
  });

  it('judges an HTTP listener of unknown load balancer type as an ALB listener', () => {
    // Prepare
    const listener = albHttpListener({ loadBalancerType: undefined });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
  });

  it('reports whether the load balancer has an HTTPS listener to redirect to', () => {
    // Prepare
    const listener = albHttpListener({
      siblingListeners: [
        { listenerArn: albHttpsListener().listenerArn.replace(/\w+$/, 'b7c1'), protocol: 'HTTPS', port: 443 },
      ],
    });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.details).toMatchObject({ loadBalancerHasHttpsListener: true });
  });

  it('plans the redirect in remediate mode when the load balancer has an HTTPS listener', () => {
    // Prepare
    const listener = albHttpListener({
      siblingListeners: [
        { listenerArn: albHttpsListener().listenerArn.replace(/\w+$/, 'b7c1'), protocol: 'HTTPS', port: 443 },
      ],
    });

    // Act
    const [evaluation] = evaluateAndPlan(listener, [rule], remediateContext);

    // Assess
    expect(evaluation?.response).toMatchObject({
      mode: 'remediate',
      status: 'dry-run',
      action: 'redirect-to-https',
      target: 'HTTPS:443',
      note: 'dry run: planned, not executed',
    });
    expect(evaluation?.response?.calls?.map((call) => call.command)).toEqual(['ModifyListener']);
  });

  it('only notifies in remediate mode when no HTTPS listener is known to redirect to', () => {
    // Act
    const [evaluation] = evaluateAndPlan(albHttpListener(), [rule], remediateContext);

    // Assess
    expect(evaluation?.response).toMatchObject({ mode: 'remediate', status: 'notify' });
    expect(evaluation?.response?.calls).toBeUndefined();
  });

  it.each([
    ['an HTTPS listener', albHttpsListener()],
    ['an NLB TCP listener', nlbListener('TCP', 80)],
    ['an NLB TLS listener', nlbListener('TLS', 443)],
    ['a GWLB listener without protocol', gwlbListener()],
    ['a GENEVE listener', gwlbListener({ protocol: 'GENEVE', port: 6081 })],
  ])('does not apply to %s', (_label, listener) => {
    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
  });

  it.each([
    ['an HTTPS listener', albHttpsListener(), 'Listener HTTPS:443 is not an HTTP listener.'],
    [
      'an NLB TCP listener',
      nlbListener('TCP', 80),
      'Network Load Balancer listener TCP:80: judged by elbv2-listener-tcp-plaintext and the TLS rules.',
    ],
    [
      'an NLB TLS listener',
      nlbListener('TLS', 443),
      'Network Load Balancer listener TLS:443: judged by elbv2-listener-tcp-plaintext and the TLS rules.',
    ],
  ])('says why it does not apply to %s', (_label, listener, reason) => {
    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome).toEqual({ status: 'NOT_APPLICABLE', reason });
  });

  it('flags a listener that authenticates over HTTP before redirecting, naming the actions in their order', () => {
    // Prepare
    const listener = albHttpListener({
      defaultActions: [
        { ...redirectAction(), order: 2 },
        { type: 'authenticate-oidc', order: 1 },
      ],
    });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toBe(
      'Listener HTTP:80 serves plaintext HTTP: default action authenticate-oidc + redirect to HTTPS.',
    );
    expect(outcome.details).toMatchObject({ defaultAction: 'authenticate-oidc + redirect to HTTPS' });
  });

  it.each([
    ['a redirect', { type: 'redirect', order: 1 }, 'default action redirect to #{protocol}'],
    ['a fixed response', { type: 'fixed-response', order: 1 }, 'default action fixed-response'],
  ])('flags %s whose configuration is not in the input', (_label, action, described) => {
    // Prepare
    const listener = albHttpListener({ defaultActions: [action] });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toBe(`Listener HTTP:80 serves plaintext HTTP: ${described}.`);
  });

  it.each([
    [
      'only an HTTP listener',
      [
        {
          listenerArn:
            'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/50dc6c495c0c9188/b7c1',
          protocol: 'HTTP',
          port: 8080,
        },
      ],
    ],
    [
      'a listener without protocol',
      [
        {
          listenerArn:
            'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/50dc6c495c0c9188/b7c1',
        },
      ],
    ],
  ])(
    'reports no HTTPS listener to redirect to when the load balancer has %s besides',
    (_label, siblingListeners) => {
      // Prepare
      const listener = albHttpListener({ siblingListeners });

      // Act
      const outcome = rule.evaluate(listener, context);

      // Assess
      expect(outcome.details).toMatchObject({ loadBalancerHasHttpsListener: false });
    },
  );

  it('claims nothing about an HTTPS listener when the input does not show the other listeners', () => {
    // Act
    const outcome = rule.evaluate(albHttpListener({ siblingListeners: undefined }), context);

    // Assess
    expect(outcome.details).not.toHaveProperty('loadBalancerHasHttpsListener');
  });

  it('does not count the default rule that DescribeRules lists among the rules', () => {
    // Prepare
    const listener = albHttpListener({
      defaultActions: [redirectAction()],
      rules: [{ ...listenerRule('default', [redirectAction()]), isDefault: true }],
    });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.reason).toBe('Listener HTTP:80 redirects to HTTPS by default and it has no other rules.');
  });

  it('accepts a single redirect rule alongside a redirecting default action', () => {
    // Prepare
    const listener = albHttpListener({
      defaultActions: [redirectAction()],
      rules: [listenerRule('10', [redirectAction()])],
    });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.reason).toBe('Listener HTTP:80 redirects to HTTPS by default and its rule does too.');
  });
});
