import { joinWords } from '../../../model/words.js';
import type { TlsVersion } from '../../../policy/schema.js';
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
  compareTlsVersions,
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

/** Starts the sentence a failing reason ends with when there is no target (the policy check leaves it out). */
export const NO_TARGET = ' No target policy: ';

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

/** The oldest protocol an IoT policy can accept that tls.minimumVersion allows: what the target must keep. */
function oldestAllowed(context: RuleContext): TlsVersion | undefined {
  const minimum = context.policy.tls.minimumVersion;
  return [...new Set(iotTlsPolicies().flatMap((policy) => policy.resolved.protocols))]
    .filter((version) => compareTlsVersions(version, minimum) >= 0)
    .sort(compareTlsVersions)[0];
}

/** The newest protocol a policy accepts. */
function newest(policy: IotTlsPolicy): TlsVersion {
  return [...policy.resolved.protocols].sort(compareTlsVersions).at(-1) as TlsVersion;
}

/** Why the named target cannot be set on this domain configuration; undefined when it can. */
function namedTargetProblem(name: string, region: string, context: RuleContext): string | undefined {
  const policy = iotTlsPolicy(name);
  if (!policy) return `iot.targetSecurityPolicy names ${name}, which is not in transit-guard's AWS IoT data`;
  if (!offeredIn(policy, region))
    return `iot.targetSecurityPolicy names ${name}, which AWS does not offer in ${region}`;
  const { problems } = failures(policy, context);
  if (problems.length > 0)
    return `iot.targetSecurityPolicy names ${name}, which ${joinWords(problems)} itself`;
  return undefined;
}

/**
 * The policy to move to: iot.targetSecurityPolicy when the policy names one (if AWS offers it in the domain's
 * Region and it passes), else one AWS offers there that passes the policy file and still accepts the oldest
 * protocol the minimum allows; of those, one that accepts TLS 1.3 too, then the AWS table's order (strongest
 * first). Dropping that protocol would cut off devices that pass today, so the automatic choice never does: it
 * refuses and names the setting instead.
 * @internal Unit-tested directly: the automatic and named targets, the refusals, and GovCloud.
 */
export function chooseIotTarget(
  domain: IotDomainConfiguration,
  context: RuleContext,
): { target: string } | { refused: string } {
  const { region } = domain;
  if (region === undefined)
    return { refused: 'the input does not say its Region, which decides the policies AWS offers' };
  const named = context.policy.iot.targetSecurityPolicy;
  if (named !== undefined) {
    const problem = namedTargetProblem(named, region, context);
    return problem ? { refused: problem } : { target: named };
  }
  const passing = iotTlsPolicies().filter(
    (policy) => offeredIn(policy, region) && failures(policy, context).problems.length === 0,
  );
  const keep = oldestAllowed(context);
  const best = passing
    .filter((policy) => keep !== undefined && policy.resolved.protocols.includes(keep))
    // Also accepting TLS 1.3 makes a policy stronger than one that stops at 1.2; ties keep the table's order.
    .sort((a, b) => compareTlsVersions(newest(b), newest(a)))[0];
  if (best) return { target: best.resolved.name };
  const narrower = passing[0];
  if (narrower)
    return {
      refused: `no AWS IoT security policy offered in ${region} that accepts ${keep} passes the policy file, and moving to ${narrower.resolved.name} (${joinWords(narrower.resolved.protocols)} only) would cut off devices without it: name it in iot.targetSecurityPolicy once the fleet supports it`,
    };
  return { refused: `no AWS IoT security policy offered in ${region} passes the policy file` };
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
      {
        policyPath: 'iot.targetSecurityPolicy',
        description:
          'The AWS IoT security policy remediation sets. Unset: the strongest that passes and still accepts the oldest protocol the minimum allows; none under the default tls settings, where every IoT policy accepting TLS 1.2 offers CBC and static-RSA suites.',
      },
    ],
    remediation: {
      guidance:
        "Set the strongest policy that passes and the devices support (aws iot update-domain-configuration --domain-configuration-name <name> --tls-config securityPolicy=<policy>); remediation sets the policy file's iot.targetSecurityPolicy. Under the default policy file only IoTSecurityPolicy_TLS13_1_3_2022_10 passes, and devices that cannot do TLS 1.3 then fail to connect, so remediation moves no domain until iot.targetSecurityPolicy names it: check the fleet first. Built-in iot:Data-ATS takes the same call.",
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
    return nonCompliant(`${reason}${NO_TARGET}${choice.refused}.`, {
      details: { ...details, remediationRefused: choice.refused },
    });
  },
});
