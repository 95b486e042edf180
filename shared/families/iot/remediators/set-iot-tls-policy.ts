import { sdkCall } from '../../../response/calls.js';
import { defineRemediator } from '../../../response/remediator.js';
import { IOT_COMMANDS } from '../commands.js';
import { DOMAIN_CONFIGURATION } from '../model.js';

/**
 * Moves a domain configuration to the target TLS policy the rule chose (UpdateDomainConfiguration
 * tlsConfig.securityPolicy, https://docs.aws.amazon.com/iot/latest/apireference/API_UpdateDomainConfiguration.html).
 * Verified by the default check: the rule, run again on the domain configuration read after the call, passes.
 */
export const setIotTlsPolicy = defineRemediator({
  id: 'set-iot-tls-policy',
  iamActions: [IOT_COMMANDS.UpdateDomainConfiguration.iamAction],
  resourceTypes: [DOMAIN_CONFIGURATION],
  plan({ resource: domain, target }) {
    if (!target)
      return {
        kind: 'refused',
        note: `domain configuration ${domain.domainConfigurationName}: no AWS IoT security policy to move to`,
      };
    return {
      kind: 'calls',
      calls: [
        sdkCall(IOT_COMMANDS, 'UpdateDomainConfiguration', {
          domainConfigurationName: domain.domainConfigurationName,
          tlsConfig: { securityPolicy: target },
        }),
      ],
      target,
    };
  },
});
