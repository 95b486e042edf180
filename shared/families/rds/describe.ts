/**
 * Readers of the RDS describe outputs and Config items. Field names: the RDS API reference (DBInstance,
 * DBCluster, Parameter, Certificate: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html,
 * API_DBCluster.html, API_Parameter.html, API_Certificate.html); AWS Config writes the same names in camelCase
 * (`cACertificateIdentifier`, `dbclusterParameterGroup`), which the case-insensitive field lookup reads.
 */
import { arnScope } from '../../aws/arn.js';
import type { InventoryBuilder } from '../../inventory/builder.js';
import { pendingList } from '../../inventory/family-inputs.js';
import { FieldError, type Fields } from '../../inventory/fields.js';
import { displayName, readTags, requireString } from '../../inventory/record.js';
import {
  CERTIFICATE_AUTHORITIES,
  DB_CLUSTER,
  DB_INSTANCE,
  PARAMETER_LISTINGS,
  type ParameterGroupUse,
  type RdsDbCluster,
  type RdsDbInstance,
  type RdsParameter,
} from './model.js';
import { TLS_PARAMETERS } from './reference.js';

interface Scope {
  arn?: string | undefined;
  accountId?: string | undefined;
  region?: string | undefined;
  capturedAt?: string | undefined;
}

function scopeOf(arn: string | undefined, scope: Scope) {
  const fromArn = arnScope(arn);
  return {
    ...(arn ? { arn } : {}),
    accountId: scope.accountId ?? fromArn.accountId,
    region: scope.region ?? fromArn.region,
    ...(scope.capturedAt ? { capturedAt: scope.capturedAt } : {}),
  };
}

/** A DB instance: a DBInstances record of describe-db-instances, or a Config item's configuration. */
export function mapDbInstance(record: Fields, source: string, scope: Scope = {}): RdsDbInstance {
  const identifier = requireString(record, 'DBInstanceIdentifier');
  const arn = record.string('DBInstanceArn') ?? scope.arn;
  const tags = readTags(record, 'TagList');
  // An instance has one DB parameter group (DBParameterGroups is a list of its statuses).
  const group = record.objects('DBParameterGroups')?.[0];
  const groupName = group?.string('DBParameterGroupName');
  const applyStatus = group?.string('ParameterApplyStatus');
  const details = record.object('CertificateDetails');
  return {
    resourceType: DB_INSTANCE,
    resourceId: arn ?? identifier,
    ...scopeOf(arn, scope),
    tags,
    source,
    name: displayName(tags, identifier),
    identifier,
    engine: record.string('Engine'),
    engineVersion: record.string('EngineVersion'),
    ...(groupName
      ? { parameterGroup: { kind: 'db', name: groupName, ...(applyStatus ? { applyStatus } : {}) } }
      : {}),
    dbClusterIdentifier: record.string('DBClusterIdentifier'),
    caCertificateIdentifier: record.string('CACertificateIdentifier'),
    serverCertificateValidTill: details?.date('ValidTill'),
    pendingCaCertificateIdentifier: record.object('PendingModifiedValues')?.string('CACertificateIdentifier'),
  };
}

/**
 * A DB cluster (Aurora or Multi-AZ): a DBClusters record of describe-db-clusters, or a Config item's configuration.
 * A Multi-AZ DB cluster names its server certificate's CA in CertificateDetails {CAIdentifier, ValidTill} (it has no
 * CACertificateIdentifier of its own) and a pending CA change in PendingModifiedValues.CertificateDetails
 * (API_DBCluster.html, API_ClusterPendingModifiedValues.html, API_CertificateDetails.html; reference/
 * rds-ca-certificates.json perResourceFields). Config items are read by the same names, case-insensitively (no
 * sample Multi-AZ DBCluster item was found).
 */
export function mapDbCluster(record: Fields, source: string, scope: Scope = {}): RdsDbCluster {
  const identifier = requireString(record, 'DBClusterIdentifier');
  const arn = record.string('DBClusterArn') ?? scope.arn;
  const tags = readTags(record, 'TagList');
  const groupName = record.string('DBClusterParameterGroup');
  const parameterGroup: ParameterGroupUse | undefined = groupName
    ? { kind: 'cluster', name: groupName }
    : undefined;
  const details = record.object('CertificateDetails');
  return {
    resourceType: DB_CLUSTER,
    resourceId: arn ?? identifier,
    ...scopeOf(arn, scope),
    tags,
    source,
    name: displayName(tags, identifier),
    identifier,
    engine: record.string('Engine'),
    engineVersion: record.string('EngineVersion'),
    ...(parameterGroup ? { parameterGroup } : {}),
    members: (record.objects('DBClusterMembers') ?? []).flatMap((member) => {
      const id = member.string('DBInstanceIdentifier');
      return id ? [id] : [];
    }),
    dbClusterInstanceClass: record.string('DBClusterInstanceClass'),
    caCertificateIdentifier: details?.string('CAIdentifier'),
    serverCertificateValidTill: details?.date('ValidTill'),
    pendingCaCertificateIdentifier: record
      .object('PendingModifiedValues')
      ?.object('CertificateDetails')
      ?.string('CAIdentifier'),
  };
}

export function readDbInstances(
  records: Fields[],
  format: string,
  label: string,
  out: InventoryBuilder,
): void {
  out.eachRecord(format, 'DB instance', records, (record) =>
    out.resources.push(mapDbInstance(record, label)),
  );
}

export function readDbClusters(
  records: Fields[],
  format: string,
  label: string,
  out: InventoryBuilder,
): void {
  out.eachRecord(format, 'DB cluster', records, (record) => out.resources.push(mapDbCluster(record, label)));
}

function mapParameter(record: Fields): RdsParameter {
  return {
    name: requireString(record, 'ParameterName'),
    value: record.string('ParameterValue'),
    source: record.string('Source'),
    applyType: record.string('ApplyType'),
    allowedValues: record.string('AllowedValues'),
    isModifiable: record.boolean('IsModifiable'),
  };
}

/**
 * describe-db-parameters / describe-db-cluster-parameters: the listing does not name its group, so the input
 * wraps it as {"DBParameterGroupName": ..., "Parameters": [...]} or {"DBClusterParameterGroupName": ...,
 * "Parameters": [...]} (examples/README.md). Only the TLS parameters are kept; a Marker says more pages follow.
 */
export function readParameterListing(
  records: Fields[],
  format: string,
  label: string,
  out: InventoryBuilder,
): void {
  out.eachRecord(format, 'parameter listing', records, (record) => {
    const dbGroup = record.string('DBParameterGroupName');
    const clusterGroup = record.string('DBClusterParameterGroupName');
    const group = dbGroup ?? clusterGroup;
    if (!group || (dbGroup && clusterGroup)) {
      throw new FieldError(
        record.pathOf('DBParameterGroupName'),
        'a parameter listing names no group: wrap the output of describe-db-parameters as {"DBParameterGroupName": "<group>", "Parameters": [...]} or of describe-db-cluster-parameters as {"DBClusterParameterGroupName": "<group>", "Parameters": [...]}',
      );
    }
    const names: readonly string[] = TLS_PARAMETERS;
    const parameters = (record.objects('Parameters') ?? [])
      .filter((parameter) => names.includes(parameter.string('ParameterName') ?? ''))
      .map(mapParameter);
    pendingList(out.pending, PARAMETER_LISTINGS).push({
      kind: dbGroup ? 'db' : 'cluster',
      group,
      parameters,
      complete: !record.string('Marker'),
      source: label,
    });
  });
}

/** describe-certificates: the RDS CAs of a region, with their ValidTill (API_Certificate). */
export function readCertificates(
  records: Fields[],
  format: string,
  _label: string,
  out: InventoryBuilder,
): void {
  out.eachRecord(format, 'certificate', records, (record) => {
    const identifier = requireString(record, 'CertificateIdentifier');
    pendingList(out.pending, CERTIFICATE_AUTHORITIES).push({
      identifier,
      validTill: record.date('ValidTill'),
      region: arnScope(record.string('CertificateArn')).region,
    });
  });
}
