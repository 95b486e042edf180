import type { FamilyReadPlan } from '../../inventory/live/family-live.js';
import { modeFor } from '../../policy/mode.js';
import type { TlsVersion } from '../../policy/schema.js';
import { createTlsCatalog } from '../../tls/index.js';
import { judgeViewerPolicy, viewerPolicy, viewerPolicyNames } from './policies.js';
import { CLOUDFRONT_RULES } from './rules/index.js';

/**
 * What a sweep reads beyond ListDistributions. The summaries carry behaviors, origins and the viewer certificate,
 * which is all the rules judge; only a change needs GetDistribution (the whole DistributionConfig and its ETag), so
 * it is read only for distributions a rule in mode remediate or block would act on.
 */
export interface CloudFrontReadPlan {
  /** allow-all behaviors are changed (cloudfront-viewer-plaintext acts). */
  viewerProtocol: boolean;
  /** Weak OriginSslProtocols are changed below this minimum (cloudfront-origin-tls acts); undefined: not. */
  originMinimum?: TlsVersion;
  /** Viewer policies that pass, when cloudfront-viewer-tls-policy acts (others are changed); undefined: not. */
  passingViewerPolicies?: string[];
}

const acting = (policy: Parameters<typeof modeFor>[1], ruleId: string) => {
  const rule = CLOUDFRONT_RULES.find((candidate) => candidate.metadata.id === ruleId);
  const mode = rule && modeFor(rule.metadata, policy);
  return mode === 'remediate' || mode === 'block';
};

export const CLOUDFRONT_READ_PLAN: FamilyReadPlan<CloudFrontReadPlan> = {
  // No policy given: judging needs nothing beyond the summaries, and nothing is changed.
  full: { viewerProtocol: false },
  for(policy, isOn) {
    const on = (ruleId: string) => isOn(ruleId) && acting(policy, ruleId);
    const catalog = createTlsCatalog();
    return {
      viewerProtocol: on('cloudfront-viewer-plaintext'),
      ...(on('cloudfront-origin-tls') ? { originMinimum: policy.tls.minimumVersion } : {}),
      ...(on('cloudfront-viewer-tls-policy')
        ? {
            passingViewerPolicies: viewerPolicyNames().filter((name) => {
              const judged = judgeViewerPolicy(
                viewerPolicy(name) as NonNullable<ReturnType<typeof viewerPolicy>>,
                policy.tls,
                catalog,
              );
              return (
                judged.protocolsBelowMinimum.length === 0 &&
                judged.disallowedCiphers.length === 0 &&
                !judged.missingPostQuantum
              );
            }),
          }
        : {}),
    };
  },
};
