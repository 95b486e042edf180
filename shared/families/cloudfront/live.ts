import {
  type DistributionSummary,
  GetDistributionCommand,
  ListDistributionsCommand,
} from '@aws-sdk/client-cloudfront';
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
import type { ResourceRef } from '../../model/ref.js';
import { normalizeTlsVersion, protocolsBelow } from '../../tls/versions.js';
import { createClient } from './client.js';
import { CLOUDFRONT_REGION } from './describe.js';
import type { CloudFrontReadPlan } from './read-plan.js';

type Ctx = FamilyContext<CloudFrontReadPlan>;

/** Every distribution of the account: ListDistributions pages of 100 (the API's default and maximum). */
function listDistributions(ctx: Ctx): Promise<DistributionSummary[]> {
  return collectPages(async (marker) => {
    const output = await ctx.call('ListDistributions', ctx.region, () =>
      ctx.clients.get(createClient).send(new ListDistributionsCommand(marker ? { Marker: marker } : {})),
    );
    const list = output.DistributionList;
    return { items: list?.Items, next: list?.IsTruncated ? list.NextMarker : undefined };
  });
}

/** The distribution with its whole DistributionConfig and ETag (what UpdateDistribution needs). */
function getDistribution(ctx: Ctx, id: string) {
  return ctx.call('GetDistribution', id, () =>
    ctx.clients.get(createClient).send(new GetDistributionCommand({ Id: id })),
  );
}

/** The distribution id of a ref: the end of its ARN (arn:aws:cloudfront::<account>:distribution/<id>). */
const idOf = (ref: ResourceRef) => ref.resourceId.slice(ref.resourceId.lastIndexOf('/') + 1);

/** Whether a rule in mode remediate or block would change this distribution (judged from its summary). */
function needsRoundTrip(summary: DistributionSummary, plan: CloudFrontReadPlan): boolean {
  const behaviors = [summary.DefaultCacheBehavior, ...(summary.CacheBehaviors?.Items ?? [])];
  if (plan.viewerProtocol && behaviors.some((behavior) => behavior?.ViewerProtocolPolicy === 'allow-all'))
    return true;
  const minimum = plan.originMinimum;
  if (
    minimum &&
    (summary.Origins?.Items ?? []).some((origin) =>
      (origin.CustomOriginConfig?.OriginSslProtocols?.Items ?? []).some((protocol) => {
        const version = normalizeTlsVersion(protocol);
        return !version || protocolsBelow([version], minimum).length > 0;
      }),
    )
  ) {
    return true;
  }
  const certificate = summary.ViewerCertificate;
  return (
    plan.passingViewerPolicies !== undefined &&
    certificate?.SSLSupportMethod === 'sni-only' &&
    certificate.CloudFrontDefaultCertificate !== true &&
    !plan.passingViewerPolicies.includes(certificate.MinimumProtocolVersion ?? '')
  );
}

const listDocument = (items: DistributionSummary[]) => ({
  document: { DistributionList: { Items: items } },
  source: 'api:ListDistributions',
});

/**
 * CloudFront is global: its distributions are swept once, from us-east-1 (the region its API and CloudTrail
 * events are in); a sweep of any other region has none. One ListDistributions page per 100 distributions, plus
 * GetDistribution only for those a remediating rule would change.
 */
async function sweepCloudFront(ctx: Ctx): Promise<Collected> {
  if (ctx.region !== CLOUDFRONT_REGION) return emptyCollected();
  try {
    const summaries = await listDistributions(ctx);
    const roundTrip = summaries.filter((summary) => needsRoundTrip(summary, ctx.plan));
    const listed = summaries.filter((summary) => !roundTrip.includes(summary));
    const read = await Promise.all(
      roundTrip.map(async (summary) => {
        const id = summary.Id ?? '';
        try {
          const document = await getDistribution(ctx, id);
          return {
            ...emptyCollected(),
            groups: [{ documents: [{ document, source: 'api:GetDistribution' }] }],
          };
        } catch (error) {
          // The summary still judges it; only the change waits for a later read.
          return { ...failed(error), groups: [{ documents: [listDocument([summary])] }] };
        }
      }),
    );
    return mergeCollected([
      { ...emptyCollected(), groups: [{ documents: [listDocument(listed)] }] },
      ...read,
    ]);
  } catch (error) {
    return failed(error);
  }
}

/** The distributions the refs name, each with GetDistribution: one call gives the settings and the ETag. */
async function readCloudFront(ctx: Ctx, refs: readonly ResourceRef[]): Promise<Collected> {
  return readEach(refs, async (ref) => {
    const document = await getDistribution(ctx, idOf(ref));
    if (!document.Distribution) return goneRef(ref);
    return {
      ...emptyCollected(),
      groups: [{ documents: [{ document, source: 'api:GetDistribution' }] }],
    };
  });
}

export const cloudFrontReaders: LiveReaders<CloudFrontReadPlan> = {
  read: readCloudFront,
  sweep: sweepCloudFront,
};
