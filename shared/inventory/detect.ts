import { readCertificates } from '../families/acm/describe.js';
import { readDxConnections, readDxLags } from '../families/directconnect/describe.js';
import { readClassicLoadBalancers, readClassicPolicies } from '../families/elb/describe.js';
import {
  readElbv2LoadBalancers,
  readListeners,
  readRules,
  readSslPolicies,
} from '../families/elbv2/describe.js';
import {
  readActiveTunnelStatuses,
  readVpnConnections,
  TUNNEL_STATUS_FORMAT,
} from '../families/vpn/describe.js';
import { InventoryBuilder } from './builder.js';
import { itemIdentity, newestItems, readConfigItem, readOversizedSummary } from './config-item.js';
import { Fields, isObject, type JsonObject } from './fields.js';
import { readArrayMember } from './json-array.js';
import type { Inventory } from './types.js';
import { unwrap } from './unwrap.js';

/** A describe-API output recognized by one top-level key. */
interface ApiFormat {
  key: string;
  format: string;
  read(document: JsonObject, format: string, out: InventoryBuilder): void;
}

const labelOf = (out: InventoryBuilder, format: string) => `${out.source} (${format})`;

/** The records under `key`, a list; an entry that is not an object is reported and skipped. */
function records(document: JsonObject, key: string, format: string, out: InventoryBuilder): Fields[] {
  const list = new Fields(document, '').list(key) ?? [];
  return list.flatMap((entry, index) => {
    if (isObject(entry)) return [new Fields(entry, `${key}[${index}]`)];
    out.error(`${format}: ${key}[${index}]: expected an object; the entry is left out`);
    return [];
  });
}

/** The one record under a singular key (VpnConnection, Certificate). */
function single(document: JsonObject, key: string): Fields[] {
  const record = new Fields(document, '').object(key);
  return record ? [record] : [];
}

const API_FORMATS: readonly ApiFormat[] = [
  {
    key: 'Listeners',
    format: 'elbv2 describe-listeners',
    read: (doc, format, out) =>
      readListeners(records(doc, 'Listeners', format, out), labelOf(out, format), out),
  },
  {
    key: 'LoadBalancers',
    format: 'elbv2 describe-load-balancers',
    read: (doc, format, out) =>
      readElbv2LoadBalancers(records(doc, 'LoadBalancers', format, out), labelOf(out, format), out),
  },
  {
    key: 'Rules',
    format: 'elbv2 describe-rules',
    read: (doc, format, out) => readRules(records(doc, 'Rules', format, out), out),
  },
  {
    key: 'SslPolicies',
    format: 'elbv2 describe-ssl-policies',
    read: (doc, _format, out) => readSslPolicies(doc, out),
  },
  {
    key: 'LoadBalancerDescriptions',
    format: 'elb describe-load-balancers',
    read: (doc, format, out) =>
      readClassicLoadBalancers(
        records(doc, 'LoadBalancerDescriptions', format, out),
        labelOf(out, format),
        out,
      ),
  },
  {
    key: 'PolicyDescriptions',
    format: 'elb describe-load-balancer-policies',
    read: (doc, format, out) =>
      readClassicPolicies(records(doc, 'PolicyDescriptions', format, out), labelOf(out, format), out),
  },
  {
    key: 'VpnConnections',
    format: 'ec2 describe-vpn-connections',
    read: (doc, format, out) =>
      readVpnConnections(records(doc, 'VpnConnections', format, out), format, labelOf(out, format), out),
  },
  {
    key: 'VpnConnection',
    format: 'ec2 create/modify-vpn-connection',
    read: (doc, format, out) =>
      readVpnConnections(single(doc, 'VpnConnection'), format, labelOf(out, format), out),
  },
  {
    key: 'ActiveVpnTunnelStatus',
    format: TUNNEL_STATUS_FORMAT,
    read: (doc, _format, out) => readActiveTunnelStatuses([new Fields(doc, '')], out),
  },
  {
    key: 'connections',
    format: 'directconnect describe-connections',
    read: (doc, format, out) =>
      readDxConnections(records(doc, 'connections', format, out), format, labelOf(out, format), out),
  },
  {
    key: 'lags',
    format: 'directconnect describe-lags',
    read: (doc, format, out) =>
      readDxLags(records(doc, 'lags', format, out), format, labelOf(out, format), out),
  },
  {
    key: 'Certificate',
    format: 'acm describe-certificate',
    read: (doc, format, out) =>
      readCertificates(single(doc, 'Certificate'), format, labelOf(out, format), out),
  },
  {
    key: 'CertificateSummaryList',
    format: 'acm list-certificates',
    read: (doc, format, out) =>
      readCertificates(
        records(doc, 'CertificateSummaryList', format, out),
        format,
        labelOf(out, format),
        out,
      ),
  },
];

function looksLikeConfigItem(value: unknown): boolean {
  return (
    isObject(value) &&
    'resourceType' in value &&
    ('configuration' in value ||
      'configurationItemStatus' in value ||
      'configurationItemCaptureTime' in value)
  );
}

function readConfigItems(items: Fields[], format: string, out: InventoryBuilder): void {
  for (const item of newestItems(items)) readConfigItem(item, format, labelOf(out, format), out);
}

/** A document with a configurationItems list: a snapshot (delivered to S3) or GetResourceConfigHistory output. */
function configItemsFormat(document: JsonObject): string {
  return 'fileVersion' in document || 'configSnapshotId' in document
    ? 'AWS Config snapshot'
    : 'AWS Config GetResourceConfigHistory';
}

/** AWS Config shapes; false when the document is none of them. */
function readConfig(document: JsonObject, out: InventoryBuilder): boolean {
  if (Array.isArray(document.configurationItems)) {
    const format = configItemsFormat(document);
    readConfigItems(records(document, 'configurationItems', format, out), format, out);
    return true;
  }
  if (Array.isArray(document.baseConfigurationItems)) {
    const format = 'AWS Config BatchGetResourceConfig';
    readConfigItems(records(document, 'baseConfigurationItems', format, out), format, out);
    return true;
  }
  if (isObject(document.configurationItemSummary)) {
    readOversizedSummary(
      new Fields(document.configurationItemSummary, 'configurationItemSummary'),
      'AWS Config oversized change notification',
      out,
    );
    return true;
  }
  if (isObject(document.configurationItem)) {
    readConfigItems(
      [new Fields(document.configurationItem, 'configurationItem')],
      'AWS Config change notification',
      out,
    );
    return true;
  }
  if (looksLikeConfigItem(document)) {
    readConfigItems([new Fields(document, '')], 'AWS Config configuration item', out);
    return true;
  }
  return false;
}

/** CreateConnection / CreateLag (and Describe... of one) return the object itself. */
function readDirectConnectObject(document: JsonObject, out: InventoryBuilder): boolean {
  const root = new Fields(document, '');
  if (typeof document.lagId === 'string' && ('lagState' in document || 'lagName' in document)) {
    readDxLags([root], 'directconnect lag', labelOf(out, 'directconnect lag'), out);
    return true;
  }
  if (typeof document.connectionId === 'string' && 'connectionState' in document) {
    readDxConnections([root], 'directconnect connection', labelOf(out, 'directconnect connection'), out);
    return true;
  }
  return false;
}

const isTunnelStatus = (entry: unknown) => isObject(entry) && 'ActiveVpnTunnelStatus' in entry;

/** get-active-vpn-tunnel-status records collected into one list (one per tunnel, as `jq -s` writes them). */
function readTunnelStatusList(document: unknown[], out: InventoryBuilder): boolean {
  if (!document.some(isTunnelStatus)) return false;
  const statuses = document.flatMap((entry, index) => {
    if (isTunnelStatus(entry)) return [new Fields(entry as JsonObject, `[${index}]`)];
    out.error(
      `${TUNNEL_STATUS_FORMAT}: [${index}]: expected an object with ActiveVpnTunnelStatus; the entry is left out`,
    );
    return [];
  });
  readActiveTunnelStatuses(statuses, out);
  return true;
}

const EXPECTED = [
  'an AWS Config snapshot, GetResourceConfigHistory output or configuration item(s) (configurationItems, configurationItem, resourceType + configuration)',
  `describe output with one of the top-level keys ${API_FORMATS.map((format) => format.key).join(', ')}`,
  'a Direct Connect connection or LAG object (connectionId, lagId)',
  'a list of get-active-vpn-tunnel-status records (VpnConnectionId, VpnTunnelOutsideIpAddress, ActiveVpnTunnelStatus)',
].join('; or ');

function describeFound(document: unknown): string {
  if (Array.isArray(document))
    return `a list of ${document.length} ${document.length === 1 ? 'entry' : 'entries'}`;
  if (!isObject(document)) return document === null ? 'null' : `a ${typeof document}`;
  const keys = Object.keys(document);
  if (keys.length === 0) return 'an empty object';
  const shown = keys.slice(0, 10).join(', ');
  return `an object with the keys ${shown}${keys.length > 10 ? ', ...' : ''}`;
}

function readDocument(document: unknown, out: InventoryBuilder): void {
  if (Array.isArray(document) && document.every(looksLikeConfigItem)) {
    const items = document.map((item, index) => Fields.of(item, `[${index}]`));
    readConfigItems(items, 'AWS Config configuration items', out);
    return;
  }
  if (Array.isArray(document) && readTunnelStatusList(document, out)) return;
  if (isObject(document)) {
    // A LAG object has a `connections` list of its own: it is checked before describe-connections.
    if (readConfig(document, out) || readDirectConnectObject(document, out)) return;
    const formats = API_FORMATS.filter((format) => format.key in document);
    for (const { format, read } of formats) {
      out.guard(format, 'output', () => read(document, format, out));
    }
    if (formats.length > 0) return;
  }
  out.error(`not a recognized input: expected ${EXPECTED}; found ${describeFound(document)}`);
}

/**
 * Normalizes one parsed input document, detected by its content (never its name). Problems become
 * `errors` naming `source` (and the field path); whatever else the document holds is still read.
 * Links between documents are made later, by linkInventory.
 */
export function normalizeDocument(document: unknown, source: string): Inventory {
  const out = new InventoryBuilder(source);
  const unwrapped = unwrap(document);
  if ('error' in unwrapped) out.error(`not resource data: ${unwrapped.error}`);
  else out.guard('input', 'document', () => readDocument(unwrapped.document, out));
  return out.build();
}

/**
 * normalizeDocument for the bytes of a file that holds a configurationItems list at its top level (an AWS
 * Config snapshot, GetResourceConfigHistory output), with the items parsed and normalized one at a time:
 * the text and the parsed document are never in memory whole. The result is what normalizeDocument gives
 * for the parsed file. Undefined when the file is anything else, is not valid JSON, or lists a resource
 * twice (newestItems must then see every item first): the caller parses it whole instead.
 */
export function normalizeConfigItemsFile(bytes: Buffer, source: string): Inventory | undefined {
  const out = new InventoryBuilder(source);
  // As records() does, entries that are not objects are reported before anything the items say.
  const entryErrors: string[] = [];
  // The resources met so far, by type then id (no key string is built and hashed per item).
  const seen = new Map<string, Set<string>>();
  let format = '';
  let label = '';
  const readable = readArrayMember(bytes, 'configurationItems', {
    head(skeleton) {
      if (unwrapped(skeleton) !== skeleton) return false;
      format = configItemsFormat(skeleton);
      label = labelOf(out, format);
      return true;
    },
    element(value, index) {
      if (!isObject(value)) {
        entryErrors.push(
          `${format}: configurationItems[${index}]: expected an object; the entry is left out`,
        );
        return true;
      }
      const item = new Fields(value, `configurationItems[${index}]`);
      const identity = itemIdentity(item);
      if (identity) {
        let ids = seen.get(identity.type);
        if (!ids) {
          ids = new Set();
          seen.set(identity.type, ids);
        }
        if (ids.has(identity.id)) return false;
        ids.add(identity.id);
      }
      readConfigItem(item, format, label, out);
      return true;
    },
    done: (skeleton) => unwrapped(skeleton) === skeleton && configItemsFormat(skeleton) === format,
  });
  if (!readable) return undefined;
  const inventory = out.build();
  if (entryErrors.length > 0) {
    inventory.errors = [...entryErrors.map((message) => ({ source, message })), ...inventory.errors];
  }
  return inventory;
}

/** The document unwrap() leaves; the same object when there is nothing to peel off. */
function unwrapped(document: JsonObject): unknown {
  const result = unwrap(document);
  return 'error' in result ? undefined : result.document;
}
