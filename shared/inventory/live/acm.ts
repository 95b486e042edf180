import {
  type CertificateSummary,
  DescribeCertificateCommand,
  KeyAlgorithm,
  ListCertificatesCommand,
} from '@aws-sdk/client-acm';
import type { ResourceRef } from '../../model/ref.js';
import {
  ApiCallError,
  type Collected,
  emptyCollected,
  failed,
  goneRef,
  mergeCollected,
  type RegionContext,
  readOne,
} from './context.js';
import { collectPages } from './document.js';
import { isNotFound } from './errors.js';

/** ListCertificates returns only RSA_1024 and RSA_2048 certificates unless every key type is asked for. */
export const ALL_KEY_TYPES = Object.values(KeyAlgorithm);

async function describeCertificate(ctx: RegionContext, certificateArn: string): Promise<Collected> {
  const output = await ctx.call.acm('DescribeCertificate', certificateArn, () =>
    ctx.clients.acm.send(new DescribeCertificateCommand({ CertificateArn: certificateArn })),
  );
  if (!output.Certificate) return emptyCollected();
  return {
    ...emptyCollected(),
    groups: [
      { documents: [{ document: { Certificate: output.Certificate }, source: 'api:DescribeCertificate' }] },
    ],
  };
}

async function readCertificate(ctx: RegionContext, ref: ResourceRef): Promise<Collected> {
  const collected = await describeCertificate(ctx, ref.resourceId);
  return collected.groups.length > 0 ? collected : goneRef(ref);
}

export async function readCertificates(ctx: RegionContext, refs: readonly ResourceRef[]): Promise<Collected> {
  return mergeCollected(await Promise.all(refs.map((ref) => readOne(ref, () => readCertificate(ctx, ref)))));
}

/** Every certificate of the region, whatever its key type, each described in full. */
export async function sweepAcm(ctx: RegionContext): Promise<Collected> {
  let summaries: CertificateSummary[];
  try {
    summaries = await collectPages(async (token) => {
      const output = await ctx.call.acm('ListCertificates', ctx.region, () =>
        ctx.clients.acm.send(
          new ListCertificatesCommand({
            Includes: { keyTypes: [...ALL_KEY_TYPES] },
            ...(token ? { NextToken: token } : {}),
          }),
        ),
      );
      return { items: output.CertificateSummaryList, next: output.NextToken };
    });
  } catch (error) {
    return failed(error);
  }
  const parts = await Promise.all(
    summaries.map((summary) =>
      describeCertificate(ctx, summary.CertificateArn ?? '').catch((error: unknown) =>
        // Deleted between the listing and the describe: simply no longer there.
        error instanceof ApiCallError && isNotFound(error.cause) ? emptyCollected() : failed(error),
      ),
    ),
  );
  return mergeCollected(parts);
}
