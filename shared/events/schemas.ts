/**
 * Schemas of the events transit-guard receives. Strict on what routing needs, loose elsewhere:
 * every object keeps keys it does not know (AWS adds fields over time) and optional fields that
 * AWS spells inconsistently fall back to undefined instead of failing the event.
 */
import { z } from 'zod';
import { eventIdOf, parseOrThrow } from './errors.js';

// ---------------------------------------------------------------- EventBridge

/** The EventBridge envelope; `detail` must be an object, its shape depends on `detail-type`. */
const eventBridgeEventSchema = z.looseObject({
  version: z.string(),
  id: z.string().min(1),
  'detail-type': z.string().min(1),
  source: z.string().min(1),
  account: z.string().min(1),
  time: z.string(),
  region: z.string().min(1),
  resources: z.array(z.string()),
  detail: z.looseObject({}),
});
export type EventBridgeEvent = z.output<typeof eventBridgeEventSchema>;

// ---------------------------------------------------------------- CloudTrail

export const CLOUDTRAIL_DETAIL_TYPE = 'AWS API Call via CloudTrail';

const sessionIssuerSchema = z.looseObject({
  /** Role | IAMUser | Root */
  type: z.string().optional(),
  arn: z.string().optional(),
  userName: z.string().optional(),
  principalId: z.string().optional(),
  accountId: z.string().optional(),
});

const userIdentitySchema = z.looseObject({
  /**
   * IAMUser | AssumedRole | Root | AWSService | AWSAccount | FederatedUser | IdentityCenterUser | ...
   * Optional: routing does not read it, and the loop guard skips only a call it sees as AssumedRole, so a
   * record without it (AWS's own MariaDB ModifyDBParameterGroup doc sample has none) is inspected, not refused.
   */
  type: z.string().optional(),
  arn: z.string().optional(),
  principalId: z.string().optional(),
  accountId: z.string().optional(),
  invokedBy: z.string().optional(),
  sessionContext: z.looseObject({ sessionIssuer: sessionIssuerSchema.optional() }).optional(),
});
export type UserIdentity = z.output<typeof userIdentitySchema>;

/** The `detail` of "AWS API Call via CloudTrail" (a CloudTrail record). */
export const cloudTrailDetailSchema = z.looseObject({
  eventVersion: z.string(),
  eventSource: z.string().min(1),
  eventName: z.string().min(1),
  awsRegion: z.string().min(1),
  eventTime: z.string(),
  eventID: z.string().optional(),
  userIdentity: userIdentitySchema,
  requestParameters: z.looseObject({}).nullish(),
  responseElements: z.looseObject({}).nullish(),
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
  /** 2012-06-01 for classic ELB, 2015-12-01 for ELBv2; absent for most services. */
  apiVersion: z.string().optional(),
  recipientAccountId: z.string().optional(),
  readOnly: z.boolean().optional(),
});
export type CloudTrailDetail = z.output<typeof cloudTrailDetailSchema>;

// ---------------------------------------------------------------- AWS Config

export const CONFIG_CHANGE_DETAIL_TYPE = 'Config Configuration Item Change';

/**
 * The identifying part of a configuration item, shared by full items and oversized summaries.
 * Events spell account and ARN `awsAccountId` / `ARN`; snapshots and the API `accountId` / `arn`.
 */
const configurationItemKeys = {
  resourceType: z.string().min(1),
  resourceId: z.string().min(1),
  resourceName: z.string().nullish(),
  ARN: z.string().nullish(),
  arn: z.string().nullish(),
  awsRegion: z.string().nullish(),
  awsAccountId: z.string().nullish(),
  accountId: z.string().nullish(),
  /** OK | ResourceDiscovered | ResourceNotRecorded | ResourceDeleted | ResourceDeletedNotRecorded */
  configurationItemStatus: z.string().nullish(),
  configurationItemCaptureTime: z.string().nullish().catch(undefined),
};

const configurationItemSummarySchema = z.looseObject(configurationItemKeys);
export type ConfigurationItemSummary = z.output<typeof configurationItemSummarySchema>;

/** @internal Unit-tested directly: which configuration items the Config event schemas accept. */
export const configurationItemSchema = z.looseObject({
  ...configurationItemKeys,
  /** An object in events, a JSON string from GetResourceConfigHistory, null for deleted resources. */
  configuration: z.union([z.looseObject({}), z.string(), z.null()]).optional(),
});

const changeNotificationSchema = z.looseObject({
  messageType: z.literal('ConfigurationItemChangeNotification'),
  configurationItem: configurationItemSchema,
  configurationItemDiff: z.looseObject({}).nullish(),
  notificationCreationTime: z.string().optional(),
});

const oversizedNotificationSchema = z.looseObject({
  messageType: z.literal('OversizedConfigurationItemChangeNotification'),
  configurationItemSummary: configurationItemSummarySchema,
  notificationCreationTime: z.string().optional(),
});

/** The `detail` of "Config Configuration Item Change" (source aws.config). */
export const configChangeDetailSchema = z.discriminatedUnion('messageType', [
  changeNotificationSchema,
  oversizedNotificationSchema,
]);

/** The decoded `invokingEvent` of a custom Config rule invocation. */
export const invokingEventSchema = z.discriminatedUnion('messageType', [
  changeNotificationSchema,
  oversizedNotificationSchema,
  z.looseObject({
    messageType: z.literal('ScheduledNotification'),
    awsAccountId: z.string().optional(),
    notificationCreationTime: z.string().optional(),
  }),
  z.looseObject({
    messageType: z.literal('ConfigurationSnapshotDeliveryCompleted'),
    notificationCreationTime: z.string().optional(),
  }),
]);

/** The Lambda event a custom AWS Config rule receives. */
export const configRuleInvocationSchema = z.looseObject({
  version: z.string().optional(),
  /** A JSON string; see invokingEventSchema. */
  invokingEvent: z.string(),
  /** A JSON string of an object, or absent when the rule has no parameters. */
  ruleParameters: z.string().nullish(),
  resultToken: z.string().min(1),
  eventLeftScope: z.boolean(),
  executionRoleArn: z.string(),
  configRuleArn: z.string().min(1),
  configRuleName: z.string().min(1),
  configRuleId: z.string().optional(),
  accountId: z.string().min(1),
  /** DETECTIVE | PROACTIVE */
  evaluationMode: z.string().optional(),
});

/** Validates an EventBridge envelope; the error names the bad field and carries the event id if any. */
export function parseEventBridgeEvent(event: unknown): EventBridgeEvent {
  return parseOrThrow(eventBridgeEventSchema, event, { eventId: eventIdOf(event) });
}
