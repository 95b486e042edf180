import { ListCoreDevicesCommand } from '@aws-sdk/client-greengrassv2';
import {
  type Certificate,
  DescribeCACertificateCommand,
  DescribeCertificateCommand,
  DescribeDomainConfigurationCommand,
  ListCACertificatesCommand,
  ListCertificatesCommand,
  ListDomainConfigurationsCommand,
  ListPrincipalThingsCommand,
} from '@aws-sdk/client-iot';
import { arnScope } from '../../aws/arn.js';
import {
  type ApiDocument,
  type Collected,
  emptyCollected,
  failed,
  mergeCollected,
  readEach,
} from '../../inventory/live/context.js';
import { collectPages, toDocument } from '../../inventory/live/document.js';
import { ApiCallError, isNotFound } from '../../inventory/live/errors.js';
import type { FamilyContext, LiveReaders } from '../../inventory/live/family-live.js';
import type { ResourceRef } from '../../model/ref.js';
import { createClient, createGreengrassClient } from './client.js';
import { CA_CERTIFICATE, CERTIFICATE, DOMAIN_CONFIGURATION } from './model.js';
import type { IotReadPlan } from './read-plan.js';

type Ctx = FamilyContext<IotReadPlan>;

/**
 * The most ListCertificates returns in one page (pageSize 1-250, API_ListCertificates.html).
 * @internal The sweep benchmark (bench/sweep/expected.ts) counts the expected calls with it.
 */
export const LIST_CERTIFICATES_PAGE_SIZE = 250;

const DAY_MS = 86_400_000;
const iot = (ctx: Ctx) => ctx.clients.get(createClient);
const documentOf = (document: unknown, source: string): ApiDocument => ({
  document: toDocument(document),
  source,
});
const single = (...documents: ApiDocument[]): Collected => ({ ...emptyCollected(), groups: [{ documents }] });

/** The things a certificate is attached to (ListPrincipalThings, every page). */
function principalThings(ctx: Ctx, certificateArn: string): Promise<string[]> {
  return collectPages(async (token) => {
    const output = await ctx.call('ListPrincipalThings', certificateArn, () =>
      iot(ctx).send(
        new ListPrincipalThingsCommand({
          principal: certificateArn,
          maxResults: 250,
          ...(token ? { nextToken: token } : {}),
        }),
      ),
    );
    return { items: output.things, next: output.nextToken };
  });
}

/**
 * DescribeCertificate, with the attached things where `withThings` says so for the description: the document
 * is describe-certificate output plus list-principal-things' `things`, as the offline input takes it.
 */
async function describeCertificate(
  ctx: Ctx,
  certificateId: string,
  withThings: (description: { status?: string; validity?: { notAfter?: Date } }) => boolean,
): Promise<Collected> {
  const output = await ctx.call('DescribeCertificate', certificateId, () =>
    iot(ctx).send(new DescribeCertificateCommand({ certificateId })),
  );
  const description = output.certificateDescription;
  if (!description?.certificateArn) return emptyCollected();
  const things = withThings(description) ? await principalThings(ctx, description.certificateArn) : undefined;
  return single(
    documentOf(
      { certificateDescription: description, ...(things ? { things } : {}) },
      'api:DescribeCertificate',
    ),
  );
}

/**
 * Whether a summary is described, from its status and the plan: ACTIVE ones for expiry, CA and strength,
 * REVOKED ones for their things, the others for strength only.
 * @internal Unit-tested directly; the sweep benchmark counts the reads with it.
 */
export function needsDescribe(summary: Pick<Certificate, 'status'>, plan: IotReadPlan): boolean {
  if (summary.status === 'ACTIVE') return plan.describeActive;
  if (summary.status === 'REVOKED') return plan.revokedThings;
  return plan.describeInactive;
}

/** Whether the described certificate's things are listed: revoked ones, and active ones expiring within the window. */
function thingsWanted(ctx: Ctx) {
  const now = ctx.now().getTime();
  return (description: { status?: string; validity?: { notAfter?: Date } }) => {
    if (description.status === 'REVOKED') return ctx.plan.revokedThings;
    const days = ctx.plan.expiringThingsDays;
    if (description.status !== 'ACTIVE' || days === undefined) return false;
    const notAfter = description.validity?.notAfter?.getTime();
    return notAfter === undefined || notAfter - now <= days * DAY_MS;
  };
}

const goneIsEmpty = (error: unknown) =>
  // Deleted between the listing and the describe: simply no longer there.
  error instanceof ApiCallError && isNotFound(error.cause) ? emptyCollected() : failed(error);

async function sweepCertificates(ctx: Ctx): Promise<Collected> {
  let summaries: Certificate[];
  try {
    summaries = await collectPages(async (marker) => {
      const output = await ctx.call('ListCertificates', ctx.region, () =>
        iot(ctx).send(
          new ListCertificatesCommand({
            pageSize: LIST_CERTIFICATES_PAGE_SIZE,
            ...(marker ? { marker } : {}),
          }),
        ),
      );
      return { items: output.certificates, next: output.nextMarker };
    });
  } catch (error) {
    return failed(error);
  }
  const fromSummary: Certificate[] = [];
  const toDescribe: string[] = [];
  for (const summary of summaries) {
    if (!summary.certificateId) continue;
    if (needsDescribe(summary, ctx.plan)) toDescribe.push(summary.certificateId);
    else fromSummary.push(summary);
  }
  const wanted = thingsWanted(ctx);
  const parts = await Promise.all(
    toDescribe.map((id) => describeCertificate(ctx, id, wanted).catch(goneIsEmpty)),
  );
  const listed =
    fromSummary.length > 0 ? [single(documentOf({ certificates: fromSummary }, 'api:ListCertificates'))] : [];
  return mergeCollected([...listed, ...parts]);
}

async function describeCa(ctx: Ctx, certificateId: string): Promise<Collected> {
  const output = await ctx.call('DescribeCACertificate', certificateId, () =>
    iot(ctx).send(new DescribeCACertificateCommand({ certificateId })),
  );
  return output.certificateDescription
    ? single(
        documentOf({ certificateDescription: output.certificateDescription }, 'api:DescribeCACertificate'),
      )
    : emptyCollected();
}

async function sweepCas(ctx: Ctx): Promise<Collected> {
  try {
    const cas = await collectPages(async (marker) => {
      const output = await ctx.call('ListCACertificates', ctx.region, () =>
        iot(ctx).send(new ListCACertificatesCommand({ pageSize: 250, ...(marker ? { marker } : {}) })),
      );
      return { items: output.certificates, next: output.nextMarker };
    });
    const ids = cas.flatMap((ca) => (ca.certificateId ? [ca.certificateId] : []));
    return mergeCollected(await Promise.all(ids.map((id) => describeCa(ctx, id).catch(goneIsEmpty))));
  } catch (error) {
    return failed(error);
  }
}

async function describeDomain(ctx: Ctx, domainConfigurationName: string): Promise<Collected> {
  const output = await ctx.call('DescribeDomainConfiguration', domainConfigurationName, () =>
    iot(ctx).send(new DescribeDomainConfigurationCommand({ domainConfigurationName })),
  );
  return output.domainConfigurationArn
    ? single(documentOf(output, 'api:DescribeDomainConfiguration'))
    : emptyCollected();
}

/** Every domain configuration, the built-in iot:Data-ATS, iot:Jobs and iot:CredentialProvider included. */
async function sweepDomains(ctx: Ctx): Promise<Collected> {
  try {
    const domains = await collectPages(async (marker) => {
      const output = await ctx.call('ListDomainConfigurations', ctx.region, () =>
        iot(ctx).send(new ListDomainConfigurationsCommand({ pageSize: 250, ...(marker ? { marker } : {}) })),
      );
      return { items: output.domainConfigurations, next: output.nextMarker };
    });
    const names = domains.flatMap((domain) =>
      domain.domainConfigurationName ? [domain.domainConfigurationName] : [],
    );
    return mergeCollected(
      await Promise.all(names.map((name) => describeDomain(ctx, name).catch(goneIsEmpty))),
    );
  } catch (error) {
    return failed(error);
  }
}

/** The Greengrass core devices of the region, named by their things (pending facts for the link step). */
async function sweepCoreDevices(ctx: Ctx): Promise<Collected> {
  try {
    const devices = await collectPages(async (token) => {
      const output = await ctx.call('ListCoreDevices', ctx.region, () =>
        ctx.clients
          .get(createGreengrassClient)
          .send(new ListCoreDevicesCommand({ maxResults: 100, ...(token ? { nextToken: token } : {}) })),
      );
      return { items: output.coreDevices, next: output.nextToken };
    });
    return devices.length > 0
      ? single(documentOf({ coreDevices: devices }, 'api:ListCoreDevices'))
      : emptyCollected();
  } catch (error) {
    return failed(error);
  }
}

/** One group: a device certificate links to its CA and core devices only inside a group. */
function oneGroup(parts: readonly Collected[]): Collected {
  return {
    ...mergeCollected(parts),
    groups: [{ documents: parts.flatMap((part) => part.groups.flatMap((group) => group.documents)) }],
  };
}

async function sweepIot(ctx: Ctx): Promise<Collected> {
  return oneGroup(
    await Promise.all([sweepDomains(ctx), sweepCas(ctx), sweepCertificates(ctx), sweepCoreDevices(ctx)]),
  );
}

/** The last part of a certificate or CA ARN is its id; a domain configuration ARN holds its name first. */
function idOfRef(ref: ResourceRef): string {
  const resource = arnScope(ref.resourceId).accountId
    ? ref.resourceId.split(':').slice(5).join(':')
    : ref.resourceId;
  const [, first] = resource.split('/');
  return first ?? resource;
}

async function readRef(ctx: Ctx, ref: ResourceRef): Promise<Collected> {
  const id = idOfRef(ref);
  let collected: Collected;
  if (ref.resourceType === CERTIFICATE) collected = await describeCertificate(ctx, id, thingsWanted(ctx));
  else if (ref.resourceType === CA_CERTIFICATE) collected = await describeCa(ctx, id);
  else if (ref.resourceType === DOMAIN_CONFIGURATION) collected = await describeDomain(ctx, id);
  else collected = emptyCollected();
  return collected.groups.length > 0 ? collected : { ...emptyCollected(), gone: [ref] };
}

async function readIot(ctx: Ctx, refs: readonly ResourceRef[]): Promise<Collected> {
  return readEach(refs, (ref) => readRef(ctx, ref));
}

/**
 * A Config-mode sweep read domain configurations and CA certificates from AWS Config, which records no device
 * certificate: those are listed live, with the CAs again (few) in the same group so each certificate meets its
 * CA's status, and the Greengrass core devices.
 */
async function afterConfigItems(ctx: Ctx): Promise<Collected> {
  const parts = await Promise.all([sweepCas(ctx), sweepCertificates(ctx), sweepCoreDevices(ctx)]);
  return oneGroup(parts);
}

export const iotReaders: LiveReaders<IotReadPlan> = { read: readIot, sweep: sweepIot, afterConfigItems };
