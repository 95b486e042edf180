import { sdkCall } from '../../../response/calls.js';
import { defineRemediator } from '../../../response/remediator.js';
import { DIRECTCONNECT_COMMANDS } from '../commands.js';

export const setMustEncrypt = defineRemediator({
  id: 'set-must-encrypt',
  iamActions: [DIRECTCONNECT_COMMANDS.UpdateConnection.iamAction, DIRECTCONNECT_COMMANDS.UpdateLag.iamAction],
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
        ? sdkCall(DIRECTCONNECT_COMMANDS, 'UpdateConnection', {
            connectionId: resource.connectionId,
            encryptionMode: 'must_encrypt',
          })
        : sdkCall(DIRECTCONNECT_COMMANDS, 'UpdateLag', {
            lagId: resource.lagId,
            encryptionMode: 'must_encrypt',
          });
    return { kind: 'calls', calls: [call], target: 'must_encrypt' };
  },
});
