/**
 * The policy settings every TLS security-policy rule reads (ELBv2, classic ELB, CloudFront, API Gateway, VPC
 * Lattice), worded once for the rule metadata (`transit-guard rules`, SARIF help).
 */
import type { RuleParameter } from './rule.js';

/** `subject`: who accepts the protocol, "a listener", "viewers". */
export const minimumVersionParameter = (subject: string): RuleParameter => ({
  policyPath: 'tls.minimumVersion',
  description: `The oldest protocol version ${subject} may accept.`,
});

export const cipherClassesParameter = (subject: string): RuleParameter => ({
  policyPath: 'tls.allowedCipherClasses',
  description: `The cipher classes ${subject} may offer.`,
});

export const POST_QUANTUM_PARAMETER: RuleParameter = {
  policyPath: 'tls.postQuantum',
  description:
    'Hybrid post-quantum (ML-KEM) key exchange: ignore it, report it (a note in the reason), or require it (a policy without it fails).',
};
