import { arnScope } from '../../aws/arn.js';
import type { InventoryBuilder } from '../../inventory/builder.js';
import { FieldError, type Fields } from '../../inventory/fields.js';
import { readTags, requireString } from '../../inventory/record.js';
import { parseListenerArn } from './arn.js';
import { LATTICE_LISTENER, type LatticeListener } from './model.js';

/**
 * A listener: an `items` record of `aws vpc-lattice list-listeners`, or the output of `get-listener` /
 * `create-listener` (https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_GetListener.html).
 * List records carry no service fields: the listener ARN names the service.
 */
function mapLatticeListener(record: Fields, source: string): LatticeListener {
  const listenerArn = requireString(record, 'arn');
  const ids = parseListenerArn(listenerArn);
  if (!ids) throw new FieldError(record.pathOf('arn'), 'expected a VPC Lattice listener ARN');
  return {
    resourceType: LATTICE_LISTENER,
    resourceId: listenerArn,
    arn: listenerArn,
    ...arnScope(listenerArn),
    name: record.string('name'),
    tags: readTags(record, 'tags'),
    source,
    listenerArn,
    listenerId: record.string('id') ?? ids.listenerId,
    serviceId: record.string('serviceId') ?? ids.serviceId,
    serviceArn: record.string('serviceArn'),
    protocol: record.string('protocol'),
    port: record.number('port'),
  };
}

export function readLatticeListeners(
  records: Fields[],
  format: string,
  label: string,
  out: InventoryBuilder,
): void {
  out.eachRecord(format, 'listener', records, (record) => {
    out.resources.push(mapLatticeListener(record, label));
  });
}
