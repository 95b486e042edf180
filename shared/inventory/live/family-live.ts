/**
 * The live facet of a family (Family.live): what the live inventory needs to read the family from AWS. The
 * light part (service, rates, read plan, joins) is plain data and small
 * functions; the SDK-heavy part (the family's client and readers) is loaded on demand with a dynamic
 * import, so a function bundles and loads only the families it reads.
 */
import type { ClientFactory, RegionClients } from '../../aws/clients.js';
import type { ResourceRef } from '../../model/ref.js';
import type { Resource } from '../../model/resource.js';
import type { Policy } from '../../policy/schema.js';
import type { TlsCatalog } from '../../tls/catalog.js';
import type { ApiDocument, Collected } from './context.js';
import type { ServiceCall, ServiceRates } from './limiter.js';

/** What a family's readers get for one region. */
export interface FamilyContext<P = unknown> {
  region: string;
  /** The region's SDK clients; a reader asks for its own: `ctx.clients.get(createClient)`. */
  clients: RegionClients;
  /** Calls to the family's service, paced by the one limiter (concurrency, documented rate, throttling). */
  call: ServiceCall;
  /** The family's part of the read plan: what a sweep reads beyond the listings. */
  plan: P;
  /** The clock of the read plan (certificate expiry windows). */
  now(): Date;
  /** The bundled TLS data, to tell which security policies need reading live. */
  tls: TlsCatalog;
  /** Facts learned in this region that later reads use (an API that proved unavailable). */
  flags: Set<string>;
  /** A document read once per region for the life of the source; a failure is not kept. */
  once(key: string, read: () => Promise<ApiDocument>): Promise<ApiDocument>;
}

/** The family's readers (the SDK-heavy part, loaded on demand). */
export interface LiveReaders<P = unknown> {
  /** The current state of these refs (all of the family's types, one region). */
  read(ctx: FamilyContext<P>, refs: readonly ResourceRef[]): Promise<Collected>;
  /** Every resource of the family in the region. */
  sweep(ctx: FamilyContext<P>): Promise<Collected>;
  /**
   * One page of `sweep` (a sweep work item), for a family whose region can hold more than one work item reads
   * in Lambda's 15 minutes at its documented rates; `next` continues it. Without it, a work item reads `sweep`.
   */
  sweepPage?(
    ctx: FamilyContext<P>,
    token: string | undefined,
  ): Promise<{ collected: Collected; next?: string }>;
  /** What AWS Config items of the family still need read live (a Config-mode sweep). */
  afterConfigItems?(ctx: FamilyContext<P>, items: readonly unknown[]): Promise<Collected>;
}

/** The family's part of the read plan. */
export interface FamilyReadPlan<P> {
  /** Everything every rule can use: the plan when no policy is given. */
  full: P;
  /** Only what a rule that is on (`isOn(ruleId)`) judges by. */
  for(policy: Policy, isOn: (ruleId: string) => boolean): P;
}

export interface FamilyLive<P = unknown> {
  /** The key its calls are paced under, shared by families that call the same service (e.g. `ec2`). */
  service: string;
  /** The request rates AWS documents for its read calls, per account and region; none: paced once throttled. */
  rates?: ServiceRates;
  /**
   * Calls in flight to its service per region, where the service's documented limits allow more (or call for
   * fewer) than the limiter's default (DEFAULT_CONCURRENCY). Families that share a service declare the same.
   */
  concurrency?: number;
  /** What it reads beyond the listings, decided from the rules that are on. */
  plan?: FamilyReadPlan<P>;
  /** Its SDK client factory (dynamic import of the client package). */
  client(): Promise<ClientFactory>;
  /** Its readers (dynamic import). */
  readers(): Promise<LiveReaders<P>>;
  /** Completes a read resource once its region and account are known (an ARN the API output lacks). */
  finish?(resource: Resource): Resource;
  /** Whether a read resource is the one a ref names, beyond its id or ARN (a classic load balancer's name). */
  matches?(resource: Resource, ref: ResourceRef): boolean;
  /** The id AWS Config names the ref's resource by, when it is not the ref's id. */
  configResourceId?(ref: Pick<ResourceRef, 'resourceId' | 'name'>): string;
  /** The error names and codes its service answers for a resource that does not exist (any more). */
  notFoundCodes?: readonly string[];
  /** Whether an error of its service says the resource does not exist when no code does (a message). */
  isNotFound?(error: unknown): boolean;
}
