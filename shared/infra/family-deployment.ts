/**
 * The deployment facet of a family (Family.deployment): the IAM statements its reads and remediation need, the
 * services of its resources, and the SCP statements that deny what its rules would flag. infra/deployment.cjs
 * and shared/infra/scp.ts iterate FAMILIES and read these.
 */
import type { Policy } from '../policy/schema.js';
import type { TlsCatalog } from '../tls/catalog.js';

/** Resources of one type in the configured regions of this account: arn:<partition>:<service>:<region>:<account>:<resource>. */
export interface RegionalResource {
  service: string;
  /** e.g. listener/*, certificate/* */
  resource: string;
  /** A global service's resource: its ARN has no region (arn:<partition>:cloudfront::<account>:distribution/*). */
  global?: true;
  /** The service's ARNs leave the account field empty (API Gateway: arn:aws:apigateway:<region>::/restapis/...). */
  accountless?: true;
  /**
   * For an accountless ARN that could name another account's resource (S3: arn:aws:s3:::<bucket>): the condition
   * key that holds the resource's account, which the statement then requires to be this one (s3:ResourceAccount).
   */
  accountKey?: string;
}

/** An IAM Allow statement. Statements of the same Sid in two families merge (two families of one service). */
export interface FamilyStatement {
  sid: string;
  actions: readonly string[];
  /** "*" only where AWS authorizes the actions on nothing narrower. */
  resource: '*' | RegionalResource;
}

export interface ReadStatement extends FamilyStatement {
  /**
   * false: a region-wide listing, which only the whole-region reads call (the sweep, a periodic Config rule
   * evaluation). Reading the resources an event or an action names never does (each family's LiveReaders.read),
   * so neither the event inspectors nor remediate are granted it.
   */
  remediate?: false;
}

export type ScpCondition = Record<string, Record<string, string | string[]>>;

export interface ScpStatement {
  Sid: string;
  Effect: 'Deny';
  Action: string[];
  Resource: '*';
  Condition: ScpCondition;
}

/** What a family's SCP statements are built from. */
export interface ScpContext {
  policy: Policy;
  catalog: TlsCatalog;
  /** The rule is in the catalog and not off in the policy (throws for an unknown rule id). */
  ruleIsOn: (ruleId: string) => boolean;
  /** The condition that lets exempt principals, and resources tagged with the plaintext exception tag, through. */
  unlessExempt: ScpCondition;
}

interface FamilyScp {
  /** Statements that honour the plaintext exception tags (their services get the exception tag guard). */
  exceptionTagged?: (context: ScpContext) => ScpStatement[];
  /** The other statements, after every family's exception-tagged ones. */
  statements?: (context: ScpContext) => ScpStatement[];
}

export interface FamilyDeployment {
  /** The IAM service prefixes of its resources (the SCP's tag guards name them). */
  services: readonly string[];
  /** What the sweep and the inspectors read (live reads), per statement. */
  reads: readonly ReadStatement[];
  /** What remediate writes: together exactly the IAM actions of the family's remediators. */
  writes: readonly FamilyStatement[];
  scp?: FamilyScp;
}
