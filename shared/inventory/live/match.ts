import type { ResourceRef } from '../../model/ref.js';
import { familyOf, type Resource } from '../../model/resource.js';

/** True when the normalized resource is the one the ref points at (by ARN, id, or its family's own key). */
export function matchesRef(resource: Resource, ref: ResourceRef): boolean {
  if (resource.resourceType !== ref.resourceType) return false;
  if (resource.resourceId === ref.resourceId || resource.arn === ref.resourceId) return true;
  return familyOf(resource.resourceType)?.live.matches?.(resource, ref) === true;
}
