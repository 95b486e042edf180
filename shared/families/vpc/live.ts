import {
  DescribeVpcEncryptionControlsCommand,
  DescribeVpcsCommand,
  type Vpc,
  type VpcEncryptionControl,
} from '@aws-sdk/client-ec2';
import {
  type Collected,
  emptyCollected,
  failed,
  goneRef,
  mergeCollected,
  readOne,
} from '../../inventory/live/context.js';
import { collectPages } from '../../inventory/live/document.js';
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

/** Both listings, normalized together: a VPC's record and its control's join by VPC id. */
async function collect(ctx: Ctx, ref?: ResourceRef): Promise<Collected> {
  const ids = ref ? [ref.resourceId] : undefined;
  const [found, controlList] = await Promise.all([vpcs(ctx, ids), controls(ctx, ids)]);
  if (ref && !found.some((vpc) => vpc.VpcId === ref.resourceId)) return goneRef(ref);
  const documents = [
    { document: { Vpcs: found }, source: 'api:DescribeVpcs' },
    // Deleted controls are listed for a while; the VPC's own record says whether it has one now.
    {
      document: { VpcEncryptionControls: controlList.filter((control) => control.State !== 'deleted') },
      source: 'api:DescribeVpcEncryptionControls',
    },
  ];
  return {
    ...emptyCollected(),
    groups: [{ documents, ...(ref ? { keep: (resource) => matchesRef(resource, ref) } : {}) }],
  };
}

async function readVpcs(ctx: Ctx, refs: readonly ResourceRef[]): Promise<Collected> {
  return mergeCollected(await Promise.all(refs.map((ref) => readOne(ref, () => collect(ctx, ref)))));
}

async function sweepVpcs(ctx: Ctx): Promise<Collected> {
  return collect(ctx).catch((error: unknown) => failed(error));
}

export const vpcReaders: LiveReaders = { read: readVpcs, sweep: sweepVpcs };
