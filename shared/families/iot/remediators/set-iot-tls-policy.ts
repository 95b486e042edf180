import { sdkCall } from '../../../response/calls.js';
import { defineRemediator } from '../../../response/remediator.js';
import { IOT_COMMANDS } from '../commands.js';
import { DOMAIN_CONFIGURATION } from '../model.js';

/**
 * Moves a domain configuration to the target TLS policy the rule chose (UpdateDomainConfiguration
 * tlsConfig.securityPolicy, https://docs.aws.amazon.com/iot/latest/apireference/API_UpdateDomainConfiguration.html):
 * the policy file's iot.targetSecurityPolicy, or the automatic one, which never drops a protocol the minimum
 * allows (moving TLS 1.2 devices to a TLS 1.3-only policy cuts them off, so only the setting may ask for it).
 * Verified by the default check: the rule, run again on the domain configuration read after the call, passes.
 */
export const setIotTlsPolicy = defineRemediator({
  id: 'set-iot-tls-policy',
  iamActions: [IOT_COMMANDS.UpdateDomainConfiguration.iamAction],
  resourceTypes: [DOMAIN_CONFIGURATION],
  plan({ resource: domain, evaluation, policy, target }) {
    const label = `domain configuration ${domain.domainConfigurationName}`;
    if (!target) {
      const why = evaluation.details?.remediationRefused;
      return {
        kind: 'refused',
        note: `${label}: no AWS IoT security policy to move to${typeof why === 'string' ? ` (${why})` : ''}`,
      };
    }
    // A target judged under another policy file must not override the one this policy names.
    const named = policy.iot.targetSecurityPolicy;
    if (named !== undefined && named !== target)
      return {
        kind: 'refused',
        note: `${label}: the finding names ${target}, but iot.targetSecurityPolicy is ${named}; judge the domain configuration again under this policy`,
      };
    if (domain.securityPolicy === target) return { kind: 'refused', note: `${label} already uses ${target}` };
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
