import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  type RuleContext,
  type RuleOutcome,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import {
  cipherClassesParameter,
  minimumVersionParameter,
  POST_QUANTUM_PARAMETER,
} from '../../../rules/tls-parameters.js';
import { domainConstraints, domainV2Constraints, soleEndpointType } from '../constraints.js';
import { type ApiGatewayDomainName, type ApiGatewayV2DomainName, DOMAIN, DOMAIN_V2 } from '../model.js';
import { type ApiGatewayPolicy, apiGatewayPolicy } from '../policies.js';
import {
  chooseTarget,
  failureWords,
  judgePolicy,
  type PolicyVerdict,
  postQuantumNote,
  type TargetConstraints,
  verdictDetails,
} from './tls.js';

const ASPECT = 'the protocols and ciphers it accepts cannot be verified';

/** The NON_COMPLIANT outcome with the remediation target, or why there is none. */
export function failing(
  reason: string,
  details: Record<string, unknown>,
  constraints: TargetConstraints,
  context: RuleContext,
): RuleOutcome {
  const choice = chooseTarget(constraints, context);
  if ('target' in choice)
    return nonCompliant(reason, { details, remediationTarget: choice.target.resolved.name });
  return nonCompliant(`${reason} No compatible target policy: ${choice.refused}.`, {
    details: { ...details, remediationRefused: choice.refused },
  });
}

function judgeOne(
  label: string,
  policy: ApiGatewayPolicy,
  context: RuleContext,
): { verdict: PolicyVerdict; words: string } {
  const verdict = judgePolicy(policy, context);
  return {
    verdict,
    words: `${label} uses ${policy.resolved.name}, which ${failureWords(verdict, context)}.`,
  };
}

function evaluateV1(domain: ApiGatewayDomainName, context: RuleContext): RuleOutcome {
  const label = `Custom domain ${domain.domainName}`;
  const name = domain.securityPolicy;
  if (!name)
    return cannotVerify(`${label}: the input does not name its security policy, so ${ASPECT}.`, {
      securityPolicy: null,
      unknownPolicy: true,
    });
  const policy = apiGatewayPolicy(name, soleEndpointType(domain.endpointTypes));
  if (!policy)
    return cannotVerify(
      `${label}: security policy ${name} is unknown for its endpoint type (${domain.endpointTypes?.join(', ') ?? 'not in the input'}), so ${ASPECT}.`,
      { securityPolicy: name, endpointTypes: domain.endpointTypes ?? null, unknownPolicy: true },
    );
  const { verdict, words } = judgeOne(label, policy, context);
  const details = {
    ...verdictDetails(policy, verdict, context),
    endpointAccessMode: domain.endpointAccessMode,
  };
  if (verdict.passes)
    return compliant(
      `${label} uses ${name}, which accepts only ${policy.resolved.protocols.join(', ')} with allowed ciphers.${postQuantumNote(policy, context)}`,
      details,
    );
  return failing(`${words}${postQuantumNote(policy, context)}`, details, domainConstraints(domain), context);
}

function evaluateV2(domain: ApiGatewayV2DomainName, context: RuleContext): RuleOutcome {
  const label = `Custom domain ${domain.domainName}`;
  if (domain.configurations.length === 0)
    return cannotVerify(`${label}: the input lists no domain name configuration, so ${ASPECT}.`, {
      securityPolicy: null,
      unknownPolicy: true,
    });
  const failures: string[] = [];
  const judged: Record<string, unknown>[] = [];
  let postQuantum = true;
  for (const configuration of domain.configurations) {
    const where = `${label} (${configuration.endpointType ?? 'endpoint type not in the input'})`;
    const name = configuration.securityPolicy;
    const policy = name ? apiGatewayPolicy(name, configuration.endpointType) : undefined;
    if (!name || !policy)
      return cannotVerify(
        `${where}: ${name ? `security policy ${name} is unknown` : 'the input does not name its security policy'}, so ${ASPECT}.`,
        {
          securityPolicy: name ?? null,
          endpointType: configuration.endpointType ?? null,
          unknownPolicy: true,
        },
      );
    const { verdict, words } = judgeOne(where, policy, context);
    postQuantum &&= policy.postQuantum;
    judged.push({ endpointType: configuration.endpointType, ...verdictDetails(policy, verdict, context) });
    if (!verdict.passes) failures.push(words);
  }
  const note =
    context.policy.tls.postQuantum === 'report' && !postQuantum
      ? ' It offers no post-quantum key exchange.'
      : '';
  const details = { configurations: judged, postQuantum };
  if (failures.length === 0)
    return compliant(`${label}: every endpoint's security policy passes.${note}`, details);
  return failing(`${failures.join(' ')}${note}`, details, domainV2Constraints(domain), context);
}

export const apigatewayDomainTlsPolicy = defineRule({
  metadata: {
    id: 'apigateway-domain-tls-policy',
    title: 'API Gateway custom domain accepts old TLS or weak ciphers',
    family: 'apigateway',
    resourceTypes: [DOMAIN, DOMAIN_V2],
    severity: 'high',
    description:
      'A custom domain name whose security policy (legacy TLS_1_0 / TLS_1_2 or an enhanced SecurityPolicy_*, resolved to its protocols and ciphers for the endpoint type) accepts a protocol below the minimum or a cipher outside the allowed classes; legacy TLS_1_2 still offers CBC and static-RSA suites. A missing or unknown policy cannot be verified and is reported.',
    rationale:
      'Clients reach the API through its custom domain: whatever the domain policy allows, a client or an attacker on the path can negotiate (TLS 1.0 and 1.1, CBC padding oracles, key exchange without forward secrecy).',
    parameters: [
      minimumVersionParameter('a domain'),
      cipherClassesParameter('a domain'),
      POST_QUANTUM_PARAMETER,
    ],
    remediation: {
      guidance:
        'Set the domain to the strongest security policy its endpoint type takes (SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09 for Regional and private domains). Enhanced policies need an endpoint access mode and allow no HTTP API mapping and no mutual TLS; otherwise remove those first.',
      remediate: 'set-domain-security-policy',
      block: 'set-domain-security-policy',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html',
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies.html',
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html',
    ],
    compliance: {
      securityHub: [],
      configRules: ['apigateway_domain_name_pqc_tls_enabled (Prowler, in spirit)'],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(domain, context) {
    return domain.resourceType === DOMAIN ? evaluateV1(domain, context) : evaluateV2(domain, context);
  },
});
