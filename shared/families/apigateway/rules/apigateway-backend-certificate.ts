import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import { STAGE } from '../model.js';

export const apigatewayBackendCertificate = defineRule({
  metadata: {
    id: 'apigateway-backend-certificate',
    title: 'REST API stage reaches HTTP backends without a client certificate',
    family: 'apigateway',
    resourceTypes: [STAGE],
    severity: 'low',
    description:
      'A REST API stage whose API has HTTP or HTTP_PROXY integrations and that presents no client certificate, so the backend cannot tell API Gateway from any other caller. When the input does not say which integrations the API has, a stage without a certificate cannot be verified.',
    rationale:
      'SEC09-BP03: authenticate network communications. Without a client certificate an HTTP backend exposed to the internet accepts requests that never went through the API (its authorizers, throttling and WAF).',
    parameters: [],
    remediation: {
      guidance:
        'Generate a client certificate (GenerateClientCertificate), set it on the stage (clientCertificateId) and have the backend verify it.',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-client-side-ssl-authentication.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-2',
    ],
    compliance: {
      securityHub: ['APIGateway.2'],
      configRules: ['api-gw-ssl-enabled'],
      frameworks: [...SEC09_FRAMEWORKS, 'AWS Well-Architected SEC09-BP03'],
    },
  },
  evaluate(stage) {
    const label = `Stage ${stage.stageName}${stage.restApiId ? ` of REST API ${stage.restApiId}` : ''}`;
    if (stage.clientCertificateId)
      return compliant(`${label} presents client certificate ${stage.clientCertificateId} to its backends.`, {
        clientCertificateId: stage.clientCertificateId,
      });
    if (stage.httpIntegrations === undefined)
      return cannotVerify(
        `${label} presents no client certificate, and the input does not say whether its API has HTTP integrations, so whether its backends can authenticate API Gateway cannot be verified${stage.restApiId ? ` (add the output of aws apigateway get-resources --rest-api-id ${stage.restApiId} --embed methods, wrapped as {"restApiId": "${stage.restApiId}", "items": [...]})` : ''}.`,
        { clientCertificateId: null, httpIntegrations: null },
      );
    if (stage.httpIntegrations.length === 0)
      return notApplicable(
        `${label} has no HTTP or HTTP_PROXY integration; a client certificate would not be used.`,
      );
    return nonCompliant(
      `${label} reaches HTTP backends (${[...new Set(stage.httpIntegrations)].join(', ')}) without a client certificate.`,
      { details: { clientCertificateId: null, httpIntegrations: stage.httpIntegrations } },
    );
  },
});
