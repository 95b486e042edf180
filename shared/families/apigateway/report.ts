import { type FamilyReport, TLS_ENDPOINTS_STRONG_CIPHERS } from '../../report/family-report.js';
import { DOMAIN, DOMAIN_V2, REST_API, STAGE } from './model.js';

const REST_API_PATH = /^\/restapis\/([^/]+)(?:\/stages\/([^/]+))?$/;

export const apiGatewayReport: FamilyReport = {
  resourceNoun: 'API Gateway custom domain, REST API or stage',
  consoleLink({ resourceType, resourceId, arn, origin, query, region }) {
    const home = `${origin}/apigateway/main`;
    const regionQuery = query || (region ? `?region=${region}` : '');
    if (resourceType === DOMAIN || resourceType === DOMAIN_V2) {
      const path = arn?.resource ?? '';
      const name = path.startsWith('/domainnames/') ? path.slice('/domainnames/'.length) : resourceId;
      return `${home}/publish/domain-names?${regionQuery.replace(/^\?/, '')}${regionQuery ? '&' : ''}domain=${encodeURIComponent(name)}`;
    }
    const match = REST_API_PATH.exec(arn?.resource ?? '');
    if (resourceType === REST_API) {
      const id = match?.[1] ?? resourceId;
      return `${home}/apis/${encodeURIComponent(id)}/resources${regionQuery}`;
    }
    if (resourceType === STAGE && match?.[1] && match[2])
      return `${home}/apis/${encodeURIComponent(match[1])}/stages${regionQuery}`;
    return `${home}/apis${regionQuery}`;
  },
  kpis: [
    {
      // One rule judges protocols and ciphers together, and a KPI counts a rule once. Every API Gateway policy that
      // accepts TLS 1.0 or 1.1 also offers ciphers outside the default classes, so a failing domain or API does
      // offer weak ciphers: this share is the one its verdict answers (not "TLS 1.2+", which TLS_1_2 domains meet).
      kpi: TLS_ENDPOINTS_STRONG_CIPHERS,
      rules: ['apigateway-domain-tls-policy', 'apigateway-api-tls-policy'],
    },
  ],
};
