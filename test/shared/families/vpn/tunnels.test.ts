import { describe, expect, it } from 'vitest';
import {
  AWS_DEFAULT_TUNNEL_OPTIONS,
  isAllowed,
  nameTunnels,
  permittedValues,
  tunnelName,
  valuesOutside,
} from '../../../../shared/families/vpn/tunnels.js';
import {
  awsDefaultTunnelOptions,
  hardenedTunnelOptions,
  TUNNEL_A_IP,
  TUNNEL_B_IP,
  vpnTunnel,
} from '../../../helpers/vpn-fixtures.js';

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

  it('compares values as upper-case text, numbers and strings alike, never trimming them', () => {
    expect(isAllowed('aes256', ['AES256'])).toBe(true);
    expect(isAllowed(' aes256 ', ['AES256'])).toBe(false);
    expect(isAllowed('AES256 ', ['AES256', 'AES128'])).toBe(false);
    expect(valuesOutside(['ikev2 '], ['ikev2'])).toEqual(['ikev2 ']);
    expect(isAllowed('14', [14])).toBe(true);
    expect(isAllowed(14, ['14', '20'])).toBe(true);
    expect(isAllowed('AES128', ['AES256'])).toBe(false);
    expect(valuesOutside(['14', 2], [14, 20, 21, 22, 23, 24])).toEqual([2]);
  });

  it('answers for an allowed list as it is now, when it changed since it was last asked about', () => {
    // Prepare
    const allowed: (string | number)[] = ['ikev2'];
    const before = valuesOutside(['ikev1', 'ikev2'], allowed);
    const allowedBefore = isAllowed('IKEv1', allowed);

    // Act
    allowed.push('IKEv1');

    // Assess
    expect(before).toEqual(['ikev1']);
    expect(allowedBefore).toBe(false);
    expect(valuesOutside(['ikev1', 'ikev2'], allowed)).toEqual([]);
    expect(isAllowed('IKEv1', allowed)).toBe(true);
    allowed.splice(0, 2, 'ikev1');
    expect(valuesOutside(['ikev1', 'ikev2'], allowed)).toEqual(['ikev2']);
  });

  it('names a tunnel by its outside IP, or by position when the input has none', () => {
    expect(tunnelName(vpnTunnel({ outsideIpAddress: '203.0.113.17' }), 0)).toBe('203.0.113.17');
    expect(tunnelName(vpnTunnel({ outsideIpAddress: '' }), 1)).toBe('tunnel 2');
  });

  it('answers for an allowed list whose value was replaced in place, keeping its length', () => {
    // Prepare
    const allowed: (string | number)[] = ['ikev2'];
    const before = valuesOutside(['ikev1', 'ikev2'], allowed);
    const allowedBefore = isAllowed('ikev2', allowed);

    // Act
    allowed[0] = 'ikev1';

    // Assess
    expect(before).toEqual(['ikev1']);
    expect(allowedBefore).toBe(true);
    expect(valuesOutside(['ikev1', 'ikev2'], allowed)).toEqual(['ikev2']);
    expect(isAllowed('ikev2', allowed)).toBe(false);
    expect(isAllowed('IKEv1', allowed)).toBe(true);
  });

  it('names a tunnel whose outside IP is blank by position, and trims one given with spaces', () => {
    expect(tunnelName(vpnTunnel({ outsideIpAddress: '   ' }), 0)).toBe('tunnel 1');
    expect(tunnelName(vpnTunnel({ outsideIpAddress: ` ${TUNNEL_A_IP} ` }), 0)).toBe(TUNNEL_A_IP);
  });

  it('does not repeat the word "tunnel" before tunnels named by position', () => {
    expect(nameTunnels([TUNNEL_A_IP])).toBe(`tunnel ${TUNNEL_A_IP}`);
    expect(nameTunnels([TUNNEL_A_IP, TUNNEL_B_IP])).toBe(`tunnels ${TUNNEL_A_IP} and ${TUNNEL_B_IP}`);
    expect(nameTunnels(['tunnel 1'])).toBe('tunnel 1');
    expect(nameTunnels(['tunnel 1', 'tunnel 2'])).toBe('tunnels 1 and 2');
  });
});
