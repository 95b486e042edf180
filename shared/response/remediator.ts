import type { Resource, ResourceOfType, ResourceType } from '../model/resource.js';
import type { Remediator, RemediatorSpec } from './types.js';

/** Erases a remediator's resource type behind a type check, as defineRule does for rules. */
export function defineRemediator<T extends ResourceType>(spec: RemediatorSpec<T>): Remediator {
  const types: readonly ResourceType[] = spec.resourceTypes;
  const appliesTo = (resource: Resource): resource is ResourceOfType<T> =>
    types.includes(resource.resourceType);
  const narrow = (resource: Resource | undefined) => (resource && appliesTo(resource) ? resource : undefined);
  const { settle, verify } = spec;
  const mismatch = (resource: Resource) =>
    `remediation ${spec.id} does not apply to ${resource.resourceType}; it acts on ${types.join(', ')}`;
  return {
    id: spec.id,
    iamActions: spec.iamActions,
    resourceTypes: types,
    appliesTo,
    safety(resource, evaluation) {
      if (!appliesTo(resource)) return mismatch(resource);
      return spec.safety?.(resource, evaluation);
    },
    plan(input) {
      const { resource } = input;
      if (!appliesTo(resource)) return { kind: 'refused', note: mismatch(resource) };
      const unsafe = spec.safety?.(resource, input.evaluation);
      if (unsafe) return { kind: 'refused', note: unsafe };
      return spec.plan({ ...input, resource });
    },
    ...(settle
      ? {
          settle: {
            isSettled: (after, call) => settle.isSettled(narrow(after), call),
            failure: (call) => settle.failure(call),
            timeoutMs: (policy) => settle.timeoutMs(policy),
          },
        }
      : {}),
    ...(verify ? { verify: (after, context) => verify(narrow(after), context) } : {}),
  };
}
