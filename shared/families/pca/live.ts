import {
  type CertificateAuthority,
  DescribeCertificateAuthorityCommand,
  ListCertificateAuthoritiesCommand,
} from '@aws-sdk/client-acm-pca';
import {
  type Collected,
  collectListing,
  goneRef,
  oneDocument,
  readEach,
} from '../../inventory/live/context.js';
import { toDocument } from '../../inventory/live/document.js';
import type { FamilyContext, LiveReaders } from '../../inventory/live/family-live.js';
import type { ResourceRef } from '../../model/ref.js';
import { createClient } from './client.js';

type Ctx = FamilyContext;

// The largest page ListCertificateAuthorities takes (MaxResults 1-1000): fewest calls per region.
const PAGE = 1000;

/**
 * Every CA of the region: ListCertificateAuthorities returns whole CertificateAuthority objects (the ones
 * DescribeCertificateAuthority returns, https://docs.aws.amazon.com/privateca/latest/APIReference/API_ListCertificateAuthorities.html),
 * so no describe call follows; read as `aws acm-pca list-certificate-authorities` is.
 */
async function sweepPca(ctx: Ctx): Promise<Collected> {
  return collectListing(
    async (token) => {
      const output = await ctx.call('ListCertificateAuthorities', ctx.region, () =>
        ctx.clients.get(createClient).send(
          new ListCertificateAuthoritiesCommand({
            MaxResults: PAGE,
            ...(token ? { NextToken: token } : {}),
          }),
        ),
      );
      return { items: output?.CertificateAuthorities, next: output?.NextToken };
    },
    (found: CertificateAuthority[]) => ({ CertificateAuthorities: toDocument(found) }),
    'api:ListCertificateAuthorities',
  );
}

/** DescribeCertificateAuthority per ref; ResourceNotFoundException: the CA is gone. */
async function readPca(ctx: Ctx, refs: readonly ResourceRef[]): Promise<Collected> {
  return readEach(refs, async (ref) => {
    const output = await ctx.call('DescribeCertificateAuthority', ref.resourceId, () =>
      ctx.clients
        .get(createClient)
        .send(new DescribeCertificateAuthorityCommand({ CertificateAuthorityArn: ref.resourceId })),
    );
    if (!output?.CertificateAuthority) return goneRef(ref);
    return oneDocument(
      { CertificateAuthority: toDocument(output.CertificateAuthority) },
      'api:DescribeCertificateAuthority',
    );
  });
}

export const pcaReaders: LiveReaders = { read: readPca, sweep: sweepPca };
