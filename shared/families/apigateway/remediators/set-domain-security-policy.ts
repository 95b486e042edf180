import type { PatchOperation } from '@aws-sdk/client-api-gateway';
import { sdkCall } from '../../../response/calls.js';
import { defineRemediator } from '../../../response/remediator.js';
import { APIGATEWAY_COMMANDS } from '../commands.js';
import { domainConstraints, domainV2Constraints } from '../constraints.js';
import { DOMAIN, DOMAIN_V2 } from '../model.js';
import { targetFor } from '../targets.js';

/**
 * The patch that moves to `target`. Enhanced policies need an endpoint access mode: BASIC, the documented first
 * step (STRICT once access logs show every client on the custom domain); back to a legacy policy the mode is
 * unset (""). Source: the security policies page in data/security-policies.json.
 */
export function securityPolicyPatch(
  target: { name: string; enhanced: boolean },
  endpointAccessMode: string | undefined,
): PatchOperation[] {
  const patch: PatchOperation[] = [{ op: 'replace', path: '/securityPolicy', value: target.name }];
  if (target.enhanced && !endpointAccessMode)
    patch.push({ op: 'replace', path: '/endpointAccessMode', value: 'BASIC' });
  if (!target.enhanced && endpointAccessMode)
    patch.push({ op: 'replace', path: '/endpointAccessMode', value: '' });
  return patch;
}

export const setDomainSecurityPolicy = defineRemediator({
  id: 'set-domain-security-policy',
  iamActions: [APIGATEWAY_COMMANDS.UpdateDomainName.iamAction],
  resourceTypes: [DOMAIN, DOMAIN_V2],
  plan({ resource: domain, policy, target }) {
    if (domain.resourceType === DOMAIN) {
      const chosen = targetFor(domainConstraints(domain), policy, target);
      if (typeof chosen === 'string')
        return { kind: 'refused', note: `custom domain ${domain.domainName}: ${chosen}` };
      const name = chosen.resolved.name;
      return {
        kind: 'calls',
        calls: [
          sdkCall(APIGATEWAY_COMMANDS, 'UpdateDomainName', {
            domainName: domain.domainName,
            ...(domain.domainNameId ? { domainNameId: domain.domainNameId } : {}),
            patchOperations: securityPolicyPatch(
              { name, enhanced: chosen.kind === 'enhanced' },
              domain.endpointAccessMode,
            ),
          }),
        ],
        target: name,
      };
    }
    const chosen = targetFor(domainV2Constraints(domain), policy, target);
    if (typeof chosen === 'string')
      return { kind: 'refused', note: `custom domain ${domain.domainName}: ${chosen}` };
    const [configuration] = domain.configurations;
    if (!configuration?.certificateArn)
      return {
        kind: 'refused',
        note: `custom domain ${domain.domainName}: the input does not name its certificate, which an update must repeat`,
      };
    return {
      kind: 'calls',
      calls: [
        sdkCall(APIGATEWAY_COMMANDS, 'UpdateDomainNameV2', {
          DomainName: domain.domainName,
          DomainNameConfigurations: [
            {
              CertificateArn: configuration.certificateArn,
              EndpointType: configuration.endpointType as 'REGIONAL' | 'EDGE',
              SecurityPolicy: chosen.resolved.name as 'TLS_1_0' | 'TLS_1_2',
            },
          ],
        }),
      ],
      target: chosen.resolved.name,
    };
  },
});
