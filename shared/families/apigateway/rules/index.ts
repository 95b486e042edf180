import { apigatewayApiTlsPolicy } from './apigateway-api-tls-policy.js';
import { apigatewayBackendCertificate } from './apigateway-backend-certificate.js';
import { apigatewayDomainTlsPolicy } from './apigateway-domain-tls-policy.js';

/** The API Gateway rules, in catalog order (RULES.md). */
export const APIGATEWAY_RULES = [
  apigatewayDomainTlsPolicy,
  apigatewayApiTlsPolicy,
  apigatewayBackendCertificate,
];
