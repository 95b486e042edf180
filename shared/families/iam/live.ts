import {
  GetServerCertificateCommand,
  ListServerCertificatesCommand,
  type ServerCertificateMetadata,
} from '@aws-sdk/client-iam';
import {
  type Collected,
  collectListing,
  emptyCollected,
  goneRef,
  oneDocument,
  readEach,
} from '../../inventory/live/context.js';
import { toDocument } from '../../inventory/live/document.js';
import type { FamilyContext, LiveReaders } from '../../inventory/live/family-live.js';
import type { ResourceRef } from '../../model/ref.js';
import { createClient } from './client.js';
import { IAM_REGION } from './model.js';

type Ctx = FamilyContext;

// The largest page ListServerCertificates takes (MaxItems 1-1000): fewest calls.
const PAGE = 1000;

/**
 * IAM is global: its server certificates are swept once, from us-east-1; a sweep of any other region has none.
 * ListServerCertificates' metadata holds the Expiration the rule judges, so no GetServerCertificate follows
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListServerCertificates.html); read as
 * `aws iam list-server-certificates` is.
 */
async function sweepIam(ctx: Ctx): Promise<Collected> {
  if (ctx.region !== IAM_REGION) return emptyCollected();
  return collectListing(
    async (marker) => {
      const output = await ctx.call('ListServerCertificates', ctx.region, () =>
        ctx.clients
          .get(createClient)
          .send(new ListServerCertificatesCommand({ MaxItems: PAGE, ...(marker ? { Marker: marker } : {}) })),
      );
      return {
        items: output?.ServerCertificateMetadataList,
        next: output?.IsTruncated ? output.Marker : undefined,
      };
    },
    (found: ServerCertificateMetadata[]) => ({ ServerCertificateMetadataList: toDocument(found) }),
    'api:ListServerCertificates',
  );
}

/** GetServerCertificate per ref (its resourceId is the name); NoSuchEntity: the certificate is gone. */
async function readIam(ctx: Ctx, refs: readonly ResourceRef[]): Promise<Collected> {
  return readEach(refs, async (ref) => {
    const output = await ctx.call('GetServerCertificate', ref.resourceId, () =>
      ctx.clients
        .get(createClient)
        .send(new GetServerCertificateCommand({ ServerCertificateName: ref.resourceId })),
    );
    if (!output?.ServerCertificate) return goneRef(ref);
    return oneDocument(
      { ServerCertificate: toDocument(output.ServerCertificate) },
      'api:GetServerCertificate',
    );
  });
}

export const iamReaders: LiveReaders = { read: readIam, sweep: sweepIam };
