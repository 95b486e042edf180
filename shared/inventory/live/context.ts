import type { Clients } from '../../aws/clients.js';
import type { ResourceRef } from '../../model/ref.js';
import type { Resource, VpnNegotiatedCrypto } from '../../model/resource.js';
import type { InputError } from '../types.js';
import { apiError, isNotFound } from './errors.js';
import { createLimiter, type Limiter } from './pool.js';

/** One API output, with the name of the call it came from (`api:DescribeListeners`). */
export interface ApiDocument {
  document: unknown;
  source: string;
}

/** What a tunnel negotiated (GetActiveVpnTunnelStatus), to attach after normalization. */
export interface NegotiatedTunnel {
  vpnConnectionId: string;
  outsideIpAddress: string;
  negotiated: VpnNegotiatedCrypto;
}

/**
 * Outputs normalized and linked together (a load balancer with its listeners and rules, a classic
 * load balancer with its policies), so nothing links across groups. `keep` picks the resources to
 * return: a read returns what was asked for, not the siblings read to judge it.
 */
export interface DocumentGroup {
  documents: ApiDocument[];
  keep?: (resource: Resource) => boolean;
}

/** What the family readers gather. */
export interface Collected {
  groups: DocumentGroup[];
  gone: ResourceRef[];
  errors: InputError[];
  negotiated: NegotiatedTunnel[];
  /** Set when a listener names a security policy the bundled TLS data does not know. */
  needsElbv2Policies?: boolean;
}

export function emptyCollected(): Collected {
  return { groups: [], gone: [], errors: [], negotiated: [] };
}

export function mergeCollected(parts: readonly Collected[]): Collected {
  return {
    groups: parts.flatMap((part) => part.groups),
    gone: parts.flatMap((part) => part.gone),
    errors: parts.flatMap((part) => part.errors),
    negotiated: parts.flatMap((part) => part.negotiated),
    needsElbv2Policies: parts.some((part) => part.needsElbv2Policies),
  };
}

/** The ref's resource is gone. */
export function goneRef(ref: ResourceRef): Collected {
  return { ...emptyCollected(), gone: [ref] };
}

/** A failed call, with the operation and the resource it was about, for the error report. */
export class ApiCallError extends Error {
  override name = 'ApiCallError';
  constructor(
    readonly operation: string,
    readonly subject: string,
    override readonly cause: unknown,
  ) {
    super(`${operation} ${subject}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** Runs one AWS call through the service's limiter; a failure names the operation and the subject. */
export type ServiceCall = <T>(operation: string, subject: string, task: () => Promise<T>) => Promise<T>;

function serviceCall(limit: Limiter): ServiceCall {
  return (operation, subject, task) =>
    limit(task).catch((error: unknown) => {
      throw new ApiCallError(operation, subject, error);
    });
}

type Service = 'elbv2' | 'elb' | 'ec2' | 'directConnect' | 'acm' | 'config';

export interface RegionContext {
  region: string;
  clients: Clients;
  call: Record<Service, ServiceCall>;
  /** True when the bundled TLS data knows the ELBv2 security policy. */
  knowsElbv2Policy(name: string): boolean;
  /** Set once GetActiveVpnTunnelStatus proved unavailable in the region, so it is not asked again. */
  tunnelStatusUnavailable: boolean;
}

export function createCallers(concurrency: number): Record<Service, ServiceCall> {
  return {
    elbv2: serviceCall(createLimiter(concurrency)),
    elb: serviceCall(createLimiter(concurrency)),
    ec2: serviceCall(createLimiter(concurrency)),
    directConnect: serviceCall(createLimiter(concurrency)),
    acm: serviceCall(createLimiter(concurrency)),
    config: serviceCall(createLimiter(concurrency)),
  };
}

/**
 * Runs the reading of one resource: not found becomes `gone`, any other failure an error for this
 * resource only.
 */
export async function readOne(ref: ResourceRef, read: () => Promise<Collected>): Promise<Collected> {
  try {
    return await read();
  } catch (error) {
    return failed(error, ref);
  }
}

/** A failure while listing or reading: `gone` when it says not found and a ref is given, else an error. */
export function failed(error: unknown, ref?: ResourceRef): Collected {
  const cause = error instanceof ApiCallError ? error.cause : error;
  if (ref && isNotFound(cause)) return { ...emptyCollected(), gone: [ref] };
  const operation = error instanceof ApiCallError ? error.operation : 'read';
  const subject = error instanceof ApiCallError ? error.subject : (ref?.resourceId ?? '');
  return { ...emptyCollected(), errors: [apiError(operation, subject, cause)] };
}
