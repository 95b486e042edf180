import { describe, expect, it } from 'vitest';
import {
  AWS_DEFAULT_TUNNEL_OPTIONS,
  permittedValues,
  tunnelName,
  valuesOutside,
} from '../../../../shared/rules/vpn/tunnels.js';
import { awsDefaultTunnelOptions, hardenedTunnelOptions, vpnTunnel } from '../../../helpers/vpn-fixtures.js';

describe('VPN tunnel options', () => {
  it('reads an empty option list as every value AWS accepts', () => {
    // Prepare
    const options = awsDefaultTunnelOptions();

    // Act
    const ike = permittedValues(options, 'ikeVersions');
    const phase1Groups = permittedValues(options, 'phase1DHGroupNumbers');
    const phase2Groups = permittedValues(options, 'phase2DHGroupNumbers');

    // Assess
    expect(ike).toEqual({ values: ['ikev1', 'ikev2'], awsDefault: true });
    expect(phase1Groups.values).toEqual([2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(phase2Groups.values).toEqual([2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(AWS_DEFAULT_TUNNEL_OPTIONS.phase1IntegrityAlgorithms).toContain('SHA1');
  });

  it('reads a non-empty list as exactly its values', () => {
    // Act
    const permitted = permittedValues(hardenedTunnelOptions(), 'phase2DHGroupNumbers');

    // Assess
    expect(permitted).toEqual({ values: [14, 19, 20, 21], awsDefault: false });
  });

  it('lists values outside the allowed set once each, ignoring case', () => {
    expect(valuesOutside(['IKEv1', 'ikev1', 'IKEV2'], ['ikev2'])).toEqual(['IKEv1']);
    expect(valuesOutside([2, 14, 2, 22], [14])).toEqual([2, 22]);
    expect(valuesOutside(['aes256-gcm-16'], ['AES256-GCM-16'])).toEqual([]);
  });

  it('names a tunnel by its outside IP, or by position when the input has none', () => {
    expect(tunnelName(vpnTunnel({ outsideIpAddress: '203.0.113.17' }), 0)).toBe('203.0.113.17');
    expect(tunnelName(vpnTunnel({ outsideIpAddress: '' }), 1)).toBe('tunnel 2');
  });
});
