import { sdkCall } from '../../../response/calls.js';
import { defineRemediator } from '../../../response/remediator.js';
import { APIGATEWAY_COMMANDS } from '../commands.js';
import { restApiConstraints } from '../constraints.js';
import { REST_API } from '../model.js';
import { targetFor } from '../targets.js';
import { securityPolicyPatch } from './set-domain-security-policy.js';

export const setApiSecurityPolicy = defineRemediator({
  id: 'set-api-security-policy',
  iamActions: [APIGATEWAY_COMMANDS.UpdateRestApi.iamAction],
  resourceTypes: [REST_API],
  plan({ resource: api, policy, target }) {
    const chosen = targetFor(restApiConstraints(api), policy, target);
    if (typeof chosen === 'string') return { kind: 'refused', note: `REST API ${api.restApiId}: ${chosen}` };
    const name = chosen.resolved.name;
    return {
      kind: 'calls',
      calls: [
        sdkCall(APIGATEWAY_COMMANDS, 'UpdateRestApi', {
          restApiId: api.restApiId,
          patchOperations: securityPolicyPatch(
            { name, enhanced: chosen.kind === 'enhanced' },
            api.endpointAccessMode,
          ),
        }),
      ],
      target: name,
    };
  },
});
