import { joinWords } from '../../../model/words.js';
import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  type RuleContext,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import {
  cipherClassesParameter,
  minimumVersionParameter,
  POST_QUANTUM_PARAMETER,
} from '../../../rules/tls-parameters.js';
import { cipherDetails, countCiphers, nameCiphers } from '../../../rules/wording.js';
import {
  assessTlsPolicy,
  postQuantumDetails,
  postQuantumNote,
  postQuantumShortfall,
} from '../../../tls/index.js';
import { DOMAIN_CONFIGURATION, type IotDomainConfiguration } from '../model.js';
import {
  IOT_POLICY_SOURCE,
  type IotTlsPolicy,
  iotTlsPolicies,
  iotTlsPolicy,
  offeredIn,
} from '../policies.js';

const ASPECT = 'the protocols and ciphers devices can negotiate cannot be verified';

/** What about the policy fails the policy file, in words; [] when it passes. */
function failures(policy: IotTlsPolicy, context: RuleContext) {
  const tls = context.policy.tls;
  const assessment = assessTlsPolicy(policy.resolved, tls, context.tls);
  const problems: string[] = [];
  if (assessment.protocolsBelowMinimum.length > 0)
    problems.push(
      `accepts ${joinWords(assessment.protocolsBelowMinimum)} (the minimum is ${tls.minimumVersion})`,
    );
  if (assessment.disallowedCiphers.length > 0)
    problems.push(
      `offers ${countCiphers(assessment.disallowedCiphers.length)} outside the allowed classes (${tls.allowedCipherClasses.join(', ')}): ${nameCiphers(assessment.disallowedCiphers)}`,
    );
  const shortfall = postQuantumShortfall(policy.resolved.postQuantum, tls.postQuantum);
  if (shortfall) problems.push(shortfall);
  return { problems, assessment };
}

/**
 * The policy to move to: one AWS offers in the domain's Region that passes the policy file, keeping the oldest
 * protocol the minimum still allows (devices that pass keep connecting), then the AWS table's order.
 * @internal Unit-tested directly: the target under the default and a TLS 1.2-tolerant policy, and in GovCloud.
 */
export function chooseIotTarget(
  domain: IotDomainConfiguration,
  context: RuleContext,
): { target: string } | { refused: string } {
  if (domain.region === undefined)
    return { refused: 'the input does not say its Region, which decides the policies AWS offers' };
  const passing = iotTlsPolicies().filter(
    (policy) => offeredIn(policy, domain.region) && failures(policy, context).problems.length === 0,
  );
  const minimum = context.policy.tls.minimumVersion;
  const best = passing.find((policy) => policy.resolved.protocols[0] === minimum) ?? passing[0];
  return best
    ? { target: best.resolved.name }
    : { refused: `no AWS IoT security policy offered in ${domain.region} passes the policy file` };
}

export const iotDomainTlsPolicy = defineRule({
  metadata: {
    id: 'iot-domain-tls-policy',
    title: 'AWS IoT Core domain configuration accepts old TLS or weak ciphers',
    family: 'iot',
    resourceTypes: [DOMAIN_CONFIGURATION],
    severity: 'high',
    description:
      "An AWS IoT Core domain configuration whose TLS security policy (tlsConfig.securityPolicy, resolved to the protocols and ciphers of all its ports from AWS's table) accepts a protocol below the minimum or a cipher outside the allowed classes. Greengrass core devices and MQTT clients connect here. The default IoTSecurityPolicy_TLS13_1_2_2022_10 still offers CBC and static-RSA suites for TLS 1.2. A missing or unknown policy name cannot be verified (the built-in domains' default policy is not documented).",
    rationale:
      'Whatever the domain accepts, a device or an attacker on its path can negotiate: CBC suites invite padding oracles, static RSA key exchange gives no forward secrecy, and device traffic (telemetry, commands, jobs, credentials from the credential provider) crosses networks the owner does not control.',
    parameters: [
      minimumVersionParameter('a domain configuration'),
      cipherClassesParameter('a domain configuration'),
      POST_QUANTUM_PARAMETER,
    ],
    remediation: {
      guidance:
        'Set the strongest policy that passes and the devices support (aws iot update-domain-configuration --domain-configuration-name <name> --tls-config securityPolicy=IoTSecurityPolicy_TLS13_1_3_2022_10 under the default policy file); devices that cannot do TLS 1.3 then fail to connect, so check the fleet first. Built-in iot:Data-ATS takes the same call.',
      remediate: 'set-iot-tls-policy',
      block: 'set-iot-tls-policy',
    },
    defaultMode: 'notify',
    references: [
      IOT_POLICY_SOURCE,
      'https://docs.aws.amazon.com/iot/latest/developerguide/iot-endpoints-tls-config.html',
      'https://docs.aws.amazon.com/iot/latest/apireference/API_UpdateDomainConfiguration.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: SEC09_FRAMEWORKS },
  },
  evaluate(domain, context) {
    const label = `IoT domain configuration ${domain.domainConfigurationName}`;
    if (domain.domainConfigurationStatus === 'DISABLED')
      return notApplicable(`${label} is DISABLED: it accepts no connection.`);
    const name = domain.securityPolicy;
    if (!name)
      return cannotVerify(
        `${label}: the input does not name its TLS security policy (tlsConfig: list-domain-configurations summaries and older describe outputs lack it), so ${ASPECT}.`,
        {
          securityPolicy: null,
          unknownPolicy: true,
        },
      );
    const policy = iotTlsPolicy(name);
    if (!policy)
      return cannotVerify(
        `${label}: security policy ${name} is not in transit-guard's AWS IoT data, so ${ASPECT}.`,
        {
          securityPolicy: name,
          unknownPolicy: true,
        },
      );
    const tls = context.policy.tls;
    const { problems, assessment } = failures(policy, context);
    const note = postQuantumNote(policy.resolved.postQuantum, tls.postQuantum);
    const details = {
      securityPolicy: name,
      protocols: policy.resolved.protocols,
      minimumVersion: tls.minimumVersion,
      protocolsBelowMinimum: assessment.protocolsBelowMinimum,
      allowedCipherClasses: tls.allowedCipherClasses,
      weakCiphers: cipherDetails(assessment.disallowedCiphers),
      domainType: domain.domainType ?? null,
      serviceType: domain.serviceType ?? null,
      ...postQuantumDetails(policy.resolved.postQuantum),
    };
    if (problems.length === 0)
      return compliant(
        `${label} uses ${name}, which accepts only ${joinWords(policy.resolved.protocols)} with allowed ciphers.${note}`,
        details,
      );
    const reason = `${label} uses ${name}, which ${joinWords(problems)}.${note}`;
    const choice = chooseIotTarget(domain, context);
    if ('target' in choice) return nonCompliant(reason, { details, remediationTarget: choice.target });
    return nonCompliant(`${reason} No target policy: ${choice.refused}.`, {
      details: { ...details, remediationRefused: choice.refused },
    });
  },
});
