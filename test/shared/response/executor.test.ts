import { ModifyListenerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { acmCertificateExpiry } from '../../../shared/families/acm/rules/acm-certificate-expiry.js';
import { dxConnectionMacsecFailOpen } from '../../../shared/families/directconnect/rules/dx-connection-macsec-fail-open.js';
import { elbListenerPlaintext } from '../../../shared/families/elb/rules/elb-listener-plaintext.js';
import { elbListenerWeakCiphers } from '../../../shared/families/elb/rules/elb-listener-weak-ciphers.js';
import { elbv2ListenerPlaintext } from '../../../shared/families/elbv2/rules/elbv2-listener-plaintext.js';
import { elbv2ListenerTcpPlaintext } from '../../../shared/families/elbv2/rules/elbv2-listener-tcp-plaintext.js';
import { elbv2ListenerTlsPolicy } from '../../../shared/families/elbv2/rules/elbv2-listener-tls-policy.js';
import { vpnTunnelIkeVersion } from '../../../shared/families/vpn/rules/vpn-tunnel-ike-version.js';
import type { Resource } from '../../../shared/model/resource.js';
import type { PolicyInput } from '../../../shared/policy/schema.js';
import { executePlan, PlanNotExecutableError } from '../../../shared/response/executor.js';
import type { AnyRule } from '../../../shared/rules/rule.js';
import { daysFromNow, privateCertificate } from '../../helpers/acm-fixtures.js';
import { dxConnection } from '../../helpers/dx-fixtures.js';
import {
  albHttpListener,
  albHttpsListener,
  classicListener,
  classicLoadBalancer,
  nlbListener,
} from '../../helpers/elb-fixtures.js';
import { awsDefaultTunnelOptions, vpnConnection, vpnTunnel } from '../../helpers/vpn-fixtures.js';
import { executorDeps, mockRemediationClients, plannedAction, reads } from './support.js';

const mocks = mockRemediationClients();
const DRY_RUN = { dryRun: true };
const block = (id: string): PolicyInput => ({ dryRun: true, rules: { [id]: { mode: 'block' } } });

/** A dry-run plan for every remediator. */
const DRY_RUNS: [string, AnyRule, Resource, PolicyInput][] = [
  [
    'redirect-to-https',
    elbv2ListenerPlaintext,
    albHttpListener({ siblingListeners: [{ listenerArn: 'arn:https', protocol: 'HTTPS', port: 443 }] }),
    DRY_RUN,
  ],
  ['fixed-response-426', elbv2ListenerPlaintext, albHttpListener(), block('elbv2-listener-plaintext')],
  [
    'set-ssl-policy',
    elbv2ListenerTlsPolicy,
    albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' }),
    DRY_RUN,
  ],
  [
    'delete-listener',
    elbv2ListenerTcpPlaintext,
    nlbListener('TCP', 80),
    block('elbv2-listener-tcp-plaintext'),
  ],
  [
    'set-classic-negotiation-policy',
    elbListenerWeakCiphers,
    classicLoadBalancer([classicListener('HTTPS', 443, ['ELBSecurityPolicy-2016-08'])]),
    DRY_RUN,
  ],
  [
    'delete-classic-listener',
    elbListenerPlaintext,
    classicLoadBalancer([classicListener('HTTP', 80)]),
    block('elb-listener-plaintext'),
  ],
  [
    'modify-vpn-tunnel-options',
    vpnTunnelIkeVersion,
    vpnConnection({ tunnels: [vpnTunnel({ options: awsDefaultTunnelOptions() })] }),
    DRY_RUN,
  ],
  [
    'set-must-encrypt',
    dxConnectionMacsecFailOpen,
    dxConnection({ encryptionMode: 'should_encrypt' }),
    DRY_RUN,
  ],
  ['renew-certificate', acmCertificateExpiry, privateCertificate({ notAfter: daysFromNow(10) }), DRY_RUN],
];

describe('executePlan', () => {
  afterEach(() => {
    mocks.reset();
  });

  it.each(DRY_RUNS)('calls no write API for a dry-run %s plan', async (id, rule, resource, policy) => {
    // Prepare
    const action = plannedAction(rule, resource, policy);
    const { readResource, count } = reads(resource);

    // Act
    const run = executePlan(action, executorDeps(rule, readResource, { policy }));

    // Assess
    expect(action.plan).toMatchObject({ status: 'dry-run', action: id });
    expect(action.plan.calls?.length).toBeGreaterThan(0);
    await expect(run).rejects.toThrow(PlanNotExecutableError);
    for (const mock of mocks.all) expect(mock).not.toReceiveAnyCommand();
    expect(count()).toBe(0);
  });

  it('does nothing when the resource is already compliant on the fresh read', async () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' });
    const action = plannedAction(elbv2ListenerTlsPolicy, listener);
    const { readResource } = reads({ ...listener, sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' });

    // Act
    const record = await executePlan(action, executorDeps(elbv2ListenerTlsPolicy, readResource));

    // Assess
    expect(record).toMatchObject({
      status: 'unchanged',
      note: 'already COMPLIANT when read again; nothing done',
    });
    expect(mocks.elbv2).not.toReceiveAnyCommand();
  });

  it('fails without a call when the resource cannot be read before acting', async () => {
    // Prepare
    const action = plannedAction(
      elbv2ListenerTlsPolicy,
      albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' }),
    );

    // Act
    const record = await executePlan(
      action,
      executorDeps(elbv2ListenerTlsPolicy, reads(undefined).readResource),
    );

    // Assess
    expect(record).toMatchObject({
      status: 'failed',
      error: 'the resource could not be read before acting',
      calls: [],
    });
    expect(mocks.elbv2).not.toReceiveAnyCommand();
  });

  it('reads again after a pause when the first read after the call still shows the old state', async () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' });
    const action = plannedAction(elbv2ListenerTlsPolicy, listener);
    mocks.elbv2.on(ModifyListenerCommand).resolves({});
    const fixed = { ...listener, sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' };
    const deps = executorDeps(elbv2ListenerTlsPolicy, reads(listener, listener, fixed).readResource);

    // Act
    const record = await executePlan(action, deps);

    // Assess
    expect(record.status).toBe('remediated');
    expect(record.before).toMatchObject({ sslPolicy: 'ELBSecurityPolicy-2016-08' });
    expect(record.after).toMatchObject({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' });
    expect(deps.slept).toEqual([5_000]);
    expect(record.startedAt).toBe('2026-11-22T10:00:00.000Z');
    expect(record.finishedAt).toBe('2026-11-22T10:00:05.000Z');
  });

  it('refuses a plan that is only to be notified about', async () => {
    // Prepare
    const listener = nlbListener('TCP', 80);
    const action = plannedAction(elbv2ListenerTcpPlaintext, listener);

    // Act
    const run = executePlan(action, executorDeps(elbv2ListenerTcpPlaintext, reads(listener).readResource));

    // Assess
    await expect(run).rejects.toThrow('is notify; only planned calls are executed');
  });
});
