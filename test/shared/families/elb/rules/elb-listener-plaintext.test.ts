import { describe, expect, it } from 'vitest';
import { elbListenerPlaintext as rule } from '../../../../../shared/families/elb/rules/elb-listener-plaintext.js';
import { classicListener, classicLoadBalancer, elbRuleContext } from '../../../../helpers/elb-fixtures.js';

const context = elbRuleContext();

describe('elb-listener-plaintext', () => {
  it('declares a high severity and blocks by deleting the listener', () => {
    // Assess
    expect(rule.metadata).toMatchObject({
      severity: 'high',
      defaultMode: 'notify',
      remediation: { block: 'delete-classic-listener' },
      compliance: { securityHub: ['ELB.3'], configRules: ['elb-tls-https-listeners-only'] },
    });
    expect(rule.metadata.description).toContain('tls.tlsPassthroughPorts');
    expect(rule.metadata.remediation.guidance).toContain('add the port to tls.tlsPassthroughPorts');
    expect(rule.metadata.remediation.remediate).toBeUndefined();
  });

  it('flags a load balancer with an HTTP listener', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('HTTP', 80)]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason: 'Listener HTTP:80 accepts plaintext from clients.',
      details: {
        failingListeners: [
          {
            listener: 'HTTP:80',
            protocol: 'HTTP',
            loadBalancerPort: 80,
            instanceProtocol: 'HTTP',
            instancePort: 8080,
          },
        ],
      },
    });
  });

  it('names every plaintext listener once per load balancer', () => {
    // Prepare
    const lb = classicLoadBalancer([
      classicListener('HTTPS', 443, ['ELBSecurityPolicy-TLS-1-2-2017-01']),
      classicListener('HTTP', 80),
      classicListener('TCP', 25),
    ]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toBe('Listeners HTTP:80 and TCP:25 accept plaintext from clients.');
    expect(outcome.details?.failingListeners).toHaveLength(2);
  });

  it('flags HTTP on port 443', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('HTTP', 443)]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('HTTP:443');
  });

  it('compares the protocol case-insensitively', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('tcp', 3306)]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toBe('Listener TCP:3306 accepts plaintext from clients.');
  });

  it('accepts a load balancer whose listeners are all HTTPS or SSL', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('HTTPS', 443), classicListener('SSL', 465)]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome).toEqual({
      status: 'COMPLIANT',
      reason: 'Every front-end listener uses TLS (HTTPS:443 and SSL:465).',
      details: { listeners: ['HTTPS:443', 'SSL:465'] },
    });
  });

  it.each([
    ['"x"', 'x', 'X:443', '"x"'],
    ['"HTTP " with a trailing space', 'HTTP ', 'HTTP :80', '"HTTP "'],
    ['an empty string', '', ':80', '""'],
  ])(
    'cannot verify a listener whose protocol is %s, never accepting it',
    (_label, protocol, label, shown) => {
      // Prepare
      const lb = classicLoadBalancer([
        classicListener('HTTPS', 443),
        classicListener(protocol, label.endsWith(':443') ? 443 : 80),
      ]);

      // Act
      const outcome = rule.evaluate(lb, context);

      // Assess
      expect(outcome).toEqual({
        status: 'NON_COMPLIANT',
        reason: `Listener ${label} has the protocol ${shown}, which is not a Classic Load Balancer listener protocol, so whether it accepts plaintext cannot be verified.`,
        details: { unknownProtocolListeners: [{ listener: label, protocol }] },
        unverified: true,
      });
    },
  );

  it('names every listener whose protocol is unknown', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('x', 81), classicListener('y', 82)]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.reason).toBe(
      'Listeners X:81 and Y:82 have the protocols "x" and "y", which are not Classic Load Balancer listener protocols, so whether they accept plaintext cannot be verified.',
    );
  });

  it('does not apply to a load balancer without listeners', () => {
    // Act
    const outcome = rule.evaluate(classicLoadBalancer([]), context);

    // Assess
    expect(outcome).toEqual({
      status: 'NOT_APPLICABLE',
      reason: 'Load balancer legacy-web has no listener in the input.',
    });
  });

  it('accepts a TCP listener on a TLS-passthrough port: the instances terminate TLS', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('TCP', 8443)]);

    // Act
    const outcome = rule.evaluate(lb, elbRuleContext({ tls: { tlsPassthroughPorts: [8443] } }));

    // Assess
    expect(outcome).toEqual({
      status: 'COMPLIANT',
      reason:
        'Listener TCP:8443 is on a TLS-passthrough port (tls.tlsPassthroughPorts): the instances terminate TLS.',
      details: { listeners: ['TCP:8443'], passthroughListeners: ['TCP:8443'], tlsPassthroughPorts: [8443] },
    });
  });

  it('names the TLS listeners and the passthrough ones apart when a load balancer has both', () => {
    // Prepare
    const lb = classicLoadBalancer([
      classicListener('HTTPS', 443),
      classicListener('tcp', 8443),
      classicListener('TCP', 9443),
    ]);

    // Act
    const outcome = rule.evaluate(lb, elbRuleContext({ tls: { tlsPassthroughPorts: [9443, 8443] } }));

    // Assess
    expect(outcome).toEqual({
      status: 'COMPLIANT',
      reason:
        'Listener HTTPS:443 uses TLS; listeners TCP:8443 and TCP:9443 are on TLS-passthrough ports (tls.tlsPassthroughPorts): the instances terminate TLS.',
      details: {
        listeners: ['HTTPS:443', 'TCP:8443', 'TCP:9443'],
        passthroughListeners: ['TCP:8443', 'TCP:9443'],
        tlsPassthroughPorts: [9443, 8443],
      },
    });
  });

  it('says "use TLS" of several TLS listeners beside a passthrough one', () => {
    // Prepare
    const lb = classicLoadBalancer([
      classicListener('HTTPS', 443),
      classicListener('SSL', 465),
      classicListener('TCP', 8443),
    ]);

    // Act
    const outcome = rule.evaluate(lb, elbRuleContext({ tls: { tlsPassthroughPorts: [8443] } }));

    // Assess
    expect(outcome.reason).toBe(
      'Listeners HTTPS:443 and SSL:465 use TLS; listener TCP:8443 is on a TLS-passthrough port (tls.tlsPassthroughPorts): the instances terminate TLS.',
    );
  });

  it('flags the TCP listener off the passthrough ports and not the one on them', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('TCP', 8443), classicListener('TCP', 25)]);

    // Act
    const outcome = rule.evaluate(lb, elbRuleContext({ tls: { tlsPassthroughPorts: [8443] } }));

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toBe('Listener TCP:25 accepts plaintext from clients.');
    expect(outcome.details?.failingListeners).toEqual([
      {
        listener: 'TCP:25',
        protocol: 'TCP',
        loadBalancerPort: 25,
        instanceProtocol: 'TCP',
        instancePort: 8080,
      },
    ]);
  });

  it('flags HTTP on a TLS-passthrough port: HTTP is never TLS passing through', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('HTTP', 8443)]);

    // Act
    const outcome = rule.evaluate(lb, elbRuleContext({ tls: { tlsPassthroughPorts: [8443] } }));

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toBe('Listener HTTP:8443 accepts plaintext from clients.');
  });

  it('leaves out the instance side of a listener when the input does not give it', () => {
    // Prepare
    const { instanceProtocol: _protocol, instancePort: _port, ...frontEnd } = classicListener('TCP', 25);
    const lb = classicLoadBalancer([frontEnd]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.details?.failingListeners).toStrictEqual([
      { listener: 'TCP:25', protocol: 'TCP', loadBalancerPort: 25 },
    ]);
  });
});
