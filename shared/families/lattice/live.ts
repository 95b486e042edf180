import {
  GetListenerCommand,
  type ListenerSummary,
  ListListenersCommand,
  ListServicesCommand,
  type ServiceSummary,
} from '@aws-sdk/client-vpc-lattice';
import {
  type ApiDocument,
  type Collected,
  emptyCollected,
  failed,
  goneRef,
  mergeCollected,
  readEach,
} from '../../inventory/live/context.js';
import { collectPages, toDocument } from '../../inventory/live/document.js';
import type { FamilyContext, LiveReaders } from '../../inventory/live/family-live.js';
import { matchesRef } from '../../inventory/live/match.js';
import type { ResourceRef } from '../../model/ref.js';
import { parseListenerArn } from './arn.js';
import { createClient } from './client.js';

type Ctx = FamilyContext;

// The largest page ListServices and ListListeners take (maxResults, 1-100): fewest calls per region.
const PAGE = 100;

const nextToken = (token: string | undefined) => (token ? { nextToken: token } : {});

function services(ctx: Ctx): Promise<ServiceSummary[]> {
  return collectPages(async (token) => {
    const output = await ctx.call('ListServices', ctx.region, () =>
      ctx.clients.get(createClient).send(new ListServicesCommand({ maxResults: PAGE, ...nextToken(token) })),
    );
    return { items: output?.items, next: output?.nextToken };
  });
}

function listeners(ctx: Ctx, serviceIdentifier: string): Promise<ListenerSummary[]> {
  return collectPages(async (token) => {
    const output = await ctx.call('ListListeners', serviceIdentifier, () =>
      ctx.clients
        .get(createClient)
        .send(new ListListenersCommand({ serviceIdentifier, maxResults: PAGE, ...nextToken(token) })),
    );
    return { items: output?.items, next: output?.nextToken };
  });
}

/**
 * Every listener of the region: one ListServices page per 100 services, then one ListListeners per service
 * (its summaries carry the protocol, so no GetListener is needed). A service whose listing fails is an error
 * for that service only.
 */
async function sweepLattice(ctx: Ctx): Promise<Collected> {
  let found: ServiceSummary[];
  try {
    found = await services(ctx);
  } catch (error) {
    return failed(error);
  }
  const parts = await Promise.all(
    found.map(async (service): Promise<Collected> => {
      const identifier = service.arn ?? service.id ?? '';
      try {
        const items = await listeners(ctx, identifier);
        // An empty items list is no input shape of its own: a service without listeners adds nothing.
        const documents: ApiDocument[] =
          items.length > 0 ? [{ document: toDocument({ items }), source: 'api:ListListeners' }] : [];
        return { ...emptyCollected(), groups: documents.length > 0 ? [{ documents }] : [] };
      } catch (error) {
        return failed(error);
      }
    }),
  );
  return mergeCollected(parts);
}

/** One GetListener per ref (its service named by the ARN); not found: the listener is gone. */
async function readListener(ctx: Ctx, ref: ResourceRef): Promise<Collected> {
  const ids = parseListenerArn(ref.resourceId);
  if (!ids) return failed(new Error(`not a VPC Lattice listener ARN: ${ref.resourceId}`), ref);
  const output = await ctx.call('GetListener', ref.resourceId, () =>
    ctx.clients
      .get(createClient)
      .send(new GetListenerCommand({ serviceIdentifier: ids.serviceId, listenerIdentifier: ref.resourceId })),
  );
  if (!output?.arn) return goneRef(ref);
  return {
    ...emptyCollected(),
    groups: [
      {
        documents: [{ document: toDocument(output), source: 'api:GetListener' }],
        keep: (r) => matchesRef(r, ref),
      },
    ],
  };
}

async function readLattice(ctx: Ctx, refs: readonly ResourceRef[]): Promise<Collected> {
  return readEach(refs, (ref) => readListener(ctx, ref));
}

export const latticeReaders: LiveReaders = { read: readLattice, sweep: sweepLattice };
