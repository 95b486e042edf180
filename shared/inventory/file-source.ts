import type { ResourceRef } from '../model/ref.js';
import { familyOf, type Resource } from '../model/resource.js';
import { matchesRef } from './live/match.js';
import type { InventorySource, ReadResult } from './live/port.js';
import type { InputError, Inventory } from './types.js';

/** Why a ref the event named has no resource: the files are what the user gave, not the account. */
const NOT_IN_FILES = 'not in the inventory files';

/** "AWS::Service::Type" -> "Service::Type", as the error names the resource type. */
const shortType = (type: string) => type.replace(/^AWS::/, '');

/**
 * An InventorySource over a loaded inventory (files), for `replay`. A ref with no matching resource is
 * reported in `errors`, never as `gone`: a file that lacks a resource says nothing about the account, so
 * no finding is resolved because of it. Nothing is read from AWS.
 */
export function createFileInventorySource(inventory: Inventory): InventorySource {
  const tlsPolicies = inventory.tlsPolicies;
  return {
    async read(refs: readonly ResourceRef[]): Promise<ReadResult> {
      const found = new Map<Resource, true>();
      const errors: InputError[] = [];
      const missing = new Set<string>();
      for (const ref of refs) {
        const matches = inventory.resources.filter((resource) => matchesRef(resource, ref));
        for (const resource of matches) found.set(resource, true);
        const key = `${ref.resourceType} ${ref.resourceId}`;
        if (matches.length === 0 && !missing.has(key)) {
          missing.add(key);
          errors.push({ source: ref.resourceId, message: `${shortType(ref.resourceType)} ${NOT_IN_FILES}` });
        }
      }
      return { resources: [...found.keys()], gone: [], errors, tlsPolicies };
    },

    async enumerate(region: string, families?: readonly string[]): Promise<ReadResult> {
      const resources = inventory.resources.filter(
        (resource) =>
          (resource.region === undefined || resource.region === region) &&
          (families === undefined || families.includes(familyOf(resource.resourceType)?.id ?? '')),
      );
      return { resources, gone: [], errors: [], tlsPolicies };
    },
  };
}
