import type { ResourceType } from './resource.js';

/** What an event touched: enough to read the resource's current state, nothing more. */
export interface ResourceRef {
  resourceType: ResourceType;
  /** The ARN where the resource has one; vpn-..., dxcon-..., dxlag-... ids otherwise. */
  resourceId: string;
  accountId: string;
  region: string;
  /** Classic load balancers are addressed by name in their APIs. */
  name?: string;
}

/** Who made the change (CloudTrail userIdentity), for Slack and for the loop guard. */
export interface Actor {
  /** IAMUser | AssumedRole | Root | AWSService | FederatedUser | ... */
  type?: string;
  /** The caller's ARN, e.g. arn:aws:sts::111122223333:assumed-role/transit-guard-remediate/session. */
  arn?: string;
  principalId?: string;
  accountId?: string;
  /** For assumed roles: the role ARN (sessionContext.sessionIssuer.arn). */
  roleArn?: string;
  /** For assumed roles: the session name (the part after the role name in the assumed-role ARN). */
  sessionName?: string;
  /** For AWS services acting on a user's behalf (invokedBy). */
  invokedBy?: string;
}
