import type { InventoryBuilder } from '../../inventory/builder.js';
import { type FamilyInputs, type PendingKind, pendingList } from '../../inventory/family-inputs.js';
import { Fields, isObject, type JsonObject } from '../../inventory/fields.js';
import type { Resource } from '../../model/resource.js';
import { parseListenerArn, serviceIdOf } from './arn.js';
import { readLatticeListeners } from './describe.js';
import { LATTICE_LISTENER, type LatticeListener } from './model.js';

/** A service `aws vpc-lattice list-services` listed: its listeners must be in the inputs too. */
interface ListedService {
  serviceId: string;
  name?: string;
  source: string;
  /** Where the output lists it (items[1]), for the error. */
  path: string;
}

const LISTED_SERVICES: PendingKind<ListedService> = {
  key: 'latticeServices',
  label: 'VPC Lattice services',
};

const arnOf = (item: unknown) => (isObject(item) && typeof item.arn === 'string' ? item.arn : undefined);
const isListenerArn = (arn: string | undefined) => arn !== undefined && parseListenerArn(arn) !== undefined;
const isServiceArn = (arn: string | undefined) =>
  arn !== undefined && /^arn:[^:]+:vpc-lattice:[^:]*:[^:]*:service\/svc-[^/]+$/.test(arn);

/**
 * `list-listeners` and `list-services` both hold `items` (as API Gateway outputs do): an output is theirs only
 * when every ARN its items carry is a Lattice listener's, or every one a Lattice service's. An item without an
 * ARN is then reported by its field, and the others still read; a list with no ARN at all says nothing.
 */
function readLatticeLists(document: JsonObject, out: InventoryBuilder): boolean {
  const items = document.items;
  if (!Array.isArray(items)) return false;
  const arns = items.map(arnOf).filter((arn) => arn !== undefined);
  if (arns.length === 0) return false;
  const root = new Fields(document, '');
  if (arns.every(isListenerArn)) {
    const format = 'vpc-lattice list-listeners';
    readLatticeListeners(root.objects('items') ?? [], format, out.labelOf(format), out);
    return true;
  }
  if (!arns.every(isServiceArn)) return false;
  const format = 'vpc-lattice list-services';
  const listed = pendingList(out.pending, LISTED_SERVICES);
  out.eachRecord(format, 'service', root.objects('items') ?? [], (record) => {
    const serviceId = serviceIdOf(record.string('arn') ?? '') ?? record.string('id') ?? '';
    listed.push({ serviceId, name: record.string('name'), source: out.labelOf(format), path: record.path });
  });
  return true;
}

/** `get-listener` / `create-listener` / `update-listener` output: the listener itself. */
function readLatticeListenerObject(document: JsonObject, out: InventoryBuilder): boolean {
  if (typeof document.arn !== 'string' || !isListenerArn(document.arn)) return false;
  const format = 'vpc-lattice get-listener';
  readLatticeListeners([new Fields(document, '')], format, out.labelOf(format), out);
  return true;
}

/**
 * A listed service none of whose listeners is in the inputs is reported: its listeners are unknown, never
 * taken as absent or as passing.
 */
function checkListedServices(
  resources: readonly Resource[],
  pending: Record<string, unknown[]>,
  errors: { source: string; message: string }[],
): Map<Resource, Resource> {
  const covered = new Set(
    resources
      .filter((resource): resource is LatticeListener => resource.resourceType === LATTICE_LISTENER)
      .map((listener) => listener.serviceId),
  );
  for (const service of (pending[LISTED_SERVICES.key] ?? []) as ListedService[]) {
    if (covered.has(service.serviceId)) continue;
    const named = service.name ? `${service.name} (${service.serviceId})` : service.serviceId;
    errors.push({
      source: service.source,
      message: `vpc-lattice list-services: ${service.path}.arn: VPC Lattice service ${named}: none of its listeners is in the inputs, so they cannot be verified; add the output of aws vpc-lattice list-listeners --service-identifier ${service.serviceId}`,
    });
  }
  return new Map();
}

export const latticeInputs: FamilyInputs = {
  objects: [
    {
      expected: 'VPC Lattice list-listeners or list-services output (items of listener or service ARNs)',
      read: readLatticeLists,
    },
    {
      expected: 'a VPC Lattice listener (get-listener output: arn of a listener)',
      read: readLatticeListenerObject,
    },
  ],
  // AWS Config records no VPC Lattice type (reference/service-facts.md): there are no item readers.
  pending: [LISTED_SERVICES],
  link: checkListedServices,
};
