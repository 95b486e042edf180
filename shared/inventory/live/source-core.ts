import type { Clients } from '../../aws/clients.js';
import { readCertificates, sweepAcm } from '../../families/acm/live.js';
import { readDirectConnect, sweepDirectConnect } from '../../families/directconnect/live.js';
import { readClassicLoadBalancers, sweepClassic } from '../../families/elb/live.js';
import { describeSslPolicies, readElbv2Listeners, sweepElbv2 } from '../../families/elbv2/live.js';
import { readVpnConnections, sweepVpn } from '../../families/vpn/live.js';
import type { ResourceRef } from '../../model/ref.js';
import type { ResourceType } from '../../model/resource.js';
import type { TlsCatalog } from '../../tls/catalog.js';
import { createTlsCatalog } from '../../tls/index.js';
import type { readConfigItem } from './config-item.js';
import type { familiesRecorded, sweepConfigItems } from './config-select.js';
import {
  type ApiDocument,
  type Collected,
  createCallers,
  emptyCollected,
  failed,
  mergeCollected,
  type RegionContext,
} from './context.js';
import { toReadResult } from './normalize.js';
import { FULL_READ_PLAN, type ReadPlan } from './plan.js';
import { type Clock, DEFAULT_CONCURRENCY } from './pool.js';
import { FAMILIES, type Family, type InventorySource, mergeReadResults, type ReadResult } from './port.js';
import { DOCUMENTED_RATE_LIMITS, type RateLimits } from './rates.js';

/** Where a sweep reads: describe/list calls per service, or AWS Config advanced queries where Config records the types. */
export type InventoryMode = 'describe' | 'config';

export interface AwsInventorySourceOptions {
  /** Calls in flight per service and region. Default 4. */
  concurrency?: number;
  /** Client-side pacing per API. Default: the rates AWS documents (DOCUMENTED_RATE_LIMITS); `{}` paces nothing. */
  rateLimits?: RateLimits;
  /** What a sweep reads beyond the listings; use readPlanFor(policy, rules). Default: everything any rule uses. */
  plan?: ReadPlan;
  /**
   * 'config': a sweep reads listeners, load balancers, VPN connections and certificates with one AWS Config
   * advanced query (SelectResourceConfig, 100 items a page) where Config records those types, and describes
   * the rest (Direct Connect). Listener rules and negotiated tunnel crypto are not in Config items. Default 'describe'.
   */
  inventoryMode?: InventoryMode;
  /** The clock of the read plan (which certificates are near expiry). */
  now?: () => Date;
  /** The clock of the pacing (tests). */
  clock?: Clock;
  /** Decides which ELBv2 security policies are unknown and need DescribeSSLPolicies. Default: bundled data. */
  tlsCatalog?: TlsCatalog;
  /** The account the clients read, for resources whose API output does not name it (sweeps). */
  accountId?: string;
}

export interface AwsInventorySource extends InventorySource {
  /** The latest AWS Config item of a resource (GetResourceConfigHistory, limit 1), for oversized items. */
  readConfigItem(ref: ResourceRef): Promise<ReadResult>;
}

/**
 * The AWS Config reads (advanced queries for a sweep in Config mode, the latest item of an oversized one),
 * passed in so that a function that never reads Config (remediate) bundles neither the client nor its commands.
 */
export interface ConfigReads {
  familiesRecorded: typeof familiesRecorded;
  sweepConfigItems: typeof sweepConfigItems;
  readConfigItem: typeof readConfigItem;
}

type Reader = (ctx: RegionContext, refs: readonly ResourceRef[]) => Promise<Collected>;

const READERS: Record<ResourceType, Reader> = {
  'AWS::ElasticLoadBalancingV2::Listener': readElbv2Listeners,
  'AWS::ElasticLoadBalancing::LoadBalancer': readClassicLoadBalancers,
  'AWS::EC2::VPNConnection': readVpnConnections,
  'AWS::DirectConnect::Connection': readDirectConnect,
  'AWS::DirectConnect::Lag': readDirectConnect,
  'AWS::ACM::Certificate': readCertificates,
};

const SWEEPS: Record<Family, (ctx: RegionContext) => Promise<Collected>> = {
  elbv2: sweepElbv2,
  elb: sweepClassic,
  vpn: sweepVpn,
  dx: sweepDirectConnect,
  acm: sweepAcm,
};

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/**
 * Reads resources from AWS with the SDK. DescribeSSLPolicies is called only when a TLS listener names a
 * policy the bundled data does not know, and then once per region for the life of the source (a Lambda
 * container, a scan): predefined policies never change, new ones are what the live data is for. Without
 * `configReads` it reads nothing from AWS Config: a Config-mode sweep describes every family, and
 * readConfigItem reports that Config is not wired.
 */
export function createLiveInventorySource(
  clientsFor: (region: string) => Clients,
  options: AwsInventorySourceOptions = {},
  configReads?: ConfigReads,
): AwsInventorySource {
  const catalog = options.tlsCatalog ?? createTlsCatalog();
  const contexts = new Map<string, RegionContext>();
  const sslPolicies = new Map<string, Promise<ApiDocument>>();

  const contextFor = (region: string): RegionContext => {
    let ctx = contexts.get(region);
    if (!ctx) {
      ctx = {
        region,
        clients: clientsFor(region),
        call: createCallers({
          concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
          rateLimits: options.rateLimits ?? DOCUMENTED_RATE_LIMITS,
          ...(options.clock ? { clock: options.clock } : {}),
        }),
        knowsElbv2Policy: (name) => catalog.elbv2Policy(name) !== undefined,
        tunnelStatusUnavailable: false,
        plan: options.plan ?? FULL_READ_PLAN,
        now: options.now ?? (() => new Date()),
      };
      contexts.set(region, ctx);
    }
    return ctx;
  };

  /** Adds the region's live security policies when a listener needs them; a failure is not cached. */
  const withPolicies = async (ctx: RegionContext, collected: Collected): Promise<Collected> => {
    if (!collected.needsElbv2Policies) return collected;
    let pending = sslPolicies.get(ctx.region);
    if (!pending) {
      pending = describeSslPolicies(ctx);
      sslPolicies.set(ctx.region, pending);
    }
    try {
      const document = await pending;
      return mergeCollected([collected, { ...emptyCollected(), groups: [{ documents: [document] }] }]);
    } catch (error) {
      sslPolicies.delete(ctx.region);
      return mergeCollected([collected, failed(error)]);
    }
  };

  const readRegion = async (region: string, refs: readonly ResourceRef[]): Promise<ReadResult> => {
    const ctx = contextFor(region);
    const byReader = groupBy(refs, (ref) => ref.resourceType);
    const parts = await Promise.all(
      [...byReader].map(([type, typed]) => READERS[type as ResourceType](ctx, typed)),
    );
    return toReadResult(await withPolicies(ctx, mergeCollected(parts)), {
      region,
      refs,
      ...(options.accountId ? { accountId: options.accountId } : {}),
    });
  };

  return {
    async read(refs) {
      const byRegion = groupBy(refs, (ref) => ref.region);
      const results = await Promise.all(
        [...byRegion].map(([region, inRegion]) => readRegion(region, inRegion)),
      );
      return mergeReadResults(results);
    },

    async enumerate(region, families = FAMILIES) {
      const ctx = contextFor(region);
      const wanted = [...new Set(families)];
      const fromConfig =
        options.inventoryMode === 'config' && configReads
          ? await configReads.familiesRecorded(ctx, wanted)
          : [];
      const described = wanted.filter((family) => !fromConfig.includes(family));
      const parts = await Promise.all([
        configReads ? configReads.sweepConfigItems(ctx, fromConfig) : emptyCollected(),
        ...described.map((family) => SWEEPS[family](ctx)),
      ]);
      return toReadResult(await withPolicies(ctx, mergeCollected(parts)), {
        region,
        ...(options.accountId ? { accountId: options.accountId } : {}),
      });
    },

    async readConfigItem(ref) {
      const collected = configReads
        ? await configReads.readConfigItem(contextFor(ref.region), ref)
        : {
            ...emptyCollected(),
            errors: [
              {
                source: `api:GetResourceConfigHistory ${ref.region}`,
                message: 'AWS Config reads are not wired in this function',
              },
            ],
          };
      return toReadResult(collected, {
        region: ref.region,
        refs: [ref],
      });
    },
  };
}
