import {
  type Connection,
  DescribeConnectionsCommand,
  DescribeLagsCommand,
  type Lag,
} from '@aws-sdk/client-direct-connect';
import {
  type Collected,
  emptyCollected,
  failed,
  goneRef,
  mergeCollected,
  readEach,
} from '../../inventory/live/context.js';
import { collectPages } from '../../inventory/live/document.js';
import type { FamilyContext, LiveReaders } from '../../inventory/live/family-live.js';
import { matchesRef } from '../../inventory/live/match.js';
import type { ResourceRef } from '../../model/ref.js';
import { createClient } from './client.js';

type Ctx = FamilyContext;

const nextToken = (token: string | undefined) => (token ? { nextToken: token } : {});

// A deleted connection or LAG stays listed for a while; for transit-guard it no longer exists.
const liveConnection = (connection: Connection) => connection.connectionState !== 'deleted';
const liveLag = (lag: Lag) => lag.lagState !== 'deleted';

function connections(ctx: Ctx, connectionId?: string): Promise<Connection[]> {
  return collectPages(async (token) => {
    const output = await ctx.call('DescribeConnections', connectionId ?? ctx.region, () =>
      ctx.clients
        .get(createClient)
        .send(
          new DescribeConnectionsCommand({ ...(connectionId ? { connectionId } : {}), ...nextToken(token) }),
        ),
    );
    return { items: output.connections, next: output.nextToken };
  });
}

function lags(ctx: Ctx, lagId?: string): Promise<Lag[]> {
  return collectPages(async (token) => {
    const output = await ctx.call('DescribeLags', lagId ?? ctx.region, () =>
      ctx.clients
        .get(createClient)
        .send(new DescribeLagsCommand({ ...(lagId ? { lagId } : {}), ...nextToken(token) })),
    );
    return { items: output.lags, next: output.nextToken };
  });
}

function connectionGroup(found: readonly Connection[], ref?: ResourceRef): Collected {
  const documents = [{ document: { connections: found }, source: 'api:DescribeConnections' }];
  return {
    ...emptyCollected(),
    groups: [{ documents, ...(ref ? { keep: (r) => matchesRef(r, ref) } : {}) }],
  };
}

function lagGroup(found: readonly Lag[], ref?: ResourceRef): Collected {
  const documents = [{ document: { lags: found }, source: 'api:DescribeLags' }];
  return {
    ...emptyCollected(),
    groups: [{ documents, ...(ref ? { keep: (r) => matchesRef(r, ref) } : {}) }],
  };
}

async function readDx(ctx: Ctx, ref: ResourceRef): Promise<Collected> {
  if (ref.resourceType === 'AWS::DirectConnect::Lag') {
    const found = (await lags(ctx, ref.resourceId)).filter((lag) => lag.lagId === ref.resourceId);
    return found.some(liveLag) ? lagGroup(found.filter(liveLag), ref) : goneRef(ref);
  }
  const found = (await connections(ctx, ref.resourceId)).filter((c) => c.connectionId === ref.resourceId);
  return found.some(liveConnection) ? connectionGroup(found.filter(liveConnection), ref) : goneRef(ref);
}

async function readDirectConnect(ctx: Ctx, refs: readonly ResourceRef[]): Promise<Collected> {
  return readEach(refs, (ref) => readDx(ctx, ref));
}

/**
 * All connections and all LAGs of the region, normalized together so each LAG sees its members; a
 * failure of one listing does not hide the other.
 */
async function sweepDirectConnect(ctx: Ctx): Promise<Collected> {
  const [connectionPart, lagPart] = await Promise.all([
    connections(ctx).then(
      (found) => connectionGroup(found.filter(liveConnection)),
      (error) => failed(error),
    ),
    lags(ctx).then(
      (found) => lagGroup(found.filter(liveLag)),
      (error) => failed(error),
    ),
  ]);
  const merged = mergeCollected([connectionPart, lagPart]);
  return { ...merged, groups: [{ documents: merged.groups.flatMap((group) => group.documents) }] };
}

export const directConnectReaders: LiveReaders = { read: readDirectConnect, sweep: sweepDirectConnect };
