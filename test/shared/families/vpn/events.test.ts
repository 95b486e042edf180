import { describe, expect, it } from 'vitest';
import { routeCloudTrail } from '../../../../shared/events/cloudtrail.js';
import { routeConfigChange } from '../../../../shared/events/config.js';
import { loadEvent, withValue } from '../../../fixtures/events/load.js';
import { itRoutesEveryCall, ROUTED_VPN, ref, VPN } from '../../../helpers/routed-events.js';

describe('routeCloudTrail', () => {
  describe('routed API calls', () => {
    itRoutesEveryCall(ROUTED_VPN);
  });

  describe('Site-to-Site VPN ids in every spelling EC2 records', () => {
    it('reads a flat PascalCase VpnConnectionId', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-ec2-modify-vpn-connection'),
        ['detail', 'requestParameters'],
        {
          VpnConnectionId: VPN,
        },
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({ refs: [ref('AWS::EC2::VPNConnection', VPN)] });
    });

    it('falls back to the vpnConnection in the response when the request has no id', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-ec2-modify-vpn-tunnel-options'),
        ['detail', 'requestParameters'],
        {},
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({ refs: [ref('AWS::EC2::VPNConnection', VPN)] });
    });

    it.each([
      {
        spelling: 'flat camelCase vpnConnectionId',
        fixture: 'cloudtrail-ec2-modify-vpn-connection',
        request: { vpnConnectionId: VPN },
      },
      {
        spelling: 'flat PascalCase VpnConnectionId',
        fixture: 'cloudtrail-ec2-modify-vpn-connection',
        request: { VpnConnectionId: VPN },
      },
      {
        spelling: 'ModifyVpnTunnelOptionsRequest.VpnConnectionId',
        fixture: 'cloudtrail-ec2-modify-vpn-tunnel-options',
        request: { ModifyVpnTunnelOptionsRequest: { VpnConnectionId: VPN } },
      },
      {
        spelling: 'ModifyVpnConnectionOptionsRequest.VpnConnectionId',
        fixture: 'cloudtrail-ec2-modify-vpn-connection-options',
        request: { ModifyVpnConnectionOptionsRequest: { VpnConnectionId: VPN } },
      },
      {
        spelling: 'ModifyVpnConnectionRequest.vpnConnectionId',
        fixture: 'cloudtrail-ec2-modify-vpn-connection',
        request: { ModifyVpnConnectionRequest: { vpnConnectionId: VPN } },
      },
    ])('reads a $spelling from the request when the response carries none', ({ fixture, request }) => {
      // Prepare
      let event = withValue(loadEvent(fixture), ['detail', 'requestParameters'], request);
      event = withValue(event, ['detail', 'responseElements'], null);

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toMatchObject({ kind: 'inspect', refs: [ref('AWS::EC2::VPNConnection', VPN)] });
    });

    it('takes the id of a new VPN connection from the response only, and names it when missing', () => {
      // Prepare
      let event = withValue(
        loadEvent('cloudtrail-ec2-create-vpn-connection'),
        ['detail', 'requestParameters', 'vpnConnectionId'],
        VPN,
      );
      event = withValue(event, ['detail', 'responseElements'], null);

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(
        'detail.responseElements.vpnConnection.vpnConnectionId: expected string, received undefined',
      );
    });

    it('rejects an id that is not a vpn- id, naming the request field', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-ec2-modify-vpn-connection'),
        ['detail', 'requestParameters', 'vpnConnectionId'],
        'vgw-0a1b2c3d4e5f60718',
      );

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(
        `detail.requestParameters.vpnConnectionId: expected a vpn- id, received "vgw-0a1b2c3d4e5f60718" (event ${event.id})`,
      );
    });

    it('ignores EC2 calls outside VPN', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-ec2-modify-vpn-connection'),
        ['detail', 'eventName'],
        'RunInstances',
      );

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(result).toStrictEqual({
        kind: 'ignore',
        eventId: event.id,
        reason: 'RunInstances is out of scope for EC2',
      });
    });
  });
});

describe('routeConfigChange', () => {
  it('routes a VPN connection item to its vpn- id, with a null diff', () => {
    // Prepare
    const event = loadEvent('config-change-vpn-connection');

    // Act
    const result = routeConfigChange(event);

    // Assess
    expect((event.detail as Record<string, unknown>).configurationItemDiff).toBeNull();
    expect(result).toMatchObject({ kind: 'inspect', refs: [ref('AWS::EC2::VPNConnection', VPN)] });
  });
});
