/** How both remediators check a target against the resource before planning a call. */
import type { Policy } from '../../policy/schema.js';
import { createTlsCatalog } from '../../tls/index.js';
import { soleEndpointType } from './constraints.js';
import { type ApiGatewayPolicy, apiGatewayPolicy } from './policies.js';
import { chooseTarget, type TargetConstraints } from './rules/tls.js';

/** The bundled cipher knowledge the rules also judge by (targets are API Gateway's own, not ELB's). */
const CATALOG = createTlsCatalog();

/**
 * The policy to set: the rule's target, or the strongest compatible one chosen now; a string when there is none
 * or the target does not fit the resource (its endpoint type, mappings, mutual TLS, legacy moves).
 */
export function targetFor(
  constraints: TargetConstraints,
  policy: Policy,
  target: string | undefined,
): ApiGatewayPolicy | string {
  const endpointType = soleEndpointType(constraints.endpointTypes);
  if (target === undefined) {
    const choice = chooseTarget(constraints, { policy, now: new Date(0), tls: CATALOG });
    return 'target' in choice ? choice.target : choice.refused;
  }
  if (endpointType === undefined)
    return `the endpoint type is not known or not single, so ${target} cannot be checked against it`;
  const resolved = apiGatewayPolicy(target, endpointType);
  if (!resolved) return `${target} is not a security policy for ${endpointType} endpoints`;
  if (resolved.kind === 'enhanced' && constraints.enhancedRefused)
    return `${target} is an enhanced policy and ${constraints.enhancedRefused}`;
  if (resolved.kind === 'legacy' && constraints.legacyRefused)
    return `${target} is a legacy policy and ${constraints.legacyRefused}`;
  if (constraints.current?.resolved.name === target) return `it already uses ${target}`;
  return resolved;
}
