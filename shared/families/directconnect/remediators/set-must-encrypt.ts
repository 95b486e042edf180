import { sdkCall } from '../../../response/calls.js';
import { defineRemediator } from '../../../response/remediator.js';

export const setMustEncrypt = defineRemediator({
  id: 'set-must-encrypt',
  iamActions: ['directconnect:UpdateConnection', 'directconnect:UpdateLag'],
  resourceTypes: ['AWS::DirectConnect::Connection', 'AWS::DirectConnect::Lag'],
  // must_encrypt drops traffic whenever MACsec is down: only switch a link that already encrypts.
  safety(_resource, evaluation) {
    return evaluation.details?.readyForMustEncrypt === true
      ? undefined
      : 'no change to must_encrypt: it needs a MACsec key in state associated and every port reporting "Encryption Up", or the link stops carrying traffic';
  },
  plan({ resource }) {
    const call =
      resource.resourceType === 'AWS::DirectConnect::Connection'
        ? sdkCall('directconnect', 'UpdateConnection', {
            connectionId: resource.connectionId,
            encryptionMode: 'must_encrypt',
          })
        : sdkCall('directconnect', 'UpdateLag', { lagId: resource.lagId, encryptionMode: 'must_encrypt' });
    return { kind: 'calls', calls: [call], target: 'must_encrypt' };
  },
});
