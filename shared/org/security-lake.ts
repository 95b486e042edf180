import { createHash } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { type OcsfComplianceFinding, ocsfFinding } from '../report/ocsf.js';
import { findRule } from '../rules/index.js';
import type { CentralFinding } from './central-table.js';

/**
 * The organization's finding changes in Amazon Security Lake, as a custom source
 * (https://docs.aws.amazon.com/security-lake/latest/userguide/custom-sources.html): OCSF events of ONE class per
 * source (Compliance Finding, 2003: shared/report/ocsf.ts), each object an Apache Parquet file, objects partitioned
 * `<source prefix>region=<region>/accountId=<account>/eventDay=<YYYYMMDD>/` by the member account and region the
 * finding is about and the UTC day of the change. The guide asks for objects written between every 5 minutes and
 * once a day and of a useful size (not one per record): one invocation's changes go out as one object per
 * partition, never one per finding. Written with the function's own role, in the lake's account, not the provider
 * role Security Lake creates for a source in another account; a lake with a customer-managed KMS key needs
 * kms:GenerateDataKey too (docs/organization-findings.md "OCSF to Security Lake" says why, with the sources).
 */
export interface SecurityLakeTarget {
  bucket: string;
  /** The custom source's key prefix, ending in "/" (`ext/<source name>/`). */
  prefix: string;
}

type Leaf = 'string' | 'int32' | 'int64' | 'strings' | 'json';
interface Group {
  readonly [name: string]: Leaf | Group;
}

/** The Parquet columns of an OcsfComplianceFinding: OCSF objects as nested groups (what the Glue crawler reads). */
const OCSF_COLUMNS = {
  activity_id: 'int32',
  activity_name: 'string',
  category_uid: 'int32',
  category_name: 'string',
  class_uid: 'int32',
  class_name: 'string',
  type_uid: 'int64',
  type_name: 'string',
  time: 'int64',
  severity_id: 'int32',
  severity: 'string',
  status_id: 'int32',
  status: 'string',
  message: 'string',
  metadata: { version: 'string', product: { name: 'string', vendor_name: 'string', version: 'string' } },
  finding_info: { uid: 'string', title: 'string', desc: 'string', types: 'strings' },
  compliance: {
    control: 'string',
    standards: 'strings',
    requirements: 'strings',
    status_id: 'int32',
    status: 'string',
  },
  resource: { uid: 'string', type: 'string', name: 'string', region: 'string', cloud_partition: 'string' },
  cloud: {
    provider: 'string',
    region: 'string',
    account: { uid: 'string', type_id: 'int32', type: 'string' },
  },
  remediation: { desc: 'string', references: 'strings' },
  // OCSF's catch-all object; kept as JSON text (its shape is transit-guard's response record).
  unmapped: 'json',
} as const satisfies Group;

type SchemaElement = Record<string, unknown>;

function schemaOf(name: string, field: Leaf | Group): SchemaElement[] {
  const optional = { name, repetition_type: 'OPTIONAL' };
  if (typeof field === 'object') {
    const children = Object.entries(field).flatMap(([child, type]) => schemaOf(child, type));
    return [{ ...optional, num_children: Object.keys(field).length }, ...children];
  }
  switch (field) {
    case 'string':
      return [{ ...optional, type: 'BYTE_ARRAY', converted_type: 'UTF8' }];
    case 'json':
      return [{ ...optional, type: 'BYTE_ARRAY', converted_type: 'JSON' }];
    case 'int32':
      return [{ ...optional, type: 'INT32' }];
    case 'int64':
      return [{ ...optional, type: 'INT64' }];
    case 'strings':
      // The three-level LIST of the Parquet format (LogicalTypes.md "Lists").
      return [
        { ...optional, converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', repetition_type: 'REQUIRED', type: 'BYTE_ARRAY', converted_type: 'UTF8' },
      ];
  }
}

/** A value as its column holds it: INT64 as bigint, JSON as text, absent members as null. */
function columnValue(field: Leaf | Group, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof field === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(field).map(([name, type]) => [name, columnValue(type, record[name])]),
    );
  }
  if (field === 'int64') return BigInt(value as number);
  if (field === 'json') return JSON.stringify(value);
  return value;
}

/**
 * The events as one Parquet file, in time order (the guide's advice for custom sources).
 * @internal Tests read a file back without going through S3.
 */
export function ocsfParquet(events: readonly OcsfComplianceFinding[]): Uint8Array {
  const sorted = [...events].sort((a, b) => a.time - b.time);
  const columns = Object.entries(OCSF_COLUMNS) as [string, Leaf | Group][];
  const buffer = parquetWriteBuffer({
    schema: [
      { name: 'root', num_children: columns.length },
      ...columns.flatMap(([name, type]) => schemaOf(name, type)),
    ] as never,
    columnData: columns.map(([name, type]) => ({
      name,
      data: sorted.map((event) => columnValue(type, (event as unknown as Record<string, unknown>)[name])),
    })) as never,
  });
  return new Uint8Array(buffer);
}

/** The OCSF event of a central finding's change (the member's account and region; the time it was observed). */
export function ocsfOfCentralFinding(record: CentralFinding): OcsfComplianceFinding {
  const evaluation = {
    ...record.evaluation,
    accountId: record.accountId,
    region: record.region,
    findingId: record.findingId,
  };
  // A deleted resource's resolution (NOT_APPLICABLE) ends the finding too: the event says Resolved / Pass.
  const resolved = record.state === 'resolved';
  const judged = resolved ? { ...evaluation, status: 'COMPLIANT' as const } : evaluation;
  // Opened: first seen at this very change; resolved: closed; anything else updates a finding the lake has.
  const activity = resolved ? 'close' : record.firstSeenAt === record.observedAt ? 'create' : 'update';
  return ocsfFinding(judged, findRule(record.ruleId), Date.parse(record.observedAt), { activity });
}

/** YYYYMMDD of a time in ms, UTC (the eventDay partition). */
const eventDay = (time: number) => new Date(time).toISOString().slice(0, 10).replaceAll('-', '');

/**
 * Writes the events as one Parquet object per partition (member region, member account, day); the object name is
 * the hash of its contents, so a redelivered invocation rewrites the same object rather than adding a copy.
 * Returns the keys written; a refused write throws (the caller leaves the findings owed).
 */
export async function writeToSecurityLake(
  s3: S3Client,
  target: SecurityLakeTarget,
  events: readonly OcsfComplianceFinding[],
): Promise<string[]> {
  const partitions = new Map<string, OcsfComplianceFinding[]>();
  for (const event of events) {
    const region = event.cloud.region ?? 'unknown';
    const account = event.cloud.account?.uid ?? 'unknown';
    const key = `${target.prefix}region=${region}/accountId=${account}/eventDay=${eventDay(event.time)}/`;
    partitions.set(key, [...(partitions.get(key) ?? []), event]);
  }
  const keys: string[] = [];
  for (const [partition, partitionEvents] of partitions) {
    const body = ocsfParquet(partitionEvents);
    const key = `${partition}transit-guard-${createHash('sha256').update(body).digest('hex').slice(0, 32)}.parquet`;
    await s3.send(
      new PutObjectCommand({
        Bucket: target.bucket,
        Key: key,
        Body: body,
        ContentType: 'application/vnd.apache.parquet',
      }),
    );
    keys.push(key);
  }
  return keys;
}
