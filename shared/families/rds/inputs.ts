import type { FamilyInputs } from '../../inventory/family-inputs.js';
import type { Resource } from '../../model/resource.js';
import {
  mapDbCluster,
  mapDbInstance,
  readCertificates,
  readDbClusters,
  readDbInstances,
  readParameterListing,
} from './describe.js';
import {
  CERTIFICATE_AUTHORITIES,
  type CertificateAuthority,
  DB_CLUSTER,
  DB_INSTANCE,
  type GroupParameters,
  PARAMETER_LISTINGS,
  type ParameterListing,
  type RdsResource,
} from './model.js';

/** All listings of one group (pages of one listing, or one file each) joined: a parameter any page holds counts. */
function groupParameters(listings: readonly ParameterListing[]): GroupParameters {
  const parameters: GroupParameters['parameters'] = {};
  for (const listing of listings) {
    for (const parameter of listing.parameters) parameters[parameter.name] = parameter;
  }
  return {
    parameters,
    complete: listings.some((listing) => listing.complete),
    source: [...new Set(listings.map((listing) => listing.source))].join(', '),
  };
}

/** The CA of a describe-certificates output for a region (a listing without a region applies to any). */
function caValidTill(cas: readonly CertificateAuthority[], id: string, region: string | undefined) {
  const same = cas.filter((ca) => ca.identifier === id);
  return (
    same.find((ca) => region !== undefined && ca.region === region) ??
    same.find((ca) => !ca.region) ??
    same[0]
  )?.validTill;
}

/**
 * Joins each database to the listing of the parameter group it uses (by kind and name: a listing names only
 * its group) and each database (a DB instance, a Multi-AZ DB cluster) to its CA's ValidTill from describe-certificates.
 */
function linkRds(
  resources: readonly Resource[],
  pending: Record<string, unknown[]>,
): Map<Resource, Resource> {
  const listings = (pending[PARAMETER_LISTINGS.key] ?? []) as ParameterListing[];
  const cas = (pending[CERTIFICATE_AUTHORITIES.key] ?? []) as CertificateAuthority[];
  const linked = new Map<Resource, Resource>();
  if (listings.length === 0 && cas.length === 0) return linked;
  for (const resource of resources) {
    if (resource.resourceType !== DB_INSTANCE && resource.resourceType !== DB_CLUSTER) continue;
    const database = resource as RdsResource;
    const group = database.parameterGroup;
    const own = group
      ? listings.filter((listing) => listing.kind === group.kind && listing.group === group.name)
      : [];
    let next: RdsResource = database;
    if (own.length > 0) next = { ...next, groupParameters: groupParameters(own) };
    if (next.caCertificateIdentifier) {
      const validTill = caValidTill(cas, next.caCertificateIdentifier, next.region);
      if (validTill) next = { ...next, caValidTill: validTill };
    }
    if (next !== database) linked.set(resource, next);
  }
  return linked;
}

export const rdsInputs: FamilyInputs = {
  formats: [
    { key: 'DBInstances', format: 'rds describe-db-instances', read: readDbInstances },
    { key: 'DBClusters', format: 'rds describe-db-clusters', read: readDbClusters },
    {
      key: 'Parameters',
      format: 'rds describe-db-parameters',
      holds: 'document',
      read: readParameterListing,
    },
    { key: 'Certificates', format: 'rds describe-certificates', read: readCertificates },
  ],
  configItems: {
    [DB_INSTANCE]: ({ configuration, resourceId, scope, label }) =>
      mapDbInstance(configuration.withDefault('DBInstanceIdentifier', resourceId), label, scope),
    [DB_CLUSTER]: ({ configuration, resourceId, scope, label }) =>
      mapDbCluster(configuration.withDefault('DBClusterIdentifier', resourceId), label, scope),
  },
  pending: [PARAMETER_LISTINGS, CERTIFICATE_AUTHORITIES],
  link: (resources, pending) => linkRds(resources, pending),
};
