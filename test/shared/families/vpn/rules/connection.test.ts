import { describe, expect, it } from 'vitest';
import {
  connectionLabel,
  inapplicableConnection,
} from '../../../../../shared/families/vpn/rules/connection.js';
import { vpnConnection } from '../../../../helpers/vpn-fixtures.js';

describe('VPN connection outcomes', () => {
  it('labels a connection by its id, with its Name tag when it has one', () => {
    expect(connectionLabel(vpnConnection())).toBe('vpn-12345678901234567 (datacenter-east)');
    expect(connectionLabel(vpnConnection({ name: undefined }))).toBe('vpn-12345678901234567');
  });

  it.each(['deleting', 'deleted'])('does not judge a %s connection, saying it is going away', (state) => {
    // Act
    const outcome = inapplicableConnection(vpnConnection({ state, tunnels: [] }), 'the IKE versions');

    // Assess
    expect(outcome).toEqual({
      status: 'NOT_APPLICABLE',
      reason: `VPN connection vpn-12345678901234567 (datacenter-east) is ${state}.`,
    });
  });

  it.each(['DELETED', 'Deleting', 'deleted ', 'x'])(
    'judges a connection whose state %j is not an EC2 VPN state, never reading it as going away',
    (state) => {
      expect(inapplicableConnection(vpnConnection({ state }), 'the IKE versions')).toBeUndefined();
    },
  );

  it('judges a connection whose state the input does not give, when it has tunnels', () => {
    expect(inapplicableConnection(vpnConnection({ state: undefined }), 'the crypto')).toBeUndefined();
  });

  it.each([
    ['available', 'available'],
    ['pending', 'pending'],
    ['not given', undefined],
  ])('cannot verify a %s connection without tunnel data', (_label, state) => {
    // Act
    const outcome = inapplicableConnection(vpnConnection({ state, tunnels: [] }), 'the crypto');

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason:
        'VPN connection vpn-12345678901234567 (datacenter-east): the input has no tunnel data (no tunnel options, no VgwTelemetry), so the crypto cannot be verified.',
      details: { tunnels: [], noTunnelData: true },
      unverified: true,
    });
  });
});
