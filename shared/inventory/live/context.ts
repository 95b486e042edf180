import type { RegionClients } from '../../aws/clients.js';
import type { ResourceRef } from '../../model/ref.js';
import type { Resource } from '../../model/resource.js';
import type { InputError } from '../types.js';
import { collectPages } from './document.js';
import { ApiCallError, apiError, isNotFound } from './errors.js';
import type { ServiceCall } from './limiter.js';

/** The reads of one region: its clients, and the calls paced per service by the one limiter. */
export interface RegionContext {
  region: string;
  clients: RegionClients;
  pace(service: string): ServiceCall;
}

/** One API output, with the name of the call it came from (`api:DescribeListeners`). */
export interface ApiDocument {
  document: unknown;
  source: string;
}

/**
 * Outputs normalized and linked together (a load balancer with its listeners and rules, a classic
 * load balancer with its policies), so nothing links across groups. `keep` picks the resources to
 * return: a read returns what was asked for, not the siblings read to judge it.
 */
interface DocumentGroup {
  documents: ApiDocument[];
  keep?: (resource: Resource) => boolean;
}

/** What the family readers gather. */
export interface Collected {
  groups: DocumentGroup[];
  gone: ResourceRef[];
  errors: InputError[];
  /** Applied to every resource after normalization: what a reader read beside the outputs (e.g. live tunnel state). */
  amend: ((resource: Resource) => Resource)[];
}

export function emptyCollected(): Collected {
  return { groups: [], gone: [], errors: [], amend: [] };
}

/** One API output, read on its own: a group of one document. */
export function oneDocument(document: unknown, source: string): Collected {
  return { ...emptyCollected(), groups: [{ documents: [{ document, source }] }] };
}

/**
 * A listing read page by page (collectPages) as one document, `documentOf` its items: nothing when it lists none,
 * a failed page as the listing's error.
 */
export async function collectListing<T>(
  fetchPage: Parameters<typeof collectPages<T>>[0],
  documentOf: (items: T[]) => unknown,
  source: string,
): Promise<Collected> {
  let items: T[];
  try {
    items = await collectPages(fetchPage);
  } catch (error) {
    return failed(error);
  }
  return items.length === 0 ? emptyCollected() : oneDocument(documentOf(items), source);
}

export function mergeCollected(parts: readonly Collected[]): Collected {
  return {
    groups: parts.flatMap((part) => part.groups),
    gone: parts.flatMap((part) => part.gone),
    errors: parts.flatMap((part) => part.errors),
    amend: parts.flatMap((part) => part.amend),
  };
}

/** The ref's resource is gone. */
export function goneRef(ref: ResourceRef): Collected {
  return { ...emptyCollected(), gone: [ref] };
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

/**
 * Each ref read on its own and the results merged: a ref whose read fails or finds nothing is that ref's error or
 * gone (readOne), never the others'.
 */
export async function readEach(
  refs: readonly ResourceRef[],
  read: (ref: ResourceRef) => Promise<Collected>,
): Promise<Collected> {
  return mergeCollected(await Promise.all(refs.map((ref) => readOne(ref, () => read(ref)))));
}

/** A failure while listing or reading: `gone` when it says not found and a ref is given, else an error. */
export function failed(error: unknown, ref?: ResourceRef): Collected {
  const cause = error instanceof ApiCallError ? error.cause : error;
  if (ref && isNotFound(cause)) return { ...emptyCollected(), gone: [ref] };
  const operation = error instanceof ApiCallError ? error.operation : 'read';
  const subject = error instanceof ApiCallError ? error.subject : (ref?.resourceId ?? '');
  return { ...emptyCollected(), errors: [apiError(operation, subject, cause)] };
}
