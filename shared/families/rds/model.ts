/** RDS DB instances and DB clusters in the normalized model (shared/model/resource.ts). */
import type { PendingKind } from '../../inventory/family-inputs.js';
import type { ResourceBase } from '../../model/resource.js';

export const DB_INSTANCE = 'AWS::RDS::DBInstance';
export const DB_CLUSTER = 'AWS::RDS::DBCluster';
export const RDS_TYPES = [DB_INSTANCE, DB_CLUSTER] as const;

/** One parameter of a DescribeDBParameters / DescribeDBClusterParameters listing (API_Parameter). */
export interface RdsParameter {
  name: string;
  value?: string;
  /** user | system | engine-default */
  source?: string;
  /** static | dynamic */
  applyType?: string;
  /** "0,1" and the like. */
  allowedValues?: string;
  isModifiable?: boolean;
}

/** The parameter group a database takes its TLS parameter from: kind 'db' for an instance, 'cluster' for a cluster. */
export interface ParameterGroupUse {
  kind: 'db' | 'cluster';
  name: string;
  /** DBParameterGroupStatus.ParameterApplyStatus (in-sync, pending-reboot, applying, ...), when given. */
  applyStatus?: string;
}

/** What the inputs say about that group, joined in by the link step. */
export interface GroupParameters {
  /** The TLS parameters the listing holds, by name. */
  parameters: Record<string, RdsParameter>;
  /** False when a page of the listing said more followed (Marker): an absent parameter is then unknown. */
  complete: boolean;
  /** Where the listing came from. */
  source: string;
}

interface RdsDatabase extends ResourceBase {
  /** DBInstanceIdentifier or DBClusterIdentifier. */
  identifier: string;
  /** The API's Engine value: postgres, mysql, mariadb, aurora-mysql, aurora-postgresql, sqlserver-ee, oracle-ee, ... */
  engine?: string;
  engineVersion?: string;
  parameterGroup?: ParameterGroupUse;
  /** The group's listing, when the inputs hold it. */
  groupParameters?: GroupParameters;
  /** The CA of the server certificate: an instance's CACertificateIdentifier, a cluster's CertificateDetails.CAIdentifier. */
  caCertificateIdentifier?: string;
  /** CertificateDetails.ValidTill: when the DB server certificate expires (ISO 8601). */
  serverCertificateValidTill?: string;
  /** A CA change waiting for the maintenance window (PendingModifiedValues). */
  pendingCaCertificateIdentifier?: string;
  /** The CA's expiry from a describe-certificates output of the inputs, joined in by the link step. */
  caValidTill?: string;
}

export interface RdsDbInstance extends RdsDatabase {
  resourceType: 'AWS::RDS::DBInstance';
  /** Set for an Aurora or Multi-AZ cluster member: its cluster's parameter group decides TLS. */
  dbClusterIdentifier?: string;
}

export interface RdsDbCluster extends RdsDatabase {
  resourceType: 'AWS::RDS::DBCluster';
  /** DBClusterMembers[].DBInstanceIdentifier */
  members: string[];
  /**
   * DBClusterInstanceClass: given "only for non-Aurora Multi-AZ DB clusters"
   * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBCluster.html).
   */
  dbClusterInstanceClass?: string;
}

export type RdsResource = RdsDbInstance | RdsDbCluster;

/** A parameter group's listing (wrapped describe-db-parameters / describe-db-cluster-parameters output). */
export interface ParameterListing {
  kind: 'db' | 'cluster';
  group: string;
  parameters: RdsParameter[];
  complete: boolean;
  source: string;
}

export const PARAMETER_LISTINGS: PendingKind<ParameterListing> = {
  key: 'rdsParameterListings',
  label: 'RDS parameter listings',
};

/** A CA of a describe-certificates output. */
export interface CertificateAuthority {
  identifier: string;
  validTill?: string;
  region?: string;
}

export const CERTIFICATE_AUTHORITIES: PendingKind<CertificateAuthority> = {
  key: 'rdsCertificateAuthorities',
  label: 'RDS certificate authorities',
};
