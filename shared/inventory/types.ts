import type { Resource } from '../model/resource.js';
import type { ResolvedTlsPolicy } from '../tls/catalog.js';

/** A problem with one input: names the input (file, event id, API call) and what is wrong. */
export interface InputError {
  source: string;
  message: string;
}

/** What the normalizers produce from any mix of inputs. */
export interface Inventory {
  resources: Resource[];
  errors: InputError[];
  /** ELBv2 security policies found in the input (describe-ssl-policies); they override bundled data. */
  elbv2Policies: ResolvedTlsPolicy[];
}

/** Thrown for input that cannot be understood; the message names the input and the field. */
export class InputFormatError extends Error {
  override name = 'InputFormatError';
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
  }
}
