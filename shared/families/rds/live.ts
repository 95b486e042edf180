import {
  type Certificate,
  type DBCluster,
  type DBInstance,
  DescribeCertificatesCommand,
  DescribeDBClusterParametersCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeDBParametersCommand,
  type Parameter,
} from '@aws-sdk/client-rds';
import { type Collected, emptyCollected, failed, goneRef, readEach } from '../../inventory/live/context.js';
import { collectPages, toDocument } from '../../inventory/live/document.js';
import type { FamilyContext, LiveReaders } from '../../inventory/live/family-live.js';
import { matchesRef } from '../../inventory/live/match.js';
import type { ResourceRef } from '../../model/ref.js';
import { createClient } from './client.js';
import { groupOfRef } from './events.js';
import { DB_INSTANCE } from './model.js';
import type { RdsReadPlan } from './read-plan.js';
import { tlsParameterOf } from './reference.js';

type Ctx = FamilyContext<RdsReadPlan>;

// The largest page the Describe calls take (MaxRecords 20-100): fewest calls.
const PAGE = 100;

const marker = (next: string | undefined) => (next ? { Marker: next } : {});

/** The identifier an RDS API takes for a ref: the ARN's last part (db:<id>, cluster:<id>) or the id itself. */
function identifierOf(ref: ResourceRef): string {
  return ref.name ?? /:(?:db|cluster):([^:]+)$/.exec(ref.resourceId)?.[1] ?? ref.resourceId;
}

function instances(ctx: Ctx, id?: string): Promise<DBInstance[]> {
  return collectPages(async (next) => {
    const output = await ctx.call('DescribeDBInstances', id ?? ctx.region, () =>
      ctx.clients.get(createClient).send(
        new DescribeDBInstancesCommand({
          ...(id ? { DBInstanceIdentifier: id } : { MaxRecords: PAGE }),
          ...marker(next),
        }),
      ),
    );
    return { items: output?.DBInstances, next: output?.Marker };
  });
}

function clusters(ctx: Ctx, id?: string): Promise<DBCluster[]> {
  return collectPages(async (next) => {
    const output = await ctx.call('DescribeDBClusters', id ?? ctx.region, () =>
      ctx.clients.get(createClient).send(
        new DescribeDBClustersCommand({
          ...(id ? { DBClusterIdentifier: id } : { MaxRecords: PAGE }),
          ...marker(next),
        }),
      ),
    );
    return { items: output?.DBClusters, next: output?.Marker };
  });
}

/** The region's CAs with their ValidTill, read once per region. */
function certificates(ctx: Ctx) {
  return ctx.once('rds:DescribeCertificates', async () => {
    const found: Certificate[] = await collectPages(async (next) => {
      const output = await ctx.call('DescribeCertificates', ctx.region, () =>
        ctx.clients
          .get(createClient)
          .send(new DescribeCertificatesCommand({ MaxRecords: PAGE, ...marker(next) })),
      );
      return { items: output?.Certificates, next: output?.Marker };
    });
    return { document: toDocument({ Certificates: found }), source: 'api:DescribeCertificates' };
  });
}

/**
 * The one TLS parameter of a group: the parameter-name filter (the only filter DescribeDBParameters and
 * DescribeDBClusterParameters support, API reference) keeps it to one call per group in use. The output is
 * wrapped with the group's name, as an input file of the same listing must be.
 */
async function groupParameters(ctx: Ctx, kind: 'db' | 'cluster', name: string, parameter: string) {
  const Filters = [{ Name: 'parameter-name', Values: [parameter] }];
  const client = ctx.clients.get(createClient);
  const found: Parameter[] = await collectPages(async (next) => {
    const output =
      kind === 'db'
        ? await ctx.call('DescribeDBParameters', name, () =>
            client.send(
              new DescribeDBParametersCommand({ DBParameterGroupName: name, Filters, ...marker(next) }),
            ),
          )
        : await ctx.call('DescribeDBClusterParameters', name, () =>
            client.send(
              new DescribeDBClusterParametersCommand({
                DBClusterParameterGroupName: name,
                Filters,
                ...marker(next),
              }),
            ),
          );
    return { items: output?.Parameters, next: output?.Marker };
  });
  const wrapper = kind === 'db' ? { DBParameterGroupName: name } : { DBClusterParameterGroupName: name };
  return {
    document: toDocument({ ...wrapper, Parameters: found }),
    source: `api:${kind === 'db' ? 'DescribeDBParameters' : 'DescribeDBClusterParameters'}`,
  };
}

/** The groups whose TLS parameter decides: a standalone instance's DB group, a cluster's cluster group. */
function groupsInUse(found: DBInstance[], foundClusters: DBCluster[]) {
  const wanted = new Map<string, { kind: 'db' | 'cluster'; name: string; parameter: string }>();
  for (const instance of found) {
    const name = instance.DBParameterGroups?.[0]?.DBParameterGroupName;
    const fact = tlsParameterOf(instance.Engine);
    if (instance.DBClusterIdentifier || !name || !fact) continue;
    wanted.set(`db ${name} ${fact.parameter}`, { kind: 'db', name, parameter: fact.parameter });
  }
  for (const cluster of foundClusters) {
    const name = cluster.DBClusterParameterGroup;
    const fact = tlsParameterOf(cluster.Engine);
    if (!name || !fact) continue;
    wanted.set(`cluster ${name} ${fact.parameter}`, { kind: 'cluster', name, parameter: fact.parameter });
  }
  return [...wanted.values()];
}

/** The databases and what judging them needs (their groups' TLS parameter, the region's CAs), as one group. */
async function withFacts(
  ctx: Ctx,
  found: DBInstance[],
  foundClusters: DBCluster[],
  keep?: (resource: Parameters<typeof matchesRef>[0]) => boolean,
): Promise<Collected> {
  const reads = [
    ...(ctx.plan.parameters
      ? groupsInUse(found, foundClusters).map((group) =>
          groupParameters(ctx, group.kind, group.name, group.parameter),
        )
      : []),
    // The CAs date DB instances and Multi-AZ DB clusters (DBClusterInstanceClass); an Aurora cluster's are its instances'.
    ...(ctx.plan.certificates &&
    (found.length > 0 || foundClusters.some((cluster) => cluster.DBClusterInstanceClass))
      ? [certificates(ctx)]
      : []),
  ];
  const facts = await Promise.all(reads);
  const documents = [
    ...(found.length > 0
      ? [{ document: toDocument({ DBInstances: found }), source: 'api:DescribeDBInstances' }]
      : []),
    ...(foundClusters.length > 0
      ? [{ document: toDocument({ DBClusters: foundClusters }), source: 'api:DescribeDBClusters' }]
      : []),
    ...facts,
  ];
  return {
    ...emptyCollected(),
    groups: documents.length > 0 ? [{ documents, ...(keep ? { keep } : {}) }] : [],
  };
}

async function sweepRds(ctx: Ctx): Promise<Collected> {
  try {
    const [found, foundClusters] = await Promise.all([instances(ctx), clusters(ctx)]);
    return await withFacts(ctx, found, foundClusters);
  } catch (error) {
    return failed(error);
  }
}

/**
 * One database by its identifier (not found: gone), or, for a parameter group's ref, every database of the
 * region that uses the group (DescribeDBInstances / DescribeDBClusters filter by neither group).
 */
async function readRef(ctx: Ctx, ref: ResourceRef): Promise<Collected> {
  const keep = (resource: Parameters<typeof matchesRef>[0]) => matchesRef(resource, ref);
  const isInstance = ref.resourceType === DB_INSTANCE;
  if (groupOfRef(ref)) {
    return isInstance
      ? withFacts(ctx, await instances(ctx), [], keep)
      : withFacts(ctx, [], await clusters(ctx), keep);
  }
  const id = identifierOf(ref);
  const [found, foundClusters] = isInstance ? [await instances(ctx, id), []] : [[], await clusters(ctx, id)];
  // RDS answers an unknown identifier with DBInstanceNotFound / DBClusterNotFoundFault; an empty answer says the same.
  if (found.length === 0 && foundClusters.length === 0) return goneRef(ref);
  return withFacts(ctx, found, foundClusters, keep);
}

async function readRds(ctx: Ctx, refs: readonly ResourceRef[]): Promise<Collected> {
  return readEach(refs, (ref) => readRef(ctx, ref));
}

export const rdsReaders: LiveReaders<RdsReadPlan> = { read: readRds, sweep: sweepRds };
