import { ModifyVpnTunnelOptionsCommand } from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  VpnConnection,
  VpnNegotiatedCrypto,
  VpnTunnelOptions,
} from '../../../../../shared/families/vpn/model.js';
import { modifyVpnTunnelOptions } from '../../../../../shared/families/vpn/remediators/modify-vpn-tunnel-options.js';
import { vpnTunnelIkeVersion } from '../../../../../shared/families/vpn/rules/vpn-tunnel-ike-version.js';
import { vpnTunnelWeakCrypto as rule } from '../../../../../shared/families/vpn/rules/vpn-tunnel-weak-crypto.js';
import type { RemediationCall } from '../../../../../shared/model/evaluation.js';
import { type Policy, type PolicyInput, policySchema } from '../../../../../shared/policy/schema.js';
import { executePlan } from '../../../../../shared/response/executor.js';
import {
  awsDefaultTunnelOptions,
  hardenedTunnelOptions,
  strongNegotiatedCrypto,
  TUNNEL_A_IP,
  TUNNEL_B_IP,
  vpnConnection,
  vpnTunnel,
} from '../../../../helpers/vpn-fixtures.js';
import {
  evaluateWith,
  executorDeps,
  mockRemediationClients,
  plannedAction,
  planOf,
  reads,
} from '../../../response/support.js';

const mocks = mockRemediationClients();
const VPN_ID = 'vpn-12345678901234567';

const values = <T>(list: readonly T[]) => list.map((Value) => ({ Value }));

/** What the default policy sets on a tunnel that was left on AWS's defaults. */
const DEFAULT_POLICY_OPTIONS = {
  IKEVersions: values(['ikev2']),
  Phase1EncryptionAlgorithms: values(['AES128', 'AES256', 'AES128-GCM-16', 'AES256-GCM-16']),
  Phase2EncryptionAlgorithms: values(['AES128', 'AES256', 'AES128-GCM-16', 'AES256-GCM-16']),
  Phase1IntegrityAlgorithms: values(['SHA2-256', 'SHA2-384', 'SHA2-512']),
  Phase2IntegrityAlgorithms: values(['SHA2-256', 'SHA2-384', 'SHA2-512']),
  Phase1DHGroupNumbers: values([14, 15, 16, 17, 18, 19, 20, 21, 23, 24]),
  Phase2DHGroupNumbers: values([14, 15, 16, 17, 18, 19, 20, 21, 23, 24]),
};

interface TunnelState {
  status: 'UP' | 'DOWN';
  options: VpnTunnelOptions;
}

function connection(a: TunnelState, b: TunnelState, state = 'available'): VpnConnection {
  return vpnConnection({
    state,
    tunnels: [
      vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, ...a }),
      vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, ...b }),
    ],
  });
}

const onDefaults = (status: 'UP' | 'DOWN' = 'UP'): TunnelState => ({
  status,
  options: awsDefaultTunnelOptions(),
});

/** The tunnel options a ModifyVpnTunnelOptions call leaves, as DescribeVpnConnections reports them. */
function applied(call: RemediationCall | undefined, status: 'UP' | 'DOWN' = 'UP'): TunnelState {
  const spec = (call?.input.TunnelOptions ?? {}) as Record<string, { Value: string | number }[]>;
  const list = <T>(field: string) => (spec[field] ?? []).map((entry) => entry.Value as T);
  return {
    status,
    options: {
      ...awsDefaultTunnelOptions(),
      ikeVersions: list('IKEVersions'),
      phase1EncryptionAlgorithms: list('Phase1EncryptionAlgorithms'),
      phase2EncryptionAlgorithms: list('Phase2EncryptionAlgorithms'),
      phase1IntegrityAlgorithms: list('Phase1IntegrityAlgorithms'),
      phase2IntegrityAlgorithms: list('Phase2IntegrityAlgorithms'),
      phase1DHGroupNumbers: list('Phase1DHGroupNumbers'),
      phase2DHGroupNumbers: list('Phase2DHGroupNumbers'),
    },
  };
}

describe('modify-vpn-tunnel-options', () => {
  afterEach(() => {
    mocks.reset();
  });

  it('plans ModifyVpnTunnelOptions for each tunnel with the policy lists, tunnel A first', () => {
    // Act
    const plan = planOf(evaluateWith(rule, connection(onDefaults(), onDefaults())));

    // Assess
    expect(plan.status).toBe('planned');
    expect(plan.calls).toEqual(
      [TUNNEL_A_IP, TUNNEL_B_IP].map((ip) => ({
        service: 'ec2',
        command: 'ModifyVpnTunnelOptions',
        input: {
          VpnConnectionId: VPN_ID,
          VpnTunnelOutsideIpAddress: ip,
          TunnelOptions: DEFAULT_POLICY_OPTIONS,
        },
      })),
    );
    expect(plan.note).toContain(`one tunnel at a time: ${TUNNEL_A_IP}, then ${TUNNEL_B_IP}`);
  });

  it('gives phase 1 no DH group 5 even when the policy allows it (the EC2 API does not accept it there)', () => {
    // Prepare
    const policy: PolicyInput = { vpn: { allowedDHGroups: [5, 14, 20] } };

    // Act
    const plan = planOf(evaluateWith(rule, connection(onDefaults(), onDefaults()), policy));

    // Assess
    expect(plan.calls?.[0]?.input.TunnelOptions).toMatchObject({
      Phase1DHGroupNumbers: values([14, 20]),
      Phase2DHGroupNumbers: values([5, 14, 20]),
    });
  });

  it('plans with the policy lists as they are now, when the same policy changed since the last plan', () => {
    // Prepare
    const evaluation = evaluateWith(rule, connection(onDefaults(), onDefaults()));
    const policy = policySchema.parse({ dryRun: false, vpn: { allowedDHGroups: [14, 20] } });
    const input = { resource: connection(onDefaults(), onDefaults()), evaluation, policy };
    const first = modifyVpnTunnelOptions.plan(input);

    // Act
    policy.vpn.allowedDHGroups.push(21);
    const second = modifyVpnTunnelOptions.plan(input);

    // Assess
    const groups = (plan: typeof first) =>
      plan.kind === 'calls' ? plan.calls[0]?.input.TunnelOptions : undefined;
    expect(groups(first)).toMatchObject({ Phase1DHGroupNumbers: values([14, 20]) });
    expect(groups(second)).toMatchObject({
      Phase1DHGroupNumbers: values([14, 20, 21]),
      Phase2DHGroupNumbers: values([14, 20, 21]),
    });
  });

  it('narrows the lists a tunnel sets explicitly and leaves a compliant tunnel alone', () => {
    // Prepare
    const narrow: TunnelState = {
      status: 'UP',
      options: { ...hardenedTunnelOptions(), phase1IntegrityAlgorithms: ['SHA1', 'SHA2-384'] },
    };
    const compliant: TunnelState = { status: 'UP', options: hardenedTunnelOptions() };

    // Act
    const plan = planOf(evaluateWith(rule, connection(compliant, narrow)));

    // Assess
    expect(plan.calls).toHaveLength(1);
    expect(plan.calls?.[0]?.input).toMatchObject({
      VpnTunnelOutsideIpAddress: TUNNEL_B_IP,
      TunnelOptions: {
        Phase1IntegrityAlgorithms: values(['SHA2-384']),
        Phase1EncryptionAlgorithms: values(['AES256', 'AES128-GCM-16', 'AES256-GCM-16']),
        Phase1DHGroupNumbers: values([14, 19, 20, 21]),
      },
    });
  });

  it('plans no change while the other tunnel is DOWN, and notifies', () => {
    // Act
    const plan = planOf(evaluateWith(vpnTunnelIkeVersion, connection(onDefaults(), onDefaults('DOWN'))));

    // Assess
    expect(plan.status).toBe('notify');
    expect(plan.calls).toBeUndefined();
    expect(plan.note).toContain(`no tunnel change: ${TUNNEL_B_IP} is DOWN`);
  });

  it('plans no change when the input lacks a tunnel’s options', () => {
    // Prepare
    const vpn = connection(onDefaults(), onDefaults());
    delete vpn.tunnels[1]?.options;

    // Act
    const plan = planOf(evaluateWith(rule, vpn));

    // Assess
    expect(plan.status).toBe('notify');
    expect(plan.note).toContain(`the tunnel options of ${TUNNEL_B_IP} are not in the input`);
  });

  it('changes tunnel B only after tunnel A reports UP with its new options', async () => {
    // Prepare
    const action = plannedAction(rule, connection(onDefaults(), onDefaults()));
    const [callA, callB] = action.plan.calls ?? [];
    const log: string[] = [];
    const states = [
      connection(onDefaults(), onDefaults()), // before acting
      connection(onDefaults(), onDefaults(), 'modifying'), // stale UP while the change is under way
      connection(applied(callA, 'DOWN'), onDefaults()),
      connection(applied(callA), onDefaults()), // A is back: B may go
      connection(applied(callA), applied(callB, 'DOWN')),
      connection(applied(callA), applied(callB)),
    ];
    let read = 0;
    const readResource = async () => {
      const state = states[Math.min(read, states.length - 1)];
      read++;
      log.push(`read ${read}`);
      return structuredClone(state);
    };
    mocks.ec2.on(ModifyVpnTunnelOptionsCommand).callsFake((input) => {
      log.push(`modify ${input.VpnTunnelOutsideIpAddress}`);
      return {};
    });

    // Act
    const record = await executePlan(action, executorDeps(rule, readResource));

    // Assess
    expect(record.status).toBe('remediated');
    expect(log).toEqual([
      'read 1',
      `modify ${TUNNEL_A_IP}`,
      'read 2',
      'read 3',
      'read 4',
      `modify ${TUNNEL_B_IP}`,
      'read 5',
      'read 6',
      'read 7', // verification
    ]);
    expect(mocks.ec2).toReceiveNthCommandWith(ModifyVpnTunnelOptionsCommand, 1, {
      VpnConnectionId: VPN_ID,
      VpnTunnelOutsideIpAddress: TUNNEL_A_IP,
      TunnelOptions: DEFAULT_POLICY_OPTIONS,
    });
    expect(mocks.ec2).toReceiveNthCommandWith(ModifyVpnTunnelOptionsCommand, 2, {
      VpnConnectionId: VPN_ID,
      VpnTunnelOutsideIpAddress: TUNNEL_B_IP,
      TunnelOptions: DEFAULT_POLICY_OPTIONS,
    });
  });

  it('stops with "did not come back UP" and never touches tunnel B when tunnel A stays DOWN', async () => {
    // Prepare
    const action = plannedAction(rule, connection(onDefaults(), onDefaults()));
    const [callA] = action.plan.calls ?? [];
    let read = 0;
    const readResource = async () =>
      read++ === 0
        ? connection(onDefaults(), onDefaults())
        : connection(applied(callA, 'DOWN'), onDefaults());
    mocks.ec2.on(ModifyVpnTunnelOptionsCommand).resolves({});
    const deps = executorDeps(rule, readResource, { settleTimeoutMs: 10 * 60_000, pollIntervalMs: 30_000 });

    // Act
    const record = await executePlan(action, deps);

    // Assess
    expect(record.status).toBe('failed');
    expect(record.error).toBe(
      `tunnel ${TUNNEL_A_IP} did not come back UP within 10 minutes; stopped before any further change`,
    );
    expect(mocks.ec2).toReceiveCommandTimes(ModifyVpnTunnelOptionsCommand, 1);
    expect(deps.slept.reduce((sum, ms) => sum + ms, 0)).toBe(10 * 60_000);
  });

  it('refuses at execution when a tunnel has gone DOWN since the plan was made', async () => {
    // Prepare
    const action = plannedAction(rule, connection(onDefaults(), onDefaults()));
    const readResource = async () => connection(onDefaults('DOWN'), onDefaults());

    // Act
    const record = await executePlan(action, executorDeps(rule, readResource));

    // Assess
    expect(record.status).toBe('refused');
    expect(record.error).toContain(`${TUNNEL_A_IP} is DOWN`);
    expect(mocks.ec2).not.toReceiveAnyCommand();
  });
});

describe('modify-vpn-tunnel-options safety', () => {
  const evaluation = evaluateWith(rule, connection(onDefaults(), onDefaults()));

  it.each([
    ['pending', 'pending'],
    ['MODIFYING', 'modifying'],
    ['deleting', 'deleting'],
  ])('refuses while the connection is %s, even with every tunnel UP', (state, named) => {
    // Prepare
    const vpn = connection(onDefaults(), onDefaults(), state);

    // Act
    const unsafe = modifyVpnTunnelOptions.safety(vpn, evaluation);

    // Assess
    expect(unsafe).toBe(`no tunnel change: VPN connection ${VPN_ID} is ${named}`);
  });

  it.each([
    ['available with every tunnel UP', connection(onDefaults(), onDefaults())],
    [
      'of unknown state (a minimal input) with every tunnel UP',
      { ...connection(onDefaults(), onDefaults()), state: undefined },
    ],
    [
      'available with tunnels reported "up" in lower case',
      vpnConnection({
        tunnels: [vpnTunnel({ status: 'up' }), vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, status: 'Up' })],
      }),
    ],
  ])('allows a change while the connection is %s', (_label, vpn) => {
    // Act
    const unsafe = modifyVpnTunnelOptions.safety(vpn, evaluation);

    // Assess
    expect(unsafe).toBeUndefined();
  });

  it('refuses while a tunnel reports no status, naming it', () => {
    // Prepare
    const vpn = connection(onDefaults(), onDefaults());
    delete vpn.tunnels[0]?.status;

    // Act
    const unsafe = modifyVpnTunnelOptions.safety(vpn, evaluation);

    // Assess
    expect(unsafe).toBe(
      `no tunnel change: ${TUNNEL_A_IP} is of unknown status; changing a tunnel now could cut the connection (every tunnel must be UP)`,
    );
  });
});

describe('modify-vpn-tunnel-options plan', () => {
  it('refuses when the policy allows no DH group phase 1 accepts (only group 5)', () => {
    // Prepare
    const policy: PolicyInput = { vpn: { allowedDHGroups: [5] } };

    // Act
    const plan = planOf(evaluateWith(rule, connection(onDefaults(), onDefaults()), policy));

    // Assess
    expect(plan.status).toBe('notify');
    expect(plan.calls).toBeUndefined();
    expect(plan.note).toContain(
      'the policy allows no value ModifyVpnTunnelOptions accepts for phase1DHGroupNumbers (phase 1 takes no DH group 5); notifying only',
    );
  });

  it('sets the policy’s whole settable list where the tunnel permits nothing the policy allows', () => {
    // Prepare
    const weak: TunnelState = {
      status: 'UP',
      options: { ...hardenedTunnelOptions(), phase1DHGroupNumbers: [2], phase2DHGroupNumbers: [2] },
    };
    const policy: PolicyInput = { vpn: { allowedDHGroups: [5, 14] } };

    // Act
    const plan = planOf(evaluateWith(rule, connection(weak, weak), policy));

    // Assess
    expect(plan.calls?.[0]?.input.TunnelOptions).toMatchObject({
      Phase1DHGroupNumbers: values([14]),
      Phase2DHGroupNumbers: values([5, 14]),
    });
  });

  it.each<[string, Policy['vpn']['allowedDHGroups']]>([
    ['one of its values is replaced', [14, 21]],
    ['every one of its values is replaced', [15, 21]],
  ])('plans with the policy list as it is now when %s in place since the last plan', (_label, now) => {
    // Prepare
    const evaluation = evaluateWith(rule, connection(onDefaults(), onDefaults()));
    const policy = policySchema.parse({ dryRun: false, vpn: { allowedDHGroups: [14, 20] } });
    const input = { resource: connection(onDefaults(), onDefaults()), evaluation, policy };
    modifyVpnTunnelOptions.plan(input);
    policy.vpn.allowedDHGroups.splice(0, 2, ...now);

    // Act
    const plan = modifyVpnTunnelOptions.plan(input);

    // Assess
    expect(plan.kind === 'calls' ? plan.calls[0]?.input.TunnelOptions : plan).toMatchObject({
      Phase1DHGroupNumbers: values(now),
      Phase2DHGroupNumbers: values(now),
    });
  });

  it('refuses when the connection read again permits only allowed values on every tunnel', () => {
    // Prepare
    const evaluation = evaluateWith(rule, connection(onDefaults(), onDefaults()));
    const hardened: TunnelState = { status: 'UP', options: hardenedTunnelOptions() };
    const policy = policySchema.parse({ dryRun: false });

    // Act
    const plan = modifyVpnTunnelOptions.plan({
      resource: connection(hardened, hardened),
      evaluation,
      policy,
    });

    // Assess
    expect(plan).toEqual({ kind: 'refused', note: 'every tunnel already permits only allowed values' });
  });
});

describe('modify-vpn-tunnel-options settling', () => {
  const [callA] = planOf(evaluateWith(rule, connection(onDefaults(), onDefaults()))).calls ?? [];
  const call = callA as RemediationCall;
  const isSettled = (after: VpnConnection | undefined) =>
    modifyVpnTunnelOptions.settle?.isSettled(after, call);
  const upWith = (options: Partial<VpnTunnelOptions>): TunnelState => {
    const done = applied(call);
    return { status: 'UP', options: { ...done.options, ...options } };
  };

  it("waits as long as the policy's vpn.tunnelUpTimeoutMinutes", () => {
    // Act
    const timeout = (input: PolicyInput) =>
      modifyVpnTunnelOptions.settle?.timeoutMs(policySchema.parse(input));

    // Assess
    expect(timeout({})).toBe(6 * 60_000);
    expect(timeout({ vpn: { tunnelUpTimeoutMinutes: 2 } })).toBe(2 * 60_000);
  });

  it.each<[string, () => VpnConnection | undefined]>([
    ['the connection could not be read', () => undefined],
    ['the connection is still modifying', () => connection(applied(call), onDefaults(), 'modifying')],
    [
      'the tunnel is not in the connection read',
      () => vpnConnection({ tunnels: [vpnTunnel({ outsideIpAddress: TUNNEL_B_IP })] }),
    ],
    [
      'the tunnel reports no status',
      () => {
        const vpn = connection(applied(call), onDefaults());
        delete vpn.tunnels[0]?.status;
        return vpn;
      },
    ],
    [
      'the tunnel reports no options',
      () => {
        const vpn = connection(applied(call), onDefaults());
        delete vpn.tunnels[0]?.options;
        return vpn;
      },
    ],
    ['the tunnel is UP on its old options', () => connection(onDefaults(), onDefaults())],
    [
      'the tunnel is UP with one list not yet changed',
      () => connection(upWith({ ikeVersions: [] }), onDefaults()),
    ],
    [
      'the tunnel is UP permitting fewer values than requested',
      () => connection(upWith({ phase1EncryptionAlgorithms: ['AES256'] }), onDefaults()),
    ],
    [
      'the tunnel is UP permitting more values than requested',
      () => connection(upWith({ ikeVersions: ['ikev1', 'ikev2'] }), onDefaults()),
    ],
  ])('has not settled when %s', (_label, read) => {
    // Act
    const settled = isSettled(read());

    // Assess
    expect(settled).toBe(false);
  });

  it.each<[string, () => VpnConnection]>([
    [
      'the connection is available and the tunnel UP with the requested lists',
      () => connection(applied(call), onDefaults()),
    ],
    [
      'the connection state is not in the input and the tunnel is UP with the requested lists',
      () => ({ ...connection(applied(call), onDefaults()), state: undefined }),
    ],
    [
      'the tunnel reports the requested lists in another order and case',
      () =>
        connection(
          upWith({ ikeVersions: ['IKEv2'], phase1IntegrityAlgorithms: ['sha2-512', 'SHA2-384', 'SHA2-256'] }),
          onDefaults(),
        ),
    ],
  ])('has settled when %s', (_label, read) => {
    // Act
    const settled = isSettled(read());

    // Assess
    expect(settled).toBe(true);
  });
});

describe('modify-vpn-tunnel-options with negotiated crypto', () => {
  afterEach(() => {
    mocks.reset();
  });

  const REMEDIATE: PolicyInput = { rules: { 'vpn-tunnel-weak-crypto': { mode: 'remediate' } } };
  const ikev1 = (): VpnNegotiatedCrypto => ({ ...strongNegotiatedCrypto(), ikeVersion: 'ikev1' });

  /** Two UP tunnels on AWS's defaults (both get changed), with what each negotiated. */
  function negotiating(
    a?: VpnNegotiatedCrypto,
    b?: VpnNegotiatedCrypto,
    bOptions = awsDefaultTunnelOptions(),
  ) {
    return vpnConnection({
      tunnels: [
        vpnTunnel({
          outsideIpAddress: TUNNEL_A_IP,
          options: awsDefaultTunnelOptions(),
          ...(a ? { negotiated: a } : {}),
        }),
        vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, options: bOptions, ...(b ? { negotiated: b } : {}) }),
      ],
    });
  }

  const changedTunnels = (plan: { calls?: RemediationCall[] }) =>
    (plan.calls ?? []).map((call) => call.input.VpnTunnelOutsideIpAddress);

  it('changes first the tunnel whose negotiated crypto the new options keep, and says why the other goes last', () => {
    // Act
    const plan = planOf(evaluateWith(rule, negotiating(ikev1(), strongNegotiatedCrypto()), REMEDIATE));

    // Assess
    expect(plan.status).toBe('planned');
    expect(changedTunnels(plan)).toEqual([TUNNEL_B_IP, TUNNEL_A_IP]);
    expect(plan.note).toBe(
      `one tunnel at a time: ${TUNNEL_B_IP}, then ${TUNNEL_A_IP}, each only after the one before is UP again; changed last: tunnel ${TUNNEL_A_IP} negotiated IKE version ikev1, which the new tunnel options no longer permit: such a tunnel may stay DOWN until the customer gateway proposes allowed values`,
    );
  });

  it('refuses, naming the tunnel and the negotiated value, when the only tunnel to change would lose it', () => {
    // Act
    const plan = planOf(
      evaluateWith(rule, negotiating(ikev1(), strongNegotiatedCrypto(), hardenedTunnelOptions()), REMEDIATE),
    );

    // Assess
    expect(plan).toEqual({
      mode: 'remediate',
      status: 'notify',
      note: `no tunnel change: tunnel ${TUNNEL_A_IP} negotiated IKE version ikev1, which the new tunnel options would no longer permit: the customer gateway might not reconnect; configure it to propose allowed values first; notifying only`,
    });
  });

  it('refuses when every tunnel to change negotiated a value the new options remove, naming each', () => {
    // Prepare
    const weak: VpnNegotiatedCrypto = {
      ...strongNegotiatedCrypto(),
      phase1IntegrityAlgorithm: 'SHA1',
      phase1DHGroup: 2,
    };

    // Act
    const plan = modifyVpnTunnelOptions.plan({
      resource: negotiating(ikev1(), weak),
      evaluation: evaluateWith(rule, negotiating(ikev1(), weak), REMEDIATE),
      policy: policySchema.parse({}),
    });

    // Assess
    expect(plan).toEqual({
      kind: 'refused',
      note: `no tunnel change: tunnel ${TUNNEL_A_IP} negotiated IKE version ikev1; tunnel ${TUNNEL_B_IP} negotiated phase 1 integrity SHA1 and phase 1 DH group 2, which the new tunnel options would no longer permit: the customer gateway might not reconnect; configure it to propose allowed values first`,
    });
  });

  it.each<[string, Partial<VpnNegotiatedCrypto>, PolicyInput['vpn'], string]>([
    ['IKE version', { ikeVersion: 'ikev1' }, {}, 'IKE version ikev1'],
    [
      'phase 1 encryption',
      { phase1EncryptionAlgorithm: 'AES128' },
      { allowedEncryptionAlgorithms: ['AES256', 'AES256-GCM-16'] },
      'phase 1 encryption AES128',
    ],
    [
      'phase 2 encryption',
      { phase1EncryptionAlgorithm: 'AES256', phase2EncryptionAlgorithm: 'AES128' },
      { allowedEncryptionAlgorithms: ['AES256', 'AES256-GCM-16'] },
      'phase 2 encryption AES128',
    ],
    ['phase 1 integrity', { phase1IntegrityAlgorithm: 'SHA1' }, {}, 'phase 1 integrity SHA1'],
    ['phase 2 integrity', { phase2IntegrityAlgorithm: 'SHA1' }, {}, 'phase 2 integrity SHA1'],
    ['phase 1 DH group', { phase1DHGroup: 2 }, {}, 'phase 1 DH group 2'],
    ['phase 2 DH group', { phase2DHGroup: 5 }, {}, 'phase 2 DH group 5'],
  ])('judges the negotiated %s against the new list of the same phase', (_field, weak, vpn, named) => {
    // Prepare
    const policy = policySchema.parse({ vpn });
    const aes256Only = ['AES256-GCM-16', 'AES256'];
    const compliant: VpnTunnelOptions = {
      ...hardenedTunnelOptions(),
      phase1EncryptionAlgorithms: aes256Only,
      phase2EncryptionAlgorithms: aes256Only,
    };
    const resource = negotiating({ ...strongNegotiatedCrypto(), ...weak }, undefined, compliant);
    const evaluation = evaluateWith(rule, resource, REMEDIATE);

    // Act
    const plan = modifyVpnTunnelOptions.plan({ resource, evaluation, policy });

    // Assess
    expect(plan).toEqual({
      kind: 'refused',
      note: `no tunnel change: tunnel ${TUNNEL_A_IP} negotiated ${named}, which the new tunnel options would no longer permit: the customer gateway might not reconnect; configure it to propose allowed values first`,
    });
  });

  it('keeps a negotiated value the new list still permits, whatever its case', () => {
    // Prepare
    const negotiated: VpnNegotiatedCrypto = {
      ...strongNegotiatedCrypto(),
      ikeVersion: 'IKEv2',
      phase1EncryptionAlgorithm: 'aes256',
      phase2DHGroup: 14,
    };

    // Act
    const plan = planOf(
      evaluateWith(rule, negotiating(negotiated, undefined, hardenedTunnelOptions()), REMEDIATE),
    );

    // Assess
    expect(plan.status).toBe('planned');
    expect(changedTunnels(plan)).toEqual([TUNNEL_A_IP]);
    expect(plan.note).toBe(
      `one tunnel at a time: ${TUNNEL_A_IP}, each only after the one before is UP again`,
    );
  });

  it('takes a NONE integrity beside AES-GCM for no value at all (GCM carries its own integrity)', () => {
    // Prepare
    const gcm: VpnNegotiatedCrypto = {
      ...strongNegotiatedCrypto(),
      phase1IntegrityAlgorithm: 'NONE',
      phase2IntegrityAlgorithm: ' none ',
    };

    // Act
    const plan = planOf(evaluateWith(rule, negotiating(gcm, undefined, hardenedTunnelOptions()), REMEDIATE));

    // Assess
    expect(plan.status).toBe('planned');
    expect(changedTunnels(plan)).toEqual([TUNNEL_A_IP]);
  });

  it('does not take NONE for a placeholder beside a CBC encryption', () => {
    // Prepare
    const cbc: VpnNegotiatedCrypto = {
      ...strongNegotiatedCrypto(),
      phase2EncryptionAlgorithm: 'AES256',
      phase2IntegrityAlgorithm: 'NONE',
    };

    // Act
    const plan = planOf(evaluateWith(rule, negotiating(cbc, undefined, hardenedTunnelOptions()), REMEDIATE));

    // Assess
    expect(plan.status).toBe('notify');
    expect(plan.note).toContain(`tunnel ${TUNNEL_A_IP} negotiated phase 2 integrity NONE, which`);
  });

  it('judges a negotiated integrity value whose encryption is not known', () => {
    // Prepare
    const integrityOnly: VpnNegotiatedCrypto = { phase1IntegrityAlgorithm: 'SHA1' };

    // Act
    const plan = planOf(
      evaluateWith(rule, negotiating(integrityOnly, undefined, hardenedTunnelOptions()), REMEDIATE),
    );

    // Assess
    expect(plan.note).toBe(
      `no tunnel change: tunnel ${TUNNEL_A_IP} negotiated phase 1 integrity SHA1, which the new tunnel options would no longer permit: the customer gateway might not reconnect; configure it to propose allowed values first; notifying only`,
    );
  });

  it('names each tunnel changed last, after the one that keeps its values', () => {
    // Prepare: three tunnels (the model does not limit them to two)
    const connection = negotiating(strongNegotiatedCrypto(), ikev1());
    connection.tunnels.push(
      vpnTunnel({
        outsideIpAddress: '203.0.115.21',
        options: awsDefaultTunnelOptions(),
        negotiated: { ...strongNegotiatedCrypto(), phase2DHGroup: 2 },
      }),
    );

    // Act
    const plan = planOf(evaluateWith(rule, connection, REMEDIATE));

    // Assess
    expect(plan.note).toBe(
      `one tunnel at a time: ${TUNNEL_A_IP}, then ${TUNNEL_B_IP}, then 203.0.115.21, each only after the one before is UP again; changed last: tunnel ${TUNNEL_B_IP} negotiated IKE version ikev1; tunnel 203.0.115.21 negotiated phase 2 DH group 2, which the new tunnel options no longer permit: such a tunnel may stay DOWN until the customer gateway proposes allowed values`,
    );
  });

  it('ignores negotiated fields AWS left empty', () => {
    // Prepare
    const partial: VpnNegotiatedCrypto = { ikeVersion: 'ikev2', phase1EncryptionAlgorithm: ' ' };

    // Act
    const plan = planOf(
      evaluateWith(rule, negotiating(partial, undefined, hardenedTunnelOptions()), REMEDIATE),
    );

    // Assess
    expect(plan.status).toBe('planned');
  });

  it('changes the compatible tunnel, then the other, and stops there when the other stays DOWN', async () => {
    // Prepare
    const before = negotiating(ikev1(), strongNegotiatedCrypto());
    const action = plannedAction(rule, before, REMEDIATE);
    const [callB, callA] = action.plan.calls ?? [];
    const withB = connection(onDefaults(), applied(callB));
    const { readResource } = reads(before, withB, connection(applied(callA, 'DOWN'), applied(callB)));
    mocks.ec2.on(ModifyVpnTunnelOptionsCommand).resolves({});
    const deps = executorDeps(rule, readResource, { settleTimeoutMs: 60_000, pollIntervalMs: 30_000 });

    // Act
    const record = await executePlan(action, deps);

    // Assess
    expect(mocks.ec2).toReceiveNthCommandWith(ModifyVpnTunnelOptionsCommand, 1, {
      VpnTunnelOutsideIpAddress: TUNNEL_B_IP,
    });
    expect(mocks.ec2).toReceiveNthCommandWith(ModifyVpnTunnelOptionsCommand, 2, {
      VpnTunnelOutsideIpAddress: TUNNEL_A_IP,
    });
    expect(record.status).toBe('failed');
    expect(record.error).toBe(
      `tunnel ${TUNNEL_A_IP} did not come back UP within 1 minute; stopped before any further change`,
    );
  });

  it('changes a tunnel of unknown negotiated crypto after one known to keep every value', () => {
    // Act
    const plan = planOf(evaluateWith(rule, negotiating(undefined, strongNegotiatedCrypto()), REMEDIATE));

    // Assess
    expect(changedTunnels(plan)).toEqual([TUNNEL_B_IP, TUNNEL_A_IP]);
    expect(plan.note).toBe(
      `one tunnel at a time: ${TUNNEL_B_IP}, then ${TUNNEL_A_IP}, each only after the one before is UP again`,
    );
  });

  it('counts a tunnel whose negotiated crypto is only partly known as unknown, after a fully known one', () => {
    // Act
    const plan = planOf(
      evaluateWith(rule, negotiating({ ikeVersion: 'ikev2' }, strongNegotiatedCrypto()), REMEDIATE),
    );

    // Assess
    expect(changedTunnels(plan)).toEqual([TUNNEL_B_IP, TUNNEL_A_IP]);
  });

  it('keeps the tunnel order when both tunnels are known to keep every value', () => {
    // Act
    const plan = planOf(
      evaluateWith(rule, negotiating(strongNegotiatedCrypto(), strongNegotiatedCrypto()), REMEDIATE),
    );

    // Assess
    expect(changedTunnels(plan)).toEqual([TUNNEL_A_IP, TUNNEL_B_IP]);
  });

  it('changes a tunnel of unknown negotiated crypto first rather than one that would lose a value', () => {
    // Act
    const plan = planOf(evaluateWith(rule, negotiating(ikev1(), undefined), REMEDIATE));

    // Assess
    expect(changedTunnels(plan)).toEqual([TUNNEL_B_IP, TUNNEL_A_IP]);
    expect(plan.note).toContain(`changed last: tunnel ${TUNNEL_A_IP} negotiated IKE version ikev1, which`);
  });
});
