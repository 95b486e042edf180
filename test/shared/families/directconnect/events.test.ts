import { describe, expect, it } from 'vitest';
import { routeCloudTrail } from '../../../../shared/events/cloudtrail.js';
import { loadEvent, withValue } from '../../../fixtures/events/load.js';
import { itRoutesEveryCall, ROUTED_DIRECTCONNECT } from '../../../helpers/routed-events.js';

describe('routeCloudTrail', () => {
  describe('routed API calls', () => {
    itRoutesEveryCall(ROUTED_DIRECTCONNECT);
  });

  describe('Direct Connect deletions', () => {
    it.each([
      {
        fixture: 'cloudtrail-directconnect-delete-connection',
        field: 'connectionId',
        id: 'dxlag-fh8r2v6n',
        expected: 'a dxcon- id',
      },
      {
        fixture: 'cloudtrail-directconnect-delete-lag',
        field: 'lagId',
        id: 'dxcon-fg5t7k2m',
        expected: 'a dxlag- id',
      },
      {
        fixture: 'cloudtrail-directconnect-confirm-connection',
        field: 'connectionId',
        id: 'dxvif-fgq1w2e3',
        expected: 'a dxcon- id',
      },
    ])('rejects $id as the $field of $fixture', ({ fixture, field, id, expected }) => {
      // Prepare
      const event = withValue(loadEvent(fixture), ['detail', 'requestParameters', field], id);

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(`detail.requestParameters.${field}: expected ${expected}, received "${id}"`);
    });

    it('names the LAG when DisassociateConnectionFromLag has none', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-directconnect-disassociate-connection-from-lag'),
        ['detail', 'requestParameters', 'lagId'],
        undefined,
      );

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow('detail.requestParameters.lagId: expected string, received undefined');
    });
  });

  describe('malformed events', () => {
    it('rejects a MACsec key call on something that is neither a connection nor a LAG', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-directconnect-associate-macsec-key'),
        ['detail', 'requestParameters', 'connectionId'],
        'dxvif-fgq1w2e3',
      );

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(
        'detail.requestParameters.connectionId: expected a dxcon- or dxlag- id, received "dxvif-fgq1w2e3"',
      );
    });

    it('rejects a LAG id where a connection id belongs', () => {
      // Prepare
      const event = withValue(
        loadEvent('cloudtrail-directconnect-update-connection'),
        ['detail', 'requestParameters', 'connectionId'],
        'dxlag-fh8r2v6n',
      );

      // Act
      const act = () => routeCloudTrail(event);

      // Assess
      expect(act).toThrow(
        'detail.requestParameters.connectionId: expected a dxcon- id, received "dxlag-fh8r2v6n"',
      );
    });
  });
});
