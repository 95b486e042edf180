/**
 * The normalized resource model. Every input (AWS Config item, describe-API output, live SDK call)
 * is turned into one of these shapes, so rules see one vocabulary whatever the source. Each family
 * defines its resources (shared/families/<family>/model.ts); the registry joins them into `Resource`.
 *
 * `undefined` means "not known from the input"; an empty array means "known to be empty".
 */
import { FAMILIES, type Family, type Resource } from '../families/index.js';

export type { Resource } from '../families/index.js';

export type ResourceType = Resource['resourceType'];

/** Every resource type transit-guard judges, in the families' order. */
export const RESOURCE_TYPES: readonly ResourceType[] = FAMILIES.flatMap((family) => family.resourceTypes);

/** The family that owns a resource type (each type has one); undefined for a type no family owns. */
export function familyOf(resourceType: string): Family | undefined {
  return FAMILIES.find((family) => (family.resourceTypes as readonly string[]).includes(resourceType));
}

/** What every resource has; a family's resource narrows `resourceType` to its own. */
export interface ResourceBase {
  resourceType: string;
  /** The ARN where the resource has one; otherwise its id (vpn-..., dxcon-..., dxlag-...). */
  resourceId: string;
  arn?: string;
  /** A human name (load balancer name, Name tag, connection name, domain name). */
  name?: string;
  accountId?: string;
  region?: string;
  tags: Record<string, string>;
  /** Where this record came from: a file name, "api:DescribeListeners", "config:item". */
  source: string;
  /** When AWS Config recorded this state (configurationItemCaptureTime, ISO); absent for describe outputs. */
  capturedAt?: string;
}

export type ResourceOfType<T extends ResourceType> = Extract<Resource, { resourceType: T }>;
