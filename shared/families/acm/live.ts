import {
  type CertificateSummary,
  DescribeCertificateCommand,
  KeyAlgorithm,
  ListCertificatesCommand,
} from '@aws-sdk/client-acm';
import {
  type Collected,
  emptyCollected,
  failed,
  goneRef,
  mergeCollected,
  readEach,
} from '../../inventory/live/context.js';
import { collectPages } from '../../inventory/live/document.js';
import { ApiCallError, isNotFound } from '../../inventory/live/errors.js';
import type { FamilyContext, LiveReaders } from '../../inventory/live/family-live.js';
import type { ResourceRef } from '../../model/ref.js';
import { createClient } from './client.js';
import type { AcmReadPlan } from './read-plan.js';

type Ctx = FamilyContext<AcmReadPlan>;

/** ListCertificates returns only RSA_1024 and RSA_2048 certificates unless every key type is asked for. */
const ALL_KEY_TYPES = Object.values(KeyAlgorithm);

/**
 * The most ListCertificates returns in one page (MaxItems 1-1000).
 * @internal The sweep benchmark (bench/sweep/expected.ts) counts the expected calls with it.
 */
export const LIST_CERTIFICATES_PAGE_SIZE = 1000;

async function describeCertificate(ctx: Ctx, certificateArn: string): Promise<Collected> {
  const output = await ctx.call('DescribeCertificate', certificateArn, () =>
    ctx.clients.get(createClient).send(new DescribeCertificateCommand({ CertificateArn: certificateArn })),
  );
  if (!output.Certificate) return emptyCollected();
  return {
    ...emptyCollected(),
    groups: [
      { documents: [{ document: { Certificate: output.Certificate }, source: 'api:DescribeCertificate' }] },
    ],
  };
}

async function readCertificate(ctx: Ctx, ref: ResourceRef): Promise<Collected> {
  const collected = await describeCertificate(ctx, ref.resourceId);
  return collected.groups.length > 0 ? collected : goneRef(ref);
}

async function readCertificates(ctx: Ctx, refs: readonly ResourceRef[]): Promise<Collected> {
  return readEach(refs, (ref) => readCertificate(ctx, ref));
}

/** Statuses of certificates that were never signed: no rule judges their key, signature or logging. */
const NEVER_ISSUED = new Set(['FAILED', 'VALIDATION_TIMED_OUT']);
const BAD_STATUSES = new Set(['FAILED', 'REVOKED', 'EXPIRED']);
const DAY_MS = 86_400_000;

/** Why a certificate is described beyond its summary, for the call plan; undefined: the summary suffices. */
type DescribeReason = 'incomplete' | 'signature' | 'renewal' | 'transparency' | 'in-use-by';

/**
 * Decides from a ListCertificates summary whether any enabled rule needs a field only DescribeCertificate
 * returns. The summary already carries what the expiry, key-strength and status rules judge by (Status,
 * Type, KeyAlgorithm, NotAfter, InUse, RenewalEligibility).
 * @internal Unit-tested directly: which summaries need DescribeCertificate; the sweep benchmark counts the reads with it.
 */
export function describeReason(
  summary: CertificateSummary,
  plan: AcmReadPlan,
  now: Date,
): DescribeReason | undefined {
  const { Status: status, Type: type } = summary;
  if (!summary.CertificateArn) return undefined;
  if (!status || !type || !summary.KeyAlgorithm) return 'incomplete';
  const issued = !NEVER_ISSUED.has(status);
  if (issued && (plan.signature === 'all' || (plan.signature === 'imported' && type === 'IMPORTED'))) {
    return 'signature';
  }
  if (plan.renewalWindowDays !== undefined && type !== 'IMPORTED' && status === 'ISSUED') {
    const notAfter = summary.NotAfter?.getTime();
    if (notAfter === undefined || notAfter - now.getTime() <= plan.renewalWindowDays * DAY_MS)
      return 'renewal';
  }
  if (plan.transparency && type === 'AMAZON_ISSUED' && issued) return 'transparency';
  if (plan.inUseBy && BAD_STATUSES.has(status) && summary.InUse === true) return 'in-use-by';
  return undefined;
}

function listCertificatesPage(ctx: Ctx, token: string | undefined) {
  return ctx.call('ListCertificates', ctx.region, () =>
    ctx.clients.get(createClient).send(
      new ListCertificatesCommand({
        Includes: { keyTypes: [...ALL_KEY_TYPES] },
        MaxItems: LIST_CERTIFICATES_PAGE_SIZE,
        ...(token ? { NextToken: token } : {}),
      }),
    ),
  );
}

function listCertificates(ctx: Ctx): Promise<CertificateSummary[]> {
  return collectPages(async (token) => {
    const output = await listCertificatesPage(ctx, token);
    return { items: output.CertificateSummaryList, next: output.NextToken };
  });
}

/**
 * The certificates of these summaries: judged from the summary, and described only where an enabled rule needs
 * a field the summary lacks (see describeReason).
 */
async function judgeSummaries(ctx: Ctx, summaries: readonly CertificateSummary[]): Promise<Collected> {
  const now = ctx.now();
  const fromSummary: CertificateSummary[] = [];
  const toDescribe: CertificateSummary[] = [];
  for (const summary of summaries) {
    if (!summary.CertificateArn) continue;
    (describeReason(summary, ctx.plan, now) ? toDescribe : fromSummary).push(summary);
  }
  const parts = await Promise.all(
    toDescribe.map((summary) =>
      describeCertificate(ctx, summary.CertificateArn ?? '').catch((error: unknown) =>
        // Deleted between the listing and the describe: simply no longer there.
        error instanceof ApiCallError && isNotFound(error.cause) ? emptyCollected() : failed(error),
      ),
    ),
  );
  const summaryGroup: Collected = {
    ...emptyCollected(),
    groups:
      fromSummary.length > 0
        ? [
            {
              documents: [
                { document: { CertificateSummaryList: fromSummary }, source: 'api:ListCertificates' },
              ],
            },
          ]
        : [],
  };
  return mergeCollected([summaryGroup, ...parts]);
}

/** Every certificate of the region, whatever its key type. */
async function sweepAcm(ctx: Ctx): Promise<Collected> {
  let summaries: CertificateSummary[];
  try {
    summaries = await listCertificates(ctx);
  } catch (error) {
    return failed(error);
  }
  return judgeSummaries(ctx, summaries);
}

/**
 * One ListCertificates page and its describes: a sweep work item. A region of 10,000 certificates needs up to
 * 10,000 DescribeCertificate calls at 10 per second, more than Lambda's 15 minutes; a page of 1,000 needs 100 s.
 */
async function sweepAcmPage(
  ctx: Ctx,
  token: string | undefined,
): Promise<{ collected: Collected; next?: string }> {
  let output: { CertificateSummaryList?: CertificateSummary[]; NextToken?: string };
  try {
    output = await listCertificatesPage(ctx, token);
  } catch (error) {
    return { collected: failed(error) };
  }
  const collected = await judgeSummaries(ctx, output.CertificateSummaryList ?? []);
  return output.NextToken ? { collected, next: output.NextToken } : { collected };
}

export const acmReaders: LiveReaders<AcmReadPlan> = {
  read: readCertificates,
  sweep: sweepAcm,
  sweepPage: sweepAcmPage,
};
