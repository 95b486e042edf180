import type { FamilyReadPlan } from '../../inventory/live/family-live.js';
import { modeFor } from '../../policy/mode.js';
import { apigatewayDomainTlsPolicy } from './rules/apigateway-domain-tls-policy.js';

/** What an API Gateway sweep reads, decided from the rules that are on. */
export interface ApiGatewayReadPlan {
  /** GetDomainNames (apigateway-domain-tls-policy). */
  domains: boolean;
  /**
   * Which HTTP APIs are mapped to each domain (GetApis, then GetApiMappings per domain on a legacy policy): only
   * the remediation target depends on it (enhanced policies allow no HTTP API mapping), so it is read only when
   * the domain rule may act.
   */
  mappings: boolean;
  /** GetRestApis (apigateway-api-tls-policy, and the stages' APIs). */
  restApis: boolean;
  /** GetStages per REST API (apigateway-backend-certificate). */
  stages: boolean;
  /** GetResources with methods per REST API that has a stage without a client certificate. */
  integrations: boolean;
}

export const APIGATEWAY_READ_PLAN: FamilyReadPlan<ApiGatewayReadPlan> = {
  // As the default policy reads: every rule notifies by default, so no mappings.
  full: { domains: true, mappings: false, restApis: true, stages: true, integrations: true },
  for(policy, isOn) {
    const mode = modeFor(apigatewayDomainTlsPolicy.metadata, policy);
    const stages = isOn('apigateway-backend-certificate');
    return {
      domains: isOn('apigateway-domain-tls-policy'),
      mappings: isOn('apigateway-domain-tls-policy') && (mode === 'remediate' || mode === 'block'),
      restApis: isOn('apigateway-api-tls-policy') || stages,
      stages,
      integrations: stages,
    };
  },
};
