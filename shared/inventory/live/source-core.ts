import type { RegionClients } from '../../aws/clients.js';
import { FAMILIES, type Family } from '../../families/index.js';
import type { ResourceRef } from '../../model/ref.js';
import { familyOf } from '../../model/resource.js';
import type { TlsCatalog } from '../../tls/catalog.js';
import { createTlsCatalog } from '../../tls/index.js';
import type { readConfigItem } from './config-item.js';
import type { familiesRecorded, sweepConfigItems } from './config-select.js';
import {
  type ApiDocument,
  type Collected,
  emptyCollected,
  mergeCollected,
  type RegionContext,
} from './context.js';
import type { FamilyContext } from './family-live.js';
import { type Clock, createPacer, DOCUMENTED_RATE_LIMITS, type RateLimits } from './limiter.js';
import { toReadResult } from './normalize.js';
import { FULL_READ_PLAN, type ReadPlan } from './plan.js';
import {
  emptyReadResult,
  type InventorySource,
  mergeReadResults,
  type ReadResult,
  type SweepPage,
} from './port.js';

/**
 * Where a sweep reads: describe/list calls per service, or AWS Config advanced queries where Config records the types.
 * @internal The sweep benchmark (bench/sweep) picks the mode.
 */
export type InventoryMode = 'describe' | 'config';

export interface AwsInventorySourceOptions {
  /** Calls in flight per service and region, for every service. Default: each service's own, else 4. */
  concurrency?: number;
  /** Client-side pacing per API. Default: the rates AWS documents (DOCUMENTED_RATE_LIMITS); `{}` paces nothing. */
  rateLimits?: RateLimits;
  /** What a sweep reads beyond the listings; use readPlanFor(policy, rules). Default: everything any rule uses. */
  plan?: ReadPlan;
  /**
   * 'config': a sweep reads the families AWS Config records (configTypesOf) with one AWS Config
   * advanced query (SelectResourceConfig, 100 items a page) where Config records those types, and describes
   * the rest. What Config items lack (listener rules, negotiated tunnel crypto) is not read. Default 'describe'.
   */
  inventoryMode?: InventoryMode;
  /** The clock of the read plan (which certificates are near expiry). */
  now?: () => Date;
  /** The clock of the pacing (tests). */
  clock?: Clock;
  /** Decides which security policies are unknown and need reading live. Default: bundled data. */
  tlsCatalog?: TlsCatalog;
  /** The account the clients read, for resources whose API output does not name it (sweeps). */
  accountId?: string;
}

export interface AwsInventorySource extends InventorySource {
  /** The latest AWS Config item of a resource (GetResourceConfigHistory, limit 1), for oversized items. */
  readConfigItem(ref: ResourceRef): Promise<ReadResult>;
  /**
   * What `families` read live beside these AWS Config items of one region (their afterConfigItems): the
   * organization aggregator's sweep describes it in each member account (./central-reader.ts).
   */
  afterConfigItems(region: string, families: readonly Family[], items: unknown[]): Promise<Collected>;
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

/** The region's reads plus what the family readers share there. */
interface RegionState extends RegionContext {
  families: Map<string, FamilyContext>;
  documents: Map<string, Promise<ApiDocument>>;
  flags: Set<string>;
}

/**
 * Reads resources from AWS with the SDK, each family through its own readers and client (Family.live, loaded
 * on first use). Without `configReads` it reads nothing from AWS Config: a Config-mode sweep describes every
 * family, and readConfigItem reports that Config is not wired.
 */
export function createLiveInventorySource(
  clientsFor: (region: string) => RegionClients,
  options: AwsInventorySourceOptions = {},
  configReads?: ConfigReads,
): AwsInventorySource {
  const tls = options.tlsCatalog ?? createTlsCatalog();
  const plan = options.plan ?? FULL_READ_PLAN;
  const now = options.now ?? (() => new Date());
  const regions = new Map<string, RegionState>();

  const regionOf = (region: string): RegionState => {
    let state = regions.get(region);
    if (!state) {
      state = {
        region,
        clients: clientsFor(region),
        pace: createPacer({
          ...(options.concurrency ? { concurrency: options.concurrency } : {}),
          rateLimits: options.rateLimits ?? DOCUMENTED_RATE_LIMITS,
          ...(options.clock ? { clock: options.clock } : {}),
        }),
        families: new Map(),
        documents: new Map(),
        flags: new Set(),
      };
      regions.set(region, state);
    }
    return state;
  };

  const contextOf = (state: RegionState, family: Family): FamilyContext => {
    let ctx = state.families.get(family.id);
    if (!ctx) {
      ctx = {
        region: state.region,
        clients: state.clients,
        call: state.pace(family.live.service),
        plan: plan[family.id] ?? family.live.plan?.full,
        now,
        tls,
        flags: state.flags,
        once(key, read) {
          const documentKey = `${family.id}:${key}`;
          let pending = state.documents.get(documentKey);
          if (!pending) {
            pending = read();
            state.documents.set(documentKey, pending);
            // A failure is not kept: the next read asks again.
            pending.catch(() => state.documents.delete(documentKey));
          }
          return pending;
        },
      };
      state.families.set(family.id, ctx);
    }
    return ctx;
  };

  const readFamily = async (state: RegionState, family: Family, refs: readonly ResourceRef[]) =>
    (await family.live.readers()).read(contextOf(state, family), refs);

  const sweepFamily = async (state: RegionState, family: Family) =>
    (await family.live.readers()).sweep(contextOf(state, family));

  const readRegion = async (region: string, refs: readonly ResourceRef[]): Promise<ReadResult> => {
    const state = regionOf(region);
    const byFamily = new Map<Family, ResourceRef[]>();
    const unowned: Collected = emptyCollected();
    for (const ref of refs) {
      const family = familyOf(ref.resourceType);
      if (family) byFamily.set(family, [...(byFamily.get(family) ?? []), ref]);
      // Fail closed: a ref no family reads is reported, not silently left out.
      else unowned.errors.push({ source: ref.resourceId, message: `no family reads ${ref.resourceType}` });
    }
    const parts = await Promise.all([...byFamily].map(([family, owned]) => readFamily(state, family, owned)));
    return toReadResult(mergeCollected([...parts, unowned]), {
      region,
      refs,
      ...(options.accountId ? { accountId: options.accountId } : {}),
    });
  };

  /** What the families read live beside their Config items (e.g. unknown security policies). */
  const afterConfigItems = async (state: RegionState, families: readonly Family[], items: unknown[]) =>
    Promise.all(
      families.map(async (family) => {
        const readers = await family.live.readers();
        return readers.afterConfigItems
          ? readers.afterConfigItems(contextOf(state, family), items)
          : emptyCollected();
      }),
    );

  return {
    async read(refs) {
      const byRegion = new Map<string, ResourceRef[]>();
      for (const ref of refs) byRegion.set(ref.region, [...(byRegion.get(ref.region) ?? []), ref]);
      const results = await Promise.all(
        [...byRegion].map(([region, inRegion]) => readRegion(region, inRegion)),
      );
      return mergeReadResults(results);
    },

    async enumerate(region, ids) {
      const state = regionOf(region);
      const wanted = ids ? FAMILIES.filter((family) => ids.includes(family.id)) : FAMILIES;
      const fromConfig =
        options.inventoryMode === 'config' && configReads
          ? await configReads.familiesRecorded(state, wanted)
          : [];
      const described = wanted.filter((family) => !fromConfig.includes(family));
      const [config, parts] = await Promise.all([
        configReads?.sweepConfigItems(state, fromConfig),
        Promise.all(described.map((family) => sweepFamily(state, family))),
      ]);
      const after = config ? await afterConfigItems(state, fromConfig, config.items) : [];
      return toReadResult(mergeCollected([config?.collected ?? emptyCollected(), ...parts, ...after]), {
        region,
        ...(options.accountId ? { accountId: options.accountId } : {}),
      });
    },

    async enumeratePage(region, familyId, token): Promise<SweepPage> {
      const family = FAMILIES.find((candidate) => candidate.id === familyId);
      const source = `sweep item ${familyId} ${region}`;
      if (!family) return { ...emptyReadResult(), errors: [{ source, message: `no family ${familyId}` }] };
      const readers = await family.live.readers();
      const ctx = contextOf(regionOf(region), family);
      // A family that reads its region in one go has no second page: a token for it is a broken work item.
      if (!readers.sweepPage && token !== undefined)
        return {
          ...emptyReadResult(),
          errors: [{ source, message: `${family.label} has no pages (token ${token})` }],
        };
      const { collected, next } = readers.sweepPage
        ? await readers.sweepPage(ctx, token)
        : { collected: await readers.sweep(ctx), next: undefined };
      const read = toReadResult(collected, {
        region,
        ...(options.accountId ? { accountId: options.accountId } : {}),
      });
      return next ? { ...read, next } : read;
    },

    async afterConfigItems(region, families, items) {
      return mergeCollected(await afterConfigItems(regionOf(region), families, items));
    },

    async readConfigItem(ref) {
      const collected = configReads
        ? await configReads.readConfigItem(regionOf(ref.region), ref)
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
