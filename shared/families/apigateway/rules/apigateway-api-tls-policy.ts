import { cannotVerify, compliant, defineRule, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import {
  cipherClassesParameter,
  minimumVersionParameter,
  POST_QUANTUM_PARAMETER,
} from '../../../rules/tls-parameters.js';
import { restApiConstraints, soleEndpointType } from '../constraints.js';
import { REST_API } from '../model.js';
import { apiGatewayPolicy } from '../policies.js';
import { failing } from './apigateway-domain-tls-policy.js';
import { failureWords, judgePolicy, postQuantumNote, verdictDetails } from './tls.js';

const ASPECT = 'the protocols and ciphers its default endpoint accepts cannot be verified';

export const apigatewayApiTlsPolicy = defineRule({
  metadata: {
    id: 'apigateway-api-tls-policy',
    title: 'REST API default endpoint accepts old TLS or weak ciphers',
    family: 'apigateway',
    resourceTypes: [REST_API],
    severity: 'high',
    description:
      "A REST API whose own security policy (it governs the default execute-api endpoint) accepts a protocol below the minimum or a cipher outside the allowed classes, judged as custom domains are. While the default endpoint is enabled, clients can reach the API through it whatever the custom domain's policy; the reason says so. A missing or unknown policy cannot be verified.",
    rationale:
      'Regional and edge REST APIs default to TLS_1_0: the execute-api endpoint accepts TLS 1.0 and CBC suites and bypasses a well-configured custom domain.',
    parameters: [minimumVersionParameter('an API'), cipherClassesParameter('an API'), POST_QUANTUM_PARAMETER],
    remediation: {
      guidance:
        'Set the API to an enhanced security policy (UpdateRestApi; a REST API cannot move from TLS_1_0 to TLS_1_2), or disable its default execute-api endpoint when clients use a custom domain.',
      remediate: 'set-api-security-policy',
      block: 'set-api-security-policy',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies.html',
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html',
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-disable-default-endpoint.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: SEC09_FRAMEWORKS },
  },
  evaluate(api, context) {
    const label = `REST API ${api.name ?? api.restApiId} (${api.restApiId})`;
    const name = api.securityPolicy;
    if (!name)
      return cannotVerify(`${label}: the input does not name its security policy, so ${ASPECT}.`, {
        securityPolicy: null,
        unknownPolicy: true,
      });
    const policy = apiGatewayPolicy(name, soleEndpointType(api.endpointTypes));
    if (!policy)
      return cannotVerify(
        `${label}: security policy ${name} is unknown for its endpoint type (${api.endpointTypes?.join(', ') ?? 'not in the input'}), so ${ASPECT}.`,
        { securityPolicy: name, endpointTypes: api.endpointTypes ?? null, unknownPolicy: true },
      );
    const verdict = judgePolicy(policy, context);
    const details = {
      ...verdictDetails(policy, verdict, context),
      disableExecuteApiEndpoint: api.disableExecuteApiEndpoint ?? null,
    };
    const note = postQuantumNote(policy, context);
    if (verdict.passes)
      return compliant(
        `${label} uses ${name}, which accepts only ${policy.resolved.protocols.join(', ')} with allowed ciphers.${note}`,
        details,
      );
    // The default endpoint is on unless the API says it is off: a weak API policy then undercuts any custom domain.
    const bypass =
      api.disableExecuteApiEndpoint === true
        ? ' Its default execute-api endpoint is disabled, so only clients of a custom domain reach it.'
        : ` Its default execute-api endpoint is ${api.disableExecuteApiEndpoint === false ? 'enabled' : 'not known to be disabled'}: clients can use it and bypass the policy of any custom domain mapped to the API.`;
    return failing(
      `${label} uses ${name}, which ${failureWords(verdict, context)}.${bypass}${note}`,
      details,
      restApiConstraints(api),
      context,
    );
  },
});
