import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { IDEMPOTENCY_PARTITION, TABLE_KEYS } from '../state/table.js';
import type { ActionRecord, PlannedAction } from './types.js';

/** One action, for one delivery of one event: the event id is stable across EventBridge redeliveries. */
export interface ActionRequest extends PlannedAction {
  eventId: string;
}

export type IdempotentActionResult =
  /** This delivery acted. */
  | { outcome: 'executed'; record: ActionRecord }
  /** An earlier delivery of the same event already acted; this is its record. Nothing was called again. */
  | { outcome: 'replayed'; record: ActionRecord }
  /** Another delivery of the same event is acting right now: it is already being handled. */
  | { outcome: 'in-progress'; note: string };

export interface ActionIdempotencyOptions {
  tableName: string;
  client: DynamoDBClient;
  /** How long a record keeps a redelivered event from acting again. Default one day. */
  expiresAfterSeconds?: number;
}

const ONE_DAY_SECONDS = 86_400;
/** Shared by every function, so the key does not depend on which Lambda function acted. */
const KEY_PREFIX = 'transit-guard-action';

/**
 * Wraps an action so that each (event id, rule id, resource id) acts at most once: the first delivery
 * writes an in-progress record in the state table (Powertools idempotency, conditional put) and stores
 * the action record when done; a redelivery gets that stored record back; a concurrent duplicate is told
 * the action is already being handled. A failed action is a stored result too (never retried blindly);
 * only an exception (no record at all) frees the key for another try.
 */
export function makeActionIdempotent(
  fn: (request: ActionRequest) => Promise<ActionRecord>,
  options: ActionIdempotencyOptions,
): (request: ActionRequest, lambdaContext?: Context) => Promise<IdempotentActionResult> {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: options.tableName,
    awsSdkV3Client: options.client,
    keyAttr: TABLE_KEYS.partitionKey,
    sortKeyAttr: TABLE_KEYS.sortKey,
    staticPkValue: IDEMPOTENCY_PARTITION,
    expiryAttr: TABLE_KEYS.ttlAttribute,
  });
  const config = new IdempotencyConfig({
    eventKeyJmesPath: '[eventId, ruleId, ref.resourceId]',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: options.expiresAfterSeconds ?? ONE_DAY_SECONDS,
    // A stored result comes back to a redelivery: say it is a replay, not a second action.
    responseHook: (response) =>
      response !== null &&
      typeof response === 'object' &&
      !Array.isArray(response) &&
      response.outcome === 'executed'
        ? { ...response, outcome: 'replayed' }
        : response,
  });
  const idempotent = makeIdempotent(
    async (request: ActionRequest, _context?: Context): Promise<IdempotentActionResult> => ({
      outcome: 'executed',
      // Stored in DynamoDB: plain JSON data (resources may hold fields that are present but undefined).
      record: JSON.parse(JSON.stringify(await fn(request))) as ActionRecord,
    }),
    { persistenceStore, config, keyPrefix: KEY_PREFIX },
  );
  return async (request, lambdaContext) => {
    try {
      // With a Lambda context, Powertools bounds the in-progress record by the invocation's remaining time.
      return (await idempotent(request, lambdaContext)) as IdempotentActionResult;
    } catch (error) {
      if (error instanceof IdempotencyAlreadyInProgressError) {
        return {
          outcome: 'in-progress',
          note: `already being handled: another delivery of event ${request.eventId} is acting on ${request.ref.resourceId} for ${request.ruleId}`,
        };
      }
      throw error;
    }
  };
}
