import {
  DescribeVpcEncryptionControlsCommand,
  DescribeVpcsCommand,
  GetVpcResourcesBlockingEncryptionEnforcementCommand,
  type Vpc,
  type VpcEncryptionControl,
  type VpcEncryptionNonCompliantResource,
} from '@aws-sdk/client-ec2';
import {
  type Collected,
  emptyCollected,
  failed,
  goneRef,
  mergeCollected,
  readEach,
} from '../../inventory/live/context.js';
import { collectPages, toDocument } from '../../inventory/live/document.js';
import { apiError } from '../../inventory/live/errors.js';
import type { FamilyContext, LiveReaders } from '../../inventory/live/family-live.js';
import { matchesRef } from '../../inventory/live/match.js';
import type { ResourceRef } from '../../model/ref.js';
import { createClient } from './client.js';

type Ctx = FamilyContext;

const token = (next: string | undefined) => (next ? { NextToken: next } : {});

function vpcs(ctx: Ctx, vpcIds?: string[]): Promise<Vpc[]> {
  return collectPages(async (next) => {
    const output = await ctx.call('DescribeVpcs', ctx.region, () =>
      ctx.clients
        .get(createClient)
        .send(new DescribeVpcsCommand({ ...(vpcIds ? { VpcIds: vpcIds } : {}), ...token(next) })),
    );
    return { items: output.Vpcs, next: output.NextToken };
  });
}

/** DescribeVpcEncryptionControls, paged (MaxResults 5-1000: the largest page). */
function controls(ctx: Ctx, vpcIds?: string[]): Promise<VpcEncryptionControl[]> {
  return collectPages(async (next) => {
    const output = await ctx.call('DescribeVpcEncryptionControls', ctx.region, () =>
      ctx.clients.get(createClient).send(
        new DescribeVpcEncryptionControlsCommand({
          ...(vpcIds ? { VpcIds: vpcIds } : {}),
          MaxResults: 1000,
          ...token(next),
        }),
      ),
    );
    return { items: output.VpcEncryptionControls, next: output.NextToken };
  });
}

/** GetVpcResourcesBlockingEncryptionEnforcement of one VPC, paged (MaxResults 5-1000: the largest page). */
function blocking(ctx: Ctx, vpcId: string): Promise<VpcEncryptionNonCompliantResource[]> {
  return collectPages(async (next) => {
    const output = await ctx.call('GetVpcResourcesBlockingEncryptionEnforcement', vpcId, () =>
      ctx.clients.get(createClient).send(
        new GetVpcResourcesBlockingEncryptionEnforcementCommand({
          VpcId: vpcId,
          MaxResults: 1000,
          ...token(next),
        }),
      ),
    );
    return { items: output.NonCompliantResources, next: output.NextToken };
  });
}

/**
 * The VPCs whose finding lists what blocks enforce mode: those with a control in monitor mode. An enforced VPC
 * has nothing left blocking it, and without a control there is no monitoring to list offenders from
 * (reference/vpc-encryption-controls.md: monitor mode is what feeds GetVpcResourcesBlockingEncryptionEnforcement).
 */
function monitored(found: readonly Vpc[], controlList: readonly VpcEncryptionControl[]): string[] {
  const modes = new Map<string, string | undefined>();
  const live = (control: VpcEncryptionControl | undefined) =>
    control?.State === 'deleting' || control?.State === 'deleted' ? undefined : control?.Mode;
  for (const vpc of found) if (vpc.VpcId) modes.set(vpc.VpcId, live(vpc.EncryptionControl));
  for (const control of controlList) if (control.VpcId) modes.set(control.VpcId, live(control));
  return [...modes].filter(([, mode]) => mode === 'monitor').map(([vpcId]) => vpcId);
}

/**
 * Each listing, wrapped with its VpcId as the input format asks; a failed listing is an error beside the VPC,
 * whose control is still judged (the list only adds detail to its finding).
 */
async function blockingDocuments(ctx: Ctx, vpcIds: readonly string[]): Promise<Collected> {
  const parts = await Promise.all(
    vpcIds.map(async (vpcId): Promise<Collected> => {
      try {
        const resources = await blocking(ctx, vpcId);
        return {
          ...emptyCollected(),
          groups: [
            {
              documents: [
                {
                  document: toDocument({ VpcId: vpcId, NonCompliantResources: resources }),
                  source: 'api:GetVpcResourcesBlockingEncryptionEnforcement',
                },
              ],
            },
          ],
        };
      } catch (error) {
        return {
          ...emptyCollected(),
          errors: [apiError('GetVpcResourcesBlockingEncryptionEnforcement', vpcId, error)],
        };
      }
    }),
  );
  return mergeCollected(parts);
}

/** Both listings, normalized together: a VPC's record and its control's join by VPC id. */
async function collect(ctx: Ctx, ref?: ResourceRef): Promise<Collected> {
  const ids = ref ? [ref.resourceId] : undefined;
  const [found, controlList] = await Promise.all([vpcs(ctx, ids), controls(ctx, ids)]);
  if (ref && !found.some((vpc) => vpc.VpcId === ref.resourceId)) return goneRef(ref);
  // Deleted controls are listed for a while; the VPC's own record says whether it has one now.
  const current = controlList.filter((control) => control.State !== 'deleted');
  const documents = [
    { document: { Vpcs: found }, source: 'api:DescribeVpcs' },
    { document: { VpcEncryptionControls: current }, source: 'api:DescribeVpcEncryptionControls' },
  ];
  const listings = await blockingDocuments(ctx, monitored(found, current));
  const keep = ref ? { keep: (resource: Parameters<typeof matchesRef>[0]) => matchesRef(resource, ref) } : {};
  return {
    ...listings,
    groups: [{ documents: [...documents, ...listings.groups.flatMap((group) => group.documents)], ...keep }],
  };
}

async function readVpcs(ctx: Ctx, refs: readonly ResourceRef[]): Promise<Collected> {
  return readEach(refs, (ref) => collect(ctx, ref));
}

async function sweepVpcs(ctx: Ctx): Promise<Collected> {
  return collect(ctx).catch((error: unknown) => failed(error));
}

export const vpcReaders: LiveReaders = { read: readVpcs, sweep: sweepVpcs };
