/**
 * AWS Config: "Config Configuration Item Change" EventBridge events and custom-rule invocations
 * -> the resource of the configuration item. Each family names the types it routes (Family.events.config).
 */
import { createHash } from 'node:crypto';
import { regionOfArn } from '../aws/arn.js';
import { FAMILIES } from '../families/index.js';
import { DELETED_STATUSES } from '../inventory/config-constants.js';
import { describeJsonError } from '../inventory/json-error.js';
import type { ResourceRef } from '../model/ref.js';
import type { ResourceType } from '../model/resource.js';
import { EventValidationError, fieldError, parseOrThrow, UnsupportedEventError } from './errors.js';
import type { ConfigEvents } from './family-events.js';
import { ignore, inspect, type RouteResult } from './result.js';
import {
  CONFIG_CHANGE_DETAIL_TYPE,
  type ConfigurationItemSummary,
  configChangeDetailSchema,
  configRuleInvocationSchema,
  type EventBridgeEvent,
  invokingEventSchema,
  parseEventBridgeEvent,
} from './schemas.js';

const CONFIG_EVENTS: readonly ConfigEvents[] = FAMILIES.flatMap((family) => family.events?.config ?? []);

/** The resource types whose configuration items are routed. */
export const CONFIG_RESOURCE_TYPES: readonly ResourceType[] = CONFIG_EVENTS.flatMap(
  (config) => config.resourceTypes,
);

/** Types Config records that no family routes on purpose, by lower-cased type: the reason. */
const IGNORED_TYPES = new Map(
  CONFIG_EVENTS.flatMap((config) =>
    [...(config.ignored ?? [])].map(([type, reason]) => [type.toLowerCase(), reason] as const),
  ),
);

interface ItemContext {
  eventId: string;
  eventName: string;
  eventTime?: string | undefined;
  /** Where the item does not say (awsAccountId / awsRegion). */
  accountId: string;
  region: string;
  /** The full item as the event carried it (not for oversized notifications). */
  configurationItem?: unknown;
}

/** The canonical spelling of an in-scope type, and the family config that routes it; older notifications upper-case some types. */
function inScopeType(resourceType: string): { type: ResourceType; config: ConfigEvents } | undefined {
  const lower = resourceType.toLowerCase();
  for (const config of CONFIG_EVENTS) {
    const type = config.resourceTypes.find((t) => t.toLowerCase() === lower);
    if (type !== undefined) return { type, config };
  }
  return undefined;
}

function refOfItem(
  item: ConfigurationItemSummary,
  { type, config }: { type: ResourceType; config: ConfigEvents },
  ctx: ItemContext,
): ResourceRef {
  const accountId = item.awsAccountId ?? item.accountId ?? ctx.accountId;
  const region = item.awsRegion ?? ctx.region;
  // An empty ARN (Config writes "" where it has none) says nothing: the resource id names the resource.
  const arn = item.ARN || item.arn || undefined;
  const own = config.resourceOf?.(item, { accountId, region, arn });
  if (own === undefined) return { resourceType: type, resourceId: arn ?? item.resourceId, accountId, region };
  const ref: ResourceRef = {
    resourceType: type,
    resourceId: own.resourceId,
    accountId,
    region: own.region ?? region,
  };
  if (own.name !== undefined) ref.name = own.name;
  return ref;
}

/** Routes one configuration item (full or oversized summary). */
function routeItem(item: ConfigurationItemSummary, ctx: ItemContext): RouteResult {
  const ignoredReason = IGNORED_TYPES.get(item.resourceType.toLowerCase());
  if (ignoredReason !== undefined) return ignore(ctx.eventId, ignoredReason);
  const resourceType = inScopeType(item.resourceType);
  if (resourceType === undefined) {
    return ignore(ctx.eventId, `resource type ${item.resourceType} is not monitored`);
  }
  return inspect({
    eventId: ctx.eventId,
    eventName: ctx.eventName,
    eventTime: item.configurationItemCaptureTime ?? ctx.eventTime,
    refs: [refOfItem(item, resourceType, ctx)],
    deleted: DELETED_STATUSES.has(item.configurationItemStatus ?? ''),
    configurationItem: ctx.configurationItem,
  });
}

// ---------------------------------------------------------------- EventBridge

/** Routes a validated "Config Configuration Item Change" envelope. */
export function routeConfigItemChange(envelope: EventBridgeEvent): RouteResult {
  const eventId = envelope.id;
  if (envelope.source !== 'aws.config' || envelope['detail-type'] !== CONFIG_CHANGE_DETAIL_TYPE) {
    throw new UnsupportedEventError(
      `detail-type: "${envelope['detail-type']}" from "${envelope.source}" is not a configuration item change`,
      { eventId },
    );
  }
  const detail = parseOrThrow(configChangeDetailSchema, envelope.detail, { at: ['detail'], eventId });
  const ctx = {
    eventId,
    eventName: CONFIG_CHANGE_DETAIL_TYPE,
    eventTime: envelope.time,
    accountId: envelope.account,
    region: envelope.region,
  };
  return detail.messageType === 'ConfigurationItemChangeNotification'
    ? routeItem(detail.configurationItem, { ...ctx, configurationItem: envelope.detail.configurationItem })
    : routeItem(detail.configurationItemSummary, ctx);
}

/** Validates a "Config Configuration Item Change" EventBridge event and routes it. */
export function routeConfigChange(event: unknown): RouteResult {
  return routeConfigItemChange(parseEventBridgeEvent(event));
}

// ---------------------------------------------------------------- custom rule invocation

/** A custom Config rule invocation, decoded. */
export interface ConfigRuleInvocation {
  /** Derived from the rule and the result token: the same for a retried invocation. */
  eventId: string;
  configRuleName: string;
  configRuleArn: string;
  configRuleId?: string;
  accountId: string;
  /** The rule's region (from its ARN). */
  region: string;
  resultToken: string;
  executionRoleArn: string;
  /**
   * The resource left the rule's scope: report NOT_APPLICABLE for the routed ref instead of
   * evaluating it (AWS Config's contract). Deleted resources arrive with `route.deleted` as well.
   */
  eventLeftScope: boolean;
  evaluationMode?: string;
  /** Decoded ruleParameters; {} when the rule has none. */
  ruleParameters: Record<string, unknown>;
  messageType: string;
  /** change: one configuration item (route says which); periodic: no item, evaluate every resource. */
  trigger: 'change' | 'periodic';
  notificationCreationTime?: string;
  route: RouteResult;
}

function parseJson(text: string, field: string, eventId: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // The parser's message quotes the text around the error, which may hold secrets: give the position only.
    throw new EventValidationError(
      `${field}: expected a JSON string, received ${describeJsonError(error, text)}`,
      {
        eventId,
        cause: error,
      },
    );
  }
}

function decodeRuleParameters(text: string | null | undefined, eventId: string): Record<string, unknown> {
  if (text === undefined || text === null || text.trim() === '') return {};
  const value = parseJson(text, 'ruleParameters', eventId);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fieldError(['ruleParameters'], 'a JSON object', value, eventId);
  }
  return value as Record<string, unknown>;
}

/**
 * Validates and decodes the Lambda event of a custom AWS Config rule: the invokingEvent and
 * ruleParameters JSON strings, and the route of the configuration item it carries.
 */
export function parseConfigRuleInvocation(event: unknown): ConfigRuleInvocation {
  const raw = parseOrThrow(configRuleInvocationSchema, event);
  const tokenHash = createHash('sha256').update(raw.resultToken).digest('hex').slice(0, 32);
  const eventId = `${raw.configRuleId ?? raw.configRuleName}:${tokenHash}`;
  const region = regionOfArn(raw.configRuleArn);
  if (region === undefined) {
    fieldError(['configRuleArn'], 'an AWS Config rule ARN', raw.configRuleArn, eventId);
  }
  const decoded = parseJson(raw.invokingEvent, 'invokingEvent', eventId);
  const invokingEvent = parseOrThrow(invokingEventSchema, decoded, { at: ['invokingEvent'], eventId });
  const ruleParameters = decodeRuleParameters(raw.ruleParameters, eventId);
  const { messageType } = invokingEvent;
  const ctx = {
    eventId,
    eventName: messageType,
    eventTime: invokingEvent.notificationCreationTime,
    accountId: raw.accountId,
    region,
  };
  let trigger: ConfigRuleInvocation['trigger'] = 'change';
  let route: RouteResult;
  if (invokingEvent.messageType === 'ConfigurationItemChangeNotification') {
    route = routeItem(invokingEvent.configurationItem, {
      ...ctx,
      // As AWS sent it: the schema's output would drop values it could not read.
      configurationItem: (decoded as { configurationItem: unknown }).configurationItem,
    });
  } else if (invokingEvent.messageType === 'OversizedConfigurationItemChangeNotification') {
    route = routeItem(invokingEvent.configurationItemSummary, ctx);
  } else {
    // ScheduledNotification, and snapshot deliveries that some rules are still wired to.
    trigger = 'periodic';
    route = ignore(eventId, `${messageType} carries no configuration item; evaluate every resource instead`);
  }
  const invocation: ConfigRuleInvocation = {
    eventId,
    configRuleName: raw.configRuleName,
    configRuleArn: raw.configRuleArn,
    accountId: raw.accountId,
    region,
    resultToken: raw.resultToken,
    executionRoleArn: raw.executionRoleArn,
    eventLeftScope: raw.eventLeftScope,
    ruleParameters,
    messageType,
    trigger,
    route,
  };
  if (raw.configRuleId !== undefined) invocation.configRuleId = raw.configRuleId;
  if (raw.evaluationMode !== undefined) invocation.evaluationMode = raw.evaluationMode;
  if (invokingEvent.notificationCreationTime !== undefined) {
    invocation.notificationCreationTime = invokingEvent.notificationCreationTime;
  }
  return invocation;
}
