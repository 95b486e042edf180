import { sdkCall } from '../../../response/calls.js';
import { defineRemediator } from '../../../response/remediator.js';
import { LATTICE_COMMANDS } from '../commands.js';
import { LATTICE_LISTENER } from '../model.js';

/** Block mode for HTTP Lattice listeners: the protocol cannot change, so the listener goes, and its traffic with it. */
export const deleteLatticeListener = defineRemediator({
  id: 'delete-lattice-listener',
  iamActions: [LATTICE_COMMANDS.DeleteListener.iamAction],
  resourceTypes: [LATTICE_LISTENER],
  safety(resource) {
    return (resource.serviceArn ?? resource.serviceId)
      ? undefined
      : 'no DeleteListener: the input does not say which service the listener belongs to';
  },
  plan({ resource: listener }) {
    return {
      kind: 'calls',
      calls: [
        sdkCall(LATTICE_COMMANDS, 'DeleteListener', {
          serviceIdentifier: listener.serviceArn ?? listener.serviceId ?? '',
          listenerIdentifier: listener.listenerArn,
        }),
      ],
    };
  },
  verify(after) {
    return after === undefined
      ? { verified: true }
      : { verified: false, reason: 'the listener still exists when read again' };
  },
});
