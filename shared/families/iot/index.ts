/**
 * AWS IoT Core and Greengrass certificates (issue #15): domain configuration TLS policies, device and CA
 * certificate expiry, strength and status, judged through the shared certificate model (shared/certificates).
 */
import type { Family } from '../family.js';
import { IOT_COMMANDS } from './commands.js';
import { iotDeployment } from './deployment.js';
import { iotEvents } from './events.js';
import { iotInputs } from './inputs.js';
import { CA_CERTIFICATE, CERTIFICATE, DOMAIN_CONFIGURATION } from './model.js';
import { checkIotPolicyTargets } from './policy-check.js';
import { IOT_READ_PLAN } from './read-plan.js';
import { setIotTlsPolicy } from './remediators/set-iot-tls-policy.js';
import { iotReport } from './report.js';
import { IOT_RULES } from './rules/index.js';

export const iotFamily: Family = {
  id: 'iot',
  label: 'AWS IoT Core',
  ruleFamily: 'iot',
  resourceTypes: [DOMAIN_CONFIGURATION, CERTIFICATE, CA_CERTIFICATE],
  rules: IOT_RULES,
  remediators: [setIotTlsPolicy],
  report: iotReport,
  inputs: iotInputs,
  events: iotEvents,
  deployment: iotDeployment,
  live: {
    service: 'iot',
    // No IoT control-plane rate was found in the sources read (service-facts.md "IoT Core": unconfirmed): paced
    // once throttled, as the limiter does for a service without documented rates.
    plan: IOT_READ_PLAN,
    client: () => import('./client.js').then((module) => module.createClient),
    readers: () => import('./live.js').then((module) => module.iotReaders),
    notFoundCodes: ['ResourceNotFoundException'],
    // UpdateDomainConfiguration names a domain configuration, not its ARN: the ref's id is the name.
    matches: (resource, ref) =>
      resource.resourceType === DOMAIN_CONFIGURATION && resource.domainConfigurationName === ref.resourceId,
  },
  commands: IOT_COMMANDS,
  policyChecks: checkIotPolicyTargets,
};
